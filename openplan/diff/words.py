"""Text as the diff compares it: what counts as the same wording, word-level edits, and similarity.

Two texts are the same wording when they differ only in white space (YAML
folding, line wrapping) or in curly against straight quotes: neither is a
change a committee would want to read about.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from .model import Words, invert_words

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})
_PUNCTUATION = re.compile(r"[^\w\s]")
# Words too common to say whether two priorities are the same one.
_STOP_WORDS = frozenset(
    "a an and are as at be by for from has have in into is it its of on or our that the their this to was we "
    "which will with".split())


def clean(text: str | None) -> str:
    """The text with runs of white space made single spaces; the text shown in reports."""
    return " ".join(str(text).split()) if text is not None else ""


def comparable(text: str | None) -> str:
    """The text as compared for sameness: white space and quote style do not count."""
    return clean(text).translate(_QUOTES)


def same_wording(a: str | None, b: str | None) -> bool:
    return a == b or comparable(a) == comparable(b)  # most texts are unchanged: no need to clean them again


def _tokens(text: str) -> list[str]:
    return text.split(" ") if text else []


# difflib compares every word with every other: fine for the wording of a priority, quadratic for a
# 50,000-word title. Past FULL_DIFF (words on one side times words on the other), the words both texts start
# and end with are set aside and the rest is compared by RapidFuzz's bit-parallel LCS, which is 64 times
# cheaper; past WORD_DIFF the rest is shown as deleted and inserted whole, without word-level detail.
FULL_DIFF = 250_000
WORD_DIFF = 25_000_000


def _opcodes(a: list[str], b: list[str]) -> list[tuple[str, int, int, int, int]]:
    if len(a) * len(b) <= FULL_DIFF:
        return SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    head = 0
    while head < len(a) and head < len(b) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < len(a) - head and tail < len(b) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    middle_a, middle_b = a[head:len(a) - tail], b[head:len(b) - tail]
    if not middle_a or not middle_b:
        middle = [("replace", 0, len(middle_a), 0, len(middle_b))] if middle_a or middle_b else []
    elif len(middle_a) * len(middle_b) <= WORD_DIFF:
        middle = [(op.tag, op.src_start, op.src_end, op.dest_start, op.dest_end)
                  for op in Indel.opcodes(middle_a, middle_b)]
    else:
        middle = [("replace", 0, len(middle_a), 0, len(middle_b))]
    ops = [("equal", 0, head, 0, head)] if head else []
    ops += [(tag, i1 + head, i2 + head, j1 + head, j2 + head) for tag, i1, i2, j1, j2 in middle]
    if tail:
        ops.append(("equal", len(a) - tail, len(a), len(b) - tail, len(b)))
    return ops


def _word_edits(old: str, new: str) -> Words:
    old_words, new_words = _tokens(clean(old)), _tokens(clean(new))
    opcodes = _opcodes([w.translate(_QUOTES) for w in old_words], [w.translate(_QUOTES) for w in new_words])
    out: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            out.append(("equal", " ".join(new_words[j1:j2])))
            continue
        if i2 > i1:
            out.append(("delete", " ".join(old_words[i1:i2])))
        if j2 > j1:
            out.append(("insert", " ".join(new_words[j1:j2])))
    return tuple(out)


def word_edits(old: str | None, new: str | None) -> Words:
    """Word-level edits turning ``old`` into ``new``.

    Computed in one fixed direction and inverted when needed, so that the edits
    from B to A are exactly the inverse of the edits from A to B.
    """
    a, b = clean(old), clean(new)
    if comparable(a) <= comparable(b):
        return _word_edits(a, b)
    return invert_words(_word_edits(b, a))


def key_text(text: str | None) -> str:
    """The text reduced to its meaningful words, for similarity."""
    words = _PUNCTUATION.sub(" ", comparable(text).lower()).split()
    return " ".join(w for w in words if w not in _STOP_WORDS)


def similarity(a: str, b: str) -> float:
    """How alike two key texts are, from 0 to 1, regardless of word order. Symmetric."""
    if not a and not b:
        return 1.0
    return fuzz.token_sort_ratio(a, b) / 100
