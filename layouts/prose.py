"""Councils' commentary (Markdown) as Dash components, never as HTML: analysis.commentary reads it into a plain tree
(raw HTML off, only safe links, headings demoted), and each node becomes a component, so `<script>` or
`<img onerror>` is shown as the text it is."""

from __future__ import annotations

from dash import html

from analysis.commentary import LINK_REL, tree

COMPONENTS = {"p": html.P, "ul": html.Ul, "ol": html.Ol, "li": html.Li, "blockquote": html.Blockquote,
              "h4": html.H4, "strong": html.Strong, "em": html.Em, "s": html.S, "code": html.Code, "pre": html.Pre,
              "span": html.Span}


def _component(node):
    if isinstance(node, str):
        return node
    if node.tag == "br":
        return html.Br()
    if node.tag == "hr":
        return html.Hr()
    children = [_component(c) for c in node.children]
    if node.tag == "a":
        return html.A(children, href=node.href, rel=LINK_REL)
    return COMPONENTS[node.tag](children)


def markdown(text: str | None) -> list:
    """The commentary as a list of components (empty for no text)."""
    return [_component(n) for n in tree(text)]
