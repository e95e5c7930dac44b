"""The numbering a council's document writes and what it means: "2" an area, "2.1" an objective, "a." or "iv)"
an output or sub-item, "Outputs:" a label; and the short lines repeated through a document (page headers)."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from .blocks import Block

OBJECTIVE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.?(?:\s*[:\-–]\s*|\s+)(\S.*)$")
AREA = re.compile(r"^(\d{1,2})\.?(?:\s*[:\-–]\s*|\s+)(\S.*)$")
MARKER = re.compile(r"^\(?([a-z]|[ivx]{1,5}|\d{1,2})[.)]\s+(\S.*)$")
OUTPUTS_LABEL = re.compile(r"^(?:key\s+)?(?:outputs?|deliverables?|actions?)\s*:?$", re.IGNORECASE)
BULLETS = "•▪◦‣·●○■□–—*-"
_ROMAN = {"i": 1, "v": 5, "x": 10}


def roman_value(text: str) -> int | None:
    if not text or any(char not in _ROMAN for char in text):
        return None
    total = 0
    for position, char in enumerate(text):
        value = _ROMAN[char]
        following = _ROMAN[text[position + 1]] if position + 1 < len(text) else 0
        total += -value if value < following else value
    return total


def next_letter(number: Any) -> str | None:
    if isinstance(number, str) and len(number) == 1 and "a" <= number < "z":
        return chr(ord(number) + 1)
    return None


def clean(text: str) -> str:
    text = text.replace("**", "").replace("__", "")
    text = " ".join(text.split())
    return text.strip()


def split_marker(block: Block, text: str) -> tuple[str | None, str]:
    """The list number or letter of a block and the text after it."""
    if block.marker:
        return block.marker.lower(), text
    stripped = text.lstrip(BULLETS).strip() if text[:1] in BULLETS else text
    match = MARKER.match(stripped)
    if match:
        return match.group(1), match.group(2).strip()
    return None, stripped


def running_headers(blocks: list[Block]) -> set[str]:
    """Short unnumbered lines that recur through the document: page headers and footers, not content."""
    counts: Counter = Counter()
    for block in blocks:
        if block.kind in ("item", "row") or len(block.text) >= 80:
            continue
        text = clean(block.text)  # once: a long document has hundreds of thousands of blocks
        if not (OBJECTIVE.match(text) or AREA.match(text) or OUTPUTS_LABEL.match(text)):
            counts[text] += 1
    return {text for text, count in counts.items() if count >= 2 and text}
