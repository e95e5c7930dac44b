"""Small helpers for messages in plain English. Pure computation."""

from __future__ import annotations

import re

# Words spelt with a vowel that sound like a consonant ("a unit", "a one-off"), and the reverse ("an hour").
_CONSONANT_SOUND = re.compile(r"^(?:uni|use|usu|uti|eu|one\b|once\b|ewe)", re.IGNORECASE)
_VOWEL_SOUND = re.compile(r"^(?:hour|honest|honour|heir)", re.IGNORECASE)


def article(word: str) -> str:
    """"a" or "an", whichever reads right before ``word`` ("an indicator", "a unit", "an hour")."""
    text = word.strip().strip("\"'`")
    if not text:
        return "a"
    if _VOWEL_SOUND.match(text):
        return "an"
    if _CONSONANT_SOUND.match(text):
        return "a"
    return "an" if text[0].lower() in "aeiou" else "a"


def a(word: str) -> str:
    """``word`` with its indefinite article: "an indicator", "a pledge set"."""
    return f"{article(word)} {word}"
