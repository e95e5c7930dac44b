"""`openplan lint-schema`: checks an extension itself, beyond what loading it requires: every field and type
documented, no clash with the core schema, and codelists that agree with the schema."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Iterator

from .. import codelists as core_codelists
from ..findings import finding_at
from ..loader import URL_REFERENCE, Document
from ..report import Finding, Result
from ..resources import load_schema
from ..rules import Rule, Severity, register
from ..version import SCHEMA_VERSION, SUPPORTED_SCHEMA_VERSIONS
from .model import (CODE, CODELIST_COLUMNS, NAME, ExtensionProblem, load_folder, read_json, shipped,
                    shipped_names)


def _schema_rule(code: str, name: str, summary: str, rationale: str, fix: str) -> Rule:
    return register(Rule(code=code, name=name, family="extension-schema", severity=Severity.ERROR, summary=summary,
                         rationale=rationale, fix=fix))


UNDOCUMENTED = _schema_rule(
    "X101", "undocumented-field", "A field or type in an extension has no title or no description.",
    "Reference pages and editor hints are generated from titles and descriptions; a field without them is a "
    "field nobody can use correctly.",
    "Give every field and every type in schema.json a `title` and a `description`.")
CORE_CLASH = _schema_rule(
    "X102", "core-clash", "An extension clashes with the core schema: a field without the extension's namespace, "
    "an object the core does not have, or a type or codelist named like a core one.",
    "Extensions add to the core; they never change or shadow it, so every plan reads the same with or without them.",
    "Name fields `namespace:field` with the extension's own namespace, attach them to core objects by their "
    "schema names (Area, Objective, Output ...), and give types and codelists names of their own.")
BAD_CODELIST = _schema_rule(
    "X103", "invalid-codelist", "An extension's codelist is malformed, missing, or disagrees with the schema's enum.",
    "Codes are what tools filter and count on; a codelist and an enum that disagree make valid data look invalid.",
    "Give each CSV the columns code,title,description with one unique code a row, list it in extension.json, "
    "and keep each field's `enum` equal to the codes of its `codelist`.")
# Every rule this module declares, listed for the catalogue (openplan/catalogue.py).
RULES: tuple[Rule, ...] = (UNDOCUMENTED, CORE_CLASH, BAD_CODELIST)


def _schemas_in(node: Any, parts: tuple) -> Iterator[tuple[tuple, dict[str, Any]]]:
    """Every subschema under ``node`` that describes a property, with where it is."""
    if not isinstance(node, dict):
        return
    for key, subschema in (node.get("properties") or {}).items():
        if isinstance(subschema, dict):
            yield parts + ("properties", key), subschema
            yield from _schemas_in(subschema, parts + ("properties", key))
    if isinstance(node.get("items"), dict):
        yield from _schemas_in(node["items"], parts + ("items",))


def _newest_compatible(folder: Path) -> str:
    """The newest schema version this package reads that an extension folder declares itself compatible with (the
    newest the package reads when it declares none of them)."""
    meta_path = (folder.parent if folder.is_file() else folder) / "extension.json"
    try:
        data = read_json(meta_path).data if meta_path.is_file() else None
    except ExtensionProblem:  # an unreadable extension.json: loading it reports the problem
        data = None
    compatibility = data.get("compatibility") if isinstance(data, dict) else None
    readable = [v for v in SUPPORTED_SCHEMA_VERSIONS if isinstance(compatibility, list) and v in compatibility]
    return readable[-1] if readable else SCHEMA_VERSION


def lint(target: str | Path, version: str | None = None) -> Result:
    """Check an extension (a shipped name or a folder): loadable, every field documented, no clash with the core,
    valid codelists. Never prints. ``version``: the schema version to check it against; by default the newest
    one the extension declares itself compatible with."""
    given = str(target)
    if version is None:
        version = SCHEMA_VERSION if NAME.match(given) and not Path(given).exists() else \
            _newest_compatible(Path(given))
    if NAME.match(given) and not Path(given).exists():
        try:
            extension = shipped(given, version)
        except ExtensionProblem as problem:
            return Result(files=[given], findings=[Finding(problem.rule.code, problem.message, Severity.ERROR,
                                                           given, hint=problem.rule.fix)])
    else:
        if "://" in given:
            return Result(files=[given], findings=[Finding(URL_REFERENCE.code, f'"{given}" is a web address; '
                                                           "OpenPlan never fetches extensions from the network",
                                                           Severity.ERROR, given, hint=URL_REFERENCE.fix)])
        try:
            extension = load_folder(Path(given), version=version)
        except ExtensionProblem as problem:
            return Result(files=[given], findings=[Finding(problem.rule.code, problem.message, Severity.ERROR,
                                                           given, hint=problem.rule.fix)])
    folder = extension.folder
    schema_path = folder / extension.metadata["schema"]
    schema_document = read_json(schema_path)
    meta_path = folder / "extension.json"
    meta_document = read_json(meta_path)
    findings: list[Finding] = []
    schema = extension.schema
    namespace = extension.namespace
    core_defs = set(load_schema("plan", version)["$defs"]) | set(load_schema("registry", version)["$defs"])
    core_lists = set(core_codelists.names(version))

    def add(rule: Rule, parts: tuple, message: str, document: Document | None = schema_document,
            path: Path = schema_path, line: int | None = None) -> None:
        findings.append(finding_at(rule, document, parts, message, key=bool(parts), file=str(path), line=line))

    for key in ("title", "description"):
        if not isinstance(schema.get(key), str) or not schema[key].strip():
            add(UNDOCUMENTED, (), f"the extension's schema has no {key}")
    if extension.shipped and extension.name != namespace:
        add(CORE_CLASH, ("namespace",), f'a shipped extension\'s namespace must be its name ("{extension.name}")',
            meta_document, meta_path)
    documented: list[tuple[tuple, dict[str, Any], str]] = []
    for type_name, key, subschema in extension.fields():
        parts = ("objects", type_name, key)
        if key.split(":", 1)[0] != namespace:
            add(CORE_CLASH, parts, f'the field "{key}" on {type_name} is outside the extension\'s namespace '
                f'"{namespace}"')
        documented.append((parts, subschema, f'the field "{key}" on {type_name}'))
        documented.extend((where, inner, f'"{where[-1]}" inside {key}') for where, inner in _schemas_in(subschema, parts))
    for def_name, definition in (schema.get("$defs") or {}).items():
        parts = ("$defs", def_name)
        if def_name in core_defs:
            add(CORE_CLASH, parts, f'the type "{def_name}" has the name of a core type; name it differently')
        if isinstance(definition, dict):
            documented.append((parts, definition, f'the type "{def_name}"'))
            documented.extend((where, inner, f'"{where[-1]}" of {def_name}')
                              for where, inner in _schemas_in(definition, parts))
    for parts, subschema, what in documented:
        missing = [key for key in ("title", "description")
                   if not isinstance(subschema.get(key), str) or not subschema[key].strip()]
        if missing:
            add(UNDOCUMENTED, parts, f"{what} has no {' and no '.join(missing)}")
    # Codelists: files, columns, codes, and agreement with the schema.
    listed = extension.metadata.get("codelists") or []
    for name in listed:
        if not isinstance(name, str) or name[:-4] not in extension.codelists:
            add(BAD_CODELIST, ("codelists",), f'extension.json lists the codelist "{name}", which is not in '
                "codelists/", meta_document, meta_path)
    for name, codelist in extension.codelists.items():
        if f"{name}.csv" not in listed:
            add(BAD_CODELIST, ("codelists",), f'codelists/{name}.csv is not listed in extension.json "codelists"',
                meta_document, meta_path)
        if name.lstrip("+") in core_lists:
            add(CORE_CLASH, (), f"codelists/{name}.csv has the name of the core codelist {name.lstrip('+')}; core "
                "codelists are closed, so a new code there is a change to the core schema. Give the codelist a "
                "name of its own", None, codelist.path, 1)
        if codelist.columns[:3] != CODELIST_COLUMNS:
            add(BAD_CODELIST, (), f"codelists/{name}.csv must start with the columns code,title,description, not "
                f"{','.join(codelist.columns)}", None, codelist.path, 1)
        seen: set[str] = set()
        for row_number, row in enumerate(codelist.rows, start=2):
            code = row.get("code") or ""
            if not CODE.match(code):
                add(BAD_CODELIST, (), f'codelists/{name}.csv: "{code}" is not a valid code', None, codelist.path,
                    row_number)
            elif code in seen:
                add(BAD_CODELIST, (), f'codelists/{name}.csv: the code "{code}" appears twice', None, codelist.path,
                    row_number)
            seen.add(code)
            for column in ("title", "description"):
                if not (row.get(column) or "").strip():
                    add(BAD_CODELIST, (), f'codelists/{name}.csv: the code "{code}" has no {column}', None,
                        codelist.path, row_number)
    for parts, subschema, what in documented:
        list_name = subschema.get("codelist") or (subschema.get("items") or {}).get("codelist")
        if list_name is None:
            continue
        stem = list_name[:-4] if isinstance(list_name, str) and list_name.endswith(".csv") else None
        if stem is None or (stem not in extension.codelists and stem not in core_lists):
            add(BAD_CODELIST, parts + ("codelist",), f'{what} names the codelist "{list_name}", which does not exist')
            continue
        codes = extension.codelists[stem].codes if stem in extension.codelists else \
            list(core_codelists.codes(stem, version))
        enum = subschema.get("enum") or (subschema.get("items") or {}).get("enum")
        closed = subschema.get("openCodelist") is not True
        if closed and (not isinstance(enum, list) or sorted(map(str, enum)) != sorted(codes)):
            add(BAD_CODELIST, parts + ("enum",), f"{what}: its enum {enum} does not match the codes of {list_name} "
                f"({', '.join(codes)})")
    return Result(files=[str(folder)], findings=findings)


def lint_all(targets: Iterable[str | Path] = (), version: str | None = None) -> Result:
    """``openplan lint-schema``: check each extension named (every shipped one when none is) into one result."""
    result = Result()
    for target in list(targets) or shipped_names(version or SCHEMA_VERSION):
        checked = lint(target, version)
        result.files.extend(checked.files)
        result.findings.extend(checked.findings)
    return result
