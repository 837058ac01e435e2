"""A page that arrives drawn (issue 27). The router, and the first answer a browser gets (app.py's layout), build a
page with what its callbacks would otherwise draw one or two round trips later: the same outputs, written into the
same components by (id, property)."""

from __future__ import annotations

from dash import no_update
from dash.development.base_component import Component

# (component id, property): the place one callback output is written
Place = tuple[str, str]


def fill(tree, places: tuple[Place, ...], values: tuple):
    """Write `values` (a callback's outputs, in the order of `places`) into the components of `tree`, and return
    it; `no_update` leaves a property as it is. Every place must be in the tree: a page that lost a component would
    otherwise arrive half drawn, with nothing to say so."""
    if len(places) != len(values):
        raise ValueError(f"{len(values)} values for {len(places)} places")
    wanted: dict[str, list[tuple[str, object]]] = {}
    for (id_, prop), value in zip(places, values, strict=True):
        wanted.setdefault(id_, []).append((prop, value))
    found: set[str] = set()

    def visit(node) -> None:
        if isinstance(node, (list, tuple)):
            for child in node:
                visit(child)
        elif isinstance(node, Component):
            id_ = getattr(node, "id", None)
            if isinstance(id_, str) and id_ in wanted:
                found.add(id_)
                for prop, value in wanted[id_]:
                    if value is not no_update:
                        setattr(node, prop, value)
            visit(getattr(node, "children", None))

    visit(tree)
    if missing := set(wanted) - found:
        raise LookupError(f"not in the page: {', '.join(sorted(missing))}")
    return tree
