"""`/self-assessment`: each council's self-assessed risk in each domain beside what its data say (its ratings against
the North West counted by colour, and its measures worse and getting worse), with any disagreement said in words,
so peers can challenge where the story and the numbers differ. The same rows are its CSV."""

from __future__ import annotations

from dataclasses import dataclass

from data.catalogue import Domain
from data.read_api import ReadAPI
from page_models import overview_model
from page_models.account_model import accounts
from page_models.routes import LATEST, PAGE
from page_models.states import OverviewState


@dataclass(frozen=True)
class Comparison:
    council: str
    council_name: str
    domain: Domain
    self_rating: str | None      # low / medium / high, or None: not published
    period: str | None           # the period the self-assessment is for
    better: int
    similar: int
    worse: int
    red_red: int
    verdict: str                 # "agrees", "disagrees", "no self-assessment", "no rated data"
    words: str                   # the comparison in a sentence


def _measures(n: int) -> str:
    return f"{n} measure{'s' if n != 1 else ''}"


def judge(rating: str | None, better: int, worse: int, red_red: int) -> tuple[str, str]:
    """(verdict, sentence). A low self-rating disagrees with any measure worse and getting worse or two or more
    significantly worse; a high one disagrees with data that show none worse and two or more better."""
    data = (f"{_measures(worse)} significantly worse" + (f", {red_red} worse and getting worse" if red_red else "")
            + f"; {_measures(better)} better")
    if rating is None:
        return "no self-assessment", f"Not self-assessed. The data: {data}."
    if better + worse == 0 and not red_red:
        return "no rated data", (f"Self-assessed {rating} risk; no measure is rated better or worse, so the data "
                                 "cannot confirm or challenge it.")
    if rating == "low" and (red_red or worse >= 2):
        return "disagrees", f"Self-assessed low risk; {data}."
    if rating == "high" and worse == 0 and better >= 2:
        return "disagrees", f"Self-assessed high risk; the data show none worse and {_measures(better)} better."
    return "agrees", f"Self-assessed {rating} risk; {data}."


def build(api: ReadAPI) -> list[Comparison]:
    page = overview_model.build(api, OverviewState(api.catalogue.domains[0].slug, LATEST,
                                                   PAGE["overview"].default_benchmark))
    own = accounts(api)
    out = []
    for row in page.matrix:
        for cell in row.cells:
            a = own.get((row.code, cell.domain.slug))
            rating = a.self_rating if a else None
            better, similar, worse = (cell.counts.get(c, 0) for c in ("green", "amber", "red"))
            verdict, words = judge(rating, better, worse, cell.red_red)
            out.append(Comparison(row.code, row.name, cell.domain, rating, a.period if a else None, better, similar,
                                  worse, cell.red_red, verdict, words))
    return out


CSV_COLUMNS = ("council_code", "council", "domain", "self_assessed_risk", "self_assessment_period", "better",
               "similar", "worse", "worse_and_getting_worse", "verdict", "in_words")


def csv_rows(rows: list[Comparison]) -> list[dict]:
    return [dict(zip(CSV_COLUMNS, (r.council, r.council_name, r.domain.name, r.self_rating or "", r.period or "",
                                   r.better, r.similar, r.worse, r.red_red, r.verdict, r.words), strict=True))
            for r in rows]
