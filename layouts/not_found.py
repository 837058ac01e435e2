"""The friendly "not found" view for unknown domains, councils, measures and pages."""

from __future__ import annotations

from dash import dcc, html


def not_found(what: str, value: str, domains=(), councils=()) -> html.Div:
    """Say what was not found in plain English and offer the ways back."""
    links = [html.Li(dcc.Link("The regional overview", href="/")),
             html.Li(dcc.Link("All measures and their definitions", href="/measures"))]
    return html.Div([
        html.H1("Page not found"),
        html.P([f"We could not find the {what} ", html.Code(value), " in the scorecard."], className="lead"),
        html.P("The link may be mistyped, or the council or measure may not be covered. Try one of these:"),
        html.Ul(links),
        html.H2("Domains", className="h5") if domains else None,
        html.Ul([html.Li(dcc.Link(d.name, href=f"/domain/{d.slug}")) for d in domains]) if domains else None,
        html.H2("Councils", className="h5") if councils else None,
        html.Ul([html.Li(dcc.Link(c["name"], href=f"/council/{c['code']}")) for c in councils],
                className="council-list") if councils else None,
    ], className="not-found")
