"""Extensions: the shipped budget and risk extensions validate their examples and reject bad fields; the
validator loads extensions from the package or the project, never the network; conflicts are detected; and
`openplan lint-schema` checks an extension itself."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from openplan import catalogue, extensions
from openplan.validation import Validator, validate

from ..conftest import EXAMPLES, ROOT, assert_no_traceback, run_openplan
from ..plans import BASE_PLAN

BUDGET = EXAMPLES / "extensions" / "budget-plan.yaml"
RISK = EXAMPLES / "extensions" / "risk-plan.yaml"
BASE = BASE_PLAN
META = {"name": "ward", "namespace": "ward", "title": "Wards", "description": "Wards an item serves.",
        "version": "1.0.0", "compatibility": ["1.0"], "schema": "schema.json", "codelists": ["ward.csv"]}
SCHEMA = {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": "Wards",
          "description": "Wards an item serves.",
          "objects": {"Area": {"ward:wards": {"title": "Wards", "description": "The wards the area serves.",
                                              "type": "array", "items": {"type": "string", "enum": ["abbey", "castle"],
                                                                         "codelist": "ward.csv"}}}}}
WARDS = "code,title,description\nabbey,Abbey,The Abbey ward.\ncastle,Castle,The Castle ward.\n"


def _project(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir(parents=True, exist_ok=True)  # the folder is the project
    return tmp_path


def _extension(folder: Path, meta=None, schema=None, codelists=None) -> Path:
    (folder / "codelists").mkdir(parents=True, exist_ok=True)
    (folder / "extension.json").write_text(json.dumps(META if meta is None else meta), encoding="utf-8")
    (folder / "schema.json").write_text(json.dumps(SCHEMA if schema is None else schema), encoding="utf-8")
    for name, text in ({"ward.csv": WARDS} if codelists is None else codelists).items():
        (folder / "codelists" / name).write_text(text, encoding="utf-8")
    return folder


def _copy(tmp_path: Path, source: Path, edits=()) -> Path:
    text = source.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    target = _project(tmp_path) / source.name
    target.write_text(text, encoding="utf-8")
    return target


def _line_of(path: Path, fragment: str) -> int:
    return next(number for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
                if fragment in line)


# --- the shipped extensions ----------------------------------------------------------


@pytest.mark.parametrize("path", [BUDGET, RISK], ids=lambda p: p.name)
def test_extension_examples_validate_and_use_their_extension(path):
    result = validate(path)
    assert result.findings == [], [f"{f.location()} {f.code} {f.message}" for f in result.findings]
    text = path.read_text(encoding="utf-8")
    name = "budget" if "budget" in path.name else "risk"
    assert f"extensions: [{name}]" in text and f"{name}:" in text.split("extensions:", 1)[1]


BAD_BUDGET = [
    ("amount: 420000", "amount: lots", "S003", "amount: lots", '"amount" in item 1 of budget:amounts should be a number'),
    ("{kind: capital, amount: 850000", "{kind: capitol, amount: 850000", "S006", "kind: capitol",
     'did you mean "capital"'),
    ("            budget:staff:", "            budget:stafff:", "X002", "budget:stafff",
     'the budget extension does not define it (did you mean "budget:staff"?)'),
    ("      - {fte: 6, basis: establishment}", "      - {basis: establishment}", "S001", "{basis: establishment}",
     'needs at least one of "fte", "headcount"'),
    ("amount: 360000, period", "amount: 360000, currency: pounds, period", "S009", "currency: pounds",
     '"pounds" is not in the right form for "currency"'),
    ("  - {id: post.director-place, title: Director of Place, body: body.place}",
     "  - {id: post.director-place, title: Director of Place, body: body.place, budget:staff: [{fte: 1}]}",
     "X002", "post.director-place", "cannot be used in post \"post.director-place\": the budget extension adds it "
                                    "to areas, objectives, outputs"),
]


@pytest.mark.parametrize("old, new, code, line_text, words", BAD_BUDGET, ids=[case[2] + case[3] for case in BAD_BUDGET])
def test_budget_rejects_bad_fields_at_the_right_line(tmp_path, old, new, code, line_text, words):
    path = _copy(tmp_path, BUDGET, [(old, new)])
    result = validate(path)
    assert result.exit_code == 1
    (found,) = [f for f in result.findings if f.code == code]
    assert words in found.message
    assert found.line == _line_of(path, line_text)


BAD_RISK = [
    ("likelihood: likely", "likelihood: probable", "S006", "likelihood: probable", "not a valid risk likelihood"),
    ("objectives: [obj.temporary-accommodation, obj.new-homes]", "objectives: [obj.temporary, obj.new-homes]",
     "I002", "obj.temporary,", '"objectives" refers to "obj.temporary"'),
    ("- text: Quarterly viability review of every scheme.\n        owners: [{ref: post.head-of-finance}]",
     "- text: Quarterly viability review of every scheme.\n        owners: [{ref: area.housing}]",
     "I003", "ref: area.housing", '"ref" must name a post or person or body or organisation'),
    ("    score: 16", "    score: 30", "S009", "score: 30", "score"),
    ("    objectives: [obj.new-homes]\n", "", "S001", "- id: risk.build-costs", 'missing the required field "objectives"'),
    ("risk:register:", "risk:registry:", "X002", "risk:registry:", 'did you mean "risk:register"'),
]


@pytest.mark.parametrize("old, new, code, line_text, words", BAD_RISK, ids=[case[2] + case[3] for case in BAD_RISK])
def test_risk_rejects_bad_fields_at_the_right_line(tmp_path, old, new, code, line_text, words):
    path = _copy(tmp_path, RISK, [(old, new)])
    result = validate(path)
    assert result.exit_code == 1
    (found,) = [f for f in result.findings if f.code == code]
    assert words in found.message, found.message
    assert found.line == _line_of(path, line_text)


def test_an_undeclared_extension_is_reported(tmp_path):
    path = _copy(tmp_path, RISK, [("extensions: [risk]\n", "")])
    result = validate(path)
    (undeclared,) = result.findings
    assert undeclared.code == "X001" and result.exit_code == 1
    assert undeclared.line == _line_of(path, "risk:register:") and "extensions: [risk]" in undeclared.hint


def test_council_namespaces_without_an_extension_are_left_alone(tmp_path):
    path = _project(tmp_path) / "plan.yaml"
    path.write_text(BASE + "camden:ward: Kilburn\nareas:\n  - {id: area.a, title: A, camden:budget: 12}\n",
                    encoding="utf-8")
    assert validate(path).findings == []


# --- loading: package or project, never the network ------------------------------------


@pytest.mark.parametrize("entry, code, words", [
    ("budgit", "L017", 'unknown extension "budgit" (did you mean "budget"?)'),
    ("https://example.org/openplan/ward", "L015", "web address"),
    ("../outside", "L016", "outside the project folder"),
    ("./missing", "L017", "no extension at"),
])
def test_extensions_that_cannot_be_loaded_exit_2(tmp_path, entry, code, words):
    project = _project(tmp_path / "project")
    _extension(tmp_path / "outside")
    path = project / "plan.yaml"
    path.write_text(BASE + f"extensions: [{entry}]\n", encoding="utf-8")
    run = run_openplan("validate", str(path))
    assert_no_traceback(run)
    assert run.code == 2
    assert f"plan.yaml:9:14: error {code}" in run.stdout and words in run.stdout


@pytest.mark.parametrize("schema, words", [
    ({**SCHEMA, "objects": {"Area": {"ward:wards": {"type": "list"}}}}, "cannot be used"),
    ({**SCHEMA, "objects": {"Aera": {"ward:wards": {"type": "string"}}}}, '"Aera" is not an OpenPlan object'),
    ({**SCHEMA, "objects": {"Area": {"wards": {"type": "string"}}}}, "is not named namespace:field"),
    ({**SCHEMA, "objects": {"Area": {"ward:wards": {"$ref": "https://example.org/wards.json"}}}},
     "nothing is fetched from the network"),
    ({**SCHEMA, "$schema": "http://json-schema.org/draft-07/schema#"}, '"$schema" must be'),
])
def test_an_invalid_extension_schema_exits_2(tmp_path, schema, words):
    project = _project(tmp_path)
    _extension(project / "ward", schema=schema)
    path = project / "plan.yaml"
    path.write_text(BASE + "extensions: [./ward]\n", encoding="utf-8")
    run = run_openplan("validate", str(path))
    assert_no_traceback(run)
    assert run.code == 2 and "error L018" in run.stdout and words in run.stdout, run.stdout


def test_an_extension_for_another_schema_version_is_refused(tmp_path):
    project = _project(tmp_path)
    _extension(project / "ward", meta={**META, "compatibility": ["2.0"]})
    path = project / "plan.yaml"
    path.write_text(BASE + "extensions: [./ward]\n", encoding="utf-8")
    (finding,) = validate(path).findings
    assert finding.code == "L018" and "for OpenPlan 2.0, not 1.0" in finding.message


def test_a_local_extension_checks_its_fields_and_codelists(tmp_path):
    project = _project(tmp_path)
    _extension(project / "extensions" / "ward")
    path = project / "plan.yaml"
    path.write_text(BASE + "extensions: [./extensions/ward]\nareas:\n  - id: area.a\n    title: A\n"
                           "    ward:wards: [abbey, casle]\n", encoding="utf-8")
    (finding,) = validate(path).findings
    assert finding.code == "S006" and 'did you mean "castle"' in finding.message and finding.line == 13


@pytest.mark.parametrize("second, words", [
    ({**META, "namespace": "budget", "name": "my-budget"}, 'both use the namespace "budget"'),
    ({**META, "namespace": "money"}, 'both define "budget:amounts" on Area'),
])
def test_conflicting_extensions_are_detected(tmp_path, second, words):
    project = _project(tmp_path)
    schema = {**SCHEMA, "objects": {"Area": {"budget:amounts": {"title": "Money", "description": "Money.",
                                                                "type": "number"}}}}
    _extension(project / "other", meta=second, schema=schema)
    path = project / "plan.yaml"
    path.write_text(BASE + "extensions: [budget, ./other]\n", encoding="utf-8")
    run = run_openplan("validate", str(path))
    assert run.code == 2
    assert "error L019" in run.stdout and words in run.stdout and '"budget" and "./other"' in run.stdout


def test_extension_references_join_the_integrity_checks():
    validator = Validator()
    from openplan.loader import load_document

    document = load_document(RISK)
    findings, index = validator.check_document(document)
    assert findings == []
    from_extension = [r for r in index.references if r.parts[0] == "risk:register"]
    assert {r.target for r in from_extension} >= {"obj.new-homes", "obj.temporary-accommodation",
                                                  "post.director-housing"}
    assert {r.field for r in from_extension} == {"objectives", "ref"}


# --- lint-schema ------------------------------------------------------------------------


def test_lint_schema_passes_the_shipped_extensions():
    run = run_openplan("lint-schema")
    assert_no_traceback(run)
    assert run.code == 0, run.stdout
    assert "2 files checked: all valid" in run.stdout


def test_lint_schema_finds_every_kind_of_problem(tmp_path):
    schema = json.loads(json.dumps(SCHEMA))
    wards = schema["objects"]["Area"]["ward:wards"]
    del wards["description"]
    wards["items"]["enum"] = ["abbey"]  # disagrees with ward.csv
    schema["objects"]["Area"]["city:name"] = {"title": "City", "description": "A city.", "type": "string"}
    schema["$defs"] = {"Area": {"title": "Area", "description": "Shadows the core.", "type": "object"},
                       "Ward": {"type": "object", "properties": {"name": {"type": "string"}}}}
    codelists = {"ward.csv": WARDS + "abbey,Abbey again,Twice.\n,No code,Empty.\n",
                 "area-kind.csv": "code,title,description\nx,X,An x.\n",
                 "+note-kind.csv": "code,title,description\nrisk,Risk,Not a core code.\n",
                 "unlisted.csv": "code,name\nx,X\n"}
    folder = _extension(tmp_path / "ward", schema=schema, codelists=codelists)
    result = extensions.lint(folder)
    messages = sorted(f"{f.code} {f.message}" for f in result.findings)
    expected = [
        "X101 the field \"ward:wards\" on Area has no description",
        "X101 the type \"Ward\" has no title and no description",
        "X101 \"name\" of Ward has no title and no description",
        "X102 the field \"city:name\" on Area is outside the extension's namespace \"ward\"",
        "X102 the type \"Area\" has the name of a core type; name it differently",
        "X102 codelists/area-kind.csv has the name of the core codelist area-kind; core codelists are closed",
        "X102 codelists/+note-kind.csv has the name of the core codelist note-kind",
        "X103 codelists/ward.csv: the code \"abbey\" appears twice",
        "X103 codelists/ward.csv: \"\" is not a valid code",
        "X103 codelists/unlisted.csv must start with the columns code,title,description, not code,name",
        "X103 codelists/unlisted.csv is not listed in extension.json \"codelists\"",
        "X103 the field \"ward:wards\" on Area: its enum ['abbey'] does not match the codes of ward.csv",
    ]
    for text in expected:
        assert any(message.startswith(text) for message in messages), (text, "\n".join(messages))
    assert result.exit_code == 1
    positioned = next(f for f in result.findings if "city:name" in f.message)
    assert positioned.file.endswith("schema.json") and positioned.line == 1 and positioned.pointer == \
        "/objects/Area/city:name"


def test_lint_schema_reports_an_unloadable_extension_with_exit_2(tmp_path):
    folder = _extension(tmp_path / "ward", schema={**SCHEMA, "objects": {"Area": {"ward:x": {"type": "nope"}}}})
    run = run_openplan("lint-schema", str(folder), "https://example.org/ext")
    assert_no_traceback(run)
    assert run.code == 2
    assert "L018" in run.stdout and "L015" in run.stdout


def test_the_documented_extension_example_works(tmp_path):
    """docs/extensions.md shows an extension.json and a schema.json: they load, lint clean, and validate."""
    text = (ROOT / "docs" / "extensions.md").read_text(encoding="utf-8")
    meta, schema = (json.loads(block) for block in re.findall(r"```json\n(.*?)```", text, re.S)[:2])
    project = _project(tmp_path)
    folder = _extension(project / "extensions" / "ward", meta=meta, schema=schema,
                        codelists={"ward.csv": WARDS})
    assert extensions.lint(folder).findings == []
    path = project / "plan.yaml"
    path.write_text(BASE + "extensions: [./extensions/ward]\nareas:\n  - id: area.a\n    title: A\n"
                           "    ward:wards: [abbey, castle]\nmilestones:\n  - {id: ms.a, title: M, ward:lead-ward: "
                           "tower}\n", encoding="utf-8")
    (finding,) = validate(path).findings
    assert finding.code == "S006" and finding.value == "tower"


# --- rules as data ----------------------------------------------------------------------

FAMILY_RULES = [rule for rule in catalogue.rules() if rule.family in ("extension", "versioning")]
SCHEMA_RULES = [rule for rule in catalogue.rules() if rule.family == "extension-schema"]


# Their failing and passing cases run in tests/rules/test_rule_cases.py.


def test_every_new_rule_has_its_data():
    for rule in FAMILY_RULES + SCHEMA_RULES + [catalogue.get(code) for code in ("L017", "L018", "L019")]:
        for field in ("summary", "rationale", "fix", "failing", "passing"):
            assert getattr(rule, field), (rule.code, field)
    assert {rule.code for rule in FAMILY_RULES} == {"X001", "X002", "U001"}
    assert {rule.code for rule in SCHEMA_RULES} == {"X101", "X102", "X103"}

