"""URLs: a path turned into a route, and a page's state written as a query string (the URL is the view state,
docs/adr/0005-url-is-the-view-state.md)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qs, quote, urlencode, urlsplit

from analysis.vocabulary import Benchmark, known_benchmark

LATEST = "latest"  # ?period=latest (or no period): each measure in its own latest period
PIN = "as_at"  # ?as_at=12: the view pinned to the warehouse as it was when release 12 was the newest
OVERVIEW_KEYS = ("domain", "period", "benchmark", "sort", PIN)
DOMAIN_KEYS = ("measure", "period", "benchmark", "council", "chosen", PIN)
COUNCIL_KEYS = ("domain", "period", "benchmark", "measure", PIN)
@dataclass(frozen=True)
class Page:
    """A page of the site: the one place its facts are declared. callbacks/pages.py gives each its builder (and its
    download's); the router, the not-found check, the pin bar and the downloads read the rest from here."""

    name: str                      # overview, domain, council, briefing, measures, measure, about, pack, …
    path: str                      # its URL; "<key>" stands for the slug, code or id it names
    key: str = ""                  # what "<key>" is, in words for the not-found view: "domain", "council code"
    needs_data: bool = True        # shows observations (a warehouse without any says so instead)
    pinnable: bool = False         # shows data as at a release, so a meeting can pin it (?as_at=)
    follows_own_query: bool = False  # keeps its controls and its URL's query in step itself (no rebuild)
    download: str | None = None    # its CSV's path, "<key>" as in `path`
    benchmarks: tuple[str, ...] = ()  # the benchmarks its control offers (analysis.vocabulary), its default first
    plain: str = "index.html"      # its page in the published account (`scorecard publish`), "<key>" as in `path`
    title: str = ""                # the browser tab's words ("" for a page named by its domain, council or measure)

    @property
    def default_benchmark(self) -> str:
        return self.benchmarks[0]

    def offers(self) -> tuple[Benchmark, ...]:
        """The benchmarks its control offers, in the control's order."""
        return tuple(known_benchmark(slug) for slug in self.benchmarks)

    def href(self, key: str = "") -> str:
        return self.path.replace("<key>", key)

    def download_href(self, key: str = "") -> str:
        if self.download is None:
            raise ValueError(f"the {self.name} page has no download")
        return self.download.replace("<key>", key)

    def match(self, parts: list[str]) -> str | None:
        """The key a path's parts name for this page ("" for a page without one), or None when it is not this
        page's path. Council codes are read in capitals."""
        pattern = [p for p in self.path.split("/") if p]
        if len(pattern) != len(parts) or any(p != q for p, q in zip(pattern, parts, strict=True) if p != "<key>"):
            return None
        key = next((q for p, q in zip(pattern, parts, strict=True) if p == "<key>"), "")
        return key.upper() if self.key == "council code" else key


STANDING = ("north-west", "england", "nearest-neighbours")
PAGES = (
    Page("overview", "/", title="Regional overview", needs_data=True, pinnable=True, follows_own_query=True,
         download="/download/overview.csv", benchmarks=STANDING),
    Page("domain", "/domain/<key>", "domain", pinnable=True, follows_own_query=True,
         download="/download/domain/<key>.csv", benchmarks=(*STANDING, "chosen", "own-target"),
         plain="domain/<key>.html"),
    Page("council", "/council/<key>", "council code", pinnable=True, download="/download/council/<key>.csv",
         benchmarks=STANDING, plain="council/<key>.html"),  # one default comparator everywhere: the North West
    Page("briefing", "/council/<key>/briefing", "council code", pinnable=True, plain="council/<key>.html"),
    Page("measures", "/measures", title="Measures", needs_data=False, plain="measures.html"),
    Page("measure", "/measures/<key>", "measure", needs_data=False, plain="measure/<key>.html"),
    Page("about", "/about", title="About", needs_data=False, plain="about.html"),
    Page("pack", "/pack", title="Meeting pack", pinnable=True, benchmarks=STANDING),
    Page("self-assessment", "/self-assessment", title="Self-assessment against the data",
         download="/download/self-assessment.csv"),
    Page("changes", "/changes", title="What changed", download="/download/changes.csv", benchmarks=STANDING,
         plain="changes.html"),
    Page("spending", "/spending", title="Spending beside outcomes"),
)
ACCOUNT = "/account/"  # where the app serves the published account (published_account.py)


def plain_address(pathname: str | None, search: str | None = None) -> str:
    """The page of the published account that shows what an address of the app shows (a domain page's measure is
    its own page there), or the account's front page; plain links, which need no script."""
    r = route(pathname)
    if r.page not in PAGE:
        return ACCOUNT
    measure = query_dict(search).get("measure", "")
    if r.page == "domain" and measure.replace("_", "").isalnum():
        return f"{ACCOUNT}measure/{measure}.html"
    return ACCOUNT + PAGE[r.page].plain.replace("<key>", quote(r.key, safe=""))
PAGE = {p.name: p for p in PAGES}


@dataclass(frozen=True)
class Route:
    page: str            # one of PAGE's names, or not_found
    key: str = ""        # the domain slug, council code or measure id the path names (the path itself if not found)

    @property
    def follows_own_query(self) -> bool:
        return self.page in PAGE and PAGE[self.page].follows_own_query


def route(pathname: str | None) -> Route:
    """The page a path asks for. Whether the slug, code or id exists is for the page to check."""
    parts = [p for p in (pathname or "/").split("/") if p]
    for page in PAGES:
        key = page.match(parts)
        if key is not None:
            return Route(page.name, key)
    return Route("not_found", pathname or "/")


def query_dict(search: str | None) -> dict[str, str]:
    """A query string's parameters, the first value of each."""
    return {k: v[0] for k, v in parse_qs((search or "").lstrip("?")).items() if v}


# Every query parameter any page reads (the pack's and the measure page's too); any other changes nothing.
QUERY_KEYS = frozenset({*OVERVIEW_KEYS, *DOMAIN_KEYS, *COUNCIL_KEYS, "domains", "councils", "date", "page",
                        "from", "to", "since", "part", "spend", "outcome"})


def normal_search(search: object) -> str:
    """A query string as the pages read it: the parameters they know, the first value of each, in one order. Two
    addresses with the same normal search show the same thing (the answers' cache keys on it)."""
    q = query_dict(search if isinstance(search, str) else "")
    return urlencode(sorted((k, v) for k, v in q.items() if k in QUERY_KEYS))


def read_search(search: object) -> str:
    """A query string as the pages read it (normal_search), with its "?": what an address shows, as one string."""
    normal = normal_search(search)
    return f"?{normal}" if normal else ""


def page_address(referrer: object, host: str) -> tuple[str, str] | None:
    """The address of the page a request of this site came from (its Referer: browsers send it for a site's own
    requests, `Referrer-Policy: same-origin`), as (path, "?" + normal search or ""); None without one, from another
    site or unreadable."""
    if not isinstance(referrer, str) or len(referrer) > 4000:
        return None
    try:
        address = urlsplit(referrer)
    except ValueError:
        return None
    if address.netloc != host or address.scheme not in ("http", "https"):
        return None
    return address.path or "/", read_search(address.query)


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
