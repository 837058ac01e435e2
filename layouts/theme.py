"""One theme for every chart and badge, set once: colours with enough contrast, and an icon for each rating
so colour is never the only cue."""

from __future__ import annotations

# GOV.UK-style palette; text on these backgrounds meets WCAG AA (checked by axe in the browser tests).
COLOURS = {
    "green": {"fill": "#00703c", "text": "#ffffff", "icon": "✓", "pattern": ""},
    "amber": {"fill": "#ffdd00", "text": "#0b0c0c", "icon": "=", "pattern": "."},
    "red": {"fill": "#d4351c", "text": "#ffffff", "icon": "✗", "pattern": "/"},
    "neutral": {"fill": "#5694ca", "text": "#0b0c0c", "icon": "◆", "pattern": ""},
    "grey": {"fill": "#e5e6e7", "text": "#0b0c0c", "icon": "–", "pattern": "x"},
}
INK = "#0b0c0c"
MUTED = "#505a5f"
BENCHMARK = "#0b0c0c"
SERIES = {"council": "#1d3557", "region": "#d4351c", "england": "#00703c", "peers": "#6f3b91"}
FONT = {"family": "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif", "size": 15, "color": INK}


def base_layout(title: str, source: str, height: int) -> dict:
    """Layout shared by every figure: the title and source travel with a downloaded PNG."""
    return {
        "title": {"text": title, "x": 0, "xanchor": "left", "font": {"size": 17}},
        "font": FONT, "height": height, "margin": {"l": 10, "r": 20, "t": 60, "b": 70},
        "paper_bgcolor": "#ffffff", "plot_bgcolor": "#ffffff", "dragmode": False, "hovermode": "closest",
        "showlegend": False,
        "annotations": [{"text": source, "xref": "paper", "yref": "paper", "x": 0, "y": -0.01, "yanchor": "top",
                         "yshift": -30, "showarrow": False, "font": {"size": 12, "color": MUTED},
                         "xanchor": "left"}],
    }


def graph_config(filename: str) -> dict:
    """The mode bar keeps only 'download as PNG'; nothing needs dragging or hovering."""
    return {"displaylogo": False, "displayModeBar": True, "scrollZoom": False, "doubleClick": False,
            "modeBarButtonsToRemove": ["zoom2d", "pan2d", "select2d", "lasso2d", "zoomIn2d", "zoomOut2d",
                                       "autoScale2d", "resetScale2d", "toggleSpikelines",
                                       "hoverClosestCartesian", "hoverCompareCartesian"],
            "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2}}
