"""Page furniture in a PDF: a line repeated at the same place near the top or foot of most pages (a running
header, a page number), dropped and listed for the import report."""

from __future__ import annotations

import re
from collections import defaultdict

from .pdf_lines import Line
from .markers import OBJECTIVE, OUTPUTS_LABEL

_DIGITS = re.compile(r"\d+")
_BAND = 0.2  # page furniture lies within this share of the page's height from its top or foot


def drop_furniture(lines: list[Line], pages: int) -> tuple[list[Line], list[str]]:
    """Lines repeated at the same place near the top or foot of most pages (page numbers count as the same
    line): running headers and footers. Returns the other lines and a description of what was dropped."""
    if pages < 2:
        return lines, []

    def places(line: Line) -> list[tuple[str, str, int]]:
        """The line's shape (its digits as N) and where it is: which edge, and how far from it (4pt steps)."""
        if len(line.text) > 120 or not any(char.isalnum() for char in line.text) or OUTPUTS_LABEL.match(line.text) \
                or OBJECTIVE.match(line.text):
            return []  # content, however often it falls at the same place: a long line, a bullet, "Outputs", "2.1 ..."
        return [(_DIGITS.sub("N", line.text), edge, round(distance / 4))
                for edge, distance in (("top", line.from_top), ("foot", line.from_foot))
                if distance <= line.page_height * _BAND]

    def repeated(instances: dict[int, str]) -> bool:
        """The same text on each page, or a number in it that goes up with the page: a page number."""
        if len(set(instances.values())) == 1:
            return True
        offsets = None
        for page, text in instances.items():
            found = {int(number) - page for number in _DIGITS.findall(text)[:5]}
            offsets = found if offsets is None else offsets & found
        return bool(offsets)

    on: dict[tuple[str, str, int], dict[int, str]] = defaultdict(dict)
    for line in lines:
        for place in places(line):
            on[place].setdefault(line.page, line.text)
    furniture: set[tuple[str, str, int]] = set()
    for shape, edge, step in list(on):
        nearby = [(shape, edge, step + offset) for offset in (-1, 0, 1)]  # a place on a step's border
        instances = {page: text for place in nearby for page, text in on.get(place, {}).items()}
        if len(instances) >= max(pages // 2 + 1, 2) and repeated(instances):
            furniture.update(nearby)
    found: dict[tuple[str, str], list[Line]] = defaultdict(list)
    kept = []
    for line in lines:
        place = next((place for place in places(line) if place in furniture), None)
        if place is None:
            kept.append(line)
        else:
            found[place[:2]].append(line)
    dropped = []
    for (shape, edge), instances in sorted(found.items(), key=lambda item: (item[0][1] != "top", item[0][0])):
        first, last = instances[0].text, instances[-1].text
        count = len({line.page for line in instances})
        if first != last or any(line.text != first for line in instances):  # a number that changes: page numbers
            what = f'page numbers "{first}" to "{last}"'
        else:
            what = f'running {"header" if edge == "top" else "footer"} "{first}"'
        dropped.append(f"Dropped page furniture: {what} ({'top' if edge == 'top' else 'foot'} of {count} of {pages} "
                       "pages)")
    return kept, dropped
