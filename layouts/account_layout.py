"""A council's own account (a page_models.account_model.Account): its self-assessed risk and why, its commentary
(Markdown, as components: layouts.prose) and its top risks, with who wrote it and when it was published."""

from __future__ import annotations

from dash import html

from layouts.prose import markdown

RISK_WORDS = {"low": "Low", "medium": "Medium", "high": "High"}


def account_block(a, heading: str = "h4", with_council: bool = False) -> html.Div:
    title = f"{a.council_name}'s own account" if with_council else "The council's own account"
    rating = [html.P([html.Strong("Self-assessed risk: "), RISK_WORDS[a.self_rating] + ". ", a.rationale or ""],
                     className="self-rating")] if a.self_rating else []
    risks = [html.H5("Top risks", className="h6"), html.Ol([
        html.Li([html.Strong(r.risk), html.Br(), f"Mitigation: {r.mitigation}", html.Br(),
                 f"Owner: {r.owner}" + (f"; due {r.due}" if r.due else "")]) for r in a.risks])] if a.risks else []
    return html.Div([
        getattr(html, heading.upper())(title, className="h6"),
        *rating,
        html.Div(markdown(a.commentary), className="account-text"),
        *risks,
        html.P(a.credit, className="account-credit"),
    ], className="account")
