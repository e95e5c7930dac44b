"""A simple regular expression in plain words, for messages about values of the wrong form.

``^[A-Z]{3}$`` reads "three capital letters"; a pattern with groups, alternatives
or '.' is too complex to put in words, and the message shows the pattern itself.
"""

from __future__ import annotations

import re

_NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
# One piece of a simple pattern: a character class, an escaped character or a literal one; anything else
# (groups, alternatives, '.') makes the pattern too complex to put in words.
_PATTERN_TOKEN = re.compile(r"\[(?P<cls>(?:\\.|[^\]\\])+)\]|\\(?P<esc>[dDwWsS.\-_/+()\[\]{}^$|?*])"
                            r"|(?P<lit>[^\\\[\](){}|.*+?^$])|(?P<bad>.)")
_QUANTIFIER = re.compile(r"\{(\d+)(?:,(\d*))?\}|[*+?]")


def _count(number: int) -> str:
    return _NUMBER_WORDS[number] if number < len(_NUMBER_WORDS) else f"{number:,}"


def _class_words(body: str) -> tuple[str, str] | None:
    """A character class in words, singular and plural ("a capital letter", "capital letters")."""
    if body.startswith("^"):
        return None
    names, others, at = [], [], 0
    ranges = {"A-Z": "capital", "a-z": "lower-case", "0-9": "digit"}
    found = set()
    while at < len(body):
        if body[at:at + 3] in ranges:
            found.add(ranges[body[at:at + 3]])
            at += 3
            continue
        if body[at] == "\\":
            char = body[at + 1] if at + 1 < len(body) else "\\"
            if char == "d":
                found.add("digit")
            elif char.isalnum():
                return None  # \w, \s and the like: too loose to name
            else:
                others.append(f"'{char}'")
            at += 2
        elif body[at + 1:at + 2] == "-" and at + 2 < len(body):
            others.append(f"'{body[at]}' to '{body[at + 2]}'")  # a range other than A-Z, a-z or 0-9
            at += 3
        else:
            others.append(f"'{body[at]}'")
            at += 1
    if {"capital", "lower-case"} <= found:
        names.append("letter")
    elif "capital" in found:
        names.append("capital letter")
    elif "lower-case" in found:
        names.append("lower-case letter")
    if "digit" in found:
        names.append("digit")
    words = names + others
    if not words:
        return None
    if names:
        singular = ("an " if names[0][0] in "aeiou" else "a ") + " or ".join(words)
    else:
        singular = words[0] if len(words) == 1 else "one of " + ", ".join(words)
    plural_names = [name + "s" for name in names] + others
    plural = ", ".join(plural_names[:-1]) + (" or " if len(plural_names) > 1 else "") + plural_names[-1]
    return singular, plural


def pattern_words(pattern: str) -> str | None:
    """A simple regular expression in plain words ("three capital letters"), or None if it is not simple."""
    body = pattern
    if not (body.startswith("^") and body.endswith("$")) or body.endswith("\\$"):
        return None
    body = body[1:-1]
    pieces: list[str] = []
    at = 0
    while at < len(body):
        match = _PATTERN_TOKEN.match(body, at)
        if match is None or match.group("bad") is not None:
            return None
        at = match.end()
        if match.group("cls") is not None:
            words = _class_words(match.group("cls"))
        elif match.group("esc") is not None:
            char = match.group("esc")
            words = (("a digit", "digits") if char == "d" else None) if char.isalpha() else (f"'{char}'", f"'{char}'")
        else:
            char = match.group("lit")
            words = (f"'{char}'", f"'{char}'")
        if words is None:
            return None
        quantity = _QUANTIFIER.match(body, at)
        if quantity is None:
            text = words[0]
        else:
            at = quantity.end()
            token = quantity.group(0)
            if token == "*":
                text = f"any number of {words[1]}"
            elif token == "+":
                text = f"one or more {words[1]}"
            elif token == "?":
                text = f"optionally {words[0]}"
            elif quantity.group(2) is None:
                count = int(quantity.group(1))
                text = words[0] if count == 1 else f"{_count(count)} {words[1]}"
            elif quantity.group(2) == "":
                text = f"at least {_count(int(quantity.group(1)))} {words[1]}"
            else:
                text = f"{_count(int(quantity.group(1)))} to {_count(int(quantity.group(2)))} {words[1]}"
        if pieces and text.startswith("'") and pieces[-1].startswith("'") and len(text) == 3:
            pieces[-1] = pieces[-1][:-1] + text[1:-1] + "'"  # literal letters run together: 'E05'
        else:
            pieces.append(text)
    if not pieces:
        return None
    return pieces[0] if len(pieces) == 1 else ", then ".join(pieces)
