"""What a fix changes, as data: a rule attaches a :class:`Fix` to its finding; :mod:`openplan.lint.fixes`
applies it.

Edits name places by path (the parts of a JSON pointer), never by line, so
fixes from several rules can be applied to one file in one pass.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Union


@dataclass(frozen=True)
class SetKey:
    """Set ``key`` of the mapping at ``parts`` to ``value``; a new key goes right after ``after``."""

    parts: tuple[str | int, ...]
    key: str
    value: Any
    after: str | None = None


@dataclass(frozen=True)
class ReplaceValue:
    """Replace the value at ``parts`` (a scalar, for example) with ``value``, written in flow style."""

    parts: tuple[str | int, ...]
    value: Any


@dataclass(frozen=True)
class InsertInText:
    """In the text at ``parts``, replace the ``occurrence``-th whole-word ``word`` (counting from 0) by ``new``."""

    parts: tuple[str | int, ...]
    word: str
    new: str
    occurrence: int = 0


Edit = Union[SetKey, ReplaceValue, InsertInText]


@dataclass(frozen=True)
class Fix:
    """A repair for one finding. Safe fixes cannot change what the plan means; unsafe ones might."""

    description: str
    safe: bool
    edits: tuple[Edit, ...]
