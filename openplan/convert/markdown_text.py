"""Markdown text primitives shared by the plan page and the progress report page: escaping, paragraphs, table
cells and pipe tables. Every text from a file goes through :func:`escape`, so that it shows as written and never
becomes markup or HTML."""

from __future__ import annotations

import re
from typing import Any

_INLINE = re.compile(r"([\\`*_\[\]<>|!~#])")
_LINE_START = re.compile(r"^(\s*)([-+=>]|\d+[.)])(?=\s|$)")


def escape(text: Any) -> str:
    """Text shown literally in Markdown: markup characters backslash-escaped, & < > as entities."""
    value = str(text).replace("&", "&amp;")
    value = _INLINE.sub(r"\\\1", value)
    return value.replace("\\<", "&lt;").replace("\\>", "&gt;")


def _lines(text: str) -> list[str]:
    """A block of text as Markdown lines: escaped, line starts that Markdown would read as lists neutralised."""
    out = []
    for line in text.split("\n"):
        escaped = escape(line.strip())
        escaped = _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2) if not m.group(2)[0].isdigit()
                                  else m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], escaped)
        out.append(escaped)
    return out


def paragraphs(text: str) -> str:
    blocks = [para for para in text.split("\n\n") if para.strip()]
    return "\n\n".join("  \n".join(_lines(para.strip())) for para in blocks)


def cell(text: Any) -> str:
    """Text for a table cell: escaped, on one line."""
    return " ".join(escape(str(text)).split("\n")).replace("\r", " ") or " "


def table(headings: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(headings) + " |", "|" + "|".join(" --- " for _ in headings) + "|"]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return lines
