"""A PDF's lines and tables as the blocks a Word document gives: headings by the rank of their style, list
items by the rank of their indent, paragraphs joined across lines and page breaks, and action tables as rows."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from .blocks import ACTION_COLUMNS, Block
from .pdf_lines import DASHES, LETTER_MARKER, NUMBER_MARKER, PDF_BULLETS, Line
from .markers import MARKER

_ENDS_SENTENCE = re.compile(r"[.!?:;]['\"’”)]?$")


def _is_bullet(text: str) -> bool:
    return text[:1] == "•"


def _starts_item(line: Line) -> bool:
    """Whether the line starts a list item whatever its indent: a bullet or dash, or a letter or roman number."""
    return _is_bullet(line.text) or line.text[:2] in ("– ", "— ", "- ") or bool(LETTER_MARKER.match(line.text))


def _starts_number(line: Line) -> bool:
    return bool(NUMBER_MARKER.match(line.text))


def _clusters(values: list[float], tolerance: float = 3.0) -> list[float]:
    centres: list[float] = []
    for value in sorted(values):
        if not centres or value - centres[-1] > tolerance:
            centres.append(value)
    return centres


@dataclass
class _Open:
    """A block being assembled from lines."""

    kind: str
    lines: list[Line]
    level: int = 0

    @property
    def last(self) -> Line:
        return self.lines[-1]

    def text(self) -> str:
        out = ""
        for line in self.lines:
            if out.endswith("-") and len(out) > 1 and out[-2].isalpha() and line.text[:1].isalpha():
                out += line.text  # a word broken at its hyphen: "co-" + "ordinating"
            else:
                out = f"{out} {line.text}" if out else line.text
        return out

    def continuation_x(self) -> float:
        return self.lines[1].x0 if len(self.lines) > 1 else self.lines[0].text_x


def to_blocks(lines: list[Line], tables: list[tuple[int, float, list[list[str]]]]) -> list[Block]:
    if not lines:
        return [block for _, _, cells in tables for block in table_blocks(cells, "?")]
    sizes: Counter = Counter()
    for line in lines:
        sizes[line.size] += len(line.text)
    body = sizes.most_common(1)[0][0]
    margin = min(line.x0 for line in lines if line.size == body)
    ends = sorted(line.x1 for line in lines if line.size == body)
    right = ends[len(ends) * 9 // 10]  # the right margin: where most full lines of body text end

    def is_heading(line: Line) -> bool:
        if len(line.text) > 200 or _starts_item(line):
            return False
        return line.size >= body + 1 or (line.bold and line.size >= body - 0.5)

    heading_styles = sorted({line.style for line in lines if is_heading(line)}, key=lambda s: (-s[0], not s[1]))
    heading_level = {style: min(rank + 1, 6) for rank, style in enumerate(heading_styles)}
    item_lines = [line for line in lines if _starts_item(line) or (_starts_number(line) and line.x0 > margin + 4)]
    indents = _clusters([line.x0 for line in item_lines])

    def depth(x: float) -> int:
        return min(range(len(indents)), key=lambda rank: abs(indents[rank] - x)) if indents else 0

    def continues(block: _Open, line: Line) -> bool:
        last = block.last
        if block.kind == "heading":
            return is_heading(line) and line.style == last.style and line.page == last.page \
                and line.top - last.bottom <= line.size * 0.6
        if is_heading(line) or _starts_item(line) and not (line.text[:1] in DASHES and
                                                            abs(line.x0 - block.continuation_x()) <= 2):
            return False
        if abs(line.size - last.size) >= 1:
            return False
        indented = block.lines[0].x0 - 2 <= line.x0 <= block.continuation_x() + 2
        if line.page != last.page:  # across a page break: the last line must be full and its sentence go on
            full = last.x1 >= right - 0.2 * (right - margin)
            return indented and full and (not _ENDS_SENTENCE.search(last.text) or line.text[:1].islower()) \
                and not _starts_number(line)
        if line.top - last.bottom > body * 0.6 or not indented:
            return False
        return not _starts_number(line) or abs(line.x0 - block.continuation_x()) <= 2

    elements: list[tuple[int, float, int, Any]] = [(line.page, line.top, 0, line) for line in lines]
    elements += [(page, top, 1, cells) for page, top, cells in tables]
    elements.sort(key=lambda element: element[:3])
    out: list[Block] = []
    current: _Open | None = None

    def close() -> None:
        if current is None:
            return
        first = current.lines[0]
        text, marker = current.text(), None
        if current.kind == "item":
            # The bullet or list number a reader sees is the item's marker, as Word's generated numbering is.
            if text[:1] == "•" or text[:2] in ("– ", "— ", "- "):
                text = text[1:].strip()
            else:
                found = MARKER.match(text)
                if found:
                    marker, text = found.group(1), found.group(2)
        if text.strip(PDF_BULLETS + DASHES + " "):  # an empty bullet is the start of a list nested in it
            out.append(Block(current.kind, text, current.level, marker, f"page {first.page}, line {first.number}"))

    for page, _, _, element in elements:
        if not isinstance(element, Line):
            close()
            current = None
            out.extend(table_blocks(element, f"page {page}"))
            continue
        line = element
        if current is not None and continues(current, line):
            current.lines.append(line)
            continue
        close()
        if is_heading(line):
            current = _Open("heading", [line], heading_level[line.style])
        elif _starts_item(line) or (_starts_number(line) and line.x0 > margin + 4):
            current = _Open("item", [line], depth(line.x0))
        else:
            current = _Open("paragraph", [line])
    close()
    return out


def table_blocks(cells: list[list[str]], where: str) -> list[Block]:
    """An action table as rows, as :mod:`.blocks` reads a Word one; any other table as one paragraph a cell."""
    if not cells:
        return []
    columns: dict[str, int] = {}
    for position, heading in enumerate(cells[0]):
        words = heading.lower().strip(" :")
        for name, pattern in ACTION_COLUMNS.items():
            if name not in columns and pattern.match(words):
                columns[name] = position
                break
    if "action" in columns and len(columns) >= 2:
        rows = []
        for number, row in enumerate(cells[1:], start=2):
            values = {name: row[position] if position < len(row) else "" for name, position in columns.items()}
            if not values["action"]:
                continue
            ref = values.get("ref") or None
            fields = {key: value for key, value in values.items() if key != "action" and value}
            rows.append(Block("row", values["action"], 0, ref.strip(" .)(").lower() if ref else None,
                              f"table row {number} at {where}", fields))
        return rows
    return [Block("paragraph", text, 0, None, f"table at {where}") for row in cells for text in row if text]
