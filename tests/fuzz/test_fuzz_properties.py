"""Properties that hold for every plan Hypothesis can draw from the schema, and for every mutation of one.

* every drawn plan validates with zero errors;
* writing a plan as YAML or JSON and reading it back with the loader changes nothing;
* the structural part of validation agrees with an independent JSON Schema implementation (python-jsonschema,
  draft 2020-12, formats checked) on what is structurally valid;
* the pydantic models agree with the JSON Schema (part of the guard against drift between the two).

Example counts are modest; ``OPENPLAN_FUZZ=long`` runs many more (see docs/fuzzing.md).
"""

from __future__ import annotations

import io
import json
import re
from datetime import date

import jsonschema
import pydantic
import pytest
import regress
from hypothesis import assume, given
from hypothesis import strategies as st
from ruamel.yaml import YAML

from openplan import model, structure
from openplan.loader import LoadError, parse
from openplan.resources import load_schema
from openplan.validation import validate_text

from ..strategies import documents, mutations


# --- writers --------------------------------------------------------------------------------------------------

def ruamel_yaml(data: dict) -> str:
    """YAML 1.2 from an independent writer: quotes whatever YAML 1.2 would read as another type.

    Block style: in flow style ruamel writes plain scalars such as ``{file: ?0}``, which YAML 1.2 allows and
    libyaml refuses (and reads ``[?a]`` as a mapping); see docs/fuzzing.md.
    """
    writer = YAML(typ="safe", pure=True)
    writer.default_flow_style = False
    writer.allow_unicode = True
    writer.width = 4096
    stream = io.StringIO()
    writer.dump(data, stream)
    return stream.getvalue()


def json_ascii(data: dict) -> str:
    return json.dumps(data)  # ensure_ascii: characters beyond U+FFFF become escaped surrogate pairs


def json_unicode(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def _project_writers():
    try:
        from openplan.convert import to_json, to_yaml
    except ImportError:  # converters not installed: the independent writers still run
        return []
    return [("openplan yaml", to_yaml, False), ("openplan json", to_json, True)]


WRITERS = [("ruamel yaml 1.2", ruamel_yaml, False), ("json", json_ascii, True), ("json unicode", json_unicode, True),
           *_project_writers()]

_UNPRINTABLE = re.compile("[\x7f-\x9f]")


def _strings(data):
    if isinstance(data, dict):
        for key, value in data.items():
            yield key
            yield from _strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value)
    elif isinstance(data, str):
        yield data


def _block_text_with_controls(document) -> bool:
    """A gap the fuzzer found in openplan's own YAML writer: see test_openplan_yaml_writes_controls_readably."""
    return any("\n" in text and _UNPRINTABLE.search(text) for text in _strings(document))


def _skip_known_writer_gaps(name: str, document) -> None:
    assume(not (name == "openplan yaml" and _block_text_with_controls(document)))


# --- an independent JSON Schema validator ---------------------------------------------------------------------

def _ecma(pattern: str) -> regress.Regex:
    return regress.Regex(pattern, flags="u")


def _pattern(validator, pattern, instance, schema):
    if validator.is_type(instance, "string") and not _ecma(pattern).find(instance):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


def _pattern_properties(validator, patterns, instance, schema):
    if validator.is_type(instance, "object"):
        for pattern, subschema in patterns.items():
            for key, value in instance.items():
                if _ecma(pattern).find(key):
                    yield from validator.descend(value, subschema, path=key, schema_path=pattern)


def _additional_properties(validator, additional, instance, schema):
    if not validator.is_type(instance, "object") or additional is not False:
        return
    patterns = [_ecma(pattern) for pattern in schema.get("patternProperties", {})]
    extras = [key for key in instance if key not in schema.get("properties", {})
              and not any(pattern.find(key) for pattern in patterns)]
    if extras:
        yield jsonschema.ValidationError(f"additional properties are not allowed: {extras!r}")


# python-jsonschema with ECMA-262 regular expressions, as JSON Schema specifies (and as check-jsonschema
# does): Python's `re` lets `$` match before a final newline, so "plan.x\n" would pass the id pattern.
EcmaValidator = jsonschema.validators.extend(jsonschema.Draft202012Validator, {
    "pattern": _pattern, "patternProperties": _pattern_properties, "additionalProperties": _additional_properties})


def independent(kind: str) -> jsonschema.protocols.Validator:
    return EcmaValidator(load_schema(kind), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def kind_of(data) -> str:
    return "registry" if isinstance(data, dict) and data.get("kind") == "registry" else "plan"


# --- properties -------------------------------------------------------------------------------------------------

@given(documents(), st.sampled_from(WRITERS))
def test_every_drawn_plan_is_valid(document, writer):
    name, write, is_json = writer
    _skip_known_writer_gaps(name, document)
    result = validate_text(write(document), "drawn.json" if is_json else "drawn.yaml")
    assert result.errors == [], [finding.to_dict() for finding in result.errors]


@given(documents(), st.sampled_from(WRITERS))
def test_writing_and_reading_back_changes_nothing(document, writer):
    name, write, is_json = writer
    _skip_known_writer_gaps(name, document)
    text = write(document)
    assert parse(text, f"drawn ({name})", json=is_json).data == document


@pytest.mark.skipif(not _project_writers(), reason="the converters are not installed")
def test_openplan_yaml_writes_controls_readably():
    """Found by the fuzzer: text over several lines that holds a C1 control or DEL is written as a literal
    block (|), where YAML cannot carry those characters, so openplan cannot read its own output. Reported as
    xfail while the gap lasts; fails once it is fixed, asking for _skip_known_writer_gaps to go."""
    from openplan.convert import to_yaml

    document = {"openplan": "1.0", "id": "a", "title": "first line\nsecond\x80line"}
    assert _block_text_with_controls(document)
    try:
        read = parse(to_yaml(document), "written.yaml").data
    except LoadError as error:
        pytest.xfail(f"openplan.convert.to_yaml writes unreadable YAML: {error.finding.message}")
    assert read == document
    pytest.fail("fixed: remove _skip_known_writer_gaps, so that the properties check this again")


@st.composite
def drawn_or_mutated(draw):
    document = draw(documents())
    if draw(st.booleans()):
        return "as drawn", document
    return draw(mutations(document))


@given(drawn_or_mutated())
def test_structure_agrees_with_an_independent_json_schema_implementation(case):
    what, data = case
    try:
        document = parse(json.dumps(data), "mutated.json", json=True)
    except LoadError:
        return  # a mutation the loader refuses (a top level that is no longer a mapping)
    ours = [finding.code for finding in structure.check(document)]
    theirs = [error.message for error in independent(structure.document_kind(data)).iter_errors(data)]
    assert (ours == []) == (theirs == []), f"{what}: openplan {ours}, python-jsonschema {theirs}"


def _pydantic_accepts(data) -> bool:
    cls = model.Registry if kind_of(data) == "registry" else model.Plan
    try:
        cls.model_validate_json(json.dumps(data), strict=True)
        return True
    except pydantic.ValidationError:
        return False


# --- the models against the schema ----------------------------------------------------------------------------
#
# Drifts the fuzzer has found between openplan/model.py and the schema. Each is pinned by an example test that
# is reported as xfail while the drift lasts and fails once it is fixed (asking for its entry here to go);
# until then the property steps round documents that show it, so that it keeps looking for new ones.

def _values(data, key=None):
    if isinstance(data, dict):
        for name, value in data.items():
            if ":" not in name:  # extension fields hold anything
                yield from _values(value, name)
    elif isinstance(data, list):
        for value in data:
            yield from _values(value, key)
    else:
        yield key, data


def _real_day(text: str) -> bool:
    try:
        date.fromisoformat(text)
        return True
    except ValueError:
        return False


KNOWN_DRIFTS = {
    "a date value ending in a newline": lambda data: any(
        key == "value" and isinstance(value, str) and value.endswith("\n") for key, value in _values(data)),
    "null for an optional field": lambda data: any(value is None for _key, value in _values(data)),
    "a day that does not exist": lambda data: any(
        isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value) and not _real_day(value)
        for _key, value in _values(data)),
    "a whole number written as a decimal": lambda data: any(
        isinstance(value, float) and value.is_integer() for _key, value in _values(data)),
}


@given(drawn_or_mutated())
def test_models_agree_with_the_schema(case):
    what, data = case
    if not isinstance(data, dict):
        return
    assume(not any(shows(data) for shows in KNOWN_DRIFTS.values()))
    schema_says = independent(kind_of(data)).is_valid(data)
    assert _pydantic_accepts(data) == schema_says, f"{what}: the schema says {'valid' if schema_says else 'invalid'}"


_PLAN = {"openplan": "1.0", "id": "plan.a", "title": "A", "organisation": "org.a",
         "period": {"start": "2025-04-01", "end": "2026-03-31"}, "edition": {"status": "draft"},
         "organisations": [{"id": "org.a", "name": "A"}]}
_DRIFT_EXAMPLES = {
    "a date value ending in a newline": {**_PLAN, "events": [{"id": "event.a", "title": "A",
                                                              "date": {"value": "2025-07\n"}}]},
    "null for an optional field": {**_PLAN, "areas": None},
    "a day that does not exist": {**_PLAN, "period": {"start": "2025-04-31", "end": "2026-03-31"}},
    "a whole number written as a decimal": {**_PLAN, "areas": [{"id": "area.a", "title": "A", "number": 2.0}]},
}
_WHY = {
    "a date value ending in a newline": "model.FuzzyDate checks `value` with re.match, whose $ also matches before "
                                        "a final newline; the schema's pattern (ECMA-262) does not",
    "null for an optional field": "optional model fields accept null; the schema's types do not include null",
    "a day that does not exist": "the model does not check format: date (Period, ProgressUpdate, Provenance)",
    "a whole number written as a decimal": "JSON Schema counts 2.0 as an integer; the model (strict) does not",
}


@pytest.mark.parametrize("drift", sorted(KNOWN_DRIFTS))
def test_known_drift_between_models_and_schema(drift):
    example = _DRIFT_EXAMPLES[drift]
    assert KNOWN_DRIFTS[drift](example), "the example shows the drift it stands for"
    if _pydantic_accepts(example) == independent("plan").is_valid(example):
        pytest.fail(f"fixed: remove {drift!r} from KNOWN_DRIFTS, so that the property checks it again")
    pytest.xfail(_WHY[drift])


@given(drawn_or_mutated())
def test_validation_never_raises_and_agrees_with_its_exit_code(case):
    what, data = case
    result = validate_text(json.dumps(data), "mutated.json")
    assert result.exit_code in (0, 1, 2)
    assert result.valid == (result.exit_code == 0 or not result.errors)
    for finding in result.findings:
        assert finding.file == "mutated.json" and finding.code and finding.message, finding
