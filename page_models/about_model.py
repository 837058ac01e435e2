"""`/about`: every release in the warehouse, with what replaced it; the rest of the page is fixed text."""

from __future__ import annotations

from dataclasses import dataclass

from data.read_api import ReadAPI


@dataclass(frozen=True)
class ReleaseRow:
    id: int
    source: str
    credit: str          # publisher; licence; publication date; file
    caveats: str
    status: str
    imported_at: str
    rows: str            # values still current, of all the release brought
    replaced_by: str


@dataclass(frozen=True)
class AboutPage:
    illustrative: bool
    releases: tuple[ReleaseRow, ...]


def build(api: ReadAPI) -> AboutPage:
    return AboutPage(api.shows_illustrative(), tuple(
        ReleaseRow(r["id"], r["source"], "; ".join(x for x in (
                       r["publisher"], r["licence"],
                       f"published {r['published_on']:%-d %B %Y}" if r["published_on"] else "",
                       f"file {r['file_name']}") if x), r["note"] or "",
                   r["status"] + (" (illustrative)" if r["illustrative"] else ""), r["imported_at"],
                   f"{r['current_rows']:,} of {r['rows']:,}",
                   _replaced_by(r)) for r in api.releases()))


def _replaced_by(r: dict) -> str:
    if r["withdrawn"]:
        return f"Withdrawn on {r['withdrawn']['on']}: {r['withdrawn']['reason']}"
    return f"release {r['superseded_by']}" if r["superseded_by"] else "—"
