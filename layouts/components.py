"""Small shared pieces: the illustrative-data banner, accessible tables, headings, release line."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from analysis.vocabulary import RATING_COLOURS, RATING_PHRASES, RATING_WORDS
from layouts import ids
from layouts.badges import badge

ILLUSTRATIVE = "Illustrative data — not official statistics"


def illustrative_banner(show: bool):
    """A banner on every page that shows demo data; nothing when the data are real."""
    if not show:
        return None
    return html.Div([
        html.Strong(ILLUSTRATIVE),
        html.Span(". The values on this page were invented by the demo generator to show how the scorecard works. "
                  "Do not quote them."),
    ], id=ids.BANNER, className="illustrative-banner", role="note")


def table(caption: str, columns: list[str], rows: list[list], class_name: str = "") -> html.Table:
    """A data table with a caption and column headers; the first cell of each row is a row header."""
    head = html.Thead(html.Tr([html.Th(c, scope="col") for c in columns]))
    body = html.Tbody([html.Tr([html.Th(r[0], scope="row"), *[html.Td(c) for c in r[1:]]]) for r in rows])
    return scroll_box(html.Table([html.Caption(caption), head, body],
                                 className=f"table table-sm align-middle {class_name}".strip()), caption)


def scroll_box(table: html.Table, label: str) -> html.Div:
    """A table in a box that scrolls sideways when the screen is narrower than it: the box can be focused (so a
    keyboard can scroll it: WCAG 2.1.1, axe `scrollable-region-focusable`) and is named for a screen reader."""
    return html.Div(table, className="table-responsive", tabIndex="0", role="region", **{"aria-label": label})


def page_heading(title: str, lead: str | None = None) -> list:
    return [html.H1(title), html.P(lead, className="lead") if lead else None]


def measure_link(measure) -> dcc.Link:
    return dcc.Link(measure.short_name, href=f"/measures/{measure.id}", title=measure.name)


def select(id_, label, options, value, help_text=None, placeholder=None):
    """A labelled native <select> (dbc.Select) from (value, label) pairs."""
    return html.Div([
        html.Label(label, htmlFor=id_, className="form-label fw-semibold"),
        dbc.Select(id=id_, options=[{"label": t, "value": v} for v, t in options if v], value=value or None,
                   placeholder=placeholder),
        html.Div(help_text, className="form-text") if help_text else None,
    ], className="control")


def ignored_notice(id_: str, ignored) -> html.Div:
    """What part of the link was not understood, said in words (role=status)."""
    return html.Div([html.P(["Some of the link was not understood and was ignored: ", "; ".join(ignored), "."],
                            className="notice")] if ignored else [], id=id_, role="status")


def tally(tallies, label: str) -> html.Ul:
    """Counts by colour, each with its badge: (colour, word, count) triples."""
    return html.Ul([html.Li([badge(word, colour), f" {count}"]) for colour, word, count in tallies],
                   className="tally", **{"aria-label": label})


def bar_background(counts: dict[str, int]) -> str:
    """The counts as a CSS gradient: coloured parts, widths by count."""
    total, stops, at = sum(counts.values()) or 1, [], 0.0
    for c in RATING_COLOURS.values():
        if counts[c.key]:
            end = at + 100 * counts[c.key] / total
            stops.append(f"{c.fill} {at:.1f}% {end:.1f}%")
            at = end
    return f"linear-gradient(to right, {', '.join(stops)})" if stops else "linear-gradient(#fff, #fff)"


def count_icons(counts: dict[str, int]) -> str:
    """"✓3 =5 ✗2 –1": each colour's icon and count; "no data" when there are none."""
    return " ".join(f"{c.icon}{counts[c.key]}" for c in RATING_COLOURS.values() if counts[c.key]) or "no data"


def stacked_bar(counts: dict[str, int]) -> list:
    """A council's ratings in a domain as a small bar of coloured parts, widths by count (one element painted with a
    gradient: a page holds 150 of these and the browser redraws each part as its own component otherwise), with the
    counts beside it as icon and number. The words are the cell's hidden text, and the table is the alternative."""
    return [html.Span(className="stack", style={"backgroundImage": bar_background(counts)}, **{"aria-hidden": "true"}),
            html.Span(count_icons(counts), className="stack-counts", **{"aria-hidden": "true"})]


def rating_words(words) -> html.P | None:
    """Each rating word the page uses ("Middle quartiles") in a short plain phrase, where the page first shows them,
    and the glossary for more; nothing when the page shows no rating."""
    used = set(words)
    parts = [x for w in RATING_WORDS if w in used for x in (html.Strong(w), f": {RATING_PHRASES[w]}. ")]
    if not parts:
        return None
    return html.P(["What the ratings mean. ", *parts, html.A("More in the glossary", href="/about#glossary"), "."],
                  className="rating-words")


def link_list(links, class_name: str, label: str, pills: bool = False) -> html.Nav:
    """Links (text, href, current) as a labelled list; `pills` for the pill style, the current one marked."""
    items = [html.Li(html.A(link.text, href=link.href,
                            className=("nav-link" + (" active" if link.current else "")) if pills else None,
                            **({"aria-current": "page"} if link.current else {}))) for link in links]
    return html.Nav(html.Ul(items, className=class_name), **{"aria-label": label})
