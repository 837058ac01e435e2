"""The measure catalogue: six domains and their measures, read from reviewed YAML and validated.

The YAML files under `data/catalogue/` are the single source of truth; this module checks every
rule METHODS.md sets for a measure so that a bad edit fails loudly at start-up and in the tests.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from datetime import date
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import yaml

from analysis.vocabulary import CATEGORY_WORDS, METHOD_WORDS, POLARITY_WORDS
from data.periods import EARLIEST, is_financial_year, next_financial_year, start_year

CATALOGUE_DIR = Path(__file__).parent / "catalogue"

UNITS = ("%", "per 100,000", "per 100", "score", "£ per head", "£ per client", "£ per hour", "£ per week", "count",
         "days", "rating", "category")
POLARITIES = tuple(POLARITY_WORDS)
RATING_METHODS = tuple(METHOD_WORDS)
INTERVAL_METHODS = ("wilson", "byar", "margin", "none")
VALUE_TYPES = ("numeric", "categorical")
COLLECTIONS = ("annual", "users_survey", "carers_survey", "cqc_assessment", "election")
# The largest plausible value by unit; "score" and "rating" measures give their own `max_value`.
UNIT_MAXIMUM = {"%": 100.0, "per 100,000": 100_000.0, "per 100": 10_000.0, "£ per head": 100_000.0,
                "£ per client": 1_000_000.0, "£ per hour": 1_000.0,
                "£ per week": 50_000.0, "days": 366.0,
                "count": 70_000_000.0, "category": 0.0}
MAXIMUM_COUNT = 70_000_000  # no count of people or events in England can be larger (its population is ~57 million)



class CatalogueError(ValueError):
    """The catalogue YAML breaks a rule; the message names the measure and the field."""


@dataclass(frozen=True)
class Domain:
    id: int
    slug: str
    name: str
    short_name: str
    description: str


@dataclass(frozen=True)
class Measure:
    id: str
    domain: str
    name: str
    short_name: str
    unit: str
    decimals: int
    polarity: str
    rating_method: str
    interval_method: str
    multiplier: int
    min_denominator: int
    value_type: str
    collection: str
    source: str
    source_url: str
    definition: str
    references: tuple[str, ...] = ()
    first_period: str | None = None
    last_period: str | None = None
    caveats: str | None = None
    max_value: float | None = None
    min_value: float | None = None          # the smallest possible value, where it is above 0 (a 1-4 score)
    categories: tuple[str, ...] = ()        # a categorical measure's only words, where the source has a fixed list
    # (the first period of the new definition, what changed): no change or trend is worked out across one
    definition_breaks: tuple[tuple[str, str], ...] = ()
    # One or two neutral questions a peer might ask where the measure is worse or getting worse (issue 28); regional
    # analysts may reword them in the editor (data.questions), and the newest wording is shown
    challenge_questions: tuple[str, ...] = ()
    # Collected quarterly too (the North West's regional returns: provisional, management information), and how a
    # year to date adds up from its quarters: "counts" (numerators and denominators summed), "sum" (the values
    # summed: events per 100,000 in each quarter), "last" (a snapshot: the newest quarter's) or "mean"
    quarterly: str | None = None

    def breaks_between(self, first: str, last: str) -> tuple[str, str] | None:
        """The definition change that falls after `first` and no later than `last` (the first one), or None."""
        return next(((p, why) for p, why in self.definition_breaks if first < p <= last), None)

    def period_range(self, today: date | None = None) -> tuple[str, str]:
        """The years an import may carry for this measure: its own first and last published years, or from
        2010-11 to the year after the current one where it does not say."""
        return self.first_period or EARLIEST, self.last_period or next_financial_year(today)

    @property
    def upper_bound(self) -> float:
        """The largest value that is plausible at all: the catalogue's `max_value`, or what the unit allows."""
        return self.max_value if self.max_value is not None else UNIT_MAXIMUM[self.unit]

    @property
    def scale(self) -> str:
        """A score's scale in words ("out of 24", "from 1 to 4"), so a value such as 0.408 means something; ""
        for any other unit."""
        if self.unit != "score" or self.max_value is None:
            return ""
        return f"from {self.min_value:g} to {self.max_value:g}" if self.min_value else f"out of {self.max_value:g}"

    @property
    def is_categorical(self) -> bool:
        return self.value_type == "categorical"

    @property
    def polarity_words(self) -> str:
        if self.is_categorical:
            return CATEGORY_WORDS
        return POLARITY_WORDS[self.polarity]

    @property
    def codes(self) -> str:
        """Its published codes in words: ASCOF's, year by year, then any others ("Oflog ASC4")."""
        return "; ".join(c for c in (ascof_codes(self.id), *self.references) if c)

    @property
    def method_words(self) -> str:
        return METHOD_WORDS[self.rating_method]


@dataclass(frozen=True)
class Catalogue:
    domains: tuple[Domain, ...]
    measures: tuple[Measure, ...]

    def domain(self, slug: str) -> Domain | None:
        return next((d for d in self.domains if d.slug == slug), None)

    def measure(self, measure_id: str) -> Measure | None:
        """The measure with this id, or None: for ids from outside (a URL, a file, a form)."""
        return self._by_id.get(measure_id)

    def known_measure(self, measure_id: str) -> Measure:
        """A measure the caller already knows is in the catalogue (a stored row's, a checked state's)."""
        found = self._by_id.get(measure_id)
        if found is None:
            raise LookupError(f"{measure_id!r} is not a measure in the catalogue")
        return found

    def known_domain(self, slug: str) -> Domain:
        """A domain the caller already knows is one of the six (a measure's, a checked state's)."""
        found = self.domain(slug)
        if found is None:
            raise LookupError(f"{slug!r} is not one of the six domains")
        return found

    @cached_property
    def _by_id(self) -> dict[str, Measure]:
        return {m.id: m for m in self.measures}

    def measures_in(self, slug: str) -> list[Measure]:
        return [m for m in self.measures if m.domain == slug]


OPTIONAL = ("first_period", "last_period", "caveats", "max_value", "min_value", "categories", "definition_breaks",
            "challenge_questions", "quarterly")
QUARTERLY = ("counts", "sum", "last", "mean")
MAX_QUESTIONS, MAX_QUESTION = 2, 300  # questions a measure, characters a question
REQUIRED = [f.name for f in fields(Measure) if f.name not in OPTIONAL]


def _check_measure(raw: dict, domain_slugs: set[str]) -> Measure:
    mid = raw.get("id", "<no id>")

    def fail(field_name: str, why: str):
        raise CatalogueError(f"measure {mid}: field '{field_name}' {why}")

    for name in REQUIRED:
        value = raw.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if name == "references" and value == []:
                continue
            fail(name, "is missing or empty")
    unknown = set(raw) - {f.name for f in fields(Measure)}
    if unknown:
        fail(sorted(unknown)[0], "is not a catalogue field")
    checks = [
        ("domain", raw["domain"] in domain_slugs, f"must be one of {sorted(domain_slugs)}"),
        ("unit", raw["unit"] in UNITS, f"must be one of {UNITS}"),
        ("polarity", raw["polarity"] in POLARITIES, f"must be one of {POLARITIES}"),
        ("rating_method", raw["rating_method"] in RATING_METHODS, f"must be one of {RATING_METHODS}"),
        ("interval_method", raw["interval_method"] in INTERVAL_METHODS, f"must be one of {INTERVAL_METHODS}"),
        ("value_type", raw["value_type"] in VALUE_TYPES, f"must be one of {VALUE_TYPES}"),
        ("collection", raw["collection"] in COLLECTIONS, f"must be one of {COLLECTIONS}"),
        ("decimals", isinstance(raw["decimals"], int) and 0 <= raw["decimals"] <= 4, "must be 0 to 4"),
        ("min_denominator", isinstance(raw["min_denominator"], int) and raw["min_denominator"] >= 0,
         "must be a whole number >= 0"),
        ("multiplier", raw["multiplier"] in (1, 100, 1000, 100000), "must be 1, 100, 1000 or 100000"),
        ("source_url", str(raw["source_url"]).startswith("https://"), "must be an https:// address"),
    ]
    for name, ok, why in checks:
        if not ok:
            fail(name, why)
    for name in ("first_period", "last_period"):
        if raw.get(name) is not None and not is_financial_year(str(raw[name])):
            fail(name, "must be a financial year like 2023-24")
    if raw["unit"] in ("score", "rating") and not isinstance(raw.get("max_value"), int | float):
        fail("max_value", "must give the largest possible score or rating")
    if raw.get("max_value") is not None and not (isinstance(raw["max_value"], int | float) and raw["max_value"] > 0):
        fail("max_value", "must be a positive number")
    low = raw.get("min_value")
    if low is not None and not (isinstance(low, int | float) and 0 <= low < (raw.get("max_value") or math.inf)):
        fail("min_value", "must be a number from 0 up to below max_value")
    words = raw.get("categories") or []
    if words and (raw["value_type"] != "categorical" or not all(isinstance(w, str) and w.strip() for w in words)):
        fail("categories", "must list the words of a categorical measure")
    if raw.get("first_period") and raw.get("last_period") and str(raw["first_period"]) > str(raw["last_period"]):
        fail("last_period", "must not come before first_period")
    categorical = raw["value_type"] == "categorical"
    if categorical and (raw["rating_method"] != "not_rated" or raw["polarity"] != "no_judgement"):
        fail("rating_method", "must be not_rated with polarity no_judgement for a categorical measure")
    if not categorical and raw["rating_method"] == "not_rated":
        fail("rating_method", "not_rated is only for categorical measures")
    if raw["rating_method"] == "significance" and raw["interval_method"] == "none":
        fail("interval_method", "must give an interval method when rating by significance")
    if raw["interval_method"] == "wilson" and raw["unit"] != "%":
        fail("interval_method", "wilson is for proportions (unit %)")
    if raw["interval_method"] == "byar" and raw["unit"] != "per 100,000":
        fail("interval_method", "byar is for rates (unit per 100,000)")
    if raw["unit"] == "%" and raw["multiplier"] != 100:
        fail("multiplier", "must be 100 for a percentage")
    if any(str(r).startswith("ASCOF") for r in raw["references"]):
        fail("references", "must not list ASCOF codes: ascof_codes.yaml maps them, year by year")
    breaks = raw.get("definition_breaks") or []
    if not all(isinstance(b, dict) and set(b) == {"period", "note"} and is_financial_year(str(b["period"]))
               and str(b["note"]).strip() for b in breaks):
        fail("definition_breaks", "must list {period: a financial year, note: what changed}")
    if raw.get("quarterly") is not None and raw["quarterly"] not in QUARTERLY:
        fail("quarterly", f"must be one of {QUARTERLY}: how a year to date adds up from its quarters")
    if raw.get("quarterly") == "counts" and raw["interval_method"] not in ("wilson", "byar"):
        fail("quarterly", "counts adds up numerators and denominators: the measure must be made from counts")
    questions = raw.get("challenge_questions") or []
    if not (isinstance(questions, list) and len(questions) <= MAX_QUESTIONS and all(
            isinstance(q, str) and q.strip().endswith("?") and len(q) <= MAX_QUESTION for q in questions)):
        fail("challenge_questions", f"must list at most {MAX_QUESTIONS} questions, each ending with '?'")
    return Measure(**{**raw, "references": tuple(raw["references"]), "categories": tuple(words),
                      "challenge_questions": tuple(q.strip() for q in questions),
                      "definition_breaks": tuple((str(b["period"]), str(b["note"]).strip()) for b in breaks)})


def stripped(entry: dict[str, Any]) -> dict[str, Any]:
    """A YAML entry with the spaces around its text values removed."""
    return {k: (v.strip() if isinstance(v, str) else v) for k, v in entry.items()}


def load_catalogue(directory: Path = CATALOGUE_DIR) -> Catalogue:
    """Read and validate `domains.yaml` and `measures.yaml`; raise CatalogueError on any broken rule."""
    raw_domains = yaml.safe_load((directory / "domains.yaml").read_text(encoding="utf-8"))
    domains = tuple(Domain(**stripped(d)) for d in raw_domains)
    if [d.id for d in domains] != [1, 2, 3, 4, 5, 6]:
        raise CatalogueError("domains.yaml must list the six domains with ids 1 to 6 in order")
    slugs = {d.slug for d in domains}
    raw_measures = yaml.safe_load((directory / "measures.yaml").read_text(encoding="utf-8"))
    measures = tuple(_check_measure(m, slugs) for m in raw_measures)
    ids = [m.id for m in measures]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise CatalogueError(f"measure ids must be unique; repeated: {', '.join(duplicates)}")
    for d in domains:
        count = sum(m.domain == d.slug for m in measures)
        if count < 6:
            raise CatalogueError(f"domain {d.slug} has {count} measures; each domain needs at least 6")
    return Catalogue(domains=domains, measures=measures)


@lru_cache(maxsize=1)
def frameworks() -> list[dict]:
    """ASCOF's frameworks (`ascof_codes.yaml`): each one's years and its code → measure map."""
    return yaml.safe_load((CATALOGUE_DIR / "ascof_codes.yaml").read_text(encoding="utf-8"))["frameworks"]


def codes_for(period: str) -> tuple[str, dict[str, str]]:
    """The framework in force for a period and its code → measure map."""
    year = start_year(period)
    for f in frameworks():
        if start_year(f["first_period"]) <= year and (not f["last_period"] or year <= start_year(f["last_period"])):
            return f["name"], {str(k): v for k, v in f["codes"].items()}
    raise ValueError(f"no ASCOF framework covers {period}")


def ascof_codes(measure_id: str) -> str:
    """A measure's ASCOF code in each framework, newest first: "ASCOF 2C from 2023-24, formerly 2A2"; "" when it is
    not an ASCOF measure."""
    found = []
    for f in frameworks():
        code = next((str(k) for k, v in f["codes"].items() if v == measure_id), None)
        if code:
            found.append((f["first_period"], f["last_period"], code))
    if not found:
        return ""
    found.sort(reverse=True)
    newest_from, newest_to, newest = found[0]
    older = [code for _, _, code in found[1:]]
    if not older:
        return f"ASCOF {newest}" + (f" (to {newest_to})" if newest_to else "")
    if older == [newest]:
        return f"ASCOF {newest} (unchanged in the {newest_from} refresh)"
    return f"ASCOF {newest} from {newest_from}, formerly {', '.join(older)}"


@lru_cache(maxsize=1)
def catalogue() -> Catalogue:
    """The catalogue shipped with the app, read once."""
    return load_catalogue()
