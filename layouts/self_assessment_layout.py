"""`/self-assessment`: the councils' self-assessed risks beside their data (page_models.self_assessment_model), as a
table a screen reader reads row by row, disagreements first and marked in words and with an icon."""

from __future__ import annotations

from dash import html

from layouts.components import page_heading, scroll_box
from page_models.routes import PAGE

MARKS = {"disagrees": "⚠ Disagrees", "agrees": "Agrees", "no self-assessment": "Not self-assessed",
         "no rated data": "Cannot tell"}


def self_assessment_page(rows) -> list:
    ordered = sorted(rows, key=lambda r: (r.verdict != "disagrees", r.self_rating is None, r.council_name,
                                          r.domain.id))
    assessed = [r for r in ordered if r.self_rating is not None]
    body = [html.Tr([html.Th(r.council_name, scope="row"), html.Td(r.domain.name),
                     html.Td(r.self_rating.capitalize() if r.self_rating else "—"),
                     html.Td(f"✓{r.better} ={r.similar} ✗{r.worse}" + (f" ⚑{r.red_red}" if r.red_red else "")),
                     html.Td(html.Strong(MARKS[r.verdict]) if r.verdict == "disagrees" else MARKS[r.verdict]),
                     html.Td(r.words)], className="disagrees" if r.verdict == "disagrees" else None)
            for r in assessed]
    return [
        *page_heading("Self-assessment against the data",
                      "Each council's own published view of its risk in each domain, beside its ratings against the "
                      "North West in each measure's latest year. Where the story and the numbers differ, peers ask "
                      "why."),
        html.P(f"{len(assessed)} self-assessment{'s' if len(assessed) != 1 else ''} published; "
               f"{sum(r.verdict == 'disagrees' for r in assessed)} disagree with the data." if assessed else
               "No council has published a self-assessment yet. When councils do, each appears here beside its data."),
        scroll_box(html.Table([
            html.Caption("Self-assessed risk and the data: ✓ better, = similar, ✗ significantly worse, ⚑ worse and "
                         "getting worse. Disagreements first."),
            html.Thead(html.Tr([html.Th(c, scope="col") for c in ("Council", "Domain", "Self-assessed risk",
                                                                 "Ratings", "Against the data", "In words")])),
            html.Tbody(body)], className="table table-sm align-middle self-assessment"),
            "Self-assessed risk and the data") if assessed else None,
        html.P(html.A("Download every council and domain as CSV", href=PAGE["self-assessment"].download_href(),
                      className="btn btn-dark"), className="download"),
    ]
