"""One theme for every chart and badge, set once: colours with enough contrast, and an icon for each rating
so colour is never the only cue."""

from __future__ import annotations

import textwrap

# The rating colours (fill, text, icon, marker shape) are analysis.vocabulary.RATING_COLOURS.
INK = "#0b0c0c"
MUTED = "#3d4449"  # 10:1 on white: AAA for text (the CSS --sc-muted)
BENCHMARK = "#0b0c0c"
HIGHLIGHT_BAND = "#fff4c2"  # the highlighted council's row: a pale wash behind the marks, never a rating colour
# Lines over time: council, region, England and the nearest neighbours' median. None of them is a rating colour
# (green, amber, red, the neutral blue or the not-rated grey), so a line never reads as a rating; each has its own
# dash and marker too. docs/chart-theme.md shows them.
SERIES = {"council": "#1d3557", "region": "#6f3b91", "england": "#0b0c0c", "peers": "#8f4e00"}
SERIES_DASH = {"council": "solid", "region": "dash", "england": "dot", "peers": "dashdot"}
SERIES_SYMBOL = {"council": "circle", "region": "square", "england": "diamond", "peers": "triangle-up"}
LABEL_SIZE = 14   # every label in a chart, at normal size: tick labels, direct labels, notes
TITLE_SIZE = 17
FONT = {"family": "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif", "size": LABEL_SIZE,
        "color": INK}


LINE_HEIGHT = 1.35  # of a label's font size, for wrapped text


def wrap(text: str, width: int) -> list[str]:
    """Text broken into lines of at most `width` characters (plotly never wraps a title or annotation itself)."""
    return textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False) or [""]


def base_layout(title: str, source: str, *, plot_height: int, narrow: bool, top: int = 0) -> dict:
    """Layout shared by every figure: the title and source travel with a downloaded PNG, wrapped to the width
    (narrow: a phone) and given their own bands above and below the plot, so nothing runs into them. `top` is
    room wanted between the title and the plot (for labels along the plot's top edge)."""
    # Characters per line: the title spans the figure; the source starts at the plot's left edge, after the axis
    # labels, so it gets fewer (a 1024-pixel screen, a 390-pixel phone).
    title_lines = wrap(title, (34 if narrow else 110) * LABEL_SIZE // TITLE_SIZE)  # 320 px: 27 characters
    source_lines = wrap(source, 28 if narrow else 100)
    title_px = round(len(title_lines) * TITLE_SIZE * LINE_HEIGHT) + 12
    source_px = round(len(source_lines) * LABEL_SIZE * LINE_HEIGHT) + 8
    margin = {"l": 8, "r": 8, "t": title_px + top + 8, "b": source_px + 70}
    height = plot_height + margin["t"] + margin["b"]
    first_line = 6 + round(TITLE_SIZE * 1.3)
    return {
        # Plotly places a multi-line title by its first line: that line's foot sits `first_line` pixels below the
        # figure's top edge and the other lines follow beneath it, inside the top margin.
        "title": {"text": "<br>".join(title_lines), "x": 0, "xanchor": "left", "xref": "container",
                  "y": 1 - first_line / height, "yref": "container", "yanchor": "bottom",
                  "font": {"size": TITLE_SIZE}},
        "font": FONT, "height": height, "margin": margin,
        "paper_bgcolor": "#ffffff", "plot_bgcolor": "#ffffff", "dragmode": False, "hovermode": "closest",
        "showlegend": False,
        "annotations": [{"text": "<br>".join(source_lines), "xref": "paper", "yref": "paper", "x": 0, "y": 0,
                         "yanchor": "top", "yshift": -62, "showarrow": False, "align": "left", "xanchor": "left",
                         "font": {"size": LABEL_SIZE, "color": MUTED}}],
    }


def graph_config(filename: str) -> dict:
    """The mode bar keeps only 'download as PNG'; nothing needs dragging or hovering."""
    return {"displaylogo": False, "displayModeBar": True, "scrollZoom": False, "doubleClick": False,
            "modeBarButtonsToRemove": ["zoom2d", "pan2d", "select2d", "lasso2d", "zoomIn2d", "zoomOut2d",
                                       "autoScale2d", "resetScale2d", "toggleSpikelines",
                                       "hoverClosestCartesian", "hoverCompareCartesian",
                                       "sendChartToCloud"],  # plotly.js 3's "Share chart...": uploads to a cloud
            "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2}}
