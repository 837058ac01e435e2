"""The rating badge (word + icon + colour) and its "Why this colour?" explanation."""

from __future__ import annotations

from dash import html

from analysis.rating import POLARITY_SENTENCE
from layouts.theme import COLOURS

METHOD_WORDS = {"significance": "Significance against the benchmark (95% confidence interval)",
                "quartile": "Quartile position among the comparator councils",
                "target": "Against a target", "not_rated": "Not rated"}


def badge(rating: str, colour: str) -> html.Span:
    """A rating as a reader sees it: an icon, the word and the colour, so colour is never the only cue."""
    style = COLOURS[colour]
    return html.Span([html.Span(style["icon"], className="rating-icon", **{"aria-hidden": "true"}), rating],
                     className=f"rating-badge rating-{colour}",
                     style={"backgroundColor": style["fill"], "color": style["text"]})


def why(row: dict, period: str, release: str, interval_text: str) -> html.Details:
    """"Why this colour?": the method, comparator, interval, polarity, period and release, then the reason."""
    comparator = row.get("comparator_name") or "no comparator"
    if row.get("comparator_value") is not None:
        comparator = f"{comparator}: {row['comparator_value']:,.2f}".rstrip("0").rstrip(".")
    if row.get("comparator_basis"):
        comparator += f" ({row['comparator_basis']} value)"
    facts = [("Method", METHOD_WORDS.get(row.get("method"), row.get("method") or "")),
             ("Comparator", comparator),
             ("Interval", interval_text or "none published or calculable"),
             ("Polarity", POLARITY_SENTENCE.get(row.get("polarity"), "")), ("Period", period),
             ("Release", release)]
    return html.Details([
        html.Summary("Why?"),
        html.P(row.get("reason") or ""),
        html.Dl([x for label, text in facts for x in (html.Dt(label), html.Dd(text))], className="why-facts"),
    ], className="why")
