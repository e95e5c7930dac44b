"""Structural validation against the OpenPlan JSON Schema, in plain language.

The schema is the product: this module validates with it as published, using
the jsonschema-rs implementation, and rewrites each error as a sentence a
council officer can act on, with the JSON pointer, the position and the value.
"""

from __future__ import annotations

import difflib
import re
from functools import lru_cache
from typing import Any, Iterator, Sequence

import jsonschema_rs

from .dates import VALUE_PATTERN, VALUE_PATTERN_1_1
from .findings import finding_at
from .loader import Document
from .pattern_words import pattern_words
from .report import NO_VALUE, Finding
from .resources import load_schema, schema_path
from .rules import Rule, Severity, register
from .version import SCHEMA_VERSION, SUPPORTED_SCHEMA_VERSIONS
from .wording import place as describe_place


def _rule(code: str, name: str, summary: str, rationale: str, fix: str) -> Rule:
    return register(Rule(code=code, name=name, family="schema", severity=Severity.ERROR, summary=summary,
                         rationale=rationale, fix=fix))


REQUIRED = _rule(
    "S001", "missing-field", "A field the schema requires is missing.",
    "Required fields are what every tool reading a plan relies on: an objective without a title cannot be shown.",
    "Add the field. The message names it and the object it belongs to.")
UNKNOWN_FIELD = _rule(
    "S002", "unknown-field", "A field the schema does not define, and that is not a namespaced extension field.",
    "Most unknown fields are typos (`titel`, `outcomes`); catching them stops data from being silently ignored.",
    "Correct the spelling (the message suggests the closest field), or name your own field `namespace:field`.")
WRONG_TYPE = _rule(
    "S003", "wrong-type", "A value has the wrong type: text where a list is expected, a decimal for a number.",
    "Tools in other languages read the JSON form; a value of the wrong type breaks them.",
    "Write the value as the message says. Quote display numbers such as \"2.1\" so they stay text.")
BAD_IDENTIFIER = _rule(
    "S004", "invalid-identifier", "An identifier or reference does not have the form of an OpenPlan id.",
    "Ids are joined across files and exported to formats (such as StratML) whose ids must start with a letter.",
    "Start the id with a letter; use only letters, digits, '.', '-' and '_'.")
BAD_DATE = _rule(
    "S005", "invalid-date", "A date value is not in OpenPlan date syntax, or a day is not a real day.",
    "Every date must resolve to an earliest and a latest day so timelines, calendars and overdue checks work.",
    "Use the forms in the date table: 2022-07, 2022-23 (autumn), FY2020-Q1, 2022-09/.., ../2023-01, or "
    "tbc: true. Keep the published wording in `text`.")
UNKNOWN_CODE = _rule(
    "S006", "unknown-code", "A value is not one of the codes in its codelist.",
    "Codes are what tools filter and count on; a misspelt status is invisible to them.",
    "Use one of the codes listed in the message (codelists are in schema/<version>/codelists/).")
WRONG_CONSTANT = _rule(
    "S007", "wrong-constant", "A field that has one fixed value has another.",
    "Fields such as `kind` tell tools what the file is.",
    "Write the value the message gives.")
INCOMPLETE_DATE = _rule(
    "S008", "incomplete-date", "A date has neither a value, nor `tbc: true`, nor `relative_to`.",
    "Wording alone ('soon') cannot be put on a timeline; 'to be confirmed' must be said explicitly.",
    "Add `value:`, or `tbc: true` if the date is not yet known, or `relative_to:` an event.")
OUT_OF_RANGE = _rule(
    "S009", "out-of-range", "A value is outside its allowed range or size (for example a percentage over 100).",
    "Ranges catch slips such as 150% complete.",
    "Correct the value to lie within the range given.")
# Every rule this module declares, listed for the catalogue (openplan/catalogue.py).
RULES: tuple[Rule, ...] = (REQUIRED, UNKNOWN_FIELD, WRONG_TYPE, BAD_IDENTIFIER, BAD_DATE,
                           UNKNOWN_CODE, WRONG_CONSTANT, INCOMPLETE_DATE, OUT_OF_RANGE)

_TYPE_NAMES = {"string": "text", "integer": "a whole number", "number": "a number", "boolean": "true or false",
               "array": "a list", "object": "a mapping of fields", "null": "empty"}


def _type_of(value: Any) -> str:
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int):
        return "a whole number"
    if isinstance(value, float):
        return "a decimal number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping of fields"
    return "empty" if value is None else type(value).__name__


def _show(value: Any, limit: int = 60) -> str:
    text = repr(value) if not isinstance(value, str) else f'"{value}"'
    return text if len(text) <= limit else text[: limit - 3] + '..."'[: 4 if isinstance(value, str) else 3]


def _codelist_name(schema_node: dict[str, Any]) -> str | None:
    name = schema_node.get("codelist")
    return name[:-4].replace("-", " ") if name else None


def _subschema(schema: dict[str, Any], path: Sequence[str | int]) -> dict[str, Any]:
    node: Any = schema
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return {}
    return node if isinstance(node, dict) else {}


_LISTED = 10  # unknown fields named in one message

# Fields that hold a published figure: a figure that is not a number ("72/96", "n/a") belongs in `text`.
_FIGURES = ("value", "previous_value", "percent_complete", "change")
# What an object whose schema requires one of several fields needs.
_NEEDS = {"Target": "a value, a relative change, or a due date",
          "IndicatorResult": "a value, or its published wording in text",
          "Area": "a title, or untitled: true when the source publishes only a number",
          "Objective": "a title, or untitled: true when the source publishes only a number",
          "Milestone": "a title, or untitled: true when the source publishes only a number",
          "Output": "text or a title, or untitled: true when the source publishes only a number",
          "Tenure": "a person, or a status (vacant, acting, interim) when no one is named"}

_DAY_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"  # fields that take a single day, such as a progress update's date
_DAY_HINT = ("This field takes a single day, written YYYY-MM-DD, such as 2025-06-30; a month, season, quarter "
             "or year is not accepted here.")
def _form(schema_node: dict[str, Any], parent_node: dict[str, Any], pattern: str) -> tuple[str, str | None]:
    """What a value with a pattern should be: the pattern in words (else the pattern itself), with the field's
    description, and an example that fits."""
    words = pattern_words(pattern)
    shape = words or f"text matching the pattern {pattern}"
    about = schema_node.get("description") or schema_node.get("title") \
        or parent_node.get("description") or parent_node.get("title")
    if isinstance(about, str) and about.strip():
        about = about.strip().split(". ")[0].rstrip(".")
        if about[1:2].islower():  # "The ISO code" reads "the ISO code" mid-sentence; "ONS codes" stays
            about = about[0].lower() + about[1:]
        shape += f" ({about})"
    # Examples are shown only if they fit, and tried only against simple patterns, on short text: Python's
    # regular expressions can take for ever on a hostile pattern, which the schema's own validator cannot.
    examples = [example for example in (schema_node.get("examples") or []) if isinstance(example, str)
                and len(example) <= 100] if words else []
    try:
        examples = [example for example in examples if re.search(pattern, example)]
    except re.error:  # a JSON Schema pattern Python cannot read: show no example rather than a wrong one
        examples = []
    return shape, (f'"{examples[0]}"' if examples else None)


def _id_pattern() -> str:
    # The id pattern as the schema publishes it (generated from model.ID_PATTERN); reading it here keeps
    # pydantic, which model.py needs, out of `openplan validate`'s start-up.
    return load_schema("plan")["properties"]["id"]["pattern"]


@lru_cache(maxsize=None)
def validator(kind: str, version: str = SCHEMA_VERSION) -> jsonschema_rs.Draft202012Validator:
    return jsonschema_rs.Draft202012Validator(load_schema(kind, version), validate_formats=True)


def document_kind(data: dict[str, Any]) -> str:
    kind = data.get("kind")
    return kind if kind in ("registry", "report") else "plan"


def _schema_version(kind: str, version: str) -> str:
    """The version whose schema checks a file: a report declaring a version from before reports existed is
    checked against the newest report schema, whose `openplan` field then says which versions it takes."""
    return version if schema_path(kind, version).is_file() else SCHEMA_VERSION


def declared_version(data: Any) -> str:
    """The schema version a file declares, when this package reads it; else the newest."""
    version = data.get("openplan") if isinstance(data, dict) else None
    return version if version in SUPPORTED_SCHEMA_VERSIONS else SCHEMA_VERSION


def check(document: Document, version: str | None = None) -> Iterator[Finding]:
    """Every structural error in the document, as findings: checked against the schema of the version the file
    declares (``version`` overrides it), so a 1.0 file may use only what 1.0 defines."""
    data = document.data
    kind = document_kind(data)
    version = _schema_version(kind, version or declared_version(data))
    schema = load_schema(kind, version)
    for error in validator(kind, version).iter_errors(data):
        found = error_finding(document, schema, error, version=version, kind=kind)
        if found is not None:
            yield found


def _key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def _added_in(field: str, kind: str, version: str, schema_path: list) -> str | None:
    """The later schema version that defines ``field`` where ``version``'s schema does not, if any."""
    for later in sorted(SUPPORTED_SCHEMA_VERSIONS, key=_key):
        if _key(later) > _key(version) and field in _subschema(load_schema(kind, later), schema_path).get(
                "properties", {}):
            return later
    return None


def _later_code(value: str, kind: str, version: str, schema_path: list) -> tuple[str, str] | None:
    """The code closest to ``value`` that a later schema version adds where ``version``'s does not, with that
    version."""
    for later in sorted(SUPPORTED_SCHEMA_VERSIONS, key=_key):
        if _key(later) > _key(version):
            options = [str(option) for option in _subschema(load_schema(kind, later), schema_path).get("enum", [])]
            close = difflib.get_close_matches(value, options, n=1, cutoff=0.6)
            if close:
                return close[0], later
    return None


def error_finding(document: Document, schema: dict[str, Any], error: Any, *, version: str | None = None,
                  kind: str | None = None) -> Finding | None:
    """A jsonschema-rs error as a finding in plain words; None when another error on the same value already
    says it. Extensions use it for the errors in their fields. ``version`` and ``kind`` (of the core schema the
    error comes from) let a field or value that a later version adds say so."""
    error_kind = kind
    parts = list(error.instance_path)
    data = document.data
    place, item = describe_place(data, parts)
    value = error.instance
    kind = error.kind
    newer = version is not None and error_kind is not None and version != SCHEMA_VERSION
    name = kind.name
    field = parts[-1] if parts and isinstance(parts[-1], str) else None
    schema_node = _subschema(schema, list(error.schema_path)[:-1])
    key_position = False
    hint = None
    if name == "required":
        missing = kind.property
        rule = REQUIRED
        message = f'{place} is missing the required field "{missing}"'
        title = _subschema(schema_node, ["properties", missing]).get("description")
        hint = f'Add "{missing}": {title[0].lower() + title[1:]}' if title else rule.fix
    elif name == "additionalProperties":
        rule = UNKNOWN_FIELD
        unexpected = list(kind.unexpected)
        allowed = list(schema_node.get("properties", {}))
        words = []
        for extra in unexpected[:_LISTED]:  # a hostile file may hold 100,000 unknown keys: name the first few
            close = difflib.get_close_matches(extra, allowed, n=1, cutoff=0.6)
            words.append(f'"{extra}"' + (f' (did you mean "{close[0]}"?)' if close else ""))
        if len(unexpected) > _LISTED:
            words.append(f"and {len(unexpected) - _LISTED:,} more")
        message = f"unknown field {', '.join(words)} in {place}"
        hint = "Extension fields must be named namespace:field, for example camden:ward."
        added = _added_in(unexpected[0], error_kind, version, list(error.schema_path)[:-1]) if newer else None
        if added is not None:
            message = (f'the field "{unexpected[0]}" in {place} is new in OpenPlan {added}, and this file declares '
                       f'OpenPlan {version}')
            hint = (f'"{unexpected[0]}" is new in OpenPlan {added}: declare openplan: "{added}" to use it '
                    f"(openplan upgrade does it), or remove the field.")
        parts = parts + [unexpected[0]]
        key_position = True
        value = NO_VALUE
    elif name == "type":
        rule = WRONG_TYPE
        wanted = " or ".join(_TYPE_NAMES.get(t, t) for t in sorted(kind.types, key=lambda t: t != "string"))
        message = f'"{field or "value"}" in {place} should be {wanted}, not {_type_of(value)}'
        if isinstance(value, float) and field in ("number", "item", "from_number", "to_number"):
            hint = f'Quote display numbers so they stay text: {field}: "{value}"'
        elif field == "openplan":
            hint = f'Write the version in quotes: openplan: "{SCHEMA_VERSION}"'
        elif "array" in kind.types and not isinstance(value, list):
            hint = f"Write a list: {field}: [ ... ] or one '- ' line per entry."
        elif newer and field == "date" and isinstance(value, dict) and "ProgressUpdate" in list(error.schema_path):
            message = f'"date" in {place} is a date with its wording, which OpenPlan 1.1 adds for progress updates'
            hint = ('Declare openplan: "1.1" to use it (openplan upgrade does it), or write the day the update was '
                    "recorded, such as 2025-06-30.")
        elif field == "percent_complete" and isinstance(value, str) and "ItemUpdate" in list(error.schema_path):
            message += "; the published wording goes in wording"
            hint = (f'Write the number alone (percent_complete: 60) and keep the published wording beside it: '
                    f'wording: {{percent_complete: "{value}"}}.')
        elif field in _FIGURES and "number" in kind.types and isinstance(value, str):
            message += "; a figure that is not a number keeps its published wording in text"
            hint = (f'Write the number alone ({field}: 72.5), or leave "{field}" out and keep the published '
                    f'wording in "text" ({field} written "{value}" becomes text: "{value}").')
    elif name == "pattern":
        if kind.pattern == _id_pattern():
            rule = BAD_IDENTIFIER
            message = f'{_show(value)} is not a valid identifier ("{field}" in {place})'
            hint = "Identifiers start with a letter and use only letters, digits, '.', '-' and '_'."
        elif kind.pattern in (VALUE_PATTERN, VALUE_PATTERN_1_1):
            rule = BAD_DATE
            message = f"{_show(value)} is not an OpenPlan date value (in {place})"
            hint = ("Use 2022-07-14, 2022-07, 2022, 2022-23 (autumn), 2022-34 (calendar Q2), FY2020, FY2020-Q1, "
                    "2022-09/.. (from), ../2023-01 (by), or tbc: true.")
            if kind.pattern == VALUE_PATTERN and isinstance(value, str) and re.search(VALUE_PATTERN_1_1, value):
                message = f"{_show(value)} is a date value new in OpenPlan 1.1 (in {place})"
                hint = ('Seasons -25 to -32 (northern and southern) are new in OpenPlan 1.1: declare '
                        'openplan: "1.1" to use them, or write a season -21 to -24.')
        elif kind.pattern == _DAY_PATTERN:
            rule = BAD_DATE
            message = f"{_show(value)} is not a day written YYYY-MM-DD (\"{field}\" in {place})"
            hint = _DAY_HINT
        else:
            rule = OUT_OF_RANGE
            if field:
                name = f'"{field}"'
            else:  # an entry of a list has no field name of its own: name the list
                listed = next((part for part in reversed(parts) if isinstance(part, str)), None)
                name = f'an entry of "{listed}"' if listed else "the value"
            parent_node = _subschema(schema, list(error.schema_path)[:-2]) \
                if list(error.schema_path)[-2:-1] == ["items"] else {}
            shape, example = _form(schema_node, parent_node, kind.pattern)
            message = f"{_show(value)} is not in the right form for {name}, in {place}: it should be {shape}"
            hint = f"Write {shape}" + (f", such as {example}." if example else ".")
    elif name == "format":
        if schema_node.get("pattern") == _DAY_PATTERN and isinstance(value, str) \
                and not re.search(_DAY_PATTERN, value):
            return None  # not even the form of a day: the pattern error says so, once
        rule = BAD_DATE
        message = f'{_show(value)} is not a real day ("{field}" in {place})'
        hint = "Write a day that exists, as YYYY-MM-DD."
    elif name == "enum":
        options = [str(option) for option in kind.options]
        codelist = _codelist_name(schema_node) or (field or "value").replace("_", " ")
        if field == "openplan":
            rule = WRONG_CONSTANT
            message = f"OpenPlan version {_show(value)} is not one this package reads ({', '.join(options)})"
            hint = f'Write openplan: "{SCHEMA_VERSION}" with quotes.'
        else:
            rule = UNKNOWN_CODE
            close = difflib.get_close_matches(str(value), options, n=1, cutoff=0.6)
            message = (f"{_show(value)} is not a valid {codelist} (\"{field}\" in {place})"
                       + (f'; did you mean "{close[0]}"?' if close else ""))
            hint = f"Use one of: {', '.join(options)}."
            later = _later_code(str(value), error_kind, version, list(error.schema_path)[:-1]) if newer else None
            if later is not None and (not close or later[0] != close[0]):
                hint += (f' "{later[0]}" is new in OpenPlan {later[1]}: declare openplan: "{later[1]}" to use '
                         "it.")
    elif name == "const":
        rule = WRONG_CONSTANT
        expected = kind.expected_value if hasattr(kind, "expected_value") else schema_node.get("properties", {})
        message = f'"{field}" in {place} must be {_show(expected)}, not {_show(value)}'
        if field == "kind":
            hint = "A plan has no kind or kind: plan; a registry file has kind: registry."
        elif field == "openplan" and error_kind == "report":
            hint = f'Progress reports are new in OpenPlan 1.1: write openplan: "{_show(expected)[1:-1]}".'
    elif name == "anyOf" and list(error.schema_path)[-4:] == ["ProgressUpdate", "properties", "date", "anyOf"]:
        # 1.1: a day, or a date object with its wording
        if isinstance(value, dict) and not any(key in value for key in ("value", "tbc", "relative_to")):
            rule = INCOMPLETE_DATE
            message = f'the date "{field}" of {place} needs a value, tbc: true, or relative_to'
        else:
            rule = BAD_DATE
            message = (f'{_show(value)} is neither a real day written YYYY-MM-DD nor an OpenPlan date '
                       f'("{field}" in {place})')
        hint = _DAY_HINT + " It may also be a date with its wording, such as {value: FY2023-Q3, text: Quarter 3}."
    elif name == "anyOf" and list(error.schema_path)[-2] in _NEEDS:
        rule = REQUIRED
        wanted = _NEEDS[list(error.schema_path)[-2]]
        message = f"{f'the {field} of ' if field else ''}{place} needs {wanted}"
        hint = f"Add {wanted}." + (" A figure that is not a number, such as n/a, stays in text, as published."
                                   if "value" in wanted else "")
    elif name == "anyOf" and "FuzzyDate" in list(error.schema_path):
        rule = INCOMPLETE_DATE
        message = f'the date "{field}" of {place} needs a value, tbc: true, or relative_to'
        words = value.get("text") if isinstance(value, dict) else None
        if words:
            message += f' (its wording is "{words}")'
    else:
        rule = OUT_OF_RANGE
        message = f'"{field or "value"}" in {place}: {error.message}'
    return finding_at(rule, document, parts, message, value=value, item=item, hint=hint, key=key_position)
