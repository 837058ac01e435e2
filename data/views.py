"""View models: what a page shows, assembled from the read queries, in plain dicts (no Dash here)."""

from __future__ import annotations

import statistics

from analysis.rating import quartile_cut_points
from data import reference

COMPARATOR_FOR = {"north-west": "region", "england": "england", "nearest-neighbours": "nearest_neighbours"}


def domain_rows(wh, measure_id: str, period: str, benchmark: str, chosen: list[str]) -> list[dict]:
    """One row per council of the region for a measure and period, rated against the benchmark."""
    names = {c["code"]: c["name"] for c in wh.councils_in(period)}
    precomputed = {r["area_code"]: r for r in wh.ratings(comparator=COMPARATOR_FOR.get(benchmark, "region"),
                                                          period=period, measure=measure_id)}
    on_demand = {}
    if benchmark == "chosen":
        on_demand = {r["area_code"]: r for r in wh.rate_against_chosen(measure_id, period, chosen)}
    rows = []
    for code, name in sorted(names.items(), key=lambda kv: kv[1]):
        base = precomputed.get(code)
        if base is None:
            continue
        row = {"code": code, "name": name, "value": base["value"], "text_value": base["text_value"],
               "marker": base["marker"], "lower": base["lower_ci"], "upper": base["upper_ci"],
               "level": base["ci_level"], "interval_method": base["interval_method"], "method": base["method"],
               "polarity": base["polarity"], "rating": base["rating"], "colour": base["colour"],
               "reason": base["reason"], "comparator_name": base["comparator_name"],
               "comparator_value": base["comparator_value"], "comparator_basis": base["comparator_basis"],
               "change": base["change"], "change_reason": base["change_reason"], "trend": base["trend"],
               "trend_verdict": base["trend_verdict"], "trend_reason": base["trend_reason"],
               "red_red": base["red_red"], "narrative": base["narrative"], "release_id": base["release_id"]}
        if code in on_demand:
            extra = on_demand[code]
            row.update(rating=extra["rating"], colour=extra["colour"], reason=extra["reason"],
                       comparator_name=extra["comparator_name"], comparator_value=extra["comparator_value"],
                       red_red=False, narrative=None)
        rows.append(row)
    return rows


def benchmark_line(rows: list[dict], benchmark: str, council: str | None) -> tuple[str | None, float | None]:
    """The benchmark drawn across the chart: shared by all councils, or the chosen council's own peers' median."""
    if benchmark == "nearest-neighbours":
        row = next((r for r in rows if r["code"] == council), None)
        if row is None or row["comparator_value"] is None:
            return None, None
        return f"{row['name']}'s nearest neighbours' median", row["comparator_value"]
    values = {r["comparator_value"] for r in rows if r["comparator_value"] is not None}
    if len(values) != 1:
        return None, None
    name = next(r["comparator_name"] for r in rows if r["comparator_value"] is not None)
    return name[0].upper() + name[1:], values.pop()


def quartiles(rows: list[dict]) -> tuple[float, float] | None:
    values = [r["value"] for r in rows if r["value"] is not None]
    return quartile_cut_points(values) if len(values) >= 4 else None


def caption(rows: list[dict], measure, period: str, benchmark_label: str, council: str | None) -> str:
    """The chart's finding in words: the chosen council first, then how the region's councils compare."""
    words = {}
    for r in rows:
        words[r["rating"]] = words.get(r["rating"], 0) + 1
    order = ["Better", "Similar", "Worse", "Best quartile", "Middle quartiles", "Worst quartile", "Higher",
             "Lower", "Highest quartile", "Lowest quartile", "Not rated"]
    counts = ", ".join(f"{words[w]} {w.lower()}" for w in order if w in words)
    sentence = f"{measure.short_name}, {period}, against {benchmark_label}: {counts}."
    row = next((r for r in rows if r["code"] == council), None)
    if row is not None:
        sentence = f"{row['name']}: {row['reason']} " + sentence
    return sentence


def trend_series(wh, measure, council: str | None, period: str) -> list[dict]:
    """The lines of the trend chart: the council, the North West, England and the council's peer median."""
    group = (wh.nearest_neighbours(council) or {}).get("members", []) if council else []
    codes = [c for c in [council, reference.NORTH_WEST, reference.ENGLAND, *group] if c]
    series = wh.trend_series(measure.id, codes)
    out = []
    if council:
        out.append({"key": "council", "name": wh.area(council)["name"],
                    "points": [(o["period"], o["value"], o["lower_ci"], o["upper_ci"]) for o in series[council]]})
    out.append({"key": "region", "name": "North West",
                "points": [(o["period"], o["value"], None, None) for o in series[reference.NORTH_WEST]]})
    out.append({"key": "england", "name": "England",
                "points": [(o["period"], o["value"], None, None) for o in series[reference.ENGLAND]]})
    if group:
        by_period: dict[str, list[float]] = {}
        for code in group:
            for o in series[code]:
                if o["value"] is not None:
                    by_period.setdefault(o["period"], []).append(o["value"])
        out.append({"key": "peers", "name": "Nearest neighbours' median",
                    "points": [(p, statistics.median(v), None, None) for p, v in sorted(by_period.items())
                               if len(v) >= 4]})
    return out


COUNTED_WORDS = (("green", "better"), ("amber", "similar"), ("red", "worse"))


def summary_sentence(rows: list[dict], benchmark_label: str, period: str) -> str:
    """Where a council stands in one sentence: better / similar / worse counts and the red-red count."""
    counts = {c: sum(r["colour"] == c for r in rows) for c, _ in COUNTED_WORDS}
    red_red = sum(bool(r["red_red"]) for r in rows)
    parts = [f"{word} on {counts[c]} measure{'s' if counts[c] != 1 else ''}" for c, word in COUNTED_WORDS]
    text = f"Against {benchmark_label} in {period}: {parts[0]}, {parts[1]} and {parts[2]}"
    not_rated = sum(r["colour"] == "grey" for r in rows)
    neutral = sum(r["colour"] == "neutral" for r in rows)
    extras = []
    if neutral:
        extras.append(f"{neutral} shown without judgement")
    if not_rated:
        extras.append(f"{not_rated} not rated")
    if extras:
        text += f" ({'; '.join(extras)})"
    if red_red:
        text += f". {red_red} measure{' is' if red_red == 1 else 's are'} worse and getting worse"
    return text + "."


def council_profile(wh, code: str, period: str, benchmark: str) -> dict:
    """Everything the council profile shows for one period and benchmark, from four queries."""
    comparator = COMPARATOR_FOR[benchmark]
    everyone = wh.ratings(comparator=comparator, period=period)
    region = {c["code"] for c in wh.councils_in(period)}
    by_measure: dict[str, list[float]] = {}
    mine = {}
    for r in everyone:
        if r["area_code"] == code:
            mine[r["measure_id"]] = r
        if r["area_code"] in region and r["value"] is not None:
            by_measure.setdefault(r["measure_id"], []).append(r["value"])
    context = {row["measure"].id: row for row in wh.council_values(code, period)}
    history = wh.area_series(code)
    return {"rows": mine, "values": by_measure, "context": context, "history": history}
