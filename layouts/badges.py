"""The rating badge (word + icon + colour) and its "Why this colour?" explanation."""

from __future__ import annotations

from dash import html

from analysis.vocabulary import RATING_COLOURS


def badge(rating: str, colour: str) -> html.Span:
    """A rating as a reader sees it: an icon, the word and the colour, so colour is never the only cue."""
    style = RATING_COLOURS[colour]
    return html.Span([html.Span(style.icon, className="rating-icon", **{"aria-hidden": "true"}), rating],
                     className=f"rating-badge rating-{colour}",
                     style={"backgroundColor": style.fill, "color": style.text})


def why(row) -> html.Details:
    """"Why this colour?" for a page_models.rated_rows.RatedRow: method, comparator, interval, polarity, period and
    release, then the reason."""
    comparator = row.record.comparator_name or "no comparator"
    if row.record.comparator_value is not None:
        comparator = f"{comparator}: {row.record.comparator_value:,.2f}".rstrip("0").rstrip(".")
    if row.record.comparator_basis:
        comparator += f" ({row.record.comparator_basis} value)"
    facts = [("Method", row.method_text), ("Comparator", comparator),
             ("Interval", row.interval_text or "none published or calculable"), ("Polarity", row.polarity_text),
             ("Period", row.record.period), ("Recent trend", row.record.trend_reason), ("Source", row.source)]
    return html.Details([
        html.Summary("Why?"),
        html.P(row.record.reason),
        html.Dl([x for label, text in facts for x in (html.Dt(label), html.Dd(text))], className="why-facts"),
        html.P(html.A("Is this colour about size? The funnel plot",
                      href=f"/measures/{row.record.measure_id}?period={row.record.period}"
                           f"&council={row.record.area_code}#funnel"))
        if row.record.method == "significance" and row.record.colour != "grey" else None,
    ], className="why")


def red_red_tag() -> html.Span:
    """" ⚑ worse and getting worse", beside a measure or council that is (the flag's words said, not only shown)."""
    return html.Span(" ⚑ worse and getting worse", className="red-red")


def target_cell(t) -> html.Td:
    """A council's own target beside its rating (data.targets.TargetShown): what it is, the year it is due, and its
    status in word, icon and colour once that year's value is published."""
    if t is None:
        return html.Td("None set", className="cell-note")
    status = badge(t.status, t.colour) if t.colour != "grey" else html.Small("no value yet", className="cell-note")
    return html.Td([t.aim, html.Br(), status, html.Br(),
                    html.Small(f"Due {t.period}; set by {t.owner}", className="cell-note")], className="prose")


def target_inline(t) -> list:
    """A council's own target in a line of a list: "own target at least 85.0% (2024-25): ✓ Target met"."""
    if t is None:
        return []
    return ["; own target ", t.aim, f" ({t.period}): ",
            badge(t.status, t.colour) if t.colour != "grey" else "no value yet"]
