"""Server time of each interaction's callback on the North West demo warehouse, through Flask's test client
(the same JSON the browser posts to /_dash-update-component), cold (empty cache) and warm.

Floor: a callback that returns a constant, posted the same way: the cost of Dash's request handling alone.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from app import create_app
from benchmarks.bench_foundation import report, timed
from callbacks.router import ROUTED
from data.settings import Settings
from layouts import domain_layout, ids, overview_layout

NOT_PRESENTING = (ids.PRESENTER, "data", None)  # the domain render is told presenter view's chart size, if on
WIDE = (ids.VIEWPORT, "data", "wide")   # the router and the domain render are told the screen's width
NEW_PAGE = [(ids.PRESENTER, "data", None), (ids.PAGE_FOR, "data", None)]  # the router's state: not drawn already


def _post(client, outputs, inputs, state=(), triggered=None):
    names = [f"{i}.{p}" for i, p in outputs]
    body = {"output": (".." + "...".join(names) + "..") if len(names) > 1 else names[0],
            "outputs": [{"id": i, "property": p} for i, p in outputs],
            "inputs": [{"id": i, "property": p, "value": v} for i, p, v in inputs],
            "state": [{"id": i, "property": p, "value": v} for i, p, v in state],
            "changedPropIds": [triggered or f"{inputs[0][0]}.{inputs[0][1]}"]}
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code in (200, 204), response.get_data(as_text=True)[:300]


def main() -> None:
    print("benchmark                                    time (ms)   floor (ms)   ratio")
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(Settings(database_url=f"sqlite:///{Path(tmp) / 'b.db'}", initial_data="demo"))
        client = app.server.test_client()
        # Floor: the router with a path it answers instantly from memory (a definition without a funnel plot).
        def opened(path: str, search: str = ""):
            """The router asked for a new page (a link followed)."""
            return lambda: _post(client, list(ROUTED), [(ids.URL, "pathname", path), (ids.URL, "search", search),
                                                        WIDE], NEW_PAGE)

        floor = timed(opened("/measures/ascof_2c1"))
        domain_outputs = list(domain_layout.DRAWN)

        def domain_state(measure="ascof_2a2", benchmark="north-west", council="E08000009", chosen=()):
            return {"slug": "national-priorities-partnerships", "measure": measure, "period": "2024-25",
                    "benchmark": benchmark, "council": council, "chosen": list(chosen)}

        cases = {
            "open a domain page (router)": opened("/domain/national-priorities-partnerships"),
            "a measure's funnel plot (router)": opened("/measures/ascof_2d", "?council=E08000009"),
            "open the overview (router)": opened("/"),
            "overview: render cards and heatmap": lambda: _post(
                client, list(overview_layout.DRAWN),
                [(ids.O_STATE, "data", {"domain": "performance-outcomes", "period": "2024-25",
                                        "benchmark": "north-west"})]),
            "domain: pick measure/benchmark (full render)": lambda: _post(
                client, domain_outputs, [(ids.D_STATE, "data", domain_state()), NOT_PRESENTING], [WIDE]),
            "domain: highlight a council": lambda: _post(
                client, domain_outputs, [(ids.D_STATE, "data", domain_state(council="E08000001")), NOT_PRESENTING],
                [WIDE]),
            "domain: councils I choose (on demand)": lambda: _post(
                client, domain_outputs, [(ids.D_STATE, "data", domain_state(
                    benchmark="chosen", chosen=("E08000001", "E08000002", "E08000003", "E08000004"))), NOT_PRESENTING],
                [WIDE]),
            "council profile (router)": opened("/council/E08000009"),
        }
        for label, call in cases.items():
            for cache in app.server.extensions.get("cache", {}).values():
                cache.clear()
            start = time.perf_counter()
            call()
            cold = (time.perf_counter() - start) * 1000
            warm = timed(call)
            report(f"{label}, cold", cold, floor)
            report(f"{label}, warm", warm, floor)


if __name__ == "__main__":
    main()
