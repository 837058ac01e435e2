"""Councils' commentary (Markdown) read into a plain tree, never passed on as HTML: markdown-it-py parses it with raw
HTML off, and each token becomes a node, so `<script>` or `<img onerror>` stays the text it is. Links keep only
http, https and mailto addresses (others become their text) and get rel="nofollow noopener"; images are shown as
their description (no outside images on a public page); headings are demoted below the page's own (h4).

One tree, two writers: layouts/prose.py makes it Dash components for the public pages, `as_html` escaped HTML for
the editor's preview and history, so what an editor previews is what the public reads."""

from __future__ import annotations

from html import escape
from typing import NamedTuple

from markdown_it import MarkdownIt

PARSER = MarkdownIt("commonmark", {"html": False, "linkify": False}).disable("image")
SAFE_SCHEMES = ("http://", "https://", "mailto:")
BLOCKS = {"paragraph": "p", "bullet_list": "ul", "ordered_list": "ol", "list_item": "li", "blockquote": "blockquote",
          "heading": "h4"}
INLINE = {"strong": "strong", "em": "em", "s": "s"}
LINK_REL = "nofollow noopener"


class Node(NamedTuple):
    tag: str                   # p, ul, ol, li, blockquote, h4, strong, em, s, code, pre, br, hr, a, span
    children: list             # of Node and str
    href: str | None = None    # a link's (http, https or mailto only)


def _inline(tokens) -> list:
    out: list = []
    stack: list[tuple[str, list, str]] = []
    for t in tokens:
        target = stack[-1][1] if stack else out
        kind = t.type.removesuffix("_open").removesuffix("_close")
        if t.type == "text":
            target.append(t.content)
        elif t.type == "code_inline":
            target.append(Node("code", [t.content]))
        elif t.type in ("softbreak", "hardbreak"):
            target.append(Node("br", []) if t.type == "hardbreak" else " ")
        elif t.type.endswith("_open") and (kind in INLINE or kind == "link"):
            stack.append((INLINE.get(kind, "a"), [], str(t.attrs.get("href", "")) if kind == "link" else ""))
        elif t.type.endswith("_close") and stack:
            tag, children, href = stack.pop()
            parent = stack[-1][1] if stack else out
            if tag == "a":
                safe = href.lower().startswith(SAFE_SCHEMES)
                parent.append(Node("a", children, href) if safe else Node("span", children))
            else:
                parent.append(Node(tag, children))
    return out


def tree(text: str | None) -> list:
    """The commentary as a list of nodes (empty for no text)."""
    out: list = []
    stack: list[tuple[str | None, list]] = []
    for t in PARSER.parse(text or ""):
        target = stack[-1][1] if stack else out
        kind = t.type.removesuffix("_open").removesuffix("_close")
        if t.type == "inline":
            target.extend(_inline(t.children or []))
        elif t.type in ("fence", "code_block"):
            target.append(Node("pre", [Node("code", [t.content])]))
        elif t.type == "hr":
            target.append(Node("hr", []))
        elif t.type.endswith("_open") and kind in BLOCKS:
            stack.append((None if t.hidden else BLOCKS[kind], []))  # a tight list's paragraphs are not drawn
        elif t.type.endswith("_close") and stack:
            tag, children = stack.pop()
            parent = stack[-1][1] if stack else out
            if tag is None:
                parent.extend(children)
            else:
                parent.append(Node(tag, children))
    return out


def as_html(text: str | None) -> str:
    """The commentary as HTML, every text and address escaped."""
    return "".join(_written(n) for n in tree(text))


def _written(node) -> str:
    if isinstance(node, str):
        return escape(node, quote=False)
    if node.tag in ("br", "hr"):
        return f"<{node.tag}>"
    link = f' href="{escape(node.href)}" rel="{LINK_REL}"' if node.tag == "a" else ""
    return f"<{node.tag}{link}>{''.join(_written(c) for c in node.children)}</{node.tag}>"
