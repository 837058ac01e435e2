"""The checked state of each page that shows data: every field an allowed value (callbacks/state.py makes them from a
URL or from what the browser sends; page models read them). `as_dict()` is what the browser holds between callbacks
and what a link's query string is written from (page_models/routes.py: to_search)."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class OverviewState:
    """`/`: the heatmap's domain, the period (a year, or "latest"), the benchmark, the domain the region matrix is
    sorted by, and the release the view is pinned to."""

    domain: str
    period: str
    benchmark: str
    sort: str | None = None
    as_at: str | None = None

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True)
class DomainState:
    """`/domain/<slug>`: the measure, period, benchmark, highlighted council and the councils a reader chose."""

    slug: str
    measure: str
    period: str
    benchmark: str
    council: str | None = None
    chosen: tuple[str, ...] = ()
    as_at: str | None = None

    def as_dict(self) -> dict[str, object]:
        return {**asdict(self), "chosen": list(self.chosen)}


@dataclass(frozen=True)
class ProfileState:
    """`/council/<code>` and its briefing: the period, the benchmark, the domain shown alone and the measure
    highlighted, if any."""

    period: str
    benchmark: str
    domain: str | None = None
    measure: str | None = None
    as_at: str | None = None

    def as_dict(self) -> dict[str, object]:
        return asdict(self)
