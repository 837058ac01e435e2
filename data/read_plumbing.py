"""What data.read_api.ReadAPI provides to the parts of it that live in other modules (data.read_currency,
data.read_on_demand): declared once, for the type checker only; ReadAPI defines them."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

    from data.catalogue import Catalogue
    from data.read_records import Council, RatingRecord

T = TypeVar("T")


class Plumbing:
    """Sessions, the cache, the pin and the reads the mixins build on."""

    if TYPE_CHECKING:
        catalogue: Catalogue
        pin: int | None
        sessions: sessionmaker[Session]

        def _cached(self, name: str, args: tuple, compute: Callable[[], T]) -> T: ...

        def region_councils(self) -> list[Council]: ...

        def councils_in(self, period: str) -> list[Council]: ...

        def periods(self) -> list[str]: ...

        def nearest_neighbours(self, code: str) -> dict | None: ...

        def ratings(self, *, comparator: str = "region", period: str | None = None, domain: str | None = None,
                    area: str | None = None, measure: str | None = None) -> list[RatingRecord]: ...
