"""Codelists: closed lists of codes kept as CSV files (code, title, description).

The CSV files under ``schema/<version>/codelists/`` are the source of truth for
codes; the models and the JSON Schema take their ``enum`` values from here.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache

from .resources import codelist_dir
from .version import SCHEMA_VERSION


@dataclass(frozen=True)
class Code:
    code: str
    title: str
    description: str


@lru_cache(maxsize=None)
def codelist(name: str, version: str = SCHEMA_VERSION) -> tuple[Code, ...]:
    """The codes of codelist ``name`` (the CSV file's name without ``.csv``)."""
    path = codelist_dir(version) / f"{name}.csv"
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return tuple(Code(row["code"], row["title"], row["description"]) for row in rows)


def codes(name: str, version: str = SCHEMA_VERSION) -> tuple[str, ...]:
    return tuple(entry.code for entry in codelist(name, version))


def names(version: str = SCHEMA_VERSION) -> list[str]:
    return sorted(path.stem for path in codelist_dir(version).glob("*.csv"))
