"""One agenda order for a meeting, shared by presenter view and the printed pack: what changed since the last
meeting, the region at a glance, then each domain in TEASC order (its heatmap, its tile map, then its measures'
ranked charts), then the spotlighted councils."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Slide:
    kind: str            # changes, matrix, heatmap, map, measure or council
    title: str
    href: str
    domain: str | None = None
    measure: str | None = None
    council: str | None = None

    def as_dict(self) -> dict:
        return {"href": self.href, "title": self.title, "kind": self.kind}


def agenda(domains, measures, councils=()) -> list[Slide]:
    """The slides in meeting order. `domains` in TEASC order (the catalogue's); `measures` the measures to show, in
    catalogue order (presenter view: all; the pack: each domain's key measures); `councils` (code, name) pairs."""
    slides = [Slide("changes", "What changed since the last meeting", "/changes"),
              Slide("matrix", "The region at a glance", "/")]
    for d in domains:
        slides.append(Slide("heatmap", f"{d.name}: every council", f"/?domain={d.slug}", d.slug))
        slides.append(Slide("map", f"{d.name}: on the map", f"/?domain={d.slug}&part=map", d.slug))
        slides += [Slide("measure", f"{d.name}: {m.short_name}", f"/domain/{d.slug}?measure={m.id}", d.slug, m.id)
                   for m in measures if m.domain == d.slug]
    slides += [Slide("council", f"{name}: briefing", f"/council/{code}/briefing", council=code)
               for code, name in councils]
    return slides
