"""What the rating loop reads (data.comparisons.load_context fills it): the current observations, the areas and
the peer groups, with the values and methods worked out once per run."""

from __future__ import annotations

from dataclasses import dataclass, field

from data.catalogue import Measure


@dataclass
class Context:
    """Everything the rating loop reads, loaded in three queries."""

    measures: dict[str, Measure]
    obs: dict[tuple[str, str], dict[str, dict]]        # (measure, period) → area → observation
    council_region: dict[str, str]                      # council → region code
    region_members: dict[str, list[str]]                # region code → its councils
    names: dict[str, str]
    neighbours: dict[str, list[str]]
    national: bool = False                              # councils of more than one region are loaded
    info: dict = field(default_factory=dict)            # (measure, area, period) → point with its interval
    methods: dict = field(default_factory=dict)         # (measure, period) → the rating method that year
    spreads: dict = field(default_factory=dict)         # (measure, period) → England's councils' Spread, or None
