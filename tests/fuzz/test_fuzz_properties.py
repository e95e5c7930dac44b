"""Properties that hold for every plan Hypothesis can draw from the schema, and for every mutation of one.

* every drawn plan validates with zero errors;
* writing a plan as YAML or JSON and reading it back with the loader changes nothing;
* the structural part of validation agrees with an independent JSON Schema implementation (python-jsonschema,
  draft 2020-12, formats checked) on what is structurally valid;
* the pydantic models, `openplan validate`'s own schema validator and `openplan.load()` accept exactly what the
  published JSON Schema accepts, as python-jsonschema checks it: over drawn plans, mutations of drawn plans and
  of the shipped examples, and the shapes on which the models and the schema once disagreed.

Example counts are modest; ``OPENPLAN_FUZZ=long`` runs many more (see docs/fuzzing.md).
"""

from __future__ import annotations

import io
import json
import re
import tempfile
from pathlib import Path

import jsonschema
import pydantic
import pytest
import regress
from hypothesis import given
from hypothesis import strategies as st
from ruamel.yaml import YAML

import openplan
from openplan import model, structure
from openplan.loader import LoadError, parse
from openplan.resources import load_schema
from openplan.validation import validate_text

from ..strategies import _get, _places, _set, documents, example_documents, json_values, mutations


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


_FULL_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _full_date(instance) -> bool:
    """RFC 3339 full-date, which JSON Schema's "date" format names: years 0000 to 9999 of the proleptic Gregorian
    calendar. Written out because Python's date type, which python-jsonschema uses, has no year 0000."""
    if not isinstance(instance, str):
        return True
    if not _FULL_DATE.fullmatch(instance):
        return False
    year, month, day = (int(part) for part in instance.split("-"))
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    days = (31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
    return 1 <= month <= 12 and 1 <= day <= days[month - 1]


FORMATS = jsonschema.FormatChecker(formats=())
FORMATS.checks("date")(_full_date)


def independent(kind: str, data: object = None) -> jsonschema.protocols.Validator:
    """python-jsonschema with the published schema of the version ``data`` declares (the newest by default)."""
    return EcmaValidator(load_schema(kind, structure.declared_version(data)), format_checker=FORMATS)


def kind_of(data) -> str:
    return "registry" if isinstance(data, dict) and data.get("kind") == "registry" else "plan"


# --- properties -------------------------------------------------------------------------------------------------

@given(documents(), st.sampled_from(WRITERS))
def test_every_drawn_plan_is_valid(document, writer):
    name, write, is_json = writer
    result = validate_text(write(document), "drawn.json" if is_json else "drawn.yaml")
    assert result.errors == [], [finding.to_dict() for finding in result.errors]


@given(documents(), st.sampled_from(WRITERS))
def test_writing_and_reading_back_changes_nothing(document, writer):
    name, write, is_json = writer
    text = write(document)
    assert parse(text, f"drawn ({name})", json=is_json).data == document


@pytest.mark.skipif(not _project_writers(), reason="the converters are not installed")
@pytest.mark.parametrize("character", ["\x7f", "\x80", "\x85", "\x9f", "\x1b", "\r", "\u2028", "\ufeff", "\ufffe"])
def test_openplan_yaml_writes_controls_readably(character):
    """Found by the fuzzer: text over several lines holding DEL or a C1 control was written as a literal block
    (|), which YAML cannot carry, so openplan could not read its own output. Such text is double-quoted with
    escapes, like text on one line."""
    from openplan.convert import to_yaml

    for title in (f"first line\nsecond{character}line", f"one line{character}", f"{character}\n"):
        document = {"openplan": "1.0", "id": "a", "title": title}
        written = to_yaml(document)
        assert character not in written, "written as an escape, not raw"
        assert parse(written, "written.yaml").data == document


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
    theirs = [error.message for error in independent(structure.document_kind(data), data).iter_errors(data)]
    assert (ours == []) == (theirs == []), f"{what}: openplan {ours}, python-jsonschema {theirs}"


# --- the models against the schema ----------------------------------------------------------------------------
#
# The published schema is the contract, and python-jsonschema (above: draft 2020-12, ECMA-262 patterns, formats
# checked) gives its verdict. The schema validator of `openplan validate` (jsonschema-rs), the models (from
# Python data, as openplan.load gives it them, and from JSON) and openplan.load itself must all agree with it.

def _model_verdicts(data) -> tuple[bool, bool]:
    cls = model.Registry if kind_of(data) == "registry" else model.Plan
    verdicts = []
    for validate in (lambda: cls.model_validate(data), lambda: cls.model_validate_json(json.dumps(data))):
        try:
            validate()
            verdicts.append(True)
        except pydantic.ValidationError:
            verdicts.append(False)
    return verdicts[0], verdicts[1]


def _schema_accepts(data) -> bool:
    return structure.validator(kind_of(data), structure.declared_version(data)).is_valid(data)


def _published_accepts(data) -> bool:
    return independent(kind_of(data), data).is_valid(data)


def _loaded(data) -> tuple[bool, set[str]]:
    """Whether openplan.load returns a model for the document written as a file, and the codes of its errors
    against the core schema: an extension the file declares checks its own fields with its own schema."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        try:
            loaded = openplan.load(path)
        except openplan.InvalidPlanError as error:
            return False, {finding.code for finding in error.result.errors
                           if not any(":" in part for part in finding.pointer.split("/"))}
    assert isinstance(loaded, model.Registry if kind_of(data) == "registry" else model.Plan)
    return True, set()


def assert_agreement(what: str, data) -> None:
    if not isinstance(data, dict):
        return
    published = _published_accepts(data)
    verdict = "valid" if published else "invalid"
    assert _schema_accepts(data) == published, f"{what}: the schema says {verdict}, jsonschema-rs disagrees"
    from_python, from_json = _model_verdicts(data)
    assert from_python == published, f"{what}: the schema says {verdict}, model_validate disagrees"
    assert from_json == published, f"{what}: the schema says {verdict}, model_validate_json disagrees"
    # load also checks what the schema cannot (references, dates against the period) and the fields of declared
    # extensions: it may refuse a document the schema accepts, but never for a core schema error, and never
    # accept one the schema refuses.
    loaded, codes = _loaded(data)
    if published:
        assert not {code for code in codes if code.startswith("S")}, f"{what}: openplan.load reports {codes}"
    else:
        assert not loaded, f"{what}: the schema says invalid, openplan.load returns a model"


# Shapes on which the models and the schema once disagreed, and their neighbours on either side of the line.
_DAYS = ["2024-02-29", "2023-02-29", "1900-02-29", "2000-02-29", "0000-02-29", "2025-04-31", "2025-13-01",
         "2025-4-01", "2025-04-01\n", "20250401", "yesterday", "2025-04-01", "２０２５-04-01"]
_DATE_FIELDS = {"start", "end", "date", "encoded_on"}  # format: date in Period, ProgressUpdate and Provenance
# The first four are the drifts the models once had: null for an optional field, 2.0 for an integer, the date
# format, and a trailing newline.
_FORMER_DRIFTS = ["null", "whole number as a decimal", "day", "trailing newline"]
_SHAPES = [*_FORMER_DRIFTS, "tbc", "extension field", "big number"]


@st.composite
def bases(draw) -> tuple[str, dict]:
    """What an edit starts from: a drawn document or one of the shipped examples."""
    if draw(st.booleans()):
        return "a drawn plan", draw(documents())
    return draw(example_documents())


@st.composite
def mutated_examples(draw) -> tuple[str, dict]:
    name, data = draw(example_documents())
    what, mutated = draw(mutations(data))
    return f"{what} of {name}", mutated


@st.composite
def drift_shapes(draw, shapes: tuple[str, ...] = tuple(_SHAPES)):
    """A document with one edit of a shape on which the models and the schema once disagreed."""
    origin, data = draw(bases())
    places = [path for path in _places(data) if path]
    mappings = [path for path in _places(data) if isinstance(_get(data, path), dict)]
    shape = draw(st.sampled_from(shapes))
    if shape == "null":
        path = draw(st.sampled_from(places))
        _set(data, path, None)
    elif shape == "whole number as a decimal":
        numbers = [path for path in places if type(_get(data, path)) is int]
        if numbers:
            path = draw(st.sampled_from(numbers))
            _set(data, path, float(_get(data, path)))
        else:
            path = draw(st.sampled_from(places))
            _set(data, path, draw(st.sampled_from([2.0, 2025.0, 2.5, 1e300])))
    elif shape == "day":
        days = [path for path in places if path[-1] in _DATE_FIELDS and isinstance(_get(data, path), str)]
        path = draw(st.sampled_from(days or places))
        _set(data, path, draw(st.sampled_from(_DAYS)))
    elif shape == "trailing newline":
        strings = [path for path in places if isinstance(_get(data, path), str)]
        path = draw(st.sampled_from(strings or places))
        _set(data, path, f"{_get(data, path)}\n")
    elif shape == "tbc":
        path = draw(st.sampled_from(mappings))
        _get(data, path)["tbc"] = draw(st.sampled_from([True, 1, 1.0, False, "true"]))
    elif shape == "extension field":
        path = draw(st.sampled_from(mappings))
        key = "fuzz:field" + draw(st.sampled_from(["", "\n"]))
        _get(data, path)[key] = draw(st.one_of(st.none(), json_values(1)))
    else:
        path = draw(st.sampled_from(places))
        _set(data, path, draw(st.sampled_from([10 ** 400, -10 ** 400, 10 ** 20, 2 ** 53 + 1, -0.0])))
    return f"{shape} at {path} of {origin}", data


@given(st.one_of(drawn_or_mutated(), mutated_examples(), drift_shapes()))
def test_models_and_load_agree_with_the_schema(case):
    assert_agreement(*case)


@pytest.mark.parametrize("shape", _FORMER_DRIFTS)
@given(data=st.data())
def test_models_and_load_agree_with_the_schema_on_each_former_drift(shape, data):
    assert_agreement(*data.draw(drift_shapes((shape,)), label=shape))


_PLAN = {"openplan": "1.0", "id": "plan.a", "title": "A", "organisation": "org.a",
         "period": {"start": "2025-04-01", "end": "2026-03-31"}, "edition": {"status": "draft"},
         "organisations": [{"id": "org.a", "name": "A"}]}


def _event_date(date_value) -> dict:
    return {**_PLAN, "events": [{"id": "event.a", "title": "A", "date": date_value}]}


def _area(**fields) -> dict:
    return {**_PLAN, "areas": [{"id": "area.a", "title": "A", **fields}]}


def _milestone(**fields) -> dict:
    return {**_PLAN, "milestones": [{"id": "ms.a", "title": "A", **fields}]}


def _progress(**fields) -> dict:
    return _milestone(progress=[{"date": "2025-06-30", **fields}])


# Each drift the fuzzer found, with a neighbour on the other side of the line: (document, valid?).
_AGREEMENT_CASES = {
    "a date value ending in a newline": (_event_date({"value": "2025-07\n"}), False),
    "a date value without a newline": (_event_date({"value": "2025-07"}), True),
    "an extension key ending in a newline": ({**_PLAN, "fuzz:field\n": 1}, False),
    "null for an optional field": ({**_PLAN, "areas": None}, False),
    "null for a nested optional field": (_area(number=None), False),
    "null for an extension field": ({**_PLAN, "fuzz:field": None}, True),
    "a day that does not exist": ({**_PLAN, "period": {"start": "2025-04-31", "end": "2026-03-31"}}, False),
    "29 February in a leap year": ({**_PLAN, "period": {"start": "2024-02-29", "end": "2026-03-31"}}, True),
    "29 February 1900": ({**_PLAN, "period": {"start": "1900-02-29", "end": "2026-03-31"}}, False),
    "29 February of year 0000": ({**_PLAN, "period": {"start": "0000-02-29", "end": "2026-03-31"}}, True),
    "a progress date that does not exist": (_progress(**{"date": "2025-06-31"}), False),
    "encoded_on that is not a day": ({**_PLAN, "provenance": {"encoded_on": "last week"}}, False),
    "encoded_on that is a day": ({**_PLAN, "provenance": {"encoded_on": "2025-01-31"}}, True),
    "a whole number written as a decimal": (_area(number=2.0), True),
    "a year written as a decimal": (_event_date({"value": 2025.0}), True),
    "a fraction for an integer": (_area(number=2.5), False),
    "true for an integer": (_area(number=True), False),
    "1 for tbc: true": (_event_date({"tbc": 1}), False),
    "a number too big for a float": (_milestone(indicators=[{"id": "ind.a", "title": "A",
                                                             "targets": [{"value": 10 ** 400}]}]), True),
    "a progress date that is a day": (_progress(percent_complete=50), True),
    "a percentage too big for a float": (_progress(percent_complete=10 ** 400), False),
    "text for a number": (_progress(percent_complete="50"), False),
}


@pytest.mark.parametrize("case", sorted(_AGREEMENT_CASES))
def test_models_and_schema_agree_on_the_shapes_they_once_disagreed_on(case):
    document, valid = _AGREEMENT_CASES[case]
    assert _published_accepts(document) == valid, "the published schema's verdict is the contract"
    assert_agreement(case, document)


@given(drawn_or_mutated())
def test_validation_never_raises_and_agrees_with_its_exit_code(case):
    what, data = case
    result = validate_text(json.dumps(data), "mutated.json")
    assert result.exit_code in (0, 1, 2)
    assert result.valid == (result.exit_code == 0 or not result.errors)
    for finding in result.findings:
        assert finding.file == "mutated.json" and finding.code and finding.message, finding
