"""Display numbers as plans print them: "2", "2.1", "a", "iv", "2.4 LOTI".

Used by the numbering rules to find gaps, disorder, duplicates and mixed
schemes among siblings. Pure computation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterator

_LEADING = re.compile(r"^\s*\(?([0-9]+(?:\.[0-9]+)*|[A-Za-z]{1,6})[.)]?(?=\s|$)")
_ROMAN = re.compile(r"^(?=[ivxlc])(c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


@dataclass(frozen=True)
class Number:
    """A display number read: its scheme and its place (a tuple, so "2.10" comes after "2.9")."""

    text: str
    token: str
    scheme: str  # "arabic", "dotted", "letter", "roman"
    place: tuple[int, ...]

    @property
    def prefix(self) -> tuple[int, ...]:
        return self.place[:-1]


def roman_value(token: str) -> int | None:
    token = token.lower()
    if not _ROMAN.match(token):
        return None
    total = 0
    for here, after in zip(token, token[1:] + " "):
        value = _ROMAN_VALUES[here]
        total += -value if after != " " and _ROMAN_VALUES[after] > value else value
    return total


def read(value: Any, roman: bool = False) -> Number | None:
    """Read one display number; ``roman`` says the siblings count in roman numerals."""
    if value is None or isinstance(value, bool):
        return None
    return _read(str(value), roman)


@lru_cache(maxsize=4096)  # plans repeat the same few numbers ("a", "1", "2.1") thousands of times
def _read(text: str, roman: bool) -> Number | None:
    match = _LEADING.match(text)
    if not match:
        return None
    token = match.group(1)
    if token[0].isdigit():
        place = tuple(int(part) for part in token.split("."))
        return Number(text, token, "dotted" if len(place) > 1 else "arabic", place)
    if roman and roman_value(token) is not None:
        return Number(text, token, "roman", (roman_value(token),))  # type: ignore[arg-type]
    if len(token) == 1:
        return Number(text, token, "letter", (ord(token.lower()) - ord("a") + 1,))
    if roman_value(token) is not None:
        return Number(text, token, "roman", (roman_value(token),))  # type: ignore[arg-type]
    return None


@lru_cache(maxsize=4096)
def _word(text: str) -> str | None:
    """The number's leading word in lower case ("iv" of "iv."), or None when it has none or it is digits."""
    match = _LEADING.match(text)
    return match.group(1).lower() if match and not match.group(1)[0].isdigit() else None


def siblings(values: list[Any]) -> list[Number | None]:
    """Read a list of sibling numbers, deciding once whether single letters such as "i" are roman."""
    found = (_word(str(v)) for v in values if v is not None and not isinstance(v, bool))
    words = [word for word in found if word is not None]
    roman = bool(words) and all(roman_value(w) is not None for w in words) and (
        any(len(w) > 1 for w in words) or words == ["i"])
    return [read(v, roman) for v in values]


def sibling_groups(nodes, kind: str = "plan") -> Iterator[tuple[tuple, str, list[tuple[tuple, dict]]]]:
    """Every list of numbered objects held by ``nodes`` (index nodes): (path of the list, field name,
    [(path, object)]). Only the fields the schema says hold lists of objects are looked at."""
    from ..index import shapes

    table = shapes(kind)
    lists: dict[str, tuple[str, ...]] = {}
    for node in nodes:
        names = lists.get(node.type)
        if names is None:
            shape = table.get(node.type)
            names = lists[node.type] = tuple(name for name, (_, many) in shape.children.items() if many) \
                if shape else ()
        for name in names:
            value = node.data.get(name)
            if isinstance(value, list) and any(isinstance(entry, dict) and "number" in entry for entry in value):
                members = [(node.parts + (name, position), entry) for position, entry in enumerate(value)
                           if isinstance(entry, dict)]
                yield node.parts + (name,), name, members
