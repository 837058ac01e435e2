"""URLs: a path turned into a route, and a page's state written as a query string (the URL is the view state,
docs/adr/0005-url-is-the-view-state.md)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode

LATEST = "latest"  # ?period=latest (or no period): each measure in its own latest period
PIN = "as_at"  # ?as_at=12: the view pinned to the warehouse as it was when release 12 was the newest
OVERVIEW_KEYS = ("domain", "period", "benchmark", "sort", PIN)
DOMAIN_KEYS = ("measure", "period", "benchmark", "council", "chosen", PIN)
COUNCIL_KEYS = ("domain", "period", "benchmark", "measure", PIN)
PINNABLE = ("overview", "domain", "council", "briefing", "pack")  # pages that show data, so can be pinned


@dataclass(frozen=True)
class Route:
    page: str            # overview, domain, council, briefing, measures, measure, about, pack or not_found
    key: str = ""        # the domain slug, council code or measure id the path names (the path itself if not found)

    @property
    def follows_own_query(self) -> bool:
        """The overview and domain pages keep their controls and their URL's query in step themselves."""
        return self.page in ("overview", "domain")


def route(pathname: str | None) -> Route:
    """The page a path asks for. Whether the slug, code or id exists is for the page to check."""
    parts = [p for p in (pathname or "/").split("/") if p]
    if not parts:
        return Route("overview")
    if len(parts) == 3 and parts[0] == "council" and parts[2] == "briefing":
        return Route("briefing", parts[1].upper())
    if len(parts) == 2 and parts[0] in ("domain", "council", "measures"):
        page = {"domain": "domain", "council": "council", "measures": "measure"}[parts[0]]
        return Route(page, parts[1].upper() if page == "council" else parts[1])
    if parts in (["measures"], ["about"], ["pack"], ["self-assessment"]):
        return Route(parts[0])
    return Route("not_found", pathname or "/")


def query_dict(search: str | None) -> dict[str, str]:
    """A query string's parameters, the first value of each."""
    return {k: v[0] for k, v in parse_qs((search or "").lstrip("?")).items() if v}


def to_search(state: dict, keys: tuple[str, ...]) -> str:
    """The query string for a state: only the keys given, lists joined with commas, empty values (and the default
    period, the latest) left out."""
    params = {}
    for k in keys:
        v = state.get(k)
        if isinstance(v, (list, tuple)):
            v = ",".join(v)
        if v and not (k == "period" and v == LATEST):
            params[k] = v
    return "?" + urlencode(params, safe=",") if params else ""


def overview_href(state: dict) -> str:
    return "/" + to_search(state, OVERVIEW_KEYS)


def domain_href(slug: str, state: dict) -> str:
    return f"/domain/{slug}" + to_search(state, DOMAIN_KEYS)


def council_href(code: str, state: dict) -> str:
    """A council's profile; with a measure, the link jumps to that measure's row (highlighted)."""
    anchor = f"#measure-{state['measure']}" if state.get("measure") else ""
    return f"/council/{code}" + to_search(state, COUNCIL_KEYS) + anchor
