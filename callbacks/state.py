"""View state from the URL's query string (or a browser-held store), checked against allow-lists: unknown values
fall back to defaults and are reported, never passed on."""

from __future__ import annotations

from datetime import date

from data.read_api import ReadAPI
from page_models.latest import councils_for, england_councils, periods_of, shown_periods
from page_models.pack_model import MAX_COUNCILS, PackState
from page_models.routes import DOMAIN_KEYS, LATEST, OVERVIEW_KEYS, PAGE, PIN, query_dict, to_search
from page_models.states import DomainState, OverviewState, ProfileState

MAX_CHOSEN = 24


def view(api: ReadAPI, source: object) -> ReadAPI:
    """The read API a request asks for: pinned to the release in its `?as_at=` (a query string, or a state the
    browser holds), else the current data. A pin that is not one of this warehouse's releases is reported by the
    state functions below."""
    if isinstance(source, dict):
        wanted = source.get(PIN)
    else:
        wanted = query_dict(source if isinstance(source, str) else "").get(PIN)
    return api.pinned(wanted) or api


def _pin(api: ReadAPI, q: dict, ignored: list[str]) -> str | None:
    """The state's pin: the release `api` is pinned to (see `view`), or None; a pin that was asked for and could not
    be made is reported."""
    if api.pin is None and q.get(PIN):
        ignored.append(f"pin {q[PIN][:12]!r}, which is not a release of this warehouse, so the current data is shown")
    return api.pin_text


def _benchmark(q: dict, page: str, ignored: list[str]) -> str:
    wanted = q.get("benchmark")
    if wanted not in PAGE[page].benchmarks:
        ignored += [f"benchmark {wanted!r}"] if wanted else []
        return PAGE[page].default_benchmark
    return wanted


def _period(q: dict, periods: list[str], ignored: list[str]) -> str:
    """A year the warehouse holds (pinned), or LATEST: each measure in its own latest period (the default)."""
    wanted = q.get("period")
    if wanted in periods:
        return wanted
    if wanted and wanted != LATEST:
        ignored.append(f"period {wanted!r}")
    return LATEST


def domain_state(api: ReadAPI, slug: str, search: str | None) -> tuple[DomainState, list[str]]:
    """(state, ignored parameters) for `/domain/<slug>`: measure, period, benchmark, council, chosen."""
    q = query_dict(search)
    ignored: list[str] = []
    wanted = q.get("measure")
    measure = wanted if wanted in [m.id for m in api.catalogue.measures_in(slug)] else None
    if measure is None:
        ignored += [f"measure {wanted!r}"] if wanted else []
        measure = _default_measure(api, slug)
    period = _period(q, api.periods(), ignored)
    bench = _benchmark(q, "domain", ignored)
    known = {c["code"] for c in councils_for(api, period)}
    council = q.get("council")
    if council and council not in known:
        ignored.append(f"council {council!r}")
        council = None
    chosen = [c for c in (q.get("chosen") or "").split(",") if c]
    choosable = {code for code, _ in england_councils(api, period)}
    if any(c not in choosable for c in chosen):
        ignored.append("councils in 'chosen' that are not English councils in that period")
    chosen = [c for c in dict.fromkeys(chosen) if c in choosable][:MAX_CHOSEN]
    return DomainState(slug, measure, period, bench, council, tuple(chosen), _pin(api, q, ignored)), ignored


def _text(value: object) -> str | list[str] | None:
    """A value from the browser kept only if it is text, or a list of texts (anyone can post any JSON)."""
    if isinstance(value, str) or (isinstance(value, list) and all(isinstance(v, str) for v in value)):
        return value
    return None


def domain_state_from(api: ReadAPI, slug: str, wanted: dict) -> DomainState:
    """A domain state from values the browser sent (controls, or the state it holds), checked like a URL."""
    return domain_state(api, slug, to_search({k: _text(wanted.get(k)) for k in DOMAIN_KEYS}, DOMAIN_KEYS))[0]


def checked_domain_state(api: ReadAPI, held: object) -> DomainState | None:
    """A domain state the browser sends back (from its store), checked again."""
    if not isinstance(held, dict):
        return None
    slug = held.get("slug")
    if not isinstance(slug, str) or api.catalogue.domain(slug) is None:
        return None
    return domain_state_from(api, slug, held)


def _default_measure(api: ReadAPI, slug: str) -> str:
    """The domain's measure with the most councils rated in its latest period (then: with values there); of
    equals, the first in the catalogue (and a measure that is rated before one of categories, a poor first
    view)."""
    measures = api.catalogue.measures_in(slug)
    counts, latest = api.rated_counts(), shown_periods(api, LATEST)
    return max(measures, key=lambda m: (not m.is_categorical, counts.get((m.id, latest[m.id]), (0, 0)),
                                        -measures.index(m))).id


def _fullest_domain(api: ReadAPI) -> str:
    """The domain with the most council ratings in each measure's latest period (a heatmap of "No data" would be a
    poor first view); of equals, the first."""
    counts, latest = api.rated_counts(), shown_periods(api, LATEST)
    domains = api.catalogue.domains
    return max(domains, key=lambda d: (sum(counts.get((m.id, latest[m.id]), (0, 0))[0]
                                           for m in api.catalogue.measures_in(d.slug)), -domains.index(d))).slug


def overview_state(api: ReadAPI, search: str | None) -> tuple[OverviewState, list[str]]:
    """(state, ignored parameters) for `/`: the heatmap's domain, period and benchmark, and the domain the region
    matrix is sorted by (none: by name)."""
    q = query_dict(search)
    ignored: list[str] = []
    wanted = q.get("domain")
    domain = wanted if wanted and api.catalogue.domain(wanted) else None
    if domain is None:
        ignored += [f"domain {wanted!r}"] if wanted else []
        domain = _fullest_domain(api)
    sort = q.get("sort")
    if sort and api.catalogue.domain(sort) is None:
        ignored.append(f"sort {sort!r}")
        sort = None
    return OverviewState(domain, _period(q, api.periods(), ignored), _benchmark(q, "overview", ignored), sort,
                         _pin(api, q, ignored)), ignored


def checked_overview_state(api: ReadAPI, held: object) -> OverviewState | None:
    """An overview state the browser sends back, checked again."""
    if not isinstance(held, dict):
        return None
    return overview_state_from(api, held)


def overview_state_from(api: ReadAPI, wanted: dict) -> OverviewState:
    """An overview state from values the browser sent (controls, or the state it holds), checked like a URL."""
    texts = {k: v if isinstance(v := wanted.get(k), str) else None for k in OVERVIEW_KEYS}  # no lists here
    return overview_state(api, to_search(texts, OVERVIEW_KEYS))[0]


def profile_state(api: ReadAPI, code: str, search: str | None) -> ProfileState:
    """`/council/<code>` (and its CSV): the period (a year the council existed in, or each measure's latest), the
    benchmark (default the North West, as on every page), the domain shown alone, if any, and the measure to
    highlight (one of that domain's, when a domain is shown alone)."""
    q = query_dict(search)
    domain = q.get("domain") if api.catalogue.domain(q.get("domain") or "") else None
    measure = api.catalogue.measure(q.get("measure") or "")
    if measure and domain and measure.domain != domain:
        measure = None
    period = q.get("period")
    return ProfileState(period if period and period in periods_of(api, code) else LATEST,
                        _benchmark(q, "council", []), domain, measure.id if measure else None, _pin(api, q, []))


def pack_state(api: ReadAPI, search: str | None) -> tuple[PackState, list[str]]:
    """`/pack?domains=a,b&councils=E08000009&date=2026-12-10&benchmark=england&as_at=12`: the comparator (the
    default, the North West, unless the pack was opened from a page compared with another), the domains (all when
    none is named; always in TEASC order), up to six councils of the region (in the order given), the meeting's
    date; `api` is already pinned (see `view`)."""
    q = query_dict(search)
    ignored: list[str] = []
    slugs = [d.slug for d in api.catalogue.domains]
    wanted = [s for s in (q.get("domains") or "").split(",") if s]
    if any(s not in slugs for s in wanted):
        ignored.append("domains that are not among the six")
    domains = tuple(s for s in slugs if s in wanted) or tuple(slugs)
    known = {c["code"] for c in api.region_councils()}
    codes = [c.strip().upper() for c in (q.get("councils") or "").split(",") if c.strip()]
    if any(c not in known for c in codes):
        ignored.append("councils that are not North West councils")
    councils = tuple(c for c in dict.fromkeys(codes) if c in known)
    if len(councils) > MAX_COUNCILS:
        ignored.append(f"councils after the first {MAX_COUNCILS}")
    meeting = None
    if q.get("date"):
        try:
            meeting = date.fromisoformat(q["date"]) if q["date"].isascii() and len(q["date"]) == 10 else None
        except ValueError:
            meeting = None
        if meeting is None or not 2015 <= meeting.year <= 2100:
            ignored.append(f"date {q['date'][:12]!r} (write it as 2026-12-10)")
            meeting = None
    since = q.get("since")
    last = api.pinned(since) if since else None
    if since and (last is None or (last.pin or 0) > (api.pin or api.newest_release_id())):
        ignored.append("the last meeting's pin ('since'), which is not an earlier release of this warehouse")
        since = None
    return PackState(domains, councils[:MAX_COUNCILS], meeting, _pin(api, q, ignored),
                     _benchmark(q, "pack", ignored), since), ignored


def changes_points(api: ReadAPI, search: str | None) -> tuple[ReadAPI, ReadAPI, str | None, str, list[str]]:
    """`/changes?from=7~20261206083046&to=8&council=E08000009`: the two views compared (each pinned to a release of
    this warehouse, "to" the current data when not given, "from" the release before the newest when not given), the
    council (one of the region's, or None for the region) and what was not understood. A later "from" than "to" is
    turned round. The benchmark: a standing one (the North West unless the link says another)."""
    q = query_dict(search)
    ignored: list[str] = []
    benchmark = _benchmark(q, "changes", ignored)
    newest = api.newest_release_id()
    after = api.pinned(q["to"]) if q.get("to") not in (None, "", "now") else api
    if after is None:
        ignored.append("the 'to' release, which is not one of this warehouse's")
        after = api
    before = api.pinned(q["from"]) if q.get("from") else None
    if q.get("from") and before is None:
        ignored.append("the 'from' release, which is not one of this warehouse's")
    if before is None:
        before = api.pinned(str(max(1, (after.pin or newest) - 1))) or api
    if (before.pin or newest) > (after.pin or newest):
        before, after = after, before
    council = (q.get("council") or "").upper().replace("REGION", "") or None
    if council and not api.is_region_council(council):
        ignored.append("a council that is not one of the North West's")
        council = None
    return before, after, council, benchmark, ignored
