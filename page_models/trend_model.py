"""A measure over time on the domain page: the highlighted council's line with its intervals, the North West's,
England's and the council's nearest neighbours' median, the council's own published targets judged in the years they
are due, the caption in words and the download."""

from __future__ import annotations

from dataclasses import dataclass

from data import reference
from data.catalogue import Measure
from data.comparisons import neighbours_median
from data.rated_rows import Credit, RatedRow, credit_for
from data.read_api import ReadAPI
from data.targets import TargetShown, for_row
from page_models.source_lines import sources_line


@dataclass(frozen=True)
class Series:
    key: str                      # council / region / england / peers
    name: str
    points: tuple[tuple[str, float | None, float | None, float | None], ...]  # (period, value, lower, upper)


@dataclass(frozen=True)
class TrendChart:
    title: str
    source: str
    series: tuple[Series, ...]
    caption: str
    empty: bool = False           # nothing to draw: the caption says why
    targets: tuple[TargetShown, ...] = ()  # the highlighted council's published targets, each judged in its year
    target_series: str = ""       # what they are called: "Trafford's target"
    council: str = ""             # the highlighted council's name, or ""


def trend_series(api: ReadAPI, m: Measure, council: str | None,
                 credited: dict[int, Credit]) -> tuple[tuple[Series, ...], str]:
    """The trend chart's lines (the council, the North West, England and the council's nearest neighbours' median)
    and the sources of their values."""
    group = (api.nearest_neighbours(council) or {}).get("members", []) if council else []
    codes = [c for c in [council, reference.NORTH_WEST, reference.ENGLAND, *group] if c]
    found = api.trend_series(m.id, codes)
    out = []
    if council:
        out.append(Series("council", api.known_area(council)["name"], tuple(
            (o["period"], o["value"], o["lower_ci"], o["upper_ci"]) for o in found[council])))
    out.append(Series("region", "North West", tuple((o["period"], o["value"], None, None)
                                                    for o in found[reference.NORTH_WEST])))
    out.append(Series("england", "England", tuple((o["period"], o["value"], None, None)
                                                  for o in found[reference.ENGLAND])))
    if group:
        by_period: dict[str, list[float]] = {}
        for code in group:
            for o in found[code]:
                if o["value"] is not None:
                    by_period.setdefault(o["period"], []).append(o["value"])
        medians = ((p, neighbours_median(v, len(group))) for p, v in sorted(by_period.items()))
        out.append(Series("peers", "Nearest neighbours' median",
                          tuple((p, m, None, None) for p, m in medians if m is not None)))
    named = (credit_for(credited, o["release_id"]).words for obs in found.values() for o in obs
             if o["value"] is not None)
    return tuple(out), sources_line(named, empty="")


def council_targets(api: ReadAPI, m: Measure, council: str, series: tuple[Series, ...]) -> tuple[TargetShown, ...]:
    """The council's published targets for the measure, each judged against its value in the year it is due."""
    found = api.targets(council, m.id)
    values = {p[0]: p[1] for s in series if s.key == "council" for p in s.points}
    return tuple(t for target in found if (t := for_row([target], m, target["period"], values.get(target["period"]))))


def _target_sentence(name: str, targets: tuple[TargetShown, ...]) -> str:
    if not targets:
        return ""
    said = "; ".join(f"for {t.period}, {t.aim} (set by {t.owner}): "
                     + (t.status.lower() if t.colour != "grey" else "no value yet") for t in targets)
    return f" {name}'s own target{'s' if len(targets) > 1 else ''} {said}."


def trend_chart(api: ReadAPI, m: Measure, row: RatedRow | None, council: str | None,
           credited: dict[int, Credit]) -> TrendChart:
    series, sources = trend_series(api, m, council, credited)
    title = f"{m.short_name} over time" + (f": {row.name}" if row else "")
    targets = council_targets(api, m, council, series) if council and row else ()
    if max((sum(p[1] is not None for p in s.points) for s in series), default=0) < 2:
        said = f"Fewer than two years of {m.short_name} are loaded for these areas, so there is no line to draw."
        return TrendChart(title, sources, (), said + (_target_sentence(row.name, targets) if row else ""),
                          empty=True)
    caption = (f"{row.name}: {row.trend_plain}" + _target_sentence(row.name, targets) if row else
               "The North West and England over time. Highlight a council to add its line and its trend.")
    return TrendChart(title, sources, series, caption, targets=targets,
                      target_series=f"{row.name}'s target" if row else "", council=row.name if row else "")



TREND_CSV_COLUMNS = ("measure_id", "measure", "unit", "series", "period", "value", "lower_ci", "upper_ci", "note")


def trend_csv_rows(page) -> list[dict]:
    """The trend chart's download: each line's value each year (the council's with its interval), rounded to the
    measure's decimals as on the screen."""
    m = page.measure

    def rounded(x: float | None) -> float | None:
        return None if x is None else round(x, m.decimals)

    lines = [{"measure_id": m.id, "measure": m.name, "unit": m.unit, "series": s.name, "period": period,
              "value": rounded(value), "lower_ci": rounded(lower), "upper_ci": rounded(upper), "note": None}
             for s in page.trend.series for period, value, lower, upper in s.points if value is not None]
    quarterly = page.quarterly.series.get(page.selected or "", ()) if page.quarterly is not None else ()
    name = page.trend.council
    return lines + [{"measure_id": m.id, "measure": m.name, "unit": m.unit, "series": page.trend.target_series,
                     "period": t.period, "value": rounded(t.value), "lower_ci": None, "upper_ci": None,
                     "note": f"Target {t.aim}, set by {t.owner}: {t.status if t.colour != 'grey' else 'no value yet'}"}
                    for t in page.trend.targets] + [
        {"measure_id": m.id, "measure": m.name, "unit": m.unit, "series": f"{name}, quarterly return",
         "period": period, "value": rounded(value), "lower_ci": None, "upper_ci": None,
         "note": "[p] provisional: a North West quarterly return (management information)"}
        for period, value in quarterly if value is not None]
