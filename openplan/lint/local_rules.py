"""Local rules: simple checks a council writes as data in its configuration, without Python.

Each rule picks objects in the plan, a field of them, and a condition the
field must meet::

    [[tool.openplan.lint.local-rules]]
    code = "LBC101"
    name = "milestone-needs-owner"
    kind = "milestone"              # every item of a kind; or path = "milestones[*]"
    field = "owners"
    required = true                 # or forbidden, pattern, not-pattern, max-length, one-of
    message = "milestone {id} names no owner; our scheme of delegation asks for one"
    severity = "warning"

``path`` walks the plan from the top: field names separated by dots, with
``[*]`` for every entry of a list (``areas[*].objectives[*].outputs[*]``).
``field`` may be dotted too (``due.value``). The message may use ``{id}``,
``{label}``, ``{field}`` and ``{value}``. Patterns are regular expressions
in RE2 syntax (Python's, without look-arounds and back-references),
searched anywhere in the text. RE2 matches in time linear in the text, so
no pattern in a configuration can hang a run on a long title.
"""

from __future__ import annotations

import re
from typing import Any, Iterator

from ..index import ITEM_KINDS
from ..report import NO_VALUE
from ..rules import Rule, Severity
from .registry import LintRule

_KINDS = {kind.lower(): kind for kind in ITEM_KINDS}
_STEP = re.compile(r"^([A-Za-z_][A-Za-z0-9_:-]*)((?:\[(?:\*|[0-9]+)\])*)$")
_PLACEHOLDER = re.compile(r"\{(id|label|field|value)\}")
CONDITIONS = ("required", "forbidden", "pattern", "not_pattern", "max_length", "one_of")


class LocalRuleError(ValueError):
    """A local rule that cannot be used; the message says which part is wrong."""


def parse_path(path: str) -> list[tuple[str, list[str]]]:
    steps = []
    for token in path.split("."):
        match = _STEP.match(token.strip())
        if not match:
            raise LocalRuleError(f'path "{path}": cannot read "{token}"; write field names separated by dots, '
                                 'with [*] for every entry of a list')
        steps.append((match.group(1), re.findall(r"\[(\*|[0-9]+)\]", match.group(2))))
    return steps


def _select(data: Any, steps: list[tuple[str, list[str]]]) -> Iterator[tuple[tuple, Any]]:
    current: list[tuple[tuple, Any]] = [((), data)]
    for name, indexes in steps:
        following = []
        for parts, value in current:
            if not isinstance(value, dict) or name not in value:
                continue
            entries = [(parts + (name,), value[name])]
            for index in indexes:
                widened = []
                for where, entry in entries:
                    if not isinstance(entry, list):
                        continue
                    chosen = range(len(entry)) if index == "*" else [int(index)] if int(index) < len(entry) else []
                    widened.extend((where + (position,), entry[position]) for position in chosen)
                entries = widened
            following.extend(entries)
        current = following
    yield from current


def _field(data: Any, dotted: str) -> Any:
    for name in dotted.split("."):
        if not isinstance(data, dict) or name not in data:
            return NO_VALUE
        data = data[name]
    return data


def _empty(value: Any) -> bool:
    return value is NO_VALUE or value is None or value == "" or value == [] or value == {}


def compile_pattern(code: str, key: str, pattern: str) -> Any:
    """A pattern from a configuration, compiled by RE2, whose matching takes time linear in the text (Python's
    engine backtracks: "^(a+)+$" on a long title would never finish). Raises :class:`LocalRuleError`."""
    import re2

    options = re2.Options()
    options.log_errors = False  # RE2 would print its own message on stderr; ours names the rule and key
    try:
        return re2.compile(pattern, options=options)
    except re2.error as exc:
        reason = exc.args[0] if exc.args else exc
        reason = reason.decode("utf-8", "replace") if isinstance(reason, bytes) else str(reason)
        raise LocalRuleError(f'{code}: {key} "{pattern}" is not a valid regular expression ({reason}). Patterns '
                             "use RE2 syntax: Python's, without look-arounds (?=...) (?<=...) and back-references "
                             "\\1") from None


def build(spec: Any) -> LintRule:
    """A :class:`LintRule` from one validated ``local-rules`` entry (see :mod:`openplan.lint.config`)."""
    if spec.kind is None and spec.path is None:
        raise LocalRuleError(f"{spec.code}: say which objects to check, with kind = \"...\" or path = \"...\"")
    if spec.kind is not None and spec.path is not None:
        raise LocalRuleError(f"{spec.code}: give kind or path, not both")
    kind = None
    if spec.kind is not None:
        kind = _KINDS.get(spec.kind.lower())
        if kind is None:
            raise LocalRuleError(f'{spec.code}: kind "{spec.kind}" is not a kind of item; choose one of: '
                                 f"{', '.join(sorted(_KINDS))}")
    steps = parse_path(spec.path) if spec.path is not None else None
    given = [name for name in CONDITIONS if getattr(spec, name) not in (None, False)]
    if len(given) != 1:
        raise LocalRuleError(f"{spec.code}: give exactly one condition of: required, forbidden, pattern, "
                             "not-pattern, max-length, one-of")
    condition = given[0]
    regex = compile_pattern(spec.code, condition.replace("_", "-"), getattr(spec, condition)) \
        if condition in ("pattern", "not_pattern") else None
    severity = Severity(spec.severity)
    rule = Rule(code=spec.code, name=spec.name, family="local", severity=severity,
                summary=spec.summary or spec.message, rationale=spec.rationale or "A rule of this council's own.",
                fix=spec.fix or "", exit_code=0)

    def broken(value: Any) -> bool:
        if condition == "required":
            return _empty(value)
        if condition == "forbidden":
            return value is not NO_VALUE
        if value is NO_VALUE or value is None:
            return False  # a missing field is for `required` to catch
        if condition == "max_length":
            return len(value if isinstance(value, (list, dict)) else str(value)) > spec.max_length
        if condition == "one_of":
            return str(value) not in [str(choice) for choice in spec.one_of]
        text = str(value).encode("utf-8", "replace").decode("utf-8")  # RE2 reads UTF-8: no lone surrogates
        found = regex.search(text) is not None  # type: ignore[union-attr]
        return not found if condition == "pattern" else found

    def check(ctx):
        if kind is not None:
            targets = [(item.parts, item.data) for item in ctx.items(kind)]
        else:
            targets = list(_select(ctx.data, steps))  # type: ignore[arg-type]
        for parts, data in targets:
            if not isinstance(data, dict):
                continue
            value = _field(data, spec.field)
            if not broken(value):
                continue
            ident = data.get("id") if isinstance(data.get("id"), str) else None
            item = ctx.index.items.get(ident) if ident else None
            values = {"id": f'"{ident}"' if ident else "(no id)", "label": item.label if item else ident or "",
                      "field": spec.field, "value": "" if value is NO_VALUE else str(value)}
            message = _PLACEHOLDER.sub(lambda match: values[match.group(1)], spec.message)
            where = parts + tuple(spec.field.split(".")) if value is not NO_VALUE else (
                parts + ("id",) if ident else parts)
            yield ctx.finding(where, message, item=ident)

    return LintRule(rule, check=check, options={}, doc=spec.rationale, origin="local")
