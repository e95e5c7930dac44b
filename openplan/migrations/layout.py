"""Reading a file into the round-trip types and writing it back with its own layout: its indentation, its
quoting, its lines unwrapped; JSON with its own indent."""

from __future__ import annotations

import io
import json
import re
from collections import Counter
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq


def _indentation(text: str) -> tuple[int, int, int]:
    """The mapping indent, sequence indent and dash offset the file already uses."""
    lines = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    mapping: Counter[int] = Counter()
    offset: Counter[int] = Counter()
    for current, following in zip(lines, lines[1:]):
        stripped = current.rstrip()
        if not stripped.endswith(":") or stripped.lstrip().startswith("- "):
            continue
        outer = len(current) - len(current.lstrip())
        inner = len(following) - len(following.lstrip())
        if following.lstrip().startswith("- "):
            if inner >= outer:
                offset[inner - outer] += 1
        elif inner > outer:
            mapping[inner - outer] += 1
    step = mapping.most_common(1)[0][0] if mapping else 2
    dash = offset.most_common(1)[0][0] if offset else 2
    return step, dash + 2, dash


def _yaml(text: str) -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap a line the author wrote
    mapping, sequence, offset = _indentation(text)
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    yaml.explicit_start = text.lstrip().startswith("---")
    return yaml


# Characters JSON may hold unescaped that many readers take for line breaks or controls: written escaped.
_ESCAPE_IN_JSON = re.compile("[\x7f-\x9f\u2028\u2029]")


def _commented(value: Any) -> Any:
    """Plain JSON data as the round-trip types the changes work on."""
    if isinstance(value, dict):
        return CommentedMap((key, _commented(item)) for key, item in value.items())
    if isinstance(value, list):
        return CommentedSeq(_commented(item) for item in value)
    return value


def load_round_trip(text: str, as_json: bool) -> Any:
    if as_json:  # the json module reads escapes exactly (surrogate pairs, \u2028), as YAML's reader does not
        return _commented(json.loads(text))
    return _yaml(text).load(text)


def dump_round_trip(root: Any, text: str, as_json: bool) -> str:
    if as_json:
        indent = next((len(line) - len(line.lstrip()) for line in text.splitlines()[1:] if line.startswith(" ")), 2)
        dumped = json.dumps(root, indent=indent, ensure_ascii=False) + "\n"
        return _ESCAPE_IN_JSON.sub(lambda match: f"\\u{ord(match.group()):04x}", dumped)
    stream = io.StringIO()
    _yaml(text).dump(root, stream)
    return stream.getvalue()
