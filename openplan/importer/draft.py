"""What structure recognition makes: the :class:`Draft`, its items' ids, and the marks of where each item came
from and what was guessed (``draft:source``, ``draft:guessed``)."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .blocks import Block

GUESSED = "draft:guessed"
SOURCE = "draft:source"
_STOPWORDS = {"a", "an", "and", "the", "of", "to", "for", "in", "on", "with", "by", "at", "as", "from", "into", "is",
              "are", "be", "its", "their", "our", "we", "will", "that", "this", "all", "any", "or", "which", "who"}


def slug(text: str, words: int = 3) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    tokens = [token for token in re.findall(r"[a-z0-9]+", ascii_text)]
    kept = [token for token in tokens if token not in _STOPWORDS] or tokens
    return "-".join(kept[:words]) or "item"


@dataclass
class Draft:
    """What was recognised, as plain OpenPlan data, and how much of each kind."""

    title: str | None
    sections: list[dict] = field(default_factory=list)
    areas: list[dict] = field(default_factory=list)
    headers: list[str] = field(default_factory=list)  # running headers dropped
    counts: Counter = field(default_factory=Counter)
    enriched: Any = None  # what :mod:`.enrich` read from leads and due dates


class Ids:
    def __init__(self) -> None:
        self.used: set[str] = set()
        self.next: dict[str, int] = {}  # the next suffix to try for each base, so n alike ids cost n, not n²

    def make(self, prefix: str, text: str, words: int = 3) -> str:
        base = f"{prefix}.{slug(text, words)}"
        ident, number = base, self.next.get(base, 2)
        while ident in self.used:
            ident, number = f"{base}-{number}", number + 1
        self.next[base] = number
        self.used.add(ident)
        return ident


def mark_source(item: dict, block: Block, *guessed: str) -> dict:
    item[GUESSED] = list(dict.fromkeys(guessed))
    item[SOURCE] = block.where
    return item
