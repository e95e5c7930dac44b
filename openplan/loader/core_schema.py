"""Plain Python values from composed YAML nodes under the YAML 1.2 core schema, enforcing the safety rules.

``no`` stays a string and ``2022-07-01`` stays text; no tag can construct an object (only the core tags are
accepted); duplicate keys, merge keys and recursive aliases are errors; aliases count towards the value limit
once per use.
"""

from __future__ import annotations

import math
import re
from typing import Any

from yaml.nodes import Node, ScalarNode, SequenceNode

from ..rules import Rule
from .document import mark as _mark
from .limits import Limits
from .rules import (BAD_NUMBER, DUPLICATE_KEY, LIMIT, MERGE_KEY, RECURSIVE_ALIAS, SYNTAX, UNSAFE_TAG, LoadError)
from .rules import fail as _fail

PLAIN = "tag:openplan:plain"  # the tag libyaml's resolver gives every untagged scalar, see openplan.loader.composing
_CORE = "tag:yaml.org,2002:"
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?[0-9]+$")
_OCT = re.compile(r"^0o[0-7]+$")
_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_MAX_INT_BITS = 14_284  # about 4,300 decimal digits, Python's limit for turning an integer into text
_SPECIAL_FLOAT = re.compile(r"^(?:[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$")


class Builder:
    """Builds plain values from composed nodes, enforcing safety rules and limits."""

    def __init__(self, path: str | None, limits: Limits):
        self.path = path
        self.limits = limits
        self.count = 0
        self.done: dict[int, Any] = {}
        self.active: set[int] = set()

    def fail(self, rule: Rule, message: str, node: Node) -> LoadError:
        return _fail(rule, message, self.path, *_mark(node))

    def scalar(self, node: ScalarNode) -> Any:
        tag, text = node.tag, node.value
        if tag == PLAIN:
            if node.style:  # quoted or block scalars are always text
                return text
            return self.plain(text, node)
        if not tag.startswith(_CORE):
            raise self.fail(UNSAFE_TAG, f"the tag {tag!r} is not allowed: OpenPlan files hold plain data only", node)
        kind = tag[len(_CORE):]
        if kind == "str":
            return text
        if kind in ("int", "float", "bool", "null"):
            value = self.plain(text, node)
            expected = {"int": int, "float": (int, float), "bool": bool, "null": type(None)}[kind]
            if not isinstance(value, expected) or (kind == "int" and isinstance(value, bool)):
                raise self.fail(SYNTAX, f"{text!r} is not a valid !!{kind}", node)
            return float(value) if kind == "float" else value
        raise self.fail(UNSAFE_TAG, f"the tag !!{kind} is not allowed: OpenPlan files hold plain data only", node)

    def plain(self, text: str, node: ScalarNode) -> Any:
        if not text:
            return None  # an empty plain scalar ("key:" and nothing after it) is null in YAML 1.2
        if text[0] not in "-+0123456789.~nNtTfF":
            return text
        if _NULL.match(text):
            return None
        if text in _BOOL:
            return _BOOL[text]
        try:
            if _INT.match(text):
                return int(text)
            if _OCT.match(text) or _HEX.match(text):
                value = int(text[2:], 8 if text[1] == "o" else 16)
                if value.bit_length() > _MAX_INT_BITS:  # no decimal (and so no JSON) form without the same limit
                    raise ValueError(text)
                return value
        except ValueError:
            raise self.fail(BAD_NUMBER, "this integer is too long to be a number; quote it to keep it as text",
                            node) from None
        if _FLOAT.match(text):
            value = float(text)
            if math.isinf(value):
                raise self.fail(BAD_NUMBER, f"{text} is too large to be a number; quote it to keep it as text", node)
            return value
        if _SPECIAL_FLOAT.match(text):
            raise self.fail(BAD_NUMBER, f"{text} (infinity or not-a-number) has no JSON form", node)
        return text

    def build(self, node: Node, depth: int = 0) -> Any:
        self.count += 1
        if self.count > self.limits.max_values:
            raise self.fail(LIMIT, f"the file expands to more than {self.limits.max_values:,} values "
                            "(aliases count once per use)", node)
        if depth > self.limits.max_depth:
            raise self.fail(LIMIT, f"the file nests deeper than {self.limits.max_depth} levels", node)
        if isinstance(node, ScalarNode):
            return self.scalar(node)
        key = id(node)
        if key in self.active:
            raise self.fail(RECURSIVE_ALIAS, "an alias refers to a node that contains it", node)
        if key in self.done:
            # An alias: the value is shared, but it still counts towards the limit once per use.
            self.count += self.weight(node)
            if self.count > self.limits.max_values:
                raise self.fail(LIMIT, f"the file expands to more than {self.limits.max_values:,} values "
                                "(aliases count once per use)", node)
            return self.done[key]
        if not node.tag.startswith(_CORE) and node.tag != PLAIN:
            raise self.fail(UNSAFE_TAG, f"the tag {node.tag!r} is not allowed: OpenPlan files hold plain data only",
                            node)
        self.active.add(key)
        if isinstance(node, SequenceNode):
            if node.tag not in (_CORE + "seq",) and not node.tag.endswith(":seq"):
                raise self.fail(UNSAFE_TAG, f"the tag {node.tag!r} is not allowed: OpenPlan files hold plain data only",
                                node)
            value: Any = [self.build(child, depth + 1) for child in node.value]
        else:
            if node.tag not in (_CORE + "map",):
                raise self.fail(UNSAFE_TAG, f"the tag {node.tag!r} is not allowed: OpenPlan files hold plain data only",
                                node)
            value = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, ScalarNode):
                    raise self.fail(BAD_NUMBER, "a list or mapping cannot be used as a key", key_node)
                name = key_node.value
                if name == "<<" and not key_node.style:
                    raise self.fail(MERGE_KEY, "merge keys (<<) are YAML 1.1 and not supported", key_node)
                if name in value:
                    raise self.fail(DUPLICATE_KEY, f"the key {name!r} appears twice in this mapping", key_node)
                value[name] = self.build(value_node, depth + 1)
        self.active.discard(key)
        self.done[key] = value
        return value

    def weight(self, node: Node) -> int:
        """How many values a node expands to, computed once per node."""
        cache: dict[int, int] = self.__dict__.setdefault("_weights", {})
        key = id(node)
        if key not in cache:
            if isinstance(node, ScalarNode):
                cache[key] = 1
            elif isinstance(node, SequenceNode):
                cache[key] = 1 + sum(self.weight(child) for child in node.value)
            else:
                cache[key] = 1 + sum(self.weight(v) for _, v in node.value)
        return cache[key]
