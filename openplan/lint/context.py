"""What a lint rule sees: one plan, indexed, with helpers the rules share.

A :class:`Context` is built once per file and caches what several rules need:
the items of each kind, every date resolved to its span, and the public text
joined into one string (:class:`Corpus`) so that language rules search it in
one pass. A rule receives a :class:`RuleContext`, the same context with the
rule's own options and a :meth:`RuleContext.finding` that stamps its code.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any, Sequence

from ..checks import finding as positioned
from ..checks.period import plan_period
from ..dates import Span
from ..index import Item, Node, PlanIndex
from ..loader import Document
from ..report import NO_VALUE, Finding
from ..rules import Rule
from ..wording import quoted_label

# The fields of each schema type that hold public text: what a resident reads in the published plan.
TEXT_FIELDS: dict[str, tuple[str, ...]] = {
    "Plan": ("title",), "Area": ("title", "description"), "Objective": ("title", "outcome", "description"),
    "Output": ("text", "title", "description"), "Milestone": ("title", "description"), "Theme": ("title", "description"),
    "Statement": ("text",), "Note": ("title", "text"), "Section": ("title", "text"), "Indicator": ("title",),
    "Target": ("text",), "Report": ("title", "summary"), "Implication": ("title", "text"),
    "Pledge": ("title", "text"), "PledgeSet": ("title", "description"), "Event": ("title", "description"),
    "ProgressUpdate": ("note",),  # published in quarterly reports, so read by the same residents
}
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9&]*")
# Kinds of item whose `title` (or an output's `text`) names them in lists and headings.
TITLED_KINDS = ("Area", "Objective", "Milestone", "Theme", "Indicator", "Section")


@dataclass(frozen=True)
class Text:
    """One piece of public text and where it is."""

    parts: tuple[str | int, ...]
    field: str
    text: str
    type: str  # schema type of the object holding it
    item: Item | None


@dataclass(frozen=True)
class DateRef:
    """One date in the plan, resolved to its span of days where it can be."""

    parts: tuple[str | int, ...]
    data: dict[str, Any]
    owner: Item | None
    span: Span | None

    @property
    def field(self) -> str:
        return str(self.parts[-1]) if self.parts else ""

    @property
    def wording(self) -> str:
        return str(self.data.get("text") or self.data.get("value") or "")


class Context:
    """One plan (or registry) file, indexed, with caches shared by every rule."""

    def __init__(self, index: PlanIndex, today: date):
        self.index = index
        self.document: Document = index.main
        self.data: dict[str, Any] = index.main.data
        self.today = today
        self._kind_words: dict[tuple[str, str | None], str] = {}

    @property
    def path(self) -> str:
        return self.document.path

    @property
    def is_registry(self) -> bool:
        return self.data.get("kind") == "registry"

    @cached_property
    def calendar(self) -> str:
        return str(self.data.get("calendar") or "financial-april")

    @cached_property
    def period(self) -> Span | None:
        bounds = plan_period(self.data)
        if not bounds or bounds[0] > bounds[1]:
            return None
        return Span(*bounds)

    @cached_property
    def edition_status(self) -> str | None:
        edition = self.data.get("edition")
        return edition.get("status") if isinstance(edition, dict) else None

    @cached_property
    def _by_kind(self) -> dict[str, list[Item]]:
        table: dict[str, list[Item]] = {}
        for item in self.index.items.values():
            if item.document is self.document:
                table.setdefault(item.kind, []).append(item)
        return table

    @cached_property
    def own_nodes(self) -> list[Node]:
        """Every object of this file (not of its registries), with its schema type."""
        return [node for node in self.index.nodes if node.document is self.document]

    @cached_property
    def _by_type(self) -> dict[str, list[Node]]:
        table: dict[str, list[Node]] = {}
        for node in self.own_nodes:
            table.setdefault(node.type, []).append(node)
        return table

    @cached_property
    def glossary(self) -> list[Node]:
        """Glossary entries of this file and of the registries it uses."""
        return [node for node in self.index.nodes if node.type == "GlossaryEntry"]

    def items(self, kind: str) -> list[Item]:
        """The items of one kind in this file (not in its registries), sorted into kinds once per file."""
        return self._by_kind.get(kind, [])

    def kind_word(self, item: Item) -> str:
        """How a message names an item's kind: the plan's level name ("strategy"), else "objective"."""
        if item.kind not in ("Area", "Objective", "Output", "Milestone"):
            name = item.kind
        else:  # thousands of findings name items of a handful of levels: each level's word is worked out once
            level = item.data.get("level")
            key = (item.kind, level if isinstance(level, str) else None)  # a level not named by text is no level
            name = self._kind_words.get(key)
            if name is None:
                name = self._kind_words[key] = self.index.kind_name(item)
        return name if name[:2].isupper() else name[:1].lower() + name[1:]

    def named(self, item: Item) -> str:
        """An item as a message names it: its kind in the plan's words and its label ('strategy "1.1 Roads"')."""
        return f"{self.kind_word(item)} {label(item)}"

    def nodes(self, type_name: str) -> list[Node]:
        """The objects of one schema type in this file, such as every FuzzyDate or OwnerLink."""
        return self._by_type.get(type_name, [])

    # -- dates ----------------------------------------------------------------

    def span(self, data: Any) -> Span | None:
        """The days a date covers: its value, or the span of the event it is relative to."""
        return self.index.span(data)

    @cached_property
    def dates(self) -> list[DateRef]:
        return [DateRef(node.parts, node.data, node.owner, self.span(node.data))
                for node in self.nodes("FuzzyDate")]

    # -- positions and text -----------------------------------------------------

    def position(self, parts: Sequence[str | int], key: bool = False) -> tuple[int | None, int | None]:
        """1-based line and column of the value at ``parts`` (or its key), else of its nearest parent."""
        return self.document.position(parts, key)

    def word_position(self, parts: Sequence[str | int], word: str, occurrence: int = 0) -> tuple[int, int] | None:
        """Line and column of the ``occurrence``-th whole ``word`` inside the text at ``parts``, as written in
        the file (inside a folded block, too), so a finding can point at the word itself."""
        node = self.document.node_at(parts)
        if node is None or not isinstance(getattr(node, "value", None), str):
            return None
        text = self.document.text
        start, end = node.start_mark.index, node.end_mark.index
        found = list(re.finditer(rf"(?<![\w&-]){re.escape(word)}(?![\w&])", text[start:end]))
        if occurrence >= len(found):
            return None
        index = start + found[occurrence].start()
        return text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)

    def order(self, parts: Sequence[str | int]) -> tuple[int, ...]:
        """A key that sorts paths in reading order. Mappings keep their keys in the order the file gives them,
        so this needs no positions."""
        table = self._key_orders
        data: Any = self.data
        key: list[int] = []
        for part in parts:
            if isinstance(data, dict):
                ranks = table.get(id(data))
                if ranks is None:
                    ranks = table[id(data)] = {name: number for number, name in enumerate(data)}
                key.append(ranks.get(part, 0))
            else:
                key.append(part if isinstance(part, int) else 0)
            try:
                data = data[part]
            except (KeyError, IndexError, TypeError):
                break
        return tuple(key)

    @cached_property
    def _key_orders(self) -> dict[int, dict[str, int]]:
        return {}

    @cached_property
    def texts(self) -> list[Text]:
        """Every piece of public text in the file. Not in reading order: use :meth:`first` to find which of
        several pieces a reader meets first (ordering every piece would cost more than the rules using it)."""
        found: list[Text] = []
        for type_name, fields in TEXT_FIELDS.items():
            for node in self.nodes(type_name):
                for name in fields:
                    value = node.data.get(name)
                    if isinstance(value, str) and value.strip():
                        found.append(Text(node.parts + (name,), name, value, node.type, node.owner))
        return found

    def first(self, texts) -> Text:
        """Of several pieces of text, the one a reader meets first."""
        return min(texts, key=lambda text: self.order(text.parts))

    @cached_property
    def corpus(self) -> "Corpus":
        return Corpus(self.texts)

    # -- relations between items ------------------------------------------------

    @cached_property
    def referrers(self) -> dict[str, list[tuple[Item | None, str]]]:
        """For each id, the items in this file that refer to it, and through which field."""
        table: dict[str, list[tuple[Item | None, str]]] = {}
        for reference in self.index.references:
            if reference.document is self.document:
                table.setdefault(reference.target, []).append((reference.owner, reference.field))
        return table

    def referred_by(self, ident: str, field: str | None = None, kind: str | None = None) -> list[Item]:
        return [owner for owner, name in self.referrers.get(ident, ())
                if owner is not None and (field is None or name == field) and (kind is None or owner.kind == kind)]


class Corpus:
    """All public text of a file joined into one string, so a rule can search it in one pass.

    ``lower`` is the same text in lower case, for searches that ignore case;
    :meth:`text_at` maps an offset back to the piece of text it falls in.
    """

    def __init__(self, texts: list[Text]):
        self.texts = texts
        self.starts: list[int] = []
        pieces, offset = [], 0
        for text in texts:
            self.starts.append(offset)
            pieces.append(text.text)
            offset += len(text.text) + 1
        self.string = "\n".join(pieces)
        self.lower = self.string.lower()

    @cached_property
    def words(self) -> set[str]:
        """Every distinct word of the text, as written (letters, then letters, digits or '&')."""
        # A word never holds a space, so the words of the distinct space-separated pieces are all of them: a
        # plan repeats its pieces so much that reading each once is several times quicker.
        return set(_WORD.findall(" ".join(set(self.string.split()))))

    @cached_property
    def plain_words(self) -> set[str]:
        """Words written without capitals after the first letter ("place", "Place"), in lower case."""
        return {word.lower() for word in self.words if word[1:].islower() or len(word) == 1}

    def text_at(self, offset: int) -> tuple[Text, int]:
        """The piece of text holding ``offset``, and the offset within it."""
        number = bisect_right(self.starts, offset) - 1
        return self.texts[number], offset - self.starts[number]

    def find_words(self, word: str) -> list[int]:
        """Offsets of ``word`` (lower case) as a whole word, ignoring case; fast for a handful of words."""
        found, size, string = [], len(word), self.lower
        start = string.find(word)
        while start != -1:
            before = string[start - 1] if start else " "
            after = string[start + size] if start + size < len(string) else " "
            if not (before.isalnum() or before in "_-") and not (after.isalnum() or after in "_-"):
                found.append(start)
            start = string.find(word, start + 1)
        return found


class RuleContext:
    """The context as one rule sees it: its options, and findings stamped with its code."""

    def __init__(self, shared: Context, rule: Rule, options: dict[str, Any]):
        self.shared = shared
        self.rule = rule
        self.options = options

    def __getattr__(self, name: str) -> Any:
        return getattr(self.shared, name)

    def finding(self, parts: Sequence[str | int], message: str, *, value: Any = NO_VALUE, item: Item | str | None = None,
                hint: str | None = None, fix: Any = None, key: bool = False,
                document: Document | None = None, at: tuple[int, int] | None = None) -> Finding:
        """A finding of this rule at ``parts`` (in this file, or in ``document``), with the rule's fix hint.
        ``at`` gives a more exact line and column, such as those of a word inside the text at ``parts``."""
        line, column = at if at is not None else (None, None)
        return positioned(self.rule, document or self.shared.document, tuple(parts), message, value=value,
                          item=item.id if isinstance(item, Item) else item, hint=hint, key=key, line=line,
                          column=column, fix=fix)


def label(item: Item) -> str:
    """How a message names an item: its display number and title, shortened, else its id."""
    return quoted_label(item.label, item.id)
