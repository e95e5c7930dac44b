"""Where the schema files live, in a source checkout and in an installed wheel.

The wheel carries ``schema/`` inside the package as ``openplan/_schema``; a
source checkout (or an editable install) reads the top-level ``schema/``.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from .version import SCHEMA_VERSION

_HERE = Path(__file__).resolve().parent


@lru_cache(maxsize=None)
def schema_root() -> Path:
    for candidate in (_HERE / "_schema", _HERE.parent / "schema"):
        if (candidate / SCHEMA_VERSION).is_dir():
            return candidate
    raise FileNotFoundError("the OpenPlan schema files are missing from this installation")


def schema_dir(version: str = SCHEMA_VERSION) -> Path:
    return schema_root() / version


def schema_path(name: str, version: str = SCHEMA_VERSION) -> Path:
    return schema_dir(version) / f"{name}.schema.json"


@lru_cache(maxsize=None)
def load_schema(name: str, version: str = SCHEMA_VERSION) -> dict:
    with open(schema_path(name, version), encoding="utf-8") as handle:
        return json.load(handle)


def codelist_dir(version: str = SCHEMA_VERSION) -> Path:
    return schema_dir(version) / "codelists"


def schema_text(name: str, version: str = SCHEMA_VERSION) -> str:
    """The text of a shipped schema file; LookupError names the versions shipped when this one is not."""
    path = schema_path(name, version)
    if not path.is_file() and (schema_dir(version) / "plan.schema.json").is_file():
        raise LookupError(f"OpenPlan {version} has no {name} schema" + ("; progress reports are new in OpenPlan 1.1"
                                                                        if name == "report" else ""))
    if not path.is_file():
        shipped = sorted(p.name for p in schema_root().iterdir() if (p / "plan.schema.json").is_file())
        raise LookupError(f"this openplan has no schema version {version!r}; it ships {', '.join(shipped)}")
    return path.read_text(encoding="utf-8")
