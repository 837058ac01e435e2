"""The illustrative demo dataset: a deterministic generator of one release for every catalogue measure.

It fills the 23 North West councils (Cumbria to 2022-23, Cumberland and Westmorland and Furness
from 2023-24), the North West and England for 2015-16 to 2024-25, or every English council for
benchmarks (`scope="england"`). Values are invented within plausible ranges; they are NOT official
statistics, and every page that shows them says so. The same seed always gives the same rows.
"""

from __future__ import annotations

import hashlib
import math
import random
import statistics
from dataclasses import dataclass
from functools import partial
from typing import Any

from sqlalchemy.orm import Session

from data import reference
from data.catalogue import Catalogue, Measure, catalogue
from data.periods import period_range, start_year
from data.releases import ReleaseMeta, add_release
from data.schema import PeerGroup, PeerGroupMember

SEED = 20260401
FIRST_PERIOD, LAST_PERIOD = "2015-16", "2024-25"
ILLUSTRATIVE = "Illustrative data — not official statistics"

# Approximate resident populations in thousands (Census 2021, rounded) and the share aged 65+, used
# only to size the illustrative numerators and denominators of the North West councils.
NW_POPULATION = {
    "E06000008": (154, 0.15), "E06000009": (141, 0.22), "E08000001": (296, 0.18), "E08000002": (193, 0.19),
    "E06000049": (399, 0.24), "E06000050": (357, 0.22), "E10000006": (500, 0.26), "E06000063": (274, 0.25),
    "E06000064": (225, 0.27), "E06000006": (128, 0.19), "E08000011": (155, 0.17), "E10000017": (1235, 0.21),
    "E08000012": (487, 0.15), "E08000003": (552, 0.10), "E08000004": (242, 0.16), "E08000005": (223, 0.17),
    "E08000006": (270, 0.14), "E08000014": (280, 0.24), "E08000013": (183, 0.20), "E08000007": (294, 0.20),
    "E08000008": (231, 0.18), "E08000009": (235, 0.18), "E06000007": (211, 0.20), "E08000010": (330, 0.19),
    "E08000015": (320, 0.23),
}

USERS_SURVEY_NOTE = "The Adult Social Care Survey was voluntary in 2020-21 because of COVID-19"
CARERS_SURVEY_YEARS = {"2016-17", "2018-19", "2021-22", "2023-24"}


@dataclass(frozen=True)
class Profile:
    """How a numeric measure behaves: centre in 2015-16, spread between councils, yearly trend and noise,
    bounds, and for counted measures the cohort size per adult (wilson) or the population base (byar)."""

    centre: float
    spread: float
    trend: float = 0.0
    noise: float = 0.0
    low: float = 0.0
    high: float = 100.0
    cohort: float = 0.0        # wilson: denominator per adult resident; margin: survey respondents
    base: str = "adults"       # byar: adults, age_18_64 or age_65_plus
    sd: float = 0.0            # margin measures on a score scale: the standard deviation of answers


CQC_SCORE = Profile(centre=2.7, spread=0.6, low=1, high=4)
PROFILES = {
    "lg_cqc_qs8_governance": CQC_SCORE, "cq_cqc_qs4_care_provision": CQC_SCORE, "np_cqc_qs5_partnerships": CQC_SCORE,
    "np_cqc_qs6_pathways": CQC_SCORE, "cc_cqc_qs9_learning": CQC_SCORE, "cc_cqc_qs3_equity": CQC_SCORE,
    "cc_cqc_qs7_safeguarding": CQC_SCORE,
    "lg_unallocated_reserves": Profile(7.0, 3.0, 0.2, 1.0, 1, 30),
    "lg_asc_precept": Profile(1.4, 0.3, 0.95, 0.2, 0, 15),
    "ascof_1a": Profile(19.1, 0.4, -0.05, 0.25, 15, 24, cohort=420, sd=4.0),
    "ascof_1b": Profile(77.5, 3.0, -0.2, 1.5, 50, 95, cohort=420),
    "ascof_1d": Profile(7.6, 0.35, -0.08, 0.2, 5, 11, cohort=480, sd=2.5),
    "ascof_1j": Profile(0.405, 0.025, 0.0, 0.012, 0.2, 0.6),
    "ascof_1e": Profile(5.5, 2.5, 0.1, 0.8, 0, 30, cohort=0.0033),
    "ascof_1f": Profile(7.0, 3.0, 0.1, 1.0, 0, 30, cohort=0.003),
    "ascof_1g": Profile(78.0, 6.0, 0.3, 1.5, 40, 98, cohort=0.0033),
    "ascof_1h": Profile(58.0, 12.0, 0.0, 3.0, 10, 95, cohort=0.003),
    "ascof_1i1": Profile(45.0, 3.5, -0.4, 2.0, 25, 70, cohort=420),
    "ascof_1i2": Profile(30.0, 4.0, -0.6, 2.0, 10, 55, cohort=480),
    "ascof_4a": Profile(70.0, 3.0, 0.0, 1.5, 50, 90, cohort=420),
    "ascof_3a": Profile(64.0, 3.5, -0.2, 1.8, 40, 85, cohort=420),
    "ascof_3b": Profile(39.0, 4.0, -0.5, 2.0, 20, 65, cohort=480),
    "ascof_4b": Profile(86.0, 2.5, 0.0, 1.2, 70, 97, cohort=420),
    "ascof_1c1a": Profile(90.0, 7.0, 0.3, 1.5, 40, 100, cohort=0.012),
    "ascof_1c2a": Profile(27.0, 7.0, -0.2, 1.5, 5, 60, cohort=0.012),
    "ascof_1c1b": Profile(85.0, 12.0, 0.3, 2.0, 20, 100, cohort=0.004),
    "ascof_1c2b": Profile(75.0, 15.0, 0.3, 2.0, 10, 100, cohort=0.004),
    "cq_care_homes_good": Profile(76.0, 7.0, 0.8, 3.0, 40, 100, cohort=0.00045),
    "cq_homecare_good": Profile(83.0, 6.0, 0.6, 3.0, 40, 100, cohort=0.0002),
    "cq_homecare_handbacks": Profile(25.0, 12.0, 1.0, 5.0, 0, 200),
    "cq_care_home_beds": Profile(9.5, 2.0, -0.15, 0.3, 4, 16),
    "ascof_2a1": Profile(14.0, 5.0, 0.0, 2.5, 2, 45, base="age_18_64"),
    "ascof_2a2": Profile(600.0, 110.0, -12.0, 40.0, 250, 1200, base="age_65_plus"),
    "ascof_2b1": Profile(82.0, 5.0, 0.0, 2.5, 50, 98, cohort=0.0015),
    "ascof_2b2": Profile(2.8, 1.5, -0.05, 0.5, 0.2, 12, cohort=0.03),
    "ascof_2d": Profile(77.0, 10.0, 0.0, 3.0, 30, 99, cohort=0.006),
    "ascof_2c1": Profile(11.0, 5.0, 0.6, 1.5, 1, 40),
    "ascof_2c2": Profile(4.0, 2.5, 0.3, 0.8, 0, 20),
    "ascof_2c3": Profile(1.5, 1.0, 0.1, 0.4, 0, 10),
    "np_discharge_same_day": Profile(83.0, 5.0, 0.5, 1.5, 60, 98, cohort=0.15),
    "rw_net_spend_per_adult": Profile(420.0, 60.0, 22.0, 12.0, 250, 900),
    "rw_asc_share_budget": Profile(36.0, 5.0, 0.7, 1.0, 20, 60),
    "rw_turnover": Profile(31.0, 4.0, -0.3, 2.0, 15, 50),
    "rw_vacancy": Profile(7.5, 2.0, 0.3, 1.0, 1, 20),
    "rw_sickness_days": Profile(5.0, 1.0, 0.1, 0.5, 1, 12),
    "rw_care_qualification": Profile(48.0, 6.0, -0.3, 2.0, 25, 75),
    "rw_zero_hours": Profile(24.0, 8.0, -0.2, 2.0, 2, 60),
    "rw_requests_per_100k": Profile(4000.0, 900.0, 50.0, 250.0, 1500, 9000),
    "rw_gross_spend_per_adult": Profile(460.0, 70.0, 20.0, 12.0, 250, 1000),
    "rw_long_term_spend_per_adult": Profile(330.0, 55.0, 15.0, 10.0, 150, 800),
    "rw_short_term_spend_per_adult": Profile(14.0, 6.0, 0.3, 2.0, 0, 60),
    "rw_lts_clients_per_100k": Profile(1900.0, 350.0, 0.0, 60.0, 800, 4000),
    "rw_long_term_spend_per_client": Profile(17500.0, 3000.0, 450.0, 600.0, 8000, 40000),
    "np_reablement_episodes_per_100k": Profile(420.0, 200.0, 5.0, 40.0, 20, 1500),
    "cq_homecare_hourly_rate": Profile(17.5, 1.5, 0.8, 0.3, 12, 30),
    "cq_care_home_weekly_cost": Profile(720.0, 90.0, 30.0, 15.0, 400, 1400),
    "cc_ombudsman_upheld": Profile(1.2, 0.5, 0.05, 0.3, 0, 10),
    "cc_ombudsman_compliance": Profile(98.0, 3.0, 0.0, 2.0, 50, 100),
    "cc_survey_response_rate": Profile(38.0, 6.0, -0.8, 2.0, 10, 70),
    "ascof_3d1": Profile(68.0, 4.0, 0.0, 2.0, 45, 90, cohort=230),
    "ascof_3d2": Profile(60.0, 5.0, -0.3, 2.5, 35, 85, cohort=300),
    "ascof_3c": Profile(69.0, 5.0, -0.3, 2.0, 40, 95, cohort=300),
    "cc_msp_outcomes_asked": Profile(78.0, 10.0, 0.8, 3.0, 30, 100, cohort=0.003),
    "cc_msp_outcomes_achieved": Profile(94.0, 3.0, 0.0, 1.5, 70, 100, cohort=0.0025),
}
PARTIES = ("Labour", "Conservative", "Liberal Democrat", "No overall control")
CQC_WORDS = {1: "Inadequate", 2: "Requires improvement", 3: "Good", 4: "Outstanding"}


@dataclass(frozen=True)
class DemoArea:
    code: str
    name: str
    council_type: str | None
    adults: float
    share_65: float


# England in the North West demo: the national centre of each measure, with England's adult population.
ENGLAND_AREA = DemoArea(reference.ENGLAND, "England", None, 44_600_000, 0.185)


# The demo covers every English council, as the published data does, so that a North West council can be ranked
# among England's councils (quartiles against England need them all). "north_west" is the region alone: quicker,
# for tests of the warehouse's own mechanics.
SCOPES = ("england", "north_west")
DEFAULT_SCOPE = "england"


def _rng(*parts) -> random.Random:
    """A random stream of its own for each purpose, so adding a measure never changes another's values."""
    return random.Random(":".join(str(p) for p in (SEED, *parts)))


def _councils(scope: str) -> list[reference.AreaRef]:
    region = reference.NORTH_WEST if scope == "north_west" else None
    return [a for a in reference.areas() if a.kind == "council" and (region is None or a.region_code == region)
            and (a.valid_to is None or a.valid_to.year >= 2016)]


def _demo_area(a: reference.AreaRef) -> DemoArea:
    thousands: float
    share_65: float
    if a.code in NW_POPULATION:
        thousands, share_65 = NW_POPULATION[a.code]
    else:
        r = _rng("population", a.code)
        thousands, share_65 = math.exp(r.gauss(math.log(280), 0.5)), r.uniform(0.12, 0.25)
    return DemoArea(a.code, a.name, a.council_type, thousands * 1000 * 0.78, share_65)


def _position(code: str) -> float:
    """A council's lasting position on a measure scale; Cumbria's successors inherit Cumbria's."""
    base = code if code not in reference.CUMBRIA_SUCCESSORS else reference.CUMBRIA
    return _rng("position", base).gauss(0, 1) + (_rng("position", code).gauss(0, 0.3) if base != code else 0.0)


def _cqc_assessed(code: str) -> bool:
    """Whether CQC has assessed the council yet: about half had been by the end of 2024-25."""
    return _rng("cqc", code).random() >= 0.45


def _available(m: Measure, period: str) -> tuple[str, str] | None:
    """The marker and note when the source publishes nothing for this period, else None."""
    if m.first_period and start_year(period) < start_year(m.first_period):
        marker = "[z]" if m.collection == "cqc_assessment" else "[x]"
        return marker, f"Not published before {m.first_period}"
    if m.last_period and start_year(period) > start_year(m.last_period):
        return "[x]", f"The collection stopped after {m.last_period}"
    if m.collection == "users_survey" and period == "2020-21":
        return "[x]", USERS_SURVEY_NOTE
    if m.collection == "carers_survey" and period not in CARERS_SURVEY_YEARS:
        return "[x]", "The Survey of Adult Carers in England was not run this year"
    return None


def _marked(m: Measure, area: str, period: str, marker: str, note: str) -> dict:
    return {"measure_id": m.id, "area_code": area, "period": period, "marker": marker, "note": note}


def _numeric(m: Measure, p: Profile, area: DemoArea, period: str, z: float, r: random.Random,
             outliers: bool = True) -> dict:
    t = start_year(period) - start_year(FIRST_PERIOD)
    level = p.centre + p.trend * t + p.spread * z + p.noise * r.gauss(0, 1) * (1 if outliers else 0.2)
    if outliers and r.random() < 0.02:  # a few outliers
        level += r.choice((-1, 1)) * 3 * p.spread
    level = min(max(level, p.low), p.high)
    row: dict[str, Any] = {"measure_id": m.id, "area_code": area.code, "period": period}
    if m.interval_method == "wilson":
        n = max(12, round(area.adults * p.cohort * r.uniform(0.85, 1.15)))
        x = min(n, max(0, round(level / 100 * n)))
        if 0 < x < 5 or 0 < n - x < 5:
            return _marked(m, area.code, period, "[c]", "Suppressed: fewer than 5 people")
        row.update(numerator=x, denominator=n, value=round(100 * x / n, m.decimals))
    elif m.interval_method == "byar":
        population = {"adults": area.adults, "age_65_plus": area.adults / 0.78 * area.share_65,
                      "age_18_64": area.adults - area.adults / 0.78 * area.share_65}[p.base]
        x = max(0, round(level * population / m.multiplier))
        row.update(numerator=x, denominator=round(population),
                   value=round(m.multiplier * x / round(population), m.decimals))
    elif m.interval_method == "margin":
        respondents = max(80, round(p.cohort * r.uniform(0.7, 1.3)))
        sd = p.sd or math.sqrt(level / 100 * (1 - level / 100)) * 100
        margin = round(1.96 * sd / math.sqrt(respondents), 2)
        value = round(level, m.decimals)
        row.update(value=value, lower_ci=round(value - margin, 2), upper_ci=round(value + margin, 2), ci_level=95.0)
    elif m.collection == "cqc_assessment":
        row["value"] = float(min(4, max(1, round(level))))
    else:
        row["value"] = round(level, m.decimals)
    return row


def _aggregate(m: Measure, rows: list[dict], code: str, period: str) -> dict:
    """A published region or England value: pooled where counts exist, else the median of the councils."""
    values = sorted(r["value"] for r in rows if r.get("value") is not None)
    row: dict[str, Any] = {"measure_id": m.id, "area_code": code, "period": period}
    counted = [r for r in rows if r.get("numerator") is not None]
    if m.interval_method in ("wilson", "byar") and counted:
        x, n = sum(r["numerator"] for r in counted), sum(r["denominator"] for r in counted)
        row.update(numerator=x, denominator=n, value=round(m.multiplier * x / n, m.decimals))
    elif values:
        value = round(statistics.median(values), m.decimals)
        row["value"] = value
        if m.interval_method == "margin":
            margins = [(r["upper_ci"] - r["lower_ci"]) / 2 for r in rows if r.get("upper_ci") is not None]
            margin = round(sum(margins) / len(margins) / math.sqrt(len(margins)), 2)
            row.update(lower_ci=round(value - margin, 2), upper_ci=round(value + margin, 2), ci_level=95.0)
    else:
        return _marked(m, code, period, "[x]", "No council values to aggregate")
    return row


def _categorical(m: Measure, area: DemoArea, period: str, history: dict) -> dict:
    row = {"measure_id": m.id, "area_code": area.code, "period": period}
    r = _rng(m.id, area.code, period)
    if m.id == "lg_political_control":
        previous = history.get((area.code, "control"))
        if previous is None or r.random() < 0.12:
            previous = r.choices(PARTIES, weights=(60, 15, 5, 20))[0]
        history[(area.code, "control")] = previous
        row["text_value"] = previous
    elif m.id == "lg_control_change":
        last = history.get((area.code, "last_control"))
        now = history[(area.code, "control")]
        history[(area.code, "last_control")] = now
        if last is None:
            return _marked(m, area.code, period, "[x]", "No earlier year to compare with")
        row["text_value"] = "No change" if last == now else f"Changed from {last}"
    elif m.id == "lg_cqc_overall":
        if not _cqc_assessed(area.code):
            return _marked(m, area.code, period, "[x]", "Not yet assessed by CQC")
        score = min(4, max(1, round(2.7 + 0.6 * _position(area.code) * -1)))
        row["text_value"] = CQC_WORDS[score]
    elif m.id == "lg_auditor_vfm":
        row["text_value"] = "Significant weakness reported" if r.random() < 0.2 else "No significant weakness reported"
    else:
        raise ValueError(f"no demo rule for categorical measure {m.id}")
    return row


def generate(scope: str = DEFAULT_SCOPE, cat: Catalogue | None = None) -> list[dict]:
    """Every observation of the demo release, in a fixed order: the same rows on every call."""
    if scope not in ("north_west", "england"):
        raise ValueError("scope must be 'north_west' or 'england'")
    cat = cat or catalogue()
    council_refs = _councils(scope)
    demo = {a.code: _demo_area(a) for a in council_refs}
    region_of = {a.code: a.region_code for a in council_refs}
    regions = sorted({region for region in region_of.values() if region})
    periods = period_range(FIRST_PERIOD, LAST_PERIOD)
    # Measures in the order listed: political control comes before its change, as the history needs.
    rows: list[dict] = []
    history: dict = {}
    for m in cat.measures:
        for period in periods:
            present = [a for a in council_refs if a.exists_in(period)]
            gap = _available(m, period)
            council_rows = []
            for a in present:
                r = _rng(m.id, a.code, period)
                if gap:
                    council_rows.append(_marked(m, a.code, period, *gap))
                elif m.is_categorical:
                    council_rows.append(_categorical(m, demo[a.code], period, history))
                elif m.collection == "cqc_assessment" and not _cqc_assessed(a.code):
                    council_rows.append(_marked(m, a.code, period, "[x]", "Not yet assessed by CQC"))
                elif r.random() < 0.01:
                    council_rows.append(_marked(m, a.code, period, "[x]", "Not submitted by the council"))
                else:
                    position = _position(f"{a.code}:{m.id}")
                    council_rows.append(_numeric(m, PROFILES[m.id], demo[a.code], period, position, r))
            rows.extend(council_rows)
            for code in [*regions, reference.ENGLAND]:
                if gap:
                    rows.append(_marked(m, code, period, *gap))
                elif m.is_categorical or m.collection == "cqc_assessment":
                    rows.append(_marked(m, code, period, "[z]", "Not applicable to a region or to England"))
                elif m.id.startswith("cc_ombudsman") and code != reference.ENGLAND:
                    rows.append(_marked(m, code, period, "[x]", "Not published for regions"))
                elif code == reference.ENGLAND and scope == "north_west":
                    rows.append(_numeric(m, PROFILES[m.id], ENGLAND_AREA, period, 0.0, _rng(m.id, code, period), False))
                else:
                    members = [row for row in council_rows if code == reference.ENGLAND
                               or region_of[row["area_code"]] == code]
                    rows.append(_aggregate(m, members, code, period))
    return rows


def nearest_neighbour_groups(scope: str = DEFAULT_SCOPE, size: int | None = None) -> dict[str, list[str]]:
    """Illustrative peer groups: each council's most similar councils by type and size (not CIPFA's)."""
    councils = [_demo_area(a) for a in _councils(scope)]
    current = [c for c in councils if c.code != reference.CUMBRIA]
    size = size or (7 if scope == "north_west" else 15)
    groups = {}
    for c in councils:
        others = [o for o in current if o.code != c.code and not _related(c.code, o.code)]
        others.sort(key=lambda o: o.code)
        others.sort(key=partial(_distance, c))  # stable: equally distant councils stay in code order
        groups[c.code] = [o.code for o in others[:size]]
    return groups


def _distance(a: DemoArea, b: DemoArea) -> float:
    """How unlike two councils are: size, age profile and type."""
    return abs(math.log(b.adults / a.adults)) + abs(b.share_65 - a.share_65) * 5 + (b.council_type != a.council_type)


def _related(a: str, b: str) -> bool:
    family = {reference.CUMBRIA, *reference.CUMBRIA_SUCCESSORS}
    return a in family and b in family


def fingerprint(rows: list[dict]) -> str:
    """SHA-256 of the rows in order: the demo release's identity, the same on every machine."""
    digest = hashlib.sha256()
    for row in rows:
        digest.update(repr(sorted(row.items())).encode())
    return digest.hexdigest()


def load_demo(session: Session, scope: str = DEFAULT_SCOPE) -> int:
    """Write the demo release and its illustrative peer groups in the caller's transaction; return the release id."""
    rows = generate(scope)
    meta = ReleaseMeta(
        source="Illustrative demo data (invented values)", publisher="the scorecard's demo generator",
        licence="MIT (invented values)", file_name=f"demo-{scope}-seed-{SEED}", sha256=fingerprint(rows),
        status="final", imported_by="scorecard init", illustrative=True, note=ILLUSTRATIVE)
    # Peer groups first: the release's ratings are computed as it lands and need them.
    for owner, members in nearest_neighbour_groups(scope).items():
        slug = f"nn-demo-{owner}"
        if session.query(PeerGroup.id).filter_by(slug=slug).first() is None:
            session.add(PeerGroup(slug=slug, name="Illustrative nearest neighbours", kind="nearest_neighbours",
                                  owner_code=owner, source="Demo: most similar councils by type and size, not CIPFA's",
                                  members=[PeerGroupMember(area_code=code) for code in members]))
    session.flush()
    release = add_release(session, meta, rows)
    from data.demo_quarters import load_demo_quarters
    from data.demo_targets import load_demo_targets  # (it writes through data.targets, which reads the catalogue)

    load_demo_targets(session, rows, LAST_PERIOD)
    return load_demo_quarters(session, rows, LAST_PERIOD, scope) or release.id
