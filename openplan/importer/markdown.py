"""Read a Markdown document as blocks (:mod:`.blocks`), with markdown-it-py."""

from __future__ import annotations

from typing import Any

from .blocks import Block


def _inline_text(token: Any) -> str:
    parts = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return " ".join("".join(parts).split())


def read_markdown(text: str) -> list[Block]:
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").parse(text)
    blocks: list[Block] = []
    items: list[dict[str, Any]] = []  # open list items, innermost last
    heading_level = None
    for token in tokens:
        kind = token.type
        if kind == "list_item_open":
            items.append({"marker": token.info or None, "block": None})
        elif kind == "list_item_close":
            items.pop()
        elif kind == "heading_open":
            heading_level = int(token.tag[1:])
        elif kind == "heading_close":
            heading_level = None
        elif kind in ("inline", "code_block", "fence"):
            content = _inline_text(token) if kind == "inline" else " ".join(token.content.split())
            if not content:
                continue
            where = f"line {token.map[0] + 1}" if token.map else "?"
            if heading_level is not None:
                blocks.append(Block("heading", content, heading_level, None, where))
            elif items and items[-1]["block"] is None:
                depth = sum(1 for item in items[:-1] if item["block"] is not None)
                block = Block("item", content, depth, items[-1]["marker"], where)
                items[-1]["block"] = block
                blocks.append(block)
            elif items:  # a later paragraph of the same list item
                items[-1]["block"].text += " " + content
            else:
                blocks.append(Block("paragraph", content, 0, None, where))
    return blocks
