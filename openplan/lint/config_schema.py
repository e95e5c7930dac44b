"""The shape of the ``[lint]`` table, as a JSON Schema, and the settings read from it.

The table is checked with the same JSON Schema validator that checks plans
(jsonschema-rs, already loaded by validation), so unknown keys, wrong types
and bad values are reported with the key they belong to, without adding to
the command's start-up time. See :mod:`openplan.lint.config` for what each
setting means.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any, Optional

_LEVEL = {"enum": ["error", "warning", "info"]}
_NAMES = {"type": "array", "items": {"type": "string", "minLength": 1}}
_SEVERITY = {"type": "object", "additionalProperties": _LEVEL}
_OPTIONS = {"type": "object", "additionalProperties": {"type": "object"}}
_TEXT = {"type": "string"}
_OVERRIDE = {
    "type": "object", "additionalProperties": False, "required": ["files"],
    "properties": {"files": _NAMES, "select": _NAMES, "ignore": _NAMES, "severity": _SEVERITY, "options": _OPTIONS},
}
_LOCAL_RULE = {
    "type": "object", "additionalProperties": False, "required": ["code", "name", "message", "field"],
    "properties": {
        "code": _TEXT, "name": _TEXT, "message": _TEXT, "severity": _LEVEL, "summary": _TEXT, "rationale": _TEXT,
        "fix": _TEXT, "kind": _TEXT, "path": _TEXT, "field": _TEXT, "required": {"type": "boolean"},
        "forbidden": {"type": "boolean"}, "pattern": _TEXT, "not-pattern": _TEXT,
        "max-length": {"type": "integer", "minimum": 0}, "one-of": {"type": "array", "items": _TEXT},
    },
}
SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object", "additionalProperties": False,
    "properties": {
        "preset": {"enum": ["recommended", "strict"]}, "select": _NAMES, "ignore": _NAMES, "severity": _SEVERITY,
        "options": _OPTIONS, "fail-on": {"enum": ["error", "warning", "info", "never"]}, "baseline": _TEXT,
        "today": {"type": "string", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
        "overrides": {"type": "array", "items": _OVERRIDE}, "local-rules": {"type": "array", "items": _LOCAL_RULE},
    },
}
_TYPES = {"string": "text", "array": "a list", "object": "a table", "boolean": "true or false",
          "integer": "a whole number", "number": "a number"}


@dataclass
class LocalRuleSpec:
    code: str
    name: str
    message: str
    field: str
    severity: str = "warning"
    summary: Optional[str] = None
    rationale: Optional[str] = None
    fix: Optional[str] = None
    kind: Optional[str] = None
    path: Optional[str] = None
    required: Optional[bool] = None
    forbidden: Optional[bool] = None
    pattern: Optional[str] = None
    not_pattern: Optional[str] = None
    max_length: Optional[int] = None
    one_of: Optional[list] = None


@dataclass
class Override:
    files: list
    select: list = field(default_factory=list)
    ignore: list = field(default_factory=list)
    severity: dict = field(default_factory=dict)
    options: dict = field(default_factory=dict)


@dataclass
class Section:
    """The settings of one [lint] table; all defaults when there is no configuration file."""

    preset: str = "recommended"
    select: list = field(default_factory=list)
    ignore: list = field(default_factory=list)
    severity: dict = field(default_factory=dict)
    options: dict = field(default_factory=dict)
    fail_on: str = "error"
    baseline: Optional[str] = None
    today: Optional[date] = None
    overrides: list = field(default_factory=list)
    local_rules: list = field(default_factory=list)


def _snake(table: dict[str, Any]) -> dict[str, Any]:
    return {key.replace("-", "_"): value for key, value in table.items()}


def _plain(value: Any) -> Any:
    """TOML values as JSON values: dates become ISO text for the schema."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


@lru_cache(maxsize=None)
def _validator():
    import jsonschema_rs

    return jsonschema_rs.Draft202012Validator(SCHEMA)


def _node(path: list) -> dict[str, Any]:
    node: dict[str, Any] = SCHEMA
    for part in path:
        if isinstance(part, int):
            node = node.get("items", {})
        else:
            node = node.get("properties", {}).get(part) or node.get("additionalProperties") or {}
    return node if isinstance(node, dict) else {}


def problems(raw: dict[str, Any]) -> list[tuple[str, str]]:
    """(key, what is wrong) for each problem in a [lint] table."""
    found = []
    for error in _validator().iter_errors(_plain(raw)):
        path = list(error.instance_path)
        key = ".".join(str(part) for part in path)
        kind = error.kind
        name = kind.name
        if name == "additionalProperties":
            allowed = list(_node(path).get("properties", {}))
            for extra in kind.unexpected:
                close = difflib.get_close_matches(extra, allowed, n=1, cutoff=0.6)
                hint = f' (did you mean "{close[0]}"?)' if close else ""
                found.append(((key + "." if key else "") + extra, f'unknown setting "{extra}"{hint}'))
        elif name == "required":
            found.append(((key + "." if key else "") + kind.property, "this setting is required"))
        elif name == "enum":
            found.append((key, "must be one of: " + ", ".join(str(v) for v in _node(path).get("enum", []))))
        elif name == "type":
            wanted = _node(path).get("type")
            found.append((key, f"must be {_TYPES.get(wanted, wanted)}"))
        elif name == "pattern" and path == ["today"]:
            found.append((key, "must be a day, written YYYY-MM-DD"))
        else:
            found.append((key, str(error.message)))
    return found


def section(raw: dict[str, Any]) -> Section:
    """Settings from a [lint] table that :func:`problems` found nothing wrong with."""
    values = _snake(raw)
    if "today" in values and not isinstance(values["today"], date):
        values["today"] = date.fromisoformat(values["today"])
    values["overrides"] = [Override(**_snake(entry)) for entry in values.get("overrides", [])]
    values["local_rules"] = [LocalRuleSpec(**_snake(entry)) for entry in values.get("local_rules", [])]
    return Section(**values)
