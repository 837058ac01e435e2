"""The sources of what a page shows, in words."""

from __future__ import annotations

from collections.abc import Iterable

from data.rated_rows import RatedRow


def sources_line(named: Iterable[str], empty: str = "Source: no values are shown.") -> str:
    """Sources in words, each once, in the order given: "Sources: A; B."."""
    found = list(dict.fromkeys(named))
    return f"Source{'s' if len(found) > 1 else ''}: {'; '.join(found)}." if found else empty


def sources_sentence(rows: Iterable[RatedRow]) -> str:
    """The sources of the rows shown."""
    return sources_line(r.source for r in rows)
