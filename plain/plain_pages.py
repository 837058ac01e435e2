"""What each page of the published account holds, made from the same page models as the app (page_models/), so the
plain site, the app and the downloads say the same thing. Every page is the region's view against the North West
(the app's default benchmark), each measure in its own latest year of the release.

A page is a `Page`: where it is written (a path inside the site), its template, its <title> and description, and the
page model (or models) the template reads. Links inside the site are written relative to the page (the templates'
`url`, plain.publish.relative), so the site works from a file system, any sub-path or a CDN."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from analysis.vocabulary import GLOSSARY, RATING_COLOURS, RATING_WORDS
from data.rated_rows import credits
from data.read_api import ReadAPI
from page_models import about_model, catalogue_model, changes_model, council_model, domain_model, overview_model
from page_models.account_model import accounts
from page_models.routes import LATEST
from page_models.states import DomainState, OverviewState, ProfileState
from page_models.trend_model import trend_chart

BENCHMARK = "north-west"


@dataclass(frozen=True)
class Page:
    path: str                     # inside the site: "measure/ascof_1a.html"
    template: str
    title: str                    # the page's own words; the site's name is added after them
    description: str
    model: object = None
    extra: dict = field(default_factory=dict)


def measure_page(api: ReadAPI, m) -> Page:
    """One measure for every council of the region: the ranked chart, the table, the trend and the definition."""
    page = domain_model.build(api, DomainState(m.domain, m.id, LATEST, BENCHMARK))
    rows = page.rows
    tally = Counter(r.record.rating for r in rows if r.shows_value)
    said = ", ".join(f"{tally[w]} {w.lower()}" for w in RATING_WORDS if w in tally)
    description = (f"{m.name}: every North West council in {page.period_words}, rated against the North West"
                   + (f" ({said})." if said else ". No values are held."))
    return Page(f"measure/{m.id}.html", "measure.html", f"{m.short_name}, {page.period_words}", description, page,
                {"definition": catalogue_model.build_measure(api, m.id)})


def domain_page(api: ReadAPI, d, measure_pages: dict[str, Page]) -> Page:
    """A domain: each of its measures with its year and how the region's councils are rated."""
    lines = []
    for m in api.catalogue.measures_in(d.slug):
        shown = measure_pages[m.id].model
        assert isinstance(shown, domain_model.DomainPage)
        counts = Counter(r.record.colour for r in shown.rows if r.shows_value)
        lines.append((m, shown, overview_model.count_words(counts, 0) if counts else "No values held"))
    return Page(f"domain/{d.slug}.html", "domain.html", d.name,
                f"{d.name}: every measure of the domain for the North West's councils, with how many are rated "
                "better, similar or worse than the North West.", d, {"lines": lines})


def council_page(api: ReadAPI, code: str) -> Page:
    page = council_model.build(api, code, ProfileState(LATEST, BENCHMARK))
    own = accounts(api, council=code)
    return Page(f"council/{code}.html", "council.html", page.name, f"{page.name}: {page.summary}", page,
                {"accounts": own, "embeds": {}})


def overview_page(api: ReadAPI) -> Page:
    page = overview_model.build(api, OverviewState(api.catalogue.domains[0].slug, LATEST, BENCHMARK))
    return Page("index.html", "overview.html", "The region at a glance",
                "Adult social care in the North West's councils: every published measure in six domains, each "
                "council rated against the North West, with sources and open data.", page)


def catalogue_page(api: ReadAPI) -> Page:
    return Page("measures.html", "measures.html", "Measures: definitions and sources",
                "Every measure of the scorecard with its definition, unit, which direction is better, how it is "
                "rated and its source.", catalogue_model.build_measures(api))


def about_page(api: ReadAPI) -> Page:
    return Page("about.html", "about.html", "About the data, methods and accessibility",
                "The releases behind the scorecard, how ratings are worked out, what the words mean, and the "
                "accessibility statement.", about_model.build(api),
                {"ratings": tuple(RATING_COLOURS.values()), "methods": about_model.METHOD_SUMMARIES,
                 "glossary": GLOSSARY})


def changes_page(api: ReadAPI) -> Page:
    """What changed since the release before this one (or "nothing to compare" for a first release)."""
    newest = api.pin or api.newest_release_id()
    before = api.pinned(str(newest - 1)) if newest > 1 else None
    page = changes_model.build(api, before or api, api, None, BENCHMARK) if before else None
    return Page("changes.html", "changes.html", "What changed since the last release",
                "Ratings that became better or worse, revised values and new data since the release before this "
                "one.", page)


def embed_pages(api: ReadAPI, measure_pages: dict[str, Page], base: str) -> list[Page]:
    """A small page for each council and measure with a line to draw, made to sit in an iframe in a Local Account or
    a committee paper: the council's line over the years beside the North West's and England's, the table, the
    rating in words, the source and a link back. `base` is the account's address, for the embed code."""
    credited = credits(api)
    out = []
    for m_id, page in measure_pages.items():
        shown = page.model
        assert isinstance(shown, domain_model.DomainPage)
        if shown.empty or shown.measure.is_categorical:
            continue
        for row in shown.rows:
            code = row.record.area_code
            chart = trend_chart(api, shown.measure, row, code, credited)
            if chart.empty:
                continue
            path = f"embed/{m_id}/{code}.html"
            out.append(Page(path, "embed.html", f"{shown.measure.short_name} in {row.name}: a chart to embed",
                            f"{shown.measure.name} in {row.name} over the years, beside the North West and England.",
                            chart, {"row": row, "measure": shown.measure, "shown": shown,
                                    "code": embed_code(base + path, chart.title)}))
    return out


def embed_code(address: str, title: str) -> str:
    """What a council pastes into its own page: the chart in an iframe, named for screen readers."""
    return (f'<iframe src="{address}" title="{title}" width="100%" height="720" style="border:0; max-width:800px" '
            'loading="lazy"></iframe>')


def every_page(api: ReadAPI, base: str = "") -> list[Page]:
    """The whole site for the release `api` reads (pinned or the newest); `base`: its address, for embed codes."""
    cat = api.catalogue
    measures = {m.id: measure_page(api, m) for m in cat.measures}
    councils = {c["code"]: council_page(api, c["code"]) for c in api.region_councils()}
    embeds = []
    for e in embed_pages(api, measures, base):  # each beside its measure's row on its council's page
        council = councils.get(e.extra["row"].record.area_code)
        model = council.model if council else None
        if council and isinstance(model, council_model.CouncilPage) and any(
                r.measure.id == e.extra["measure"].id for s in model.sections for r in s.rows):
            council.extra["embeds"][e.extra["measure"].id] = e
            embeds.append(e)
    return [overview_page(api), *(domain_page(api, d, measures) for d in cat.domains), *measures.values(),
            *councils.values(), *embeds, catalogue_page(api), about_page(api), changes_page(api)]


def data_page(found, books, site) -> Page:
    """The open data and the API: each file with what it holds and its size."""
    def size(path) -> str:
        n = path.stat().st_size
        return f"{n / 1e6:.1f} MB" if n >= 1e5 else f"{max(1, round(n / 1e3))} kB"
    tables = [(t, f"data/{t.name}.csv", size(site / "data" / f"{t.name}.csv"), len(t.rows)) for t in found]
    workbooks = [(f"data/{b.name}", b.suffix[1:].upper(), size(b)) for b in books]
    return Page("data.html", "data.html", "Open data and API",
                "Every rating, measure and release behind this account as an accessible spreadsheet (ODS and XLSX), "
                "as CSV with a data package describing it, and as a static JSON API.", None,
                {"tables": tables, "workbooks": workbooks})
