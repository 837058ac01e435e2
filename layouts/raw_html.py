"""Large read-only tables as one component (issue 27): Dash's renderer spends milliseconds on each component as an
answer arrives, and the overview's two tables were ~1,050 of them (the page drew its heatmap ~3 s after its last
answer). `written()` writes a tree of dash.html components (and dcc.Link, as a link that assets/scorecard.js
follows without reloading) as HTML, every text and attribute escaped; `RawHtml` shows it (assets/raw_html.js).

The tree is the same one the meeting pack and the tests read, so the markup, every accessible name and every link
are the same as before; only how many React components carry it changes. Nothing a request contains reaches this
HTML unescaped: it is written from page models, whose text comes from the warehouse and the catalogue."""

from __future__ import annotations

import re
from html import escape

from dash.development.base_component import Component, _explicitize_args
from markupsafe import Markup

CAMEL = re.compile(r"(?<!^)([A-Z])")  # backgroundColor → background-color
VOID = {"br", "hr", "img", "input", "wbr"}
NAMES = {"className": "class", "tabIndex": "tabindex", "colSpan": "colspan", "rowSpan": "rowspan",
         "htmlFor": "for", "accessKey": "accesskey"}
DASH_ONLY = {"n_clicks", "n_clicks_timestamp", "disable_n_clicks", "key", "loading_state", "setProps", "refresh",
             "target_window"}


class RawHtml(Component):
    """A block of HTML written by `written()`: a div with this id and class."""

    _children_props: list[str] = []
    _base_nodes = ["children"]
    _namespace = "scorecard_raw"
    _type = "RawHtml"

    @_explicitize_args
    def __init__(self, html: str | None = None, id: str | None = Component.UNDEFINED,  # noqa: A002 - Dash's name
                 className: str | None = Component.UNDEFINED, **kwargs):
        self._prop_names = ["id", "html", "className"]
        self._valid_wildcard_attributes: list[str] = []
        self.available_properties = ["id", "html", "className"]
        self.available_wildcard_properties: list[str] = []
        _explicit_args = kwargs.pop("_explicit_args")
        _locals = locals()
        _locals.update(kwargs)
        super().__init__(**{k: _locals[k] for k in _explicit_args})


def raw(tree, className: str | None = None) -> RawHtml:
    """`tree` (a component or a list of them) as one RawHtml."""
    return RawHtml(html=written(tree), **({"className": className} if className else {}))


def written(node) -> str:
    """HTML for a tree of dash.html components, dcc.Link and text; anything else is refused (never dropped)."""
    if node is None or isinstance(node, bool):
        return ""
    if isinstance(node, Markup):  # written as it is: only fixed pictures the code holds (spine_chart's markers)
        return str(node)
    if isinstance(node, str | int | float):
        return escape(str(node), quote=False)
    if isinstance(node, list | tuple):
        return "".join(written(n) for n in node)
    if not isinstance(node, Component):
        raise TypeError(f"cannot write {type(node).__name__} as HTML")
    if isinstance(node, RawHtml):  # already written: as the browser shows it, in its div
        attributes = "".join(_attribute(n, v) for n, v in _props(node).items() if n != "html")
        return f"<div{attributes}>{node.html}</div>"
    if node._namespace == "dash_core_components" and node._type == "Link":
        tag, extra = "a", {"data-spa": "link"}  # followed as dcc.Link is: no reload, and the page stays scrolled
    elif node._namespace == "dash_html_components":
        tag, extra = node._type.lower(), {}
    else:
        raise TypeError(f"cannot write {node._namespace}.{node._type} as HTML")
    attributes = "".join(_attribute(name, value) for name, value in {**_props(node), **extra}.items())
    if tag in VOID:
        return f"<{tag}{attributes}>"
    return f"<{tag}{attributes}>{written(getattr(node, 'children', None))}</{tag}>"


def _props(node: Component) -> dict:
    """Every prop the tree sets, but the children and Dash's own (clicks, keys, loading state)."""
    props = node.to_plotly_json()["props"]
    return {k: v for k, v in props.items() if k != "children" and k not in DASH_ONLY and v is not None}


def _kebab(name: str) -> str:
    return CAMEL.sub(lambda m: "-" + m.group(1), name).lower()


def _attribute(name: str, value) -> str:
    if isinstance(value, bool):  # hidden, open, …: there or not
        return f" {NAMES.get(name, name)}" if value else ""
    if name == "style":
        value = ";".join(f"{_kebab(k)}:{v}" for k, v in value.items())
    return f' {NAMES.get(name, name)}="{escape(str(value), quote=True)}"'
