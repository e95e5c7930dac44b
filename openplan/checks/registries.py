"""I009 not-a-registry and I010 registry-cycle: the files a plan names in `registries` are registries, and
registries do not name each other in a circle.

Validation follows the `registries` lists file by file as it loads them (see
:mod:`openplan.validation.stages`) and reports these findings where a list names
the wrong file.
"""

from __future__ import annotations

from typing import Sequence

from ..loader import Document
from ..report import Finding
from .base import finding, integrity_rule

NOT_A_REGISTRY = integrity_rule(
    "I009", "not-a-registry", "A file named in `registries` is not a registry file.",
    "Only registry files (kind: registry) can be shared; a plan named as a registry would merge two plans' ids.",
    "Name a registry file, or add `kind: registry` to the file if it is one.")
REGISTRY_CYCLE = integrity_rule(
    "I010", "registry-cycle", "Registry files name each other in a circle.",
    "A circle of registries has no starting point; it is almost always a mistake in a `registries` list.",
    "Remove one of the `registries` entries that closes the circle.")
# Every rule this module declares, listed for the catalogue (openplan/catalogue.py).
RULES = (NOT_A_REGISTRY, REGISTRY_CYCLE)


def not_a_registry(document: Document, parts: Sequence[str | int], target: str) -> Finding:
    """``target``, named at ``parts`` of ``document``, is a plan or something else, not a registry."""
    return finding(NOT_A_REGISTRY, document, parts, f'"{target}" is not a registry file (it has no kind: registry)',
                   value=target)


def registry_cycle(document: Document, parts: Sequence[str | int], target: str, circle: Sequence[Document]
                   ) -> Finding:
    """``target``, named at ``parts`` of ``document``, closes ``circle`` (the files from the first one named
    again to the file that names it)."""
    words = " → ".join(link.path for link in circle)
    return finding(REGISTRY_CYCLE, document, parts, f"registries name each other in a circle: {words}",
                   value=target)
