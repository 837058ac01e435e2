"""The sources of what a page shows, in words."""

from __future__ import annotations

from collections.abc import Iterable

from data.rated_rows import NO_RELEASE, RatedRow


def sources_line(named: Iterable[str], empty: str = "Source: no values are shown.") -> str:
    """Sources in words, each once, in the order given: "Sources: A; B."."""
    found = list(dict.fromkeys(named))
    return f"Source{'s' if len(found) > 1 else ''}: {'; '.join(found)}." if found else empty


def sources_sentence(rows: Iterable[RatedRow]) -> str:
    """The sources of the rows shown (a council listed without a value has none)."""
    return sources_line(r.source for r in rows if r.record.release_id != NO_RELEASE)


def newest_words(newest: dict | None) -> str:
    """"Newest data: 2023-24 (ASCOF 2017-18 to 2023-24 outcomes, NHS England)": the newest year shown and who
    published it (with the date, where the release records one); "" when nothing is held."""
    if not newest:
        return ""
    named = [s["source"] + (f", published {s['published_on']:%-d %B %Y}" if s["published_on"] else "")
             for s in newest["sources"]]
    return f"Newest data: {newest['period']}" + (f" ({'; '.join(named)})" if named else "") + "."
