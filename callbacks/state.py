"""View state from the URL's query string, checked against allow-lists: unknown values fall back to defaults
and are reported, never passed on."""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode

BENCHMARKS = {"north-west": "region", "england": "england", "nearest-neighbours": "nearest_neighbours",
              "chosen": "chosen"}
BENCHMARK_LABELS = {"north-west": "North West", "england": "England",
                    "nearest-neighbours": "Each council's nearest neighbours", "chosen": "Councils I choose"}
MAX_CHOSEN = 24


def query_dict(search: str | None) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs((search or "").lstrip("?")).items() if v}


def domain_state(wh, slug: str, search: str | None) -> tuple[dict, list[str]]:
    """(state, ignored parameters) for `/domain/<slug>`: measure, period, benchmark, council, chosen."""
    q = query_dict(search)
    cat = wh.catalogue
    measures = [m.id for m in cat.measures_in(slug)]
    periods = wh.periods()
    ignored = []
    measure = q.get("measure")
    if measure not in measures:
        ignored += [f"measure {measure!r}"] if measure else []
        measure = _default_measure(cat, slug)
    period = q.get("period")
    if period not in periods:
        ignored += [f"period {period!r}"] if period else []
        period = periods[-1] if periods else None
    benchmark = q.get("benchmark")
    if benchmark not in BENCHMARKS:
        ignored += [f"benchmark {benchmark!r}"] if benchmark else []
        benchmark = "north-west"
    known = {c["code"] for c in wh.councils_in(period)} if period else set()
    council = q.get("council")
    if council and council not in known:
        ignored.append(f"council {council!r}")
        council = None
    chosen = [c for c in (q.get("chosen") or "").split(",") if c]
    if any(c not in known for c in chosen):
        ignored.append("councils in 'chosen' that are not North West councils in that period")
    chosen = [c for c in dict.fromkeys(chosen) if c in known][:MAX_CHOSEN]
    return {"slug": slug, "measure": measure, "period": period, "benchmark": benchmark, "council": council,
            "chosen": chosen}, ignored


def _default_measure(cat, slug: str) -> str:
    """The domain's first rated measure (a chart of categories would be a poor first view)."""
    measures = cat.measures_in(slug)
    return next((m.id for m in measures if not m.is_categorical), measures[0].id)


def overview_state(wh, search: str | None) -> tuple[dict, list[str]]:
    q = query_dict(search)
    periods = wh.periods()
    ignored = []
    domain = q.get("domain")
    if wh.catalogue.domain(domain or "") is None:
        ignored += [f"domain {domain!r}"] if domain else []
        domain = wh.catalogue.domains[0].slug
    period = q.get("period")
    if period not in periods:
        ignored += [f"period {period!r}"] if period else []
        period = periods[-1] if periods else None
    benchmark = q.get("benchmark")
    if benchmark not in BENCHMARKS or benchmark == "chosen":
        ignored += [f"benchmark {benchmark!r}"] if benchmark else []
        benchmark = "north-west"
    return {"domain": domain, "period": period, "benchmark": benchmark}, ignored


PROFILE_BENCHMARKS = ("england", "north-west", "nearest-neighbours")


def profile_state(wh, code: str, search: str | None) -> dict:
    """`/council/<code>` (and its CSV): the period (default: the latest the council existed in), the benchmark
    (default England) and the domain shown alone, if any."""
    q = query_dict(search)
    existed = [p for p in wh.periods() if any(c["code"] == code for c in wh.councils_in(p))]
    return {"period": q.get("period") if q.get("period") in existed else existed[-1],
            "benchmark": q.get("benchmark") if q.get("benchmark") in PROFILE_BENCHMARKS else "england",
            "domain": q.get("domain") if wh.catalogue.domain(q.get("domain") or "") else None}


def to_search(state: dict, keys: tuple[str, ...]) -> str:
    """The query string for a state: only the keys given, lists joined with commas, empty values left out."""
    params = {}
    for k in keys:
        v = state.get(k)
        if isinstance(v, list):
            v = ",".join(v)
        if v:
            params[k] = v
    return "?" + urlencode(params, safe=",") if params else ""


DOMAIN_KEYS = ("measure", "period", "benchmark", "council", "chosen")
OVERVIEW_KEYS = ("domain", "period", "benchmark")
