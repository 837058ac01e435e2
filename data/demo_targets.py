"""The demo's councils' own targets (invented, like its values), so every view that shows targets has some: for each
North West council, three measures (higher is better, lower is better, and a range on a measure with no better
direction), each with a target for the demo's newest year (judged: some met, some near, some missed) and one due two
years later (not judged yet)."""

from __future__ import annotations

import random

from sqlalchemy.orm import Session

from data import reference
from data.accounts import Actor
from data.catalogue import catalogue
from data.periods import financial_year, start_year
from data.targets import TargetEntry, save

DEMO_TARGET_MEASURES = ("ascof_2b1", "ascof_2a2", "rw_turnover")
OWNERS = {"ascof_2b1": "Head of reablement", "ascof_2a2": "Director of adult social services",
          "rw_turnover": "Workforce development lead"}
WHY = "Illustrative: an invented target for the demo, not the council's."


def _entry(measure: str, period: str, value: float, r: random.Random) -> TargetEntry:
    m = catalogue().known_measure(measure)
    spread = value * 0.06
    if m.polarity == "no_judgement":  # a range around where the council stands, a little off-centre
        middle = value + r.uniform(-1.2, 1.2) * spread
        return TargetEntry(measure, period, round(max(0.0, middle - spread), 1), round(middle + spread, 1), 1.0,
                           OWNERS[measure], WHY)
    better = 1 if m.polarity == "higher_better" else -1
    aim = min(m.upper_bound, max(0.0, value + better * r.uniform(-1.0, 1.5) * spread))
    return TargetEntry(measure, period, round(aim, m.decimals), None, round(spread / 2, m.decimals), OWNERS[measure],
                       WHY)


def load_demo_targets(session: Session, rows: list[dict], newest: str) -> int:
    """Publish the demo's targets in the caller's transaction; return how many."""
    values = {(o["area_code"], o["measure_id"], o["period"]): o.get("value") for o in rows}
    later = financial_year(start_year(newest) + 2)
    actor = Actor("scorecard init (demo)", "regional_analyst")
    count = 0
    for council in reference.councils_in(reference.NORTH_WEST):
        if not council.exists_in(newest):
            continue
        for measure in DEMO_TARGET_MEASURES:
            value = values.get((council.code, measure, newest))
            if value is None:
                continue
            r = random.Random(f"target:{council.code}:{measure}")
            for period in (newest, later):
                save(session, actor, council.code, _entry(measure, period, value, r), publish_now=True)
                count += 1
    return count
