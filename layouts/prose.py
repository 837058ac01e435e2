"""Councils' commentary (Markdown) as Dash components, never as HTML: markdown-it-py parses it with raw HTML off, and
each token becomes a component, so `<script>` or `<img onerror>` is shown as the text it is. Links keep only http,
https and mailto addresses and get rel="nofollow noopener"; images are shown as their description (no outside
images on a public page); headings are demoted below the page's own."""

from __future__ import annotations

from dash import html
from markdown_it import MarkdownIt
from markupsafe import Markup, escape

PARSER = MarkdownIt("commonmark", {"html": False, "linkify": False}).disable("image")
SAFE_SCHEMES = ("http://", "https://", "mailto:")
BLOCKS = {"paragraph": html.P, "bullet_list": html.Ul, "ordered_list": html.Ol, "list_item": html.Li,
          "blockquote": html.Blockquote, "heading": html.H4}
INLINE = {"strong": html.Strong, "em": html.Em, "s": html.S}


def _inline(tokens) -> list:
    out: list = []
    stack: list[tuple[type, list, dict]] = []
    for t in tokens:
        target = stack[-1][1] if stack else out
        kind = t.type.removesuffix("_open").removesuffix("_close")
        if t.type == "text":
            target.append(t.content)
        elif t.type == "code_inline":
            target.append(html.Code(t.content))
        elif t.type in ("softbreak", "hardbreak"):
            target.append(html.Br() if t.type == "hardbreak" else " ")
        elif t.type.endswith("_open") and (kind in INLINE or kind == "link"):
            href = str(t.attrs.get("href", "")) if kind == "link" else ""
            stack.append((INLINE.get(kind, html.A), [], {"href": href} if kind == "link" else {}))
        elif t.type.endswith("_close") and stack:
            component, children, props = stack.pop()
            parent = stack[-1][1] if stack else out
            if component is html.A:
                href = props["href"]
                parent.append(html.A(children, href=href, rel="nofollow noopener") if href.lower().startswith(
                    SAFE_SCHEMES) else html.Span(children))
            else:
                parent.append(component(children))
    return out


def markdown(text: str | None) -> list:
    """The commentary as a list of components (empty for no text)."""
    out: list = []
    stack: list[tuple[type | None, list]] = []
    for t in PARSER.parse(text or ""):
        target = stack[-1][1] if stack else out
        kind = t.type.removesuffix("_open").removesuffix("_close")
        if t.type == "inline":
            target.extend(_inline(t.children or []))
        elif t.type in ("fence", "code_block"):
            target.append(html.Pre(html.Code(t.content)))
        elif t.type == "hr":
            target.append(html.Hr())
        elif t.type.endswith("_open") and kind in BLOCKS:
            stack.append((None if t.hidden else BLOCKS[kind], []))  # a tight list's paragraphs are not drawn
        elif t.type.endswith("_close") and stack:
            component, children = stack.pop()
            parent = stack[-1][1] if stack else out
            if component is None:
                parent.extend(children)
            else:
                parent.append(component(children))
    return out


def as_html(text: str | None) -> Markup:
    """The same commentary as HTML, for the editor's preview and history (plain Jinja pages): the very components a
    public page shows, written out with every text escaped, so what an editor previews is what the public reads."""
    return Markup("".join(_written(c) for c in markdown(text)))


def _written(node) -> str:
    if isinstance(node, str):
        return str(escape(node))
    if isinstance(node, list | tuple):
        return "".join(_written(n) for n in node)
    tag = type(node).__name__.lower()
    attributes = "".join(f' {name}="{escape(getattr(node, name))}"' for name in ("href", "rel")
                         if getattr(node, name, None))
    if tag in ("br", "hr"):
        return f"<{tag}>"
    return f"<{tag}{attributes}>{_written(getattr(node, 'children', None) or [])}</{tag}>"
