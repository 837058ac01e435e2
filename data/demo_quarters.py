"""The demo's quarterly returns (invented, like its values), so the quarterly views have something to show: for each
North West council, every measure the catalogue says is collected quarterly, each quarter of the year after the
demo's newest and of the one after that so far, as a second, provisional release (the North West's quarterly
collection is management information)."""

from __future__ import annotations

import hashlib
import random

from sqlalchemy.orm import Session

from data import reference
from data.catalogue import catalogue
from data.periods import financial_year, quarters_of, start_year
from data.releases import ReleaseMeta, add_release

QUARTERS_SO_FAR = 2  # of the newest year: the demo's "now" is part-way through it


def quarterly_rows(newest: str, annual: list[dict]) -> list[dict]:
    """Each quarterly measure's returns for each council, near the council's newest annual value."""
    first = financial_year(start_year(newest) + 1)
    periods = quarters_of(first) + quarters_of(financial_year(start_year(first) + 1))[:QUARTERS_SO_FAR]
    last = {(o["area_code"], o["measure_id"]): o for o in annual if o["period"] == newest}
    rows = []
    for m in catalogue().measures:
        if not m.quarterly:
            continue
        for council in reference.councils_in(reference.NORTH_WEST):
            base = last.get((council.code, m.id))
            if base is None or base.get("value") is None or not council.exists_in(first):
                continue
            r = random.Random(f"quarters:{m.id}:{council.code}")
            for period in periods:
                level = base["value"] * r.uniform(0.97, 1.03)
                if m.quarterly == "counts":
                    n = max(40, round((base.get("denominator") or 400) / 4 * r.uniform(0.9, 1.1)))
                    x = min(n, round(level / 100 * n))
                    rows.append({"measure_id": m.id, "area_code": council.code, "period": period, "numerator": x,
                                 "denominator": n, "value": round(100 * x / n, m.decimals)})
                else:
                    share = 4 if m.quarterly == "sum" else 1  # a quarter of a year's events
                    rows.append({"measure_id": m.id, "area_code": council.code, "period": period,
                                 "value": round(level / share, m.decimals)})
    return rows


def load_demo_quarters(session: Session, annual: list[dict], newest: str, scope: str) -> int | None:
    """Write the quarterly release in the caller's transaction; its id (None when no measure is quarterly)."""
    rows = quarterly_rows(newest, annual)
    if not rows:
        return None
    digest = hashlib.sha256(repr(rows).encode()).hexdigest()
    meta = ReleaseMeta(source="Illustrative quarterly returns (invented values)",
                       publisher="the scorecard's demo generator", licence="MIT (invented values)",
                       file_name=f"demo-{scope}-quarterly", sha256=digest, status="provisional",
                       imported_by="scorecard init", illustrative=True,
                       note="Illustrative data — not official statistics. Provisional quarterly returns.")
    return add_release(session, meta, rows, touched=set()).id
