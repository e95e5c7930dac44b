"""Canonical JSON: the one stable form of a plan, and YAML back from it.

The canonical form is the plan's own data with

* keys in the order the schema lists its properties (extension fields
  ``namespace:field`` after them, sorted, and keys inside extension values
  sorted); at the top level the order starts at ``openplan``, so the header
  (version, id, title, organisation, period, edition) comes first and the
  shared collections (organisations, posts, themes ...) that the schema lists
  first come last, and
* whole numbers in number fields written without a fraction (``60``, not
  ``60.0``), because JSON does not tell the two apart.

Nothing else changes: text stays text and lists keep their order. Two plans
say the same thing exactly when their canonical JSON is the same, which is how
the spreadsheet round trips are tested.
"""

from __future__ import annotations

import json
import re
from io import StringIO
from typing import Any

from .fields import ROOTS, document_kind, field_map, fields
from .losses import LossReport


def _plain(value: Any) -> Any:
    """An extension value: keys sorted all the way down, so its JSON is stable."""
    if isinstance(value, dict):
        return {key: _plain(value[key]) for key in sorted(value)}
    if isinstance(value, list):
        return [_plain(entry) for entry in value]
    return value


def _number(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer() and abs(value) < 2 ** 53:
        return int(value)
    return value


def ordered_fields(type_name: str, root: str):
    """The fields of a type in canonical order: the schema's, starting at ``openplan`` for a whole document."""
    listed = fields(type_name, root)
    names = [field.name for field in listed]
    if "openplan" in names:
        start = names.index("openplan")
        return listed[start:] + listed[:start]
    return listed


def _object(data: dict[str, Any], type_name: str, root: str) -> dict[str, Any]:
    known = field_map(type_name, root)
    result: dict[str, Any] = {}
    for field in ordered_fields(type_name, root):
        if field.name not in data:
            continue
        value = data[field.name]
        if field.kind == "object" and isinstance(value, dict):
            value = _object(value, field.type_name, root)
        elif field.kind == "objects" and isinstance(value, list):
            value = [_object(entry, field.type_name, root) if isinstance(entry, dict) else _plain(entry)
                     for entry in value]
        elif field.kind == "number":
            value = _number(value)
        else:
            value = _plain(value)
        result[field.name] = value
    for key in sorted(key for key in data if key not in known):
        result[key] = _plain(data[key])
    return result


def canonical(data: dict[str, Any]) -> dict[str, Any]:
    """The canonical form of a plan or registry's data (a new dict; the input is not changed)."""
    root = document_kind(data)
    return _object(data, ROOTS[root], root)


def to_json_text(data: dict[str, Any]) -> str:
    return json.dumps(canonical(data), ensure_ascii=False, indent=2) + "\n"


# --- YAML ---------------------------------------------------------------------------------------------

# Plain scalars that YAML 1.1 readers would take for something other than text: quote them for every reader.
_YAML11_SPECIAL = re.compile(
    r"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~"
    r"|[-+]?[0-9][0-9_:.eE+-]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}.*|=|<<)$")


def to_yaml_text(data: dict[str, Any], *, header: str | None = None) -> str:
    """YAML for a plan: canonical key order, block style, multi-line text as literal blocks.

    The output reads back (with :func:`openplan.loader.parse`) to exactly the canonical data.
    """
    from ruamel.yaml import YAML
    from ruamel.yaml.representer import RoundTripRepresenter
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

    def prepare(value: Any) -> Any:
        if isinstance(value, dict):
            return {key: prepare(entry) for key, entry in value.items()}
        if isinstance(value, list):
            return [prepare(entry) for entry in value]
        if isinstance(value, str):
            if "\n" in value and _literal_safe(value):
                return LiteralScalarString(value)
            if _YAML11_SPECIAL.match(value) or _needs_quotes(value):
                return DoubleQuotedScalarString(value)
        return value

    yaml = YAML(typ="rt", pure=True)
    yaml.version = None
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.width = 4096  # long text stays on one line rather than being folded at an arbitrary column
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.Representer = RoundTripRepresenter
    stream = StringIO()
    if header:
        stream.write("".join(f"# {line}\n".replace("# \n", "#\n") for line in header.splitlines()))
    yaml.dump(prepare(canonical(data)), stream)
    return stream.getvalue()


# Characters YAML carries only as escapes in double quotes: controls (C0 but tab and line feed, DEL, C1), which
# YAML 1.2 does not count as printable, and characters readers take for a line break or a byte-order mark.
_ESCAPE_ONLY = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def _literal_safe(text: str) -> bool:
    """Literal blocks keep every character except trailing spaces on a line, tabs, CR and other controls."""
    if "\t" in text or _ESCAPE_ONLY.search(text):
        return False
    return not any(line != line.rstrip(" ") for line in text.split("\n")) and not text.startswith((" ", "\n"))


def _needs_quotes(text: str) -> bool:
    """Text with characters a plain scalar cannot hold exactly is double-quoted (and escaped) instead."""
    return text != text.strip() or "\t" in text or "\n" in text or bool(_ESCAPE_ONLY.search(text))


def render(data: dict[str, Any], index=None, *, style: str = "json") -> str:
    """The converter interface of :mod:`openplan.convert.registry`: canonical JSON, or YAML (``style``)."""
    return to_yaml_text(data) if style == "yaml" else to_json_text(data)


def losses(data: dict[str, Any], index=None, document=None, *, style: str = "json") -> LossReport:
    """Canonical JSON and YAML carry everything."""
    return LossReport(style, document)
