"""`/about`: sources and releases (with revisions), the methods in plain English, accessibility, contact.
Renders a page_models.about_model.AboutPage."""

from __future__ import annotations

from dash import dcc, html

from analysis.vocabulary import GLOSSARY
from layouts.components import illustrative_banner, page_heading, table
from page_models.about_model import METHOD_SUMMARIES, AboutPage


def about_page(page: AboutPage, contact: str | None = None) -> list:
    """The whole page for an about_model.AboutPage."""
    release_rows = [[str(r.id), html.Span([r.source, html.Br(), html.Small(r.credit),
                                           *([html.Br(), html.Small(f"Caveats: {r.caveats}")] if r.caveats else [])]),
                     r.status, r.imported_at, r.rows, r.replaced_by] for r in page.releases]
    return [
        illustrative_banner(page.illustrative),
        *page_heading("About the scorecard",
                      "A public view of published adult social care performance data for the North West's councils, "
                      "organised in the six domains of the sector's risk-awareness tool, so that councils can "
                      "challenge and support each other."),
        html.H2("Data, releases and revisions", className="h4"),
        html.P("Every number on the scorecard comes from a release: a published file loaded whole, with its source, "
               "licence and a fingerprint. A revised file creates a new release; the values it replaces are kept, "
               "and are no longer shown. A release found to be wrong is withdrawn: its values stop being shown, the "
               "values it had replaced are shown again, and the table below says when and why."),
        table("Releases in the scorecard, newest first",
              ["Release", "Source", "Status", "Loaded", "Values still current", "Replaced or withdrawn"],
              release_rows),
        html.P("Left out on purpose: a private compilation of CQC's local authority assessment scores (not an "
               "official CQC dataset) and the BBC Shared Data Unit's freedom-of-information responses on waits and "
               "home care hand-backs (journalistic data, not official statistics). The measures they would fill say "
               "so on the measures page."),
        html.P(["Definitions and sources for every measure are on ", dcc.Link("the measures page", href="/measures"),
                ". Every table can be downloaded as CSV with the reason for each rating."]),
        html.H2("How the comparisons work", className="h4"),
        html.Dl([x for term, text in METHOD_SUMMARIES for x in (html.Dt(term), html.Dd(text))], className="methods"),
        html.H2("Glossary", className="h4", id="glossary"),
        html.Dl([x for term, text in GLOSSARY for x in (html.Dt(term), html.Dd(text))], className="methods"),
        *accessibility_statement(contact),
    ]


# The statement the Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018
# require, in GOV.UK's model's order: how accessible, what is not, contact, enforcement, how and when it was checked.
STATEMENT_PREPARED = "6 December 2026"
STATEMENT_REVIEWED = "6 December 2026"
KNOWN_ISSUES = (
    "The trend chart cannot be explored point by point with a keyboard: the table beside it has the same numbers.",
)


def accessibility_statement(contact: str | None) -> list:
    """`contact`: an email address or web address for accessibility problems (the SCORECARD_CONTACT setting)."""
    reach = (html.A(contact, href=f"mailto:{contact}" if "@" in contact and "/" not in contact else contact)
             if contact else "the North West ADASS branch office")
    return [
        html.H2("Accessibility statement", className="h4", id="accessibility"),
        html.P("This statement applies to the North West adult social care balanced scorecard, run by the North West "
               "branch of the Association of Directors of Adult Social Services (ADASS) for sector-led improvement. "
               "We want as many people as possible to be able to use it: you should be able to change colours and "
               "text size, zoom in to 400% without text going off the screen, move through every page with a "
               "keyboard alone, and hear every page, chart and table with a screen reader."),
        html.P("Every colour comes with a word and an icon; every chart has a sentence stating its finding and a "
               "table with the same numbers; text stands at least 7:1 against its background; focus is always "
               "visible; every page prints."),
        html.H3("How accessible this website is", className="h5"),
        html.P("As far as our own tests show, this website is fully compliant with the Web Content Accessibility "
               "Guidelines (WCAG) version 2.2 AA standard. It has not yet been checked by an independent auditor: "
               "if you find something that is not accessible, please tell us (below)."),
        html.H4("Non-accessible content", className="h6"),
        html.P("None that we know of. Links, buttons and fields are at least 24 by 24 pixels on a phone (WCAG 2.2 "
               "success criterion 2.5.8), measured on every kind of page."),
        html.H4("Other limits we know of", className="h6"),
        html.Ul([html.Li(issue) for issue in KNOWN_ISSUES]),
        html.H3("Feedback and contact", className="h5"),
        html.P(["If you find a problem not listed here, or need the information in another format (a spreadsheet, "
                "large print, easy read, audio), contact ", reach,
                ". We will reply within 5 working days and tell you how long the change or the format will take."]),
        html.H3("Enforcement procedure", className="h5"),
        html.P("The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector "
               "Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018 (the accessibility "
               "regulations). If you are not happy with how we respond to your complaint, contact the Equality "
               "Advisory and Support Service (EASS)."),
        html.H3("How we tested this website", className="h5"),
        html.P("Every change is tested before it is published: axe-core's WCAG 2.2 A and AA rules (and AAA's "
               "contrast rule) on every kind of page, in normal, presenter and phone views; every control is "
               "reached and used with a keyboard in a real browser; the focus ring's contrast is measured on every "
               "focusable element of five pages; every text on each kind of presenter slide is measured (at "
               "least 20 pixels at 1280 by 720, 24 at 1920 by 1080). No independent audit has been done yet."),
        html.P(f"This statement was prepared on {STATEMENT_PREPARED}. It was last reviewed on {STATEMENT_REVIEWED}."),
    ]
