"""Load the published-data bundle into an empty warehouse: one release per source, each with its publisher,
licence, status and caveats, and the CIPFA nearest-neighbour groups.

Each source's rows are turned into the scorecard template (the measure ids of the catalogue) and then read by
the template importer, so the bundled values pass exactly the checks any imported file passes. Where two
sources publish the same measure for the same year, only one is used (see `sources.yaml`), so every value has
one source.
"""

from __future__ import annotations

import csv
import hashlib
import tempfile
from collections import defaultdict
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from data import reference
from data.breakdowns import Breakdown, add_breakdowns, breakdown_rows
from data.catalogue import catalogue, codes_for
from data.imports.run import read
from data.published.sources import Source, rows, source, sources
from data.releases import ReleaseMeta, add_release
from data.schema import PeerGroup, PeerGroupMember, Release

TEMPLATE = ["area_code", "period", "measure_id", "value", "numerator", "denominator", "margin_of_error", "marker"]
ASCOF_YEARS = ("2018-19", "2019-20", "2020-21")  # the years the official ASCOF files with every row cover
STACKED_YEARS = ("2017-18", "2021-22", "2022-23", "2023-24")  # the years only the stacked ASCOF file has
ASCOF_ALL_YEARS = ASCOF_YEARS + STACKED_YEARS
OFLOG = {"ASC1": "ascof_1d", "ASC2": "ascof_1j", "ASC3": "ascof_3d1", "ASC4": "ascof_3d2", "ASC5": "ascof_2d",
         "ASC6": "rw_requests_per_100k", "ASC7": "rw_turnover"}
TRAFFORD = {"ascof_3a_satisfaction": "ascof_3a", "ascof_admissions_care_homes_65plus": "ascof_2a2",
            "ascof_2b1_home_91_days": "ascof_2b1", "cqc_care_homes_good_or_outstanding_pct": "cq_care_homes_good"}
LEVELS = ("Council", "Region", "England", "Local authority")


def _marker_or_value(value: str, flag: str = "") -> dict:
    return {"value": value} if value.strip() else {"marker": flag or "[x]"}


def ascof_rows(source_rows: list[dict]) -> list[dict]:
    """Headline ("Total") rows of the councils, regions and England, under the catalogue's ids for that year's
    framework; codes outside the catalogue are left out."""
    out = []
    for r in source_rows:
        if r["disaggregation"] != "Total" or r["geographical_level"] not in LEVELS:
            continue
        measure = codes_for(r["period"])[1].get(r["measure_id"])
        if measure:
            out.append({"area_code": r["area_code"], "period": r["period"], "measure_id": measure,
                        **_marker_or_value(r["value"], r.get("value_flag", "")),
                        "numerator": r.get("numerator", ""), "denominator": r.get("denominator", ""),
                        "margin_of_error": r.get("margin_of_error", "")})
    return out


def stacked_ascof_rows(source_rows: list[dict]) -> list[dict]:
    """The stacked ASCOF file, for what the official files above do not have: its own years, and the values of their
    years that they lack (2019-20's carers' self-directed support, for one). Where both have a value they agree, and
    the official one has the counts, so it is the one used."""
    have = {(r["area_code"], r["period"], r["measure_id"])
            for source_id in ("ascof_2018_19_2019_20", "ascof_2020_21") for r in ascof_rows(rows(source_id))}
    stacked = ascof_rows([{**r, "disaggregation": r["disaggregation"] or "Total"} for r in source_rows])
    return [r for r in stacked if r["period"] in STACKED_YEARS
            or (r["area_code"], r["period"], r["measure_id"]) not in have]


def oflog_rows(source_rows: list[dict]) -> list[dict]:
    """Oflog's series for the years and measures the ASCOF files do not cover."""
    return [{"area_code": r["area_code"], "period": r["period"], "measure_id": measure,
             **_marker_or_value(r["value"])}
            for r in source_rows if (measure := OFLOG.get(r["measure_id"]))
            and not (measure.startswith("ascof_") and r["period"] in ASCOF_ALL_YEARS)]


def _financial_year_of_march(month: str) -> str:
    year = int(month[:4])
    return f"{year - 1}-{year % 100:02d}"


def trafford_rows(source_rows: list[dict]) -> list[dict]:
    """The LG Inform series: yearly values outside the ASCOF years, and CQC's March figure for each year."""
    out, seen = [], set()
    for r in source_rows:
        measure = TRAFFORD.get(r["measure_id"])
        if measure is None or not r["value"].strip():
            continue
        if r["period_type"] == "monthly":
            if not r["period"].endswith("-03"):
                continue
            period = _financial_year_of_march(r["period"])
        else:
            period = r["period"]
        key = (r["area_code"], period, measure)
        if (measure.startswith("ascof_") and period in ASCOF_ALL_YEARS) or key in seen:
            continue  # one source per value: the ASCOF files; a series listed in two Trafford files once
        seen.add(key)
        out.append({"area_code": r["area_code"], "period": period, "measure_id": measure, "value": r["value"]})
    return out


def political_rows(source_rows: list[dict]) -> list[dict]:
    """Control after each May's elections, for the financial year starting that April, and the change from the
    year before."""
    refs = {a.code: a for a in reference.areas()}
    out: list[dict] = []
    before: dict[str, str] = {}
    for r in sorted(source_rows, key=lambda r: (r["area_code"], r["year"])):
        year, code, control = int(r["year"]), r["area_code"], r["control"].strip()
        period = f"{year}-{(year + 1) % 100:02d}"
        previous = before.get(code)
        before[code] = control
        if not control or not refs[code].exists_in(period):
            continue
        out.append({"area_code": code, "period": period, "measure_id": "lg_political_control", "value": control})
        if previous:
            change = "No change" if previous == control else f"From {previous} to {control}"
            out.append({"area_code": code, "period": period, "measure_id": "lg_control_change", "value": change})
    return out


def outturn_rows(source_rows: list[dict]) -> list[dict]:
    """Adult social care's share of net current expenditure, and unallocated reserves as a percentage of it."""
    by_area: dict[tuple, dict[str, float]] = {}
    for r in source_rows:
        if r["value_gbp_thousands"].strip():
            by_area.setdefault((r["area_code"], r["period"]), {})[r["measure_id"]] = float(r["value_gbp_thousands"])
    out = []
    for (code, period), v in sorted(by_area.items()):
        total = v.get("rs_net_current_expenditure")
        if not total or total <= 0:
            continue
        for measure, part in (("rw_asc_share_budget", "rs_nce_adult_social_care"),
                              ("lg_unallocated_reserves", "rs_unallocated_reserves_level_31_march")):
            if v.get(part) is not None and v[part] >= 0:
                out.append({"area_code": code, "period": period, "measure_id": measure,
                            "value": f"{100 * v[part] / total:.2f}"})
    return out


def _ascfr_number(r: dict) -> float | None:
    return float(r["value"]) if r["value"].strip() and not r["value_flag"] else None


def ascfr_rows(source_rows: list[dict]) -> list[dict]:
    """NHS Digital's activity and finance tables: spending per adult (£) in all and on long-term and short-term
    support, long-term support clients and reablement episodes per 100,000 adults, the external home care rate and
    the weekly cost of a care home place for people aged 65 and over."""
    cells: dict[tuple[str, str], dict[str, float | None]] = defaultdict(dict)
    for r in source_rows:
        if r["geographical_level"] in LEVELS:
            label = r["column_label"].replace(f" | {r['period']}", "").replace(f"{r['period']} | ", "")
            cells[(r["area_code"], r["period"])][f"{r['table']} {label}"] = _ascfr_number(r)
    out = []

    def add(code: str, period: str, measure: str, value: float | None, decimals: int) -> None:
        out.append({"area_code": code, "period": period, "measure_id": measure,
                    **({"value": f"{value:.{decimals}f}"} if value is not None else {"marker": "[x]"})})

    refs = {a.code: a for a in reference.areas()}
    for (code, period), c in sorted(cells.items()):
        if not refs[code].exists_in(period):
            continue  # North and West Northamptonshire's [x] for 2020-21, the year before they began
        if "T16 Gross Current Expenditure per 100,000 adults" in c:
            per_100k = c["T16 Gross Current Expenditure per 100,000 adults"]  # £ thousand per 100,000 adults
            add(code, period, "rw_gross_spend_per_adult", per_100k / 100 if per_100k is not None else None, 2)
        adults = c.get("T16 Population")
        for measure, part in (("rw_long_term_spend_per_adult", "T15 Long Term Support GCE"),
                              ("rw_short_term_spend_per_adult", "T15 Short Term Support GCE")):
            if part in c:  # £ thousand ÷ adults; a negative total (an accounting adjustment) is no value
                spend = c[part]
                known = spend is not None and spend >= 0 and adults
                add(code, period, measure, 1000 * spend / adults if known else None, 2)  # type: ignore[operator]
        if "T36 65 and over | Clients" in c:
            clients = [c.get(f"T36 {band} | Clients") for band in ("18 to 64", "65 and over")]
            people = [c.get(f"T36 {band} | Population") for band in ("18 to 64", "65 and over")]
            known = None not in clients and None not in people
            add(code, period, "rw_lts_clients_per_100k",
                100_000 * sum(clients) / sum(people) if known and sum(people) else None, 1)  # type: ignore[arg-type]
            spend = c.get("T15 Long Term Support GCE")  # £ thousand ÷ the people supported in the year
            served = sum(clients) if None not in clients else None  # type: ignore[arg-type]
            add(code, period, "rw_long_term_spend_per_client",
                1000 * spend / served if spend is not None and spend >= 0 and served else None, 2)
        if "T24 Episodes of ST-Max per 100,000 adults" in c:
            add(code, period, "np_reablement_episodes_per_100k", c["T24 Episodes of ST-Max per 100,000 adults"], 1)
        if "T51 External" in c:
            rate = c["T51 External"]
            add(code, period, "cq_homecare_hourly_rate", rate or None, 2)  # 0 is not a price: no value
        if "T52 Residential and Nursing | 65 and Over" in c:
            add(code, period, "cq_care_home_weekly_cost", c["T52 Residential and Nursing | 65 and Over"], 2)
    return out


CONVERTERS = {"ascof_2018_19_2019_20": ascof_rows, "ascof_2020_21": ascof_rows,
              "ascof_2017_18_to_2023_24": stacked_ascof_rows, "ascfr_2021_22": ascfr_rows, "oflog_asc": oflog_rows,
              "trafford_datalab": trafford_rows, "political_control": political_rows,
              "revenue_outturn": outturn_rows}


def marked_low_reliability(s: Source, out: list[dict]) -> list[dict]:
    """The source's values its caveats call anomalous (sources.yaml: low_reliability) marked [u], value kept."""
    collection = {m.id: m.collection for m in catalogue().measures}
    flagged = {(f["area"], f["period"], f["collection"]) for f in s.low_reliability}
    return [{**r, "marker": "[u]"} if r.get("value") and (r["area_code"], r["period"],
                                                          collection.get(r["measure_id"])) in flagged else r
            for r in out]


def release_of(s: Source, folder: Path):
    """A source read and checked by the template importer: (release metadata, observations)."""
    path = folder / f"{s.id}.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, TEMPLATE, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(marked_low_reliability(s, CONVERTERS[s.id](rows(s.id))))
    _, observations, _ = read(path, "csv", metadata={"source": s.title, "publisher": s.publisher,
                                                     "licence": s.licence, "status": s.status})
    digest = hashlib.sha256(s.path.read_bytes()).hexdigest()
    return ReleaseMeta(source=s.title, publisher=s.publisher, licence=s.licence, file_name=f"data/published/{s.file}",
                       sha256=digest, status=s.status, imported_by="scorecard init (the published bundle)",
                       published_on=s.published_on, note=s.caveats), observations


def nearest_neighbours(session: Session) -> int:
    """CIPFA's nearest neighbours of every English council, as Oflog publishes them (the council itself left
    out of its own group)."""
    s = source("cipfa_nearest_neighbours")
    groups: dict[str, list[str]] = {}
    for r in rows(s.id):
        if r["is_self"] != "True":
            groups.setdefault(r["area_code"], []).append(r["group_member_code"])
    for owner, members in groups.items():
        session.add(PeerGroup(slug=f"cipfa-{owner}", name="CIPFA nearest neighbours", kind="nearest_neighbours",
                              owner_code=owner, source=f"{s.publisher} ({s.licence})",
                              members=[PeerGroupMember(area_code=code) for code in sorted(members)]))
    session.flush()
    return len(groups)


BREAKDOWNS = ("ascof_2018_19_2019_20", "ascof_2020_21")  # the official files, which publish age and sex groups


def load_published(session: Session) -> list[int]:
    """Write the peer groups and every bundled source as its own release (with its breakdowns by age and sex), in
    the caller's transaction; the ratings are computed once, when the last release lands. Returns the release ids."""
    nearest_neighbours(session)
    bundled = [s for s in sources() if s.id in CONVERTERS]
    with tempfile.TemporaryDirectory() as tmp:
        loaded = [release_of(s, Path(tmp)) for s in bundled]
    ids = [add_release(session, meta, observations, recompute_ratings=i == len(loaded) - 1).id
           for i, (meta, observations) in enumerate(loaded)]
    for s, release_id in zip(bundled, ids, strict=True):
        if s.id in BREAKDOWNS:
            add_breakdowns(session, release_id, breakdown_rows(s.file, rows(s.id)))
    return ids


def backfill_breakdowns(session: Session) -> int:
    """A warehouse loaded from the bundle before breakdowns were kept: each bundled official ASCOF release still
    there (the same file, unchanged) gets its breakdowns. Returns how many rows were added."""
    added = 0
    for s in sources():
        if s.id not in BREAKDOWNS:
            continue
        digest = hashlib.sha256(s.path.read_bytes()).hexdigest()
        release_id = session.scalar(select(Release.id).where(Release.file_name == f"data/published/{s.file}",
                                                             Release.sha256 == digest))
        if release_id is not None and session.scalar(
                select(Breakdown.id).where(Breakdown.release_id == release_id).limit(1)) is None:
            added += add_breakdowns(session, release_id, breakdown_rows(s.file, rows(s.id)))
    return added
