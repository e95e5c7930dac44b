"""Word's paragraph styles and automatic list numbers, which are not in the text: counted per list as Word
counts them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .word_package import W, whole_number

# Word's own bounds: list levels 0 to 8, a list start of at most 32767, outline levels 0 to 9 (9 is body text).
# Beyond them a document is damaged (or hostile): refused, so no counter or span grows without bound.
_MAX_LEVEL = 8
_MAX_START = 32767


def _roman(number: int) -> str:
    if not 0 < number < 4000:
        return str(number)  # Word itself shows roman numbers only up to 3999
    out = ""
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
                           (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while number >= value:
            out += letters
            number -= value
    return out


def _letters(number: int) -> str:
    out = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        out = chr(ord("a") + rest) + out
    return out


def _format(number: int, style: str) -> str | None:
    if style == "decimal" or style == "decimalZero":
        return str(number)
    if style == "lowerLetter":
        return _letters(number)
    if style == "upperLetter":
        return _letters(number).upper()
    if style == "lowerRoman":
        return _roman(number)
    if style == "upperRoman":
        return _roman(number).upper()
    return None  # bullets and anything without a number


class Numbering:
    """Word's automatic list numbers, which are not in the text: counted per list as Word counts them."""

    def __init__(self, root: Any):
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.lists: dict[str, str] = {}
        self.starts: dict[tuple[str, int], int] = {}
        self.counters: dict[str, list[int]] = {}
        if root is None:
            return
        for abstract in root.findall(f"{W}abstractNum"):
            levels = {}
            for level in abstract.findall(f"{W}lvl"):
                ilvl = whole_number(level, "ilvl", "a list level (w:ilvl)", 0, _MAX_LEVEL, default=0)
                fmt = level.find(f"{W}numFmt")
                text = level.find(f"{W}lvlText")
                start = level.find(f"{W}start")
                levels[ilvl] = (fmt.get(f"{W}val", "decimal") if fmt is not None else "decimal",
                                text.get(f"{W}val", "") if text is not None else f"%{ilvl + 1}.",
                                whole_number(start, "val", "a list start (w:start)", 0, _MAX_START)
                                if start is not None else 1)
            self.levels[abstract.get(f"{W}abstractNumId")] = levels
        for num in root.findall(f"{W}num"):
            num_id = num.get(f"{W}numId")
            abstract = num.find(f"{W}abstractNumId")
            if abstract is not None:
                self.lists[num_id] = abstract.get(f"{W}val")
            for override in num.findall(f"{W}lvlOverride"):
                start = override.find(f"{W}startOverride")
                if start is not None:
                    level = whole_number(override, "ilvl", "a list level (w:ilvl)", 0, _MAX_LEVEL, default=0)
                    self.starts[(num_id, level)] = whole_number(start, "val", "a list start (w:startOverride)", 0,
                                                           _MAX_START)

    def marker(self, num_id: str, ilvl: int) -> str | None:
        levels = self.levels.get(self.lists.get(num_id, ""), {})
        if ilvl not in levels:
            return None
        counters = self.counters.setdefault(num_id, [0] * (_MAX_LEVEL + 1))
        if counters[ilvl] == 0:
            counters[ilvl] = self.starts.get((num_id, ilvl), levels[ilvl][2])
        else:
            counters[ilvl] = min(counters[ilvl] + 1, _MAX_START * 100)  # bounded, however long the list
        for deeper in range(ilvl + 1, _MAX_LEVEL + 1):
            counters[deeper] = 0
        style, text, _ = levels[ilvl]
        if _format(counters[ilvl], style) is None:
            return None

        def number(match: re.Match) -> str:
            level = int(match.group(1)) - 1
            if not 0 <= level <= _MAX_LEVEL:
                return ""
            fmt = levels.get(level, ("decimal", "", 1))[0]
            return _format(max(counters[level], 1), fmt) or ""

        return re.sub(r"%(\d)", number, text[:100]).strip(" .)(") or None


def num_pr(p_pr: Any) -> tuple[str | None, int | None]:
    """The list id and level a paragraph's or a style's properties name."""
    num_pr = p_pr.find(f"{W}numPr") if p_pr is not None else None
    if num_pr is None:
        return None, None
    ilvl_element = num_pr.find(f"{W}ilvl")
    num_element = num_pr.find(f"{W}numId")
    ilvl = whole_number(ilvl_element, "val", "a list level (w:ilvl)", 0, _MAX_LEVEL) if ilvl_element is not None \
        else None
    num_id = num_element.get(f"{W}val") if num_element is not None else None
    return num_id, ilvl


@dataclass
class _Style:
    name: str  # lower case, as Word stores built-in names ("heading 1", "list bullet 2")
    based_on: str | None
    num_id: str | None
    ilvl: int | None


class Styles:
    """Paragraph styles by id: names, what they are based on, and the list numbering they carry."""

    def __init__(self, root: Any):
        self.styles: dict[str, _Style] = {}
        self.default: str | None = None
        if root is None:
            return
        for style in root.iter(f"{W}style"):
            if style.get(f"{W}type", "paragraph") != "paragraph":
                continue
            ident = style.get(f"{W}styleId") or ""
            name = style.find(f"{W}name")
            based = style.find(f"{W}basedOn")
            num_id, ilvl = num_pr(style.find(f"{W}pPr"))
            self.styles[ident] = _Style((name.get(f"{W}val", "") if name is not None else ident).lower(),
                                        based.get(f"{W}val") if based is not None else None, num_id, ilvl)
            if style.get(f"{W}default") in ("1", "true", "on"):
                self.default = ident

    def of(self, p_pr: Any) -> str | None:
        element = p_pr.find(f"{W}pStyle") if p_pr is not None else None
        return element.get(f"{W}val") if element is not None else self.default

    def name(self, ident: str | None) -> str:
        style = self.styles.get(ident or "")
        return style.name if style else ""

    def numbering(self, ident: str | None) -> tuple[str | None, int | None]:
        for _ in range(50):  # a chain of based-on styles, bounded in case it loops
            style = self.styles.get(ident or "")
            if style is None:
                break
            if style.num_id is not None:
                return style.num_id, style.ilvl
            ident = style.based_on
        return None, None

