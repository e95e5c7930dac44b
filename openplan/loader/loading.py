"""Parsing text and loading files into a :class:`Document`: the whole path from bytes to checked data."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import Node, ScalarNode

from .composing import SAFE_NESTING, Composer, check_nesting, syntax_error
from .core_schema import PLAIN, Builder
from .document import Document
from .document import mark as _mark
from .json_text import JSON_ONLY_CHARACTER, SURROGATE_PAIR, check_strict_json, join_surrogates
from .limits import DEFAULT_LIMITS, Limits
from .reading import read_text
from .rules import EMPTY, LIMIT, NOT_A_MAPPING, SYNTAX
from .rules import fail as _fail


@contextmanager
def paused_gc():
    """Pause the cyclic garbage collector while a large, acyclic graph is built.

    Composing a plan allocates a node and two marks for every value. With the
    collector running, CPython re-scans that growing graph again and again, and
    a 10,000-output plan took five times as long to compose. Nothing built here
    is cyclic, so pausing loses nothing; the previous state is restored.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            # Everything allocated meanwhile still counts as new: the first collection after enabling would scan
            # the whole graph at once (over a second for two 10,000-output plans). Moving it to the oldest
            # generation (freeze, then unfreeze) leaves it to the rare full collections, which still free any
            # cycle in it.
            gc.freeze()
            gc.unfreeze()
            gc.enable()


def parse(text: str, path: str | None = None, limits: Limits = DEFAULT_LIMITS, *, json: bool = False) -> Document:
    """Parse YAML or JSON text into a :class:`Document`. Raises :class:`LoadError`."""
    if text.startswith("\ufeff"):
        text = text[1:]
    source = text.replace("\t", " ") if json else text  # JSON allows tabs as whitespace; YAML does not
    if json:
        if "\\u" in source:
            source = SURROGATE_PAIR.sub(join_surrogates, source)
        source = JSON_ONLY_CHARACTER.sub(lambda match: f"\\u{ord(match.group()):04x}", source)
    elif "\x85" in source:
        # libyaml reads U+0085 as a line break (YAML 1.1) where YAML 1.2 reads a character: refuse, never guess.
        offset = source.index("\x85")
        raise _fail(SYNTAX, "the character U+0085 (next line) is read differently by different YAML tools: "
                    "remove it, or write it as \\N inside double quotes", path, source.count("\n", 0, offset) + 1,
                    offset - source.rfind("\n", 0, offset))
    if limits.max_depth > SAFE_NESTING:  # a higher limit would let libyaml's composer overflow the C stack
        limits = replace(limits, max_depth=SAFE_NESTING)
    check_nesting(source, path, limits)
    with paused_gc():
        composer = Composer(source)
        try:
            node = composer.get_single_node()
        except yaml.YAMLError as exc:
            raise syntax_error(exc, path, source) from None
        except RecursionError:
            raise _fail(LIMIT, f"the file nests deeper than {limits.max_depth} levels", path) from None
        finally:
            composer.dispose()
        if node is None:
            raise _fail(EMPTY, "the file is empty" if not text.strip() else "the file holds only comments", path,
                        1, 1)
        if isinstance(node, ScalarNode) and node.value == "" and not node.style and node.tag == PLAIN:
            raise _fail(EMPTY, "the file holds an empty document (only '---')", path, 1, 1)
        builder = Builder(path, limits)
        try:
            data = builder.build(node)
        except RecursionError:  # only when --max-depth is raised near the ceiling
            raise _fail(LIMIT, "the file nests too deeply to be read", path, *_mark(node)) from None
    if not isinstance(data, dict):
        what = "a list" if isinstance(data, list) else "a single value"
        raise _fail(NOT_A_MAPPING, f"the top level is {what}, not a mapping of fields", path, *_mark(node))
    if json:
        check_strict_json(text, path)
    return Document(path=path or "<input>", data=data, node=node, text=text, json=json)


def load_document(path: Path | str, display: str | None = None, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read and parse one file. Raises :class:`LoadError` with a positioned finding."""
    path = Path(path)
    shown = display if display is not None else str(path)
    text = read_text(path, shown, limits)
    document = parse(text, shown, limits, json=path.suffix.lower() == ".json")
    document.resolved = path.resolve()
    return document


class Recomposed(Document):
    """A file kept without its node graph: parsed in another process and sent here (the data and text pickle
    quickly, the graph does not), or kept after it was checked (the graph is most of its memory). The graph is
    composed again from the same text the first time a position is asked for, which only a file with findings
    does."""

    def __init__(self, path: str, data: Any, text: str, resolved: Path | None, limits: Limits, json: bool):
        self._node: Node | None = None
        self._limits = limits
        super().__init__(path, data, None, text, resolved, json)

    @property  # type: ignore[override]
    def node(self) -> Node | None:
        if self._node is None:
            self._node = parse(self.text, self.path, self._limits, json=self.json).node
        return self._node

    @node.setter
    def node(self, value: Node | None) -> None:
        self._node = value
