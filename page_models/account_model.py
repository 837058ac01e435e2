"""Councils' own accounts beside the numbers: each council × domain's newest published statement (commentary, top
risks, self-assessed risk) as the profile, briefing and domain pages show it. Only published versions exist here
(data.statements.published_latest)."""

from __future__ import annotations

from dataclasses import dataclass

from data.catalogue import Domain
from data.read_api import ReadAPI

WRITTEN_BY = {"council_editor": "the council", "regional_analyst": "a regional analyst",  # in a public credit
              "administrator": "a regional administrator"}


@dataclass(frozen=True)
class Risk:
    risk: str
    mitigation: str
    owner: str
    due: str | None              # "31 March 2026"


@dataclass(frozen=True)
class Account:
    council: str
    council_name: str
    domain: Domain
    period: str
    commentary: str              # Markdown, rendered by layouts.prose (never as HTML)
    self_rating: str | None      # low / medium / high
    rationale: str | None
    risks: tuple[Risk, ...]
    credit: str                  # "Written by the council; published 2 December 2026 (2025-26)."


def accounts(api: ReadAPI, council: str | None = None, domain: str | None = None) -> dict[tuple[str, str], Account]:
    """(council, domain) → its account, for one council or one domain (or all)."""
    names = {c["code"]: c["name"] for c in api.region_councils()}
    out = {}
    for p in api.accounts(council, domain):
        d = api.catalogue.domain(p["domain"])
        if d is None or p["council"] not in names:
            continue
        when = f"{p['published_on']:%-d %B %Y}" if p["published_on"] else "date not recorded"
        out[(p["council"], p["domain"])] = Account(
            p["council"], names[p["council"]], d, p["period"], p["commentary"], p["self_rating"], p["rationale"],
            tuple(Risk(r["risk"], r["mitigation"], r["owner"], f"{r['due']:%-d %B %Y}" if r["due"] else None)
                  for r in p["risks"]),
            f"Written by {WRITTEN_BY.get(p['author_role'], 'the council')} for {p['period']}; published {when}.")
    return out
