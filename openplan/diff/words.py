"""Text as the diff compares it: what counts as the same wording, word-level edits, and similarity.

Two texts are the same wording when they differ only in white space (YAML
folding, line wrapping) or in curly against straight quotes: neither is a
change a committee would want to read about.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from rapidfuzz import fuzz

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
    return comparable(a) == comparable(b)


def _tokens(text: str) -> list[str]:
    return text.split(" ") if text else []


def _word_edits(old: str, new: str) -> Words:
    old_words, new_words = _tokens(clean(old)), _tokens(clean(new))
    matcher = SequenceMatcher(None, [w.translate(_QUOTES) for w in old_words],
                              [w.translate(_QUOTES) for w in new_words], autojunk=False)
    out: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
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
