"""Extensions: optional modules that add namespaced fields and codelists to OpenPlan without forking it.

An extension is a folder::

    extension.json    name, namespace, title, description, version, the schema versions it works with
    schema.json       a JSON Schema document: ``objects`` names the core objects (Plan, Area, Objective ...)
                      and the ``namespace:field`` fields the extension adds to each; ``$defs`` holds its own
                      types. A ``$ref`` may point into the core schema of the same version, nowhere else.
    codelists/*.csv   its own codelists (code, title, description). The core codelists are closed: a new
                      code in one of them is a change to the core schema, not an extension.

A plan declares what it uses: ``extensions: [budget, ./extensions/ward]``. A bare name is one of the
extensions shipped with this package (``schema/<version>/extensions/``); anything else is a path to a folder
inside the project, relative to the file. Web addresses are refused: nothing is ever fetched.

:func:`apply` is the validator's hook. :func:`lint` checks an extension itself (``openplan lint-schema``).
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, Iterator

import jsonschema_rs

from . import codelists as core_codelists
from .checks import finding
from .english import a as with_article
from .index import PlanIndex, Reference
from .loader import (URL_REFERENCE, Document, LoadError, decode, from_pointer, load_document, read_limited,
                     to_pointer)
from .migrations import deprecation
from .migrations.deprecation import RULE as DEPRECATED
from .report import Finding, Result
from .resources import load_schema, schema_dir
from .rules import EXAMPLE_PLAN, Rule, Severity, register
from .version import SCHEMA_VERSION, SUPPORTED_SCHEMA_VERSIONS, schema_id

if TYPE_CHECKING:  # pragma: no cover
    from .validation import Validator

NAME = re.compile(r"^[a-z][a-z0-9-]*$")
CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
DIALECT = "https://json-schema.org/draft/2020-12/schema"
CODELIST_COLUMNS = ["code", "title", "description"]

# --- rules -------------------------------------------------------------------

_PLAN = EXAMPLE_PLAN


def _json(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


_WARD_META = {"name": "ward", "namespace": "ward", "title": "Wards", "description": "Wards an item serves.",
              "version": "1.0.0", "compatibility": ["1.0"], "schema": "schema.json"}
_WARDS = {"title": "Wards", "description": "Names of the wards.", "type": "array", "items": {"type": "string"}}


def _ward_schema(fields: dict[str, Any]) -> str:
    return _json({"$schema": DIALECT, "title": "Wards", "description": "Wards an item serves.",
                  "objects": {"Area": fields}})


_LOCAL_BUDGET = {
    "my-budget/extension.json": _json({**_WARD_META, "name": "budget", "namespace": "budget"}),
    "my-budget/schema.json": _ward_schema({"budget:names": _WARDS}),
}
_AREA = "areas:\n  - id: area.finance\n    title: Finance\n"


def _load_rule(code: str, name: str, summary: str, rationale: str, fix: str, failing: str, passing: str,
               files: dict[str, str] | None = None) -> Rule:
    return register(Rule(code=code, name=name, family="load", severity=Severity.ERROR, summary=summary,
                         rationale=rationale, fix=fix, failing=failing, passing=passing, files=files or {},
                         exit_code=2))


UNKNOWN_EXTENSION = _load_rule(
    "L017", "unknown-extension", "A file declares an extension that is neither shipped with openplan nor found "
    "at the path given.",
    "Without the extension's schema its fields cannot be checked; guessing would let mistakes through.",
    "Correct the name (shipped extensions are listed in the message), or give the path of the extension's folder, "
    "relative to the file, for example ./extensions/ward.",
    failing=_PLAN + "extensions: [budgit]\n", passing=_PLAN + "extensions: [budget]\n")
INVALID_EXTENSION = _load_rule(
    "L018", "invalid-extension", "An extension cannot be used: its extension.json or schema.json is missing, "
    "unreadable or not valid, or it refers to a schema outside OpenPlan.",
    "A broken extension would check nothing, or check the wrong thing.",
    "Fix the file the message names; `openplan lint-schema PATH` checks an extension in full.",
    failing=_PLAN + "extensions: [./ward]\n", passing=_PLAN + "extensions: [budget]\n",
    files={"ward/extension.json": _json(_WARD_META),
           "ward/schema.json": _ward_schema({"ward:names": {**_WARDS, "type": "list"}})})
CONFLICTING_EXTENSIONS = _load_rule(
    "L019", "conflicting-extensions", "Two extensions a file declares use the same namespace, or define the same "
    "field on the same object.",
    "A field defined twice has two meanings; a validator could only pick one, silently.",
    "Declare only one of the two extensions, or rename the namespace of your own extension.",
    failing=_PLAN + "extensions: [budget, ./my-budget]\n", passing=_PLAN + "extensions: [budget]\n",
    files=_LOCAL_BUDGET)


def _extension_rule(code: str, name: str, summary: str, rationale: str, fix: str, failing: str, passing: str,
                    severity: Severity = Severity.ERROR, files: dict[str, str] | None = None,
                    family: str = "extension") -> Rule:
    return register(Rule(code=code, name=name, family=family, severity=severity, summary=summary,
                         rationale=rationale, fix=fix, failing=failing, passing=passing, files=files or {},
                         exit_code=1 if severity is Severity.ERROR else 0))


UNDECLARED = _extension_rule(
    "X001", "undeclared-extension", "A field belongs to a known extension that the file does not declare.",
    "Undeclared, the field would not be checked against the extension's schema, and readers would not know "
    "which extension gives it its meaning.",
    "Add the extension to the file's `extensions` list, for example `extensions: [budget]`.",
    failing=_PLAN + _AREA + "    budget:amounts: [{kind: revenue, amount: 1000, period: {value: FY2025}}]\n",
    passing=_PLAN + "extensions: [budget]\n" + _AREA
    + "    budget:amounts: [{kind: revenue, amount: 1000, period: {value: FY2025}}]\n")
UNKNOWN_FIELD = _extension_rule(
    "X002", "unknown-extension-field", "A field in a declared extension's namespace is not one the extension "
    "defines, or not on this kind of object.",
    "A misspelt extension field would otherwise be carried along unchecked.",
    "Correct the field name (the message suggests the closest one), or move the field to an object the extension "
    "adds it to.",
    failing=_PLAN + "extensions: [budget]\n" + _AREA + "    budget:ammounts: []\n",
    passing=_PLAN + "extensions: [budget]\n" + _AREA + "    budget:amounts: []\n")
def _schema_rule(code: str, name: str, summary: str, rationale: str, fix: str, failing: str) -> Rule:
    return register(Rule(code=code, name=name, family="extension-schema", severity=Severity.ERROR, summary=summary,
                         rationale=rationale, fix=fix, failing=failing,
                         passing=_ward_schema({"ward:names": _WARDS}), files={"extension.json": _json(_WARD_META)}))


UNDOCUMENTED = _schema_rule(
    "X101", "undocumented-field", "A field or type in an extension has no title or no description.",
    "Reference pages and editor hints are generated from titles and descriptions; a field without them is a "
    "field nobody can use correctly.",
    "Give every field and every type in schema.json a `title` and a `description`.",
    failing=_ward_schema({"ward:names": {"type": "array", "items": {"type": "string"}}}))
CORE_CLASH = _schema_rule(
    "X102", "core-clash", "An extension clashes with the core schema: a field without the extension's namespace, "
    "an object the core does not have, or a type or codelist named like a core one.",
    "Extensions add to the core; they never change or shadow it, so every plan reads the same with or without them.",
    "Name fields `namespace:field` with the extension's own namespace, attach them to core objects by their "
    "schema names (Area, Objective, Output ...), and give types and codelists names of their own.",
    failing=_ward_schema({"city:names": _WARDS}))
BAD_CODELIST = _schema_rule(
    "X103", "invalid-codelist", "An extension's codelist is malformed, missing, or disagrees with the schema's enum.",
    "Codes are what tools filter and count on; a codelist and an enum that disagree make valid data look invalid.",
    "Give each CSV the columns code,title,description with one unique code a row, list it in extension.json, "
    "and keep each field's `enum` equal to the codes of its `codelist`.",
    failing=_ward_schema({"ward:names": {**_WARDS, "items": {"type": "string", "enum": ["north"],
                                                             "codelist": "wards.csv"}}}))
# Every rule this module declares, listed for the catalogue (openplan/catalogue.py).
RULES: tuple[Rule, ...] = (UNKNOWN_EXTENSION, INVALID_EXTENSION, CONFLICTING_EXTENSIONS, UNDECLARED,
                           UNKNOWN_FIELD, UNDOCUMENTED, CORE_CLASH, BAD_CODELIST)


# --- loading -----------------------------------------------------------------


class ExtensionProblem(Exception):
    """An extension that cannot be used; ``rule`` says which kind of problem."""

    def __init__(self, rule: Rule, message: str):
        super().__init__(message)
        self.rule = rule
        self.message = message


@dataclass
class Codelist:
    name: str  # the file's name without .csv
    path: Path
    rows: list[dict[str, str]]
    columns: list[str]

    @property
    def codes(self) -> list[str]:
        return [row.get("code") or "" for row in self.rows]


@dataclass
class Extension:
    """A loaded extension: metadata, schema, codelists, and a validator per field."""

    name: str
    namespace: str
    folder: Path
    metadata: dict[str, Any]
    schema: dict[str, Any]
    codelists: dict[str, Codelist]
    shipped: bool
    source: str | None = None  # the entry in `extensions` that named it
    validators: dict[tuple[str, str], Any] = field(default_factory=dict, repr=False)

    @property
    def label(self) -> str:
        return self.name if self.shipped else (self.source or _show(self.folder))

    @property
    def objects(self) -> dict[str, dict[str, Any]]:
        return self.schema.get("objects") or {}

    def fields(self) -> Iterator[tuple[str, str, dict[str, Any]]]:
        for type_name, fields in self.objects.items():
            for key, subschema in fields.items():
                yield type_name, key, subschema

    def lookup_schema(self) -> dict[str, Any]:
        """Where structure messages look up titles and codelists: the extension's types beside the core's."""
        return {"$defs": {**load_schema("plan")["$defs"], **(self.schema.get("$defs") or {})}}


@lru_cache(maxsize=None)
def _field_pattern() -> re.Pattern:
    """How an extension field is named: the pattern the core schema allows on every object."""
    return re.compile(next(iter(load_schema("plan")["patternProperties"])))


def core_types(version: str = SCHEMA_VERSION) -> set[str]:
    """Names of the objects an extension may add fields to: the core $defs, Plan and Registry."""
    return set(load_schema("plan", version)["$defs"]) | set(load_schema("registry", version)["$defs"]) | {
        "Plan", "Registry"}


@lru_cache(maxsize=None)
def _core_registry(version: str) -> Any:
    return jsonschema_rs.Registry([(schema_id(kind, version), load_schema(kind, version))
                                   for kind in ("plan", "registry")])


def _refuse(uri: str) -> Any:
    raise ValueError(f"{uri} is not an OpenPlan {SCHEMA_VERSION} schema, and extensions never fetch schemas "
                     "from the network")


@lru_cache(maxsize=None)
def shipped_names(version: str = SCHEMA_VERSION) -> tuple[str, ...]:
    folder = schema_dir(version) / "extensions"
    if not folder.is_dir():
        return ()
    return tuple(sorted(path.name for path in folder.iterdir() if (path / "extension.json").is_file()))


def _show(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


def _read_json(path: Path) -> Document:
    try:
        document = load_document(path, _show(path))
    except LoadError as error:
        where = error.finding.location()
        rule = UNKNOWN_EXTENSION if error.finding.code == "L001" and path.name == "extension.json" \
            else INVALID_EXTENSION
        raise ExtensionProblem(rule, f"{where}: {error.finding.message}") from None
    return document


def _read_codelist(path: Path) -> Codelist:
    try:  # bounded, regular files only: a codelist linked to /dev/zero or a named pipe is refused
        text = decode(read_limited(path, _show(path)), _show(path))
    except LoadError as error:
        raise ExtensionProblem(INVALID_EXTENSION, f"{error.finding.location()}: the codelist cannot be read: "
                               f"{error.finding.message}") from None
    reader = csv.DictReader(io.StringIO(text))
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise ExtensionProblem(INVALID_EXTENSION, f"{_show(path)}: the codelist is not valid CSV ({exc})") from None
    columns = list(reader.fieldnames or [])
    if "code" not in columns:
        raise ExtensionProblem(INVALID_EXTENSION, f"{_show(path)}: the codelist has no `code` column")
    return Codelist(path.stem, path, rows, columns)


def _inside(folder: Path, name: Any) -> Path | None:
    """``folder/name`` when ``name`` is a plain relative path that stays inside ``folder``."""
    if not isinstance(name, str) or not name or "://" in name or name.startswith(("/", "\\")):
        return None
    parts = PurePosixPath(name.replace("\\", "/")).parts
    if ".." in parts:
        return None
    return folder.joinpath(*parts)


def load_folder(folder: Path, *, shipped: bool = False, version: str = SCHEMA_VERSION) -> Extension:
    """Load and check the extension in ``folder``. Raises :class:`ExtensionProblem`."""
    if folder.is_file() and folder.name == "extension.json":
        folder = folder.parent
    meta_path = folder / "extension.json"
    if not meta_path.is_file():
        what = "holds no extension.json" if folder.is_dir() else "does not exist"
        raise ExtensionProblem(UNKNOWN_EXTENSION, f"no extension at {_show(folder)}: the folder {what}")
    metadata = _read_json(meta_path).data
    for key in ("name", "namespace", "title", "description", "version", "schema"):
        if not isinstance(metadata.get(key), str) or not metadata[key].strip():
            raise ExtensionProblem(INVALID_EXTENSION, f'{_show(meta_path)}: "{key}" is missing or not text')
    namespace = metadata["namespace"]
    if not NAME.match(namespace):
        raise ExtensionProblem(INVALID_EXTENSION, f'{_show(meta_path)}: the namespace "{namespace}" must be lower-case '
                               "letters, digits and '-', starting with a letter")
    compatibility = metadata.get("compatibility", [version])
    if not isinstance(compatibility, list) or version not in compatibility:
        raise ExtensionProblem(INVALID_EXTENSION, f'{_show(meta_path)}: the extension is for OpenPlan '
                               f'{", ".join(map(str, compatibility)) if isinstance(compatibility, list) else "?"}, '
                               f"not {version}")
    schema_path = _inside(folder, metadata["schema"])
    if schema_path is None:
        raise ExtensionProblem(INVALID_EXTENSION, f'{_show(meta_path)}: "schema" must name a file inside the extension\'s '
                               f'folder, not "{metadata["schema"]}"')
    if not schema_path.is_file():
        raise ExtensionProblem(INVALID_EXTENSION, f"{_show(schema_path)} does not exist")
    schema = _read_json(schema_path).data
    if schema.get("$schema", DIALECT) != DIALECT:
        raise ExtensionProblem(INVALID_EXTENSION, f'{_show(schema_path)}: "$schema" must be {DIALECT}, the dialect of the '
                               "core schema")
    try:
        jsonschema_rs.meta.validate(schema)
    except jsonschema_rs.ValidationError as error:
        raise ExtensionProblem(INVALID_EXTENSION, f"{_show(schema_path)} is not a valid JSON Schema: "
                               f"{error.message.splitlines()[0]}") from None
    except Exception as error:  # an unknown dialect
        raise ExtensionProblem(INVALID_EXTENSION, f"{_show(schema_path)} is not a valid JSON Schema: {error}") from None
    objects = schema.get("objects")
    if not isinstance(objects, dict) or not objects:
        raise ExtensionProblem(INVALID_EXTENSION, f'{_show(schema_path)}: "objects" must name the core objects the '
                               "extension adds fields to, for example {\"Area\": {\"ward:name\": {...}}}")
    known = core_types(version)
    for type_name, fields in objects.items():
        if type_name not in known:
            close = difflib.get_close_matches(type_name, sorted(known), n=1)
            raise ExtensionProblem(INVALID_EXTENSION, f'{_show(schema_path)}: "{type_name}" is not an OpenPlan object'
                                   + (f' (did you mean "{close[0]}"?)' if close else ""))
        if not isinstance(fields, dict):
            raise ExtensionProblem(INVALID_EXTENSION, f'{_show(schema_path)}: objects/{type_name} must map field names '
                                   "to schemas")
        for key, subschema in fields.items():
            if not _field_pattern().match(key):
                raise ExtensionProblem(INVALID_EXTENSION, f'{_show(schema_path)}: the field "{key}" on {type_name} is not '
                                       f"named namespace:field (for example {namespace}:{key})")
            if not isinstance(subschema, dict):
                raise ExtensionProblem(INVALID_EXTENSION, f"{_show(schema_path)}: the schema of {key} must be an object")
    codelists: dict[str, Codelist] = {}
    codelist_folder = folder / "codelists"
    if codelist_folder.is_dir():
        for path in sorted(codelist_folder.glob("*.csv")):
            codelist = _read_codelist(path)
            codelists[codelist.name] = codelist
    extension = Extension(metadata["name"], namespace, folder, metadata, schema, codelists, shipped)
    registry = _core_registry(version)
    own_defs = schema.get("$defs") or {}
    for type_name, key, subschema in extension.fields():
        wrapper = {"$schema": DIALECT, "$defs": own_defs, **subschema}
        try:
            extension.validators[(type_name, key)] = jsonschema_rs.Draft202012Validator(
                wrapper, registry=registry, retriever=_refuse, validate_formats=True)
        except Exception as error:  # an invalid schema, or a reference that cannot be resolved
            text = (error.message if isinstance(error, jsonschema_rs.ValidationError) else str(error)).splitlines()[0]
            unreachable = re.search(r"Resource '([^']+)'", text)
            if unreachable:
                text = (f"it refers to {unreachable.group(1)}; an extension may refer only to its own $defs and to "
                        f"the OpenPlan {version} core schema, and nothing is fetched from the network")
            raise ExtensionProblem(INVALID_EXTENSION, f"{_show(schema_path)}: the schema of {key} on {type_name} "
                                   f"cannot be used: {text}") from None
    return extension


@lru_cache(maxsize=None)
def shipped(name: str, version: str = SCHEMA_VERSION) -> Extension:
    """A shipped extension by name. Raises :class:`ExtensionProblem` if there is none."""
    if NAME.match(name) and name in shipped_names(version):
        return load_folder(schema_dir(version) / "extensions" / name, shipped=True, version=version)
    available = shipped_names(version)
    close = difflib.get_close_matches(name, available, n=1)
    raise ExtensionProblem(UNKNOWN_EXTENSION, f'unknown extension "{name}"'
                           + (f' (did you mean "{close[0]}"?)' if close else "")
                           + f"; this openplan ships {', '.join(available) or 'none'}. For an extension of your own, "
                           f"give the path of its folder, for example ./extensions/{name}")


# --- applying extensions to a document -----------------------------------------


def _version(document: Document) -> str | None:
    version = document.data.get("openplan")
    return version if version in SUPPORTED_SCHEMA_VERSIONS else None


def resolve(validator: "Validator", document: Document) -> tuple[list[Extension], list[Finding]]:
    """The extensions ``document`` declares, loaded, and a finding for each one that cannot be used."""
    entries = document.data.get("extensions")
    version = _version(document)
    if not isinstance(entries, list) or version is None:
        return [], []
    loaded: list[tuple[int, Extension]] = []
    problems: list[Finding] = []
    for position, entry in enumerate(entries):
        if not isinstance(entry, str):
            continue  # the schema reports it
        parts = ("extensions", position)
        try:
            if NAME.match(entry):
                extension = shipped(entry, version)
            else:
                path, problem = validator._reference(document, parts, entry)
                if problem is not None:
                    problems.append(problem)
                    continue
                extension = load_folder(path, version=version)
                extension.source = entry
        except ExtensionProblem as problem:
            problems.append(finding(problem.rule, document, parts, problem.message, value=entry))
            continue
        loaded.append((position, extension))
    extensions: list[Extension] = []
    namespaces: dict[str, Extension] = {}
    defined: dict[tuple[str, str], Extension] = {}
    for position, extension in loaded:
        if any(extension.folder == other.folder for other in extensions):
            continue  # declared twice: harmless
        clash = namespaces.get(extension.namespace)
        message = None
        if clash is not None:
            message = (f'the extensions "{clash.label}" and "{extension.label}" both use the namespace '
                       f'"{extension.namespace}"')
        else:
            for type_name, key, _ in extension.fields():
                if (type_name, key) in defined:
                    message = (f'the extensions "{defined[(type_name, key)].label}" and "{extension.label}" both '
                               f'define "{key}" on {type_name}')
                    break
        if message:
            problems.append(finding(CONFLICTING_EXTENSIONS, document, ("extensions", position), message,
                                    value=entries[position]))
            continue
        namespaces[extension.namespace] = extension
        for type_name, key, _ in extension.fields():
            defined[(type_name, key)] = extension
        extensions.append(extension)
    return extensions, problems


@dataclass
class _Located:
    """A jsonschema-rs error re-rooted at the field's place in the document, for structure's messages."""

    instance_path: list
    schema_path: list
    instance: Any
    kind: Any
    message: str


def _resolve_ref(schema: dict[str, Any], own_defs: dict[str, Any]) -> dict[str, Any]:
    """Follow ``$ref`` into the extension's own $defs or the core schema (siblings of $ref are kept)."""
    for _ in range(20):
        ref = schema.get("$ref")
        if not isinstance(ref, str):
            return schema
        base, _, pointer = ref.partition("#")
        root: Any = own_defs if not base else None
        if base:
            for kind in ("plan", "registry"):
                if base == schema_id(kind):
                    root = load_schema(kind)
        if root is None:
            return schema
        parts = from_pointer(pointer)
        if not base and parts[:1] == ["$defs"]:
            parts = parts[1:]
        target: Any = root
        for part in parts:
            target = target.get(part, {}) if isinstance(target, dict) else {}
        schema = {**target, **{k: v for k, v in schema.items() if k != "$ref"}}
    return schema


def _annotations(schema: dict[str, Any], value: Any, parts: tuple, own_defs: dict[str, Any]
                 ) -> Iterator[tuple[str, tuple, Any, dict[str, Any]]]:
    """References and deprecated fields inside an extension value, found by walking it beside its schema."""
    schema = _resolve_ref(schema, own_defs)
    if schema.get("deprecated") is True:
        yield "deprecated", parts, value, schema
    kinds = schema.get("references")
    if kinds is not None:
        if isinstance(value, list):
            for position, target in enumerate(value):
                if isinstance(target, str):
                    yield "reference", parts + (position,), target, schema
        elif isinstance(value, str):
            yield "reference", parts, value, schema
        return
    if isinstance(value, dict):
        for key, subschema in (schema.get("properties") or {}).items():
            if key in value and isinstance(subschema, dict):
                yield from _annotations(subschema, value[key], parts + (key,), own_defs)
    elif isinstance(value, list) and isinstance(schema.get("items"), dict):
        for position, entry in enumerate(value):
            yield from _annotations(schema["items"], entry, parts + (position,), own_defs)


_NOUN = {"Plan": "the plan", "Registry": "the registry"}


def _plural(type_name: str) -> str:
    word = re.sub(r"(?<!^)([A-Z])", r" \1", type_name).lower()
    return "the plan" if type_name == "Plan" else "the registry" if type_name == "Registry" else \
        (word[:-1] + "ies" if word.endswith("y") else word + "s")


def _place(node: Any) -> str:
    if node.type in _NOUN:
        return _NOUN[node.type]
    ident = node.data.get("id")
    word = re.sub(r"(?<!^)([A-Z])", r" \1", node.type).lower()
    return f'{word} "{ident}"' if isinstance(ident, str) else with_article(word)


def _mentions(document: Document, namespaces: tuple[str, ...]) -> bool:
    text = document.text
    return any(f"{namespace}:" in text for namespace in namespaces)


def apply(validator: "Validator", document: Document, index: PlanIndex, findings: list[Finding]) -> list[Finding]:
    """Apply the extensions ``document`` declares: load them, check every namespaced field against them.

    Returns ``findings`` with the extensions' findings added. References inside extension fields are added to
    ``index`` so that the integrity checks resolve them like any other reference.
    """
    version = _version(document)
    if version is None:
        return findings
    known_names = shipped_names(version)
    if not document.data.get("extensions") and not _mentions(document, known_names):
        return findings
    extensions, problems = resolve(validator, document)
    findings.extend(problems)
    if any(problem.fatal for problem in problems):
        return findings
    by_field: dict[tuple[str, str], Extension] = {}
    by_namespace: dict[str, Extension] = {}
    for extension in extensions:
        by_namespace[extension.namespace] = extension
        for type_name, key, _ in extension.fields():
            by_field[(type_name, key)] = extension
    undeclared: dict[str, Extension] = {}
    for name in known_names:
        extension = shipped(name, version)
        if extension.namespace not in by_namespace:
            undeclared[extension.namespace] = extension
    for node in index.nodes:
        if node.document is not document:
            continue
        for key, value in node.data.items():
            if ":" not in key or not _field_pattern().match(key):
                continue
            parts = node.parts + (key,)
            owner_id = node.owner.id if node.owner else None
            extension = by_field.get((node.type, key))
            if extension is not None:
                findings.extend(_check_value(extension, document, index, node, key, value, parts, owner_id))
                continue
            namespace = key.split(":", 1)[0]
            declared = by_namespace.get(namespace)
            if declared is not None:
                findings.append(_unknown_field(declared, document, node, key, parts, owner_id))
            elif namespace in undeclared:
                extension = undeclared[namespace]
                findings.append(finding(UNDECLARED, document, parts,
                                        f'"{key}" in {_place(node)} is a field of the {extension.name} extension, '
                                        "which this file does not declare", item=owner_id, key=True,
                                        hint=f"Add `extensions: [{extension.name}]` at the top of the file."))
    return findings


def _unknown_field(extension: Extension, document: Document, node: Any, key: str, parts: tuple,
                   owner_id: str | None) -> Finding:
    elsewhere = sorted({type_name for type_name, other, _ in extension.fields() if other == key})
    if elsewhere:
        places = ", ".join(_plural(type_name) for type_name in elsewhere)
        message = (f'"{key}" cannot be used in {_place(node)}: the {extension.name} extension adds it to '
                   f"{places}")
        hint = None
    else:
        candidates = [other for type_name, other, _ in extension.fields() if type_name == node.type]
        close = difflib.get_close_matches(key, candidates, n=1, cutoff=0.6)
        message = f'unknown field "{key}" in {_place(node)}: the {extension.name} extension does not define it'
        if close:
            message += f' (did you mean "{close[0]}"?)'
        hint = (f"The {extension.name} extension adds to this object: {', '.join(sorted(candidates))}."
                if candidates else None)
    return finding(UNKNOWN_FIELD, document, parts, message, item=owner_id, key=True, hint=hint)


def _one_of_required(lookup: dict[str, Any], schema_path: list) -> list[str] | None:
    """The fields of an ``anyOf`` that only says "give at least one of these fields"."""
    node: Any = lookup
    for part in schema_path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    # A branch may also name its required fields in `properties` with annotations only (title, description):
    # the shape ajv's strict mode asks for, as the generated plan schema writes it.
    if isinstance(node, list) and all(isinstance(branch, dict) and "required" in branch
                                      and set(branch) <= {"required", "properties"}
                                      and all(value is True or (isinstance(value, dict)
                                                                and set(value) <= {"title", "description"})
                                              for value in (branch.get("properties") or {}).values())
                                      for branch in node):
        return [name for branch in node for name in branch["required"]]
    return None


def _check_value(extension: Extension, document: Document, index: PlanIndex, node: Any, key: str, value: Any,
                 parts: tuple, owner_id: str | None) -> list[Finding]:
    from .structure import _finding

    out: list[Finding] = []
    lookup = None
    for error in extension.validators[(node.type, key)].iter_errors(value):
        # The field's own schema at the top, so errors inside it (an `items` pattern) find its title and examples.
        lookup = lookup or {**extension.objects[node.type][key], **extension.lookup_schema()}
        where = list(parts) + list(error.instance_path)
        alternatives = _one_of_required(lookup, list(error.schema_path)) if error.kind.name == "anyOf" else None
        if alternatives:
            from .structure import REQUIRED, describe_place

            place, item = describe_place(document.data, where)
            out.append(finding(REQUIRED, document, where, f"{place} needs at least one of "
                               + ", ".join(f'"{name}"' for name in alternatives), item=item or owner_id,
                               hint=f"Add {' or '.join(alternatives)}."))
            continue
        located = _Located(where, list(error.schema_path), error.instance, error.kind, error.message)
        found = _finding(document, lookup, located)
        if found is not None:  # None: another error on the same value says it
            out.append(found)
    own_defs = extension.schema.get("$defs") or {}
    for what, where, target, schema in _annotations(extension.objects[node.type][key], value, parts, own_defs):
        if what == "deprecated":
            out.append(finding(DEPRECATED, document, where,
                               deprecation.message(str(where[-1]), _place(node), schema,
                                                   f"the {extension.name} extension"), item=owner_id, key=True))
        else:
            kinds = schema["references"]
            index.references.append(Reference(document, where, target, kinds if isinstance(kinds, str)
                                              else tuple(kinds), node.owner,
                                              next(p for p in reversed(where) if isinstance(p, str))))
    return out


# --- lint-schema ----------------------------------------------------------------


def _lint_finding(rule: Rule, document: Document | None, path: Path, parts: tuple, message: str,
                  line: int | None = None) -> Finding:
    column = None
    if document is not None and line is None:
        line, column = document.position(parts, key=bool(parts))
    return Finding(rule.code, message, rule.severity, str(path), line, column, to_pointer(parts), hint=rule.fix)


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


def lint(target: str | Path, version: str = SCHEMA_VERSION) -> Result:
    """Check an extension (a shipped name or a folder): loadable, every field documented, no clash with the core,
    valid codelists. Never prints."""
    given = str(target)
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
    schema_document = _read_json(schema_path)
    meta_path = folder / "extension.json"
    meta_document = _read_json(meta_path)
    findings: list[Finding] = []
    schema = extension.schema
    namespace = extension.namespace
    core_defs = set(load_schema("plan", version)["$defs"]) | set(load_schema("registry", version)["$defs"])
    core_lists = set(core_codelists.names(version))

    def add(rule: Rule, parts: tuple, message: str, document: Document | None = schema_document,
            path: Path = schema_path, line: int | None = None) -> None:
        findings.append(_lint_finding(rule, document, path, parts, message, line))

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
