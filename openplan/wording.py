"""How OpenPlan names things for a reader, the same way in every command.

- items: "objective "obj.fair-funding" (2.1)", "output 2 of outputs", "a pledge set";
- places: "the plan", "the registry";
- counts: "1 file", "3 files", "2 baseline entries";
- articles: "an indicator", "a unit", "an hour";
- paths: relative to the working folder where they can be.

Pure computation: nothing here reads a file, prints or exits.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, Optional, Sequence

from .levels import declared, kind_name

THE_PLAN = "the plan"
THE_REGISTRY = "the registry"
THE_REPORT = "the progress report"

# --- a and an -------------------------------------------------------------------------------------

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


with_article = a

# --- counts ---------------------------------------------------------------------------------------


def plural(count: int, one: str, many: Optional[str] = None) -> str:
    """``one`` or its plural for ``count`` things: plural(2, "file") is "files", plural(2, "entry", "entries")."""
    return one if count == 1 else (many if many is not None else one + "s")


def counted(count: int, one: str, many: Optional[str] = None) -> str:
    """"1 file", "3 files", "0 baseline entries"."""
    return f"{count} {plural(count, one, many)}"


# --- items and places -----------------------------------------------------------------------------

# What one entry of each list of a plan or registry is called.
ITEM_NOUNS = {
    "areas": "area", "objectives": "objective", "outputs": "output", "milestones": "milestone", "themes": "theme",
    "sub_items": "sub-item", "commitments": "commitment", "events": "event", "people": "person", "posts": "post",
    "bodies": "body", "organisations": "organisation", "pledge_sets": "pledge set", "owners": "owner",
    "indicators": "indicator", "targets": "target", "progress": "progress update", "notes": "note",
    "sections": "section", "glossary": "glossary entry", "changes": "change", "items": "item",
    "principles": "principle", "repairs": "repair", "sources": "source", "holders": "holder",
    "recommendations": "recommendation", "implications": "implication", "authors": "author",
    "levels": "level", "approvals": "approval",
    "updates": "update", "observations": "observation", "counts": "published count", "presented": "presentation",
    "status_scale": "status word",
}


def whole(data: Any) -> str:
    """"the plan", "the registry" or "the progress report": what the file ``data`` was read from holds."""
    kind = data.get("kind") if isinstance(data, dict) else None
    return THE_REGISTRY if kind == "registry" else THE_REPORT if kind == "report" else THE_PLAN


def place(data: Any, parts: Sequence[str | int]) -> tuple[str, str | None]:
    """A plain name for the object at ``parts`` ("objective "obj.fair-funding" (2.1)") and its nearest item id."""
    node, item = data, data.get("id") if isinstance(data, dict) else None
    label = whole(data)
    collection = None
    for part in parts:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(part, str):
            collection = part
        elif isinstance(node, dict):
            noun = ITEM_NOUNS.get(collection or "", "item")
            if collection == "pledges":
                noun = "pledge" if "text" in node else "pledge link"
            ident = node.get("id") if isinstance(node.get("id"), str) else None
            number = node.get("number")
            if ident:
                item = ident
                label = f'{noun} "{ident}"' + (f" ({number})" if number not in (None, "") else "")
            else:
                label = f"{noun} {part + 1} of {collection.replace('_', ' ')}" if collection else noun
    return label, item


def item_kind(plan: Any, type_name: str, item: Any = None, *, plural: bool = False, registries: Any = ()) -> str:
    """What the plan calls an item of a kind, from its declared ``levels`` ("Strategy" for an objective at the
    strategy level), else the standard word ("Objective"); ``plural`` for a heading ("Strategies")."""
    return kind_name(declared(plan, registries), type_name, item, plural=plural)


def type_words(type_name: str) -> str:
    """A schema object type in words: "PledgeSet" is "pledge set"."""
    return re.sub(r"(?<!^)([A-Z])", r" \1", type_name).lower()


def type_plural(type_name: str) -> str:
    """Every object of a type, for a list of where a field may go: "pledge sets", "the plan"."""
    if type_name in ("Plan", "Registry"):
        return THE_PLAN if type_name == "Plan" else THE_REGISTRY
    word = type_words(type_name)
    return word[:-1] + "ies" if word.endswith("y") else word + "s"


def type_place(type_name: str, ident: Any) -> str:
    """One object of a type: "the plan", "objective "obj.housing"", or "an indicator" when it has no id."""
    if type_name in ("Plan", "Registry"):
        return THE_PLAN if type_name == "Plan" else THE_REGISTRY
    word = type_words(type_name)
    return f'{word} "{ident}"' if isinstance(ident, str) else a(word)


def quoted_label(label: str, ident: str, limit: int = 60) -> str:
    """How a message quotes an item: its display number and title, shortened, else its id."""
    text = " ".join(label.split())
    if not text:
        return f'"{ident}"'
    if len(text) > limit:
        text = text[: limit - 3].rstrip() + "..."
    return f'"{text}"'


# --- paths ----------------------------------------------------------------------------------------


def display_path(path: Path | str) -> str:
    """A path as findings and messages show it: relative to the working folder where it can be."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
