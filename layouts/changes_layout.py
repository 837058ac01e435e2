"""`/changes`: what changed between two points (page_models.changes_model.ChangesPage): the summary in a sentence,
then each kind of change as a table (council, measure, before and after, each with its year), a rating's colour as
word and icon; the two points chosen with a plain form (it works without scripts); the CSV and the feed."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from layouts.badges import badge
from layouts.components import illustrative_banner, link_list, page_heading, scroll_box

NOW, REGION = "now", "region"  # "to": the newest data; "council": the whole region


def _choice(name: str, label: str, options, value: str | None, help_text: str) -> html.Div:
    return html.Div([
        html.Label(label, htmlFor=f"changes-{name}", className="form-label fw-semibold"),
        dbc.Select(id=f"changes-{name}", name=name, options=[{"label": t, "value": v} for v, t in options],
                   value=value or ""),
        html.Div(help_text, id=f"changes-{name}-help", className="text-muted-strong"),
    ], className="control")


def chooser(page) -> html.Form:
    start = str(page.before.get("pin", "")) if page.before else ""
    end = str(page.after.get("pin", "")) if page.after and page.after.get("pinned") else NOW
    points = list(page.points)
    if start and start not in {v for v, _ in points}:
        points.append((start, f"Release {start.split('~')[0]}, as pinned"))
    later = [(NOW, "Now: the newest data"), *points]
    if end and end not in {v for v, _ in later}:
        later.append((end, f"Release {end.split('~')[0]}, as pinned"))
    return html.Form([
        html.Div([
            _choice("from", "From", points, start, "The last meeting's pin, or any earlier release."),
            _choice("to", "To", later, end, "Now, or a later meeting's pin."),
            _choice("council", "For", [(REGION, "The whole region"), *page.councils], page.council or REGION,
                    "The region, or one council."),
        ], className="controls"),
        dcc.Input(type="hidden", name="benchmark", value=page.benchmark_slug, id="changes-benchmark"),
        html.Button("Show what changed", type="submit", className="btn btn-dark mt-2"),
    ], method="get", action="/changes", className="changes-chooser")


def _cell(text: str, period: str) -> html.Td:
    return html.Td([text, *([html.Br(), html.Small(period, className="period")] if period else [])])


def section_table(section) -> html.Section:
    heading_id = f"changes-{section.kind.replace('_', '-')}"
    if not section.rows:
        return html.Section([html.H2(section.heading, id=heading_id, className="h5"),
                             html.P(section.empty, className="text-muted-strong")], className="changes-section")
    body = [html.Tr([html.Th(r.council, scope="row"), html.Td(r.measure.short_name),
                     _cell(r.before, r.before_period),
                     html.Td([badge(r.after, r.colour) if r.colour in ("red", "green") else r.after,
                              *([html.Br(), html.Small(r.after_period, className="period")] if r.after_period
                                else [])])])
            for r in section.rows]
    caption = f"{section.heading}: {len(section.rows)}"
    return html.Section([
        html.H2(section.heading, id=heading_id, className="h5"),
        scroll_box(html.Table([html.Caption(caption, className="visually-hidden"),
                               html.Thead(html.Tr([html.Th(c, scope="col") for c in ("Where", "Measure", "Before",
                                                                                    "Now")])),
                               html.Tbody(body)], className="table table-sm align-middle changes"), caption),
    ], className="changes-section", **{"aria-labelledby": heading_id})


def changes_summary(page) -> list:
    """What changed, on paper (the meeting pack's first section) and on a slide: the sentence, then each kind of
    change that has any, as a table; kinds without any are named in one line."""
    none = [s.heading.lower() for s in page.sections if not s.rows]
    return [html.P(page.summary, className="lead changes-summary"),
            *[section_table(s) for s in page.sections if s.rows],
            html.P(f"None: {'; '.join(none)}.", className="text-muted-strong") if none and page.comparable else None]


SLIDE_NAMES = 2  # on a slide, each kind of change names its first two, then says how many more


def changes_slide(page) -> list:
    """What changed, as presenter view's first slide: the sentence, then one line for each kind of change that has
    any (how many, the first two, how many more); the full lists are on the page and in the pack."""
    lines = []
    for s in page.sections:
        if not s.rows:
            continue
        named = "; ".join(f"{r.council}: {r.measure.short_name}" for r in s.rows[:SLIDE_NAMES])
        more = len(s.rows) - SLIDE_NAMES
        lines.append(html.Li([html.Strong(f"{s.heading} ({len(s.rows)})"), f": {named}"
                              + (f"; and {more} more" if more > 0 else "") + "."]))
    return [html.P(page.summary, className="changes-summary"), html.Ul(lines, className="changes-slide") if lines
            else None]


def changes_page(page) -> list:
    """The page; in presenter view (the root's `present` class, assets/scorecard.css) only its slide is shown: both
    are in the page, so turning presenter view on or off needs no new answer from the server."""
    return [
        illustrative_banner(page.illustrative),
        *page_heading("What changed", "Between two points: the last meeting's pin and now, or two meetings. Ratings "
                                      f"are against {page.benchmark}, each measure in its latest year at each point."),
        html.Div(changes_slide(page), className="changes-slide-view"),
        html.Div([
            html.P(page.summary, className="lead changes-summary", role="status"),  # the answer first, then the choice
            chooser(page),
            html.Div([html.Span("Compare with: ", className="fw-semibold"),
                      link_list(page.benchmark_links, "nav nav-pills benchmark-links", "Compare with", pills=True)],
                     className="d-flex flex-wrap gap-2 compare-with mt-3 mb-3"),
            *[section_table(s) for s in page.sections],
            html.P([html.A("Download the changes as CSV", href=page.download, className="btn btn-dark me-2"),
                    html.A("Subscribe to releases (Atom feed)", href="/changes.atom",
                           className="btn btn-outline-dark")], className="download"),
        ], className="changes-full"),
    ]
