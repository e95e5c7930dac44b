"""YAML text to a node graph, composed by libyaml in C, with nesting refused before it can crash the composer
and the parser's errors rewritten as positioned findings."""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.cyaml import CParser
from yaml.nodes import MappingNode, ScalarNode, SequenceNode
from yaml.resolver import BaseResolver

from .core_schema import PLAIN
from .document import mark as _mark
from .limits import Limits
from .rules import LIMIT, MULTIPLE_DOCUMENTS, SYNTAX, LoadError
from .rules import fail as _fail


class _Resolver(BaseResolver):
    """No implicit typing in libyaml: every untagged scalar gets the PLAIN marker; we type it ourselves.

    libyaml's composer calls these three methods for every value. With no implicit or path resolvers the
    base class always answers the default tag of the node's kind, so they answer it at once (composing a
    large plan takes about a quarter less time)."""

    DEFAULT_SCALAR_TAG = PLAIN
    _TAGS = {ScalarNode: PLAIN, SequenceNode: BaseResolver.DEFAULT_SEQUENCE_TAG,
             MappingNode: BaseResolver.DEFAULT_MAPPING_TAG}

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        return self._TAGS[kind]

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


class Composer(CParser, _Resolver):
    def __init__(self, stream: str):
        CParser.__init__(self, stream)
        _Resolver.__init__(self)


SAFE_NESTING = 1000  # well below the depth at which libyaml's recursive composer overflows the C stack


def check_nesting(text: str, path: str | None, limits: Limits) -> None:
    """Refuse deep nesting before libyaml composes it; its composer recurses in C and can crash.

    A cheap bound first: each level of flow nesting needs a bracket, and each level of block nesting one more
    column of indentation or one more "- " or "? " at the start of a line (so "- - - x" is three levels deep
    on one line). Only a file whose bound passes the safe depth has its events counted.
    """
    bound = text.count("[") + text.count("{")
    room = SAFE_NESTING - bound
    if room >= 0 and len(text) > room and re.search(rf"^[ \t?\-]{{{room + 1}}}", text, re.MULTILINE):
        bound = SAFE_NESTING + 1
    if bound <= SAFE_NESTING:
        return
    try:
        _count_depth(text, path, limits, yaml.CSafeLoader)
    except yaml.YAMLError as exc:
        if not _is_parser_nesting_limit(exc):
            return  # the composer will report the syntax error with its position
        # libyaml (0.2.6 and later) stops at its own nesting limit, often before it has passed a single event
        # on. OpenPlan's limit must decide, with its own position: the pure-Python parser has no such limit
        # and, on this rare path only, finds where the file first goes deeper than --max-depth.
        try:
            _count_depth(text, path, limits, yaml.SafeLoader)
        except yaml.YAMLError:
            pass
        raise _parser_nesting_error(exc, path) from None


def _count_depth(text: str, path: str | None, limits: Limits, loader: type) -> None:
    depth = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth - 1 > limits.max_depth:  # the top level is depth 0, as in core_schema.Builder.build
                raise _fail(LIMIT, f"the file nests deeper than {limits.max_depth} levels", path, *_mark(event))
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1


def _is_parser_nesting_limit(exc: yaml.YAMLError) -> bool:
    return "maximum nesting depth" in str(getattr(exc, "problem", None) or "")


def _parser_nesting_error(exc: yaml.YAMLError, path: str | None) -> LoadError:
    """The YAML parser's own depth limit, reported as the limit it is (L010), not as a syntax error."""
    get_limit = getattr(getattr(yaml, "_yaml", None), "_get_max_nest_level", None)
    limit = f"{get_limit():,} levels" if callable(get_limit) else "its limit"
    mark = getattr(exc, "problem_mark", None)
    return _fail(LIMIT, f"the file nests deeper than the YAML parser can read ({limit}, counting the top level)",
                 path, *((mark.line + 1, mark.column + 1) if mark else (None, None)),
                 hint="Flatten the nesting: no OpenPlan file needs more than a few dozen levels.")


def _reader_error(exc: yaml.reader.ReaderError, path: str | None, text: str) -> LoadError:
    # libyaml reports a character it refuses by its byte offset in the UTF-8 text, without a line.
    offset = len(text.encode("utf-8")[: max(exc.position, 0)].decode("utf-8", errors="ignore"))
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    character = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
    return _fail(SYNTAX, f"the character U+{character:04X} is not allowed in YAML: remove it, or write it as an "
                 "escape inside double quotes", path, line, column)


def syntax_error(exc: yaml.YAMLError, path: str | None, text: str) -> LoadError:
    if isinstance(exc, yaml.reader.ReaderError):
        return _reader_error(exc, path, text)
    if _is_parser_nesting_limit(exc):
        return _parser_nesting_error(exc, path)
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    if context and "expected a single document" in context:
        return _fail(MULTIPLE_DOCUMENTS, "the file holds more than one YAML document", path,
                     *((mark.line + 1, mark.column + 1) if mark else (None, None)))
    message = problem
    if context:
        message = f"{problem} ({context})"
    line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
    if mark is not None and 0 <= mark.index < len(text) and text[mark.index] == "\t":
        message = "a tab character: YAML is indented with spaces, never tabs"
    return _fail(SYNTAX, f"YAML syntax error: {message}", path, line, column)

