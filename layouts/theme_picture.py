"""docs/images/chart-theme.svg, drawn from layouts/theme.py so the picture in docs/chart-theme.md cannot drift from
the charts: `python -m layouts.theme_picture > docs/images/chart-theme.svg` (tests/test_docs.py checks it)."""

from __future__ import annotations

from analysis.vocabulary import RATING_COLOURS
from layouts.theme import FONT, LABEL_SIZE, SERIES, SERIES_DASH

DASHES = {"solid": "", "dash": "9 5", "dot": "2 4", "dashdot": "9 4 2 4"}
NAMES = {"council": "The council", "region": "North West", "england": "England",
         "peers": "Nearest neighbours' median"}


def _symbol(kind: str, x: float, y: float, fill: str) -> str:
    r = 7
    outline = 'stroke="#0b0c0c" stroke-width="1.5"'
    if kind == "circle":
        return f'<circle cx="{x}" cy="{y}" r="{r}" fill="{fill}" {outline}/>'
    if kind == "diamond":
        d = f"M{x},{y - r - 1} L{x + r + 1},{y} L{x},{y + r + 1} L{x - r - 1},{y} Z"
        return f'<path d="{d}" fill="{fill}" {outline}/>'
    if kind == "square":
        side = 2 * r - 2
        return f'<rect x="{x - r + 1}" y="{y - r + 1}" width="{side}" height="{side}" fill="{fill}" {outline}/>'
    if kind == "hexagon":
        points = " ".join(f"{x + dx * r:.1f},{y + dy * r:.1f}" for dx, dy in
                          ((1, 0), (0.5, 0.87), (-0.5, 0.87), (-1, 0), (-0.5, -0.87), (0.5, -0.87)))
        return f'<polygon points="{points}" fill="{fill}" {outline}/>'
    return (f'<circle cx="{x}" cy="{y}" r="{r}" fill="{fill}" {outline}/>'
            f'<path d="M{x - 4},{y - 4} L{x + 4},{y + 4} M{x + 4},{y - 4} L{x - 4},{y + 4}" {outline}/>')


def picture() -> str:
    """Ratings (marker shape, colour, icon and word) on the left; the lines over time on the right."""
    font = f'font-family="{FONT["family"]}" font-size="{LABEL_SIZE}"'.replace("'", "&apos;")
    rows = [f'<text x="10" y="22" {font} fill="#0b0c0c" font-weight="bold">Ratings: shape, colour, icon, word</text>']
    for i, colour in enumerate(RATING_COLOURS.values()):
        y = 48 + 26 * i
        rows.append(_symbol(colour.symbol, 22, y, colour.fill))
        rows.append(f'<text x="38" y="{y + 5}" {font} fill="#0b0c0c">{colour.icon} {colour.word}</text>')
    rows.append(f'<text x="310" y="22" {font} fill="#0b0c0c" font-weight="bold">Lines: never a rating colour</text>')
    for i, (key, colour) in enumerate(SERIES.items()):
        y = 48 + 26 * i
        dash = f' stroke-dasharray="{DASHES[SERIES_DASH[key]]}"' if DASHES[SERIES_DASH[key]] else ""
        width = 4 if key == "council" else 2.5
        rows.append(f'<line x1="310" y1="{y}" x2="370" y2="{y}" stroke="{colour}" stroke-width="{width}"{dash}/>')
        rows.append(f'<text x="380" y="{y + 5}" {font} fill="{colour}">{NAMES[key]}</text>')
    body = "\n  ".join(rows)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="600" height="190" viewBox="0 0 600 190" role="img" '
            f'aria-label="The chart theme: rating markers and line styles">\n'
            f'  <rect width="600" height="190" fill="#ffffff"/>\n  {body}\n</svg>\n')


if __name__ == "__main__":
    print(picture(), end="")
