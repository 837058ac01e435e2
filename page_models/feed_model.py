"""`/changes.atom`: an Atom feed (RFC 4287) of the warehouse's releases, newest first, each saying in a sentence what
it changed for the region (new years of data, values revised) and linking to its full list of changes
(`/changes?from=<the release before>&to=<it>`), so people can subscribe to the scorecard's updates."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from data.read_api import ReadAPI

ATOM = "http://www.w3.org/2005/Atom"
TITLE = "North West adult social care balanced scorecard: releases"
MAX_ENTRIES = 50


def _what_changed(api: ReadAPI, release: int) -> str:
    """What a release changed for the region, compared with the release before it: its new years and revisions."""
    after = api.pinned(str(release))
    if after is None:
        return ""
    before = api.pinned(str(release - 1)) if release > 1 else None
    new, old = after.years_held(), before.years_held() if before else {}
    names = {m.id: m.short_name for m in api.catalogue.measures}
    arrived = [f"{names.get(m, m)} {', '.join(sorted(years - old.get(m, set())))}"
               for m, years in sorted(new.items()) if years - old.get(m, set())]
    revised = len(after.revised_since(release - 1)) if release > 1 else 0
    said = f"New data: {'; '.join(arrived)}." if arrived else "No new year of data."
    return said + (f" {revised} published value{'s' if revised != 1 else ''} revised." if revised else "")


def atom(api: ReadAPI, site: str) -> bytes:
    """The feed as XML bytes. `site`: the scorecard's address (https://host), for the feed's and entries' links."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    releases = api.releases()[:MAX_ENTRIES]

    def add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
        element.text = text
        return element

    add(feed, "title", TITLE)
    add(feed, "id", f"{site}/changes.atom")
    add(feed, "link", rel="self", href=f"{site}/changes.atom", type="application/atom+xml")
    add(feed, "link", rel="alternate", href=f"{site}/changes", type="text/html")
    add(feed, "updated", releases[0]["imported_iso"] if releases else "1970-01-01T00:00:00+00:00")
    add(add(feed, "author"), "name", "North West ADASS branch")
    for r in releases:
        entry = add(feed, "entry")
        add(entry, "title", f"Release {r['id']}: {r['source']}" + (" (withdrawn)" if r["withdrawn"] else ""))
        add(entry, "id", f"{site}/changes?to={r['id']}")
        add(entry, "updated", r["imported_iso"])
        add(entry, "link", rel="alternate", type="text/html",
            href=f"{site}/changes?from={max(1, r['id'] - 1)}&to={r['id']}")
        words = (f"Withdrawn on {r['withdrawn']['on']}: {r['withdrawn']['reason']}" if r["withdrawn"]
                 else _what_changed(api, r["id"]))
        add(entry, "summary", f"{r['source']} ({r['publisher']}), {r['status']}. {words}".strip())
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)
