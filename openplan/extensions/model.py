"""Extensions as data: an extension folder loaded and checked, and the extensions shipped with OpenPlan.

An extension is a folder::

    extension.json    name, namespace, title, description, version, the schema versions it works with
    schema.json       a JSON Schema document: ``objects`` names the core objects (Plan, Area, Objective ...)
                      and the ``namespace:field`` fields the extension adds to each; ``$defs`` holds its own
                      types. A ``$ref`` may point into the core schema of the same version, nowhere else.
    codelists/*.csv   its own codelists (code, title, description). The core codelists are closed: a new
                      code in one of them is a change to the core schema, not an extension.

A bare name is one of the extensions shipped with this package (``schema/<version>/extensions/``); anything
else is a path to a folder.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Any, Iterator

import jsonschema_rs

from ..loader import Document, LoadError, decode, load_document, read_limited
from ..resources import load_schema, schema_dir
from ..rules import Rule, Severity, register
from ..version import SCHEMA_VERSION, schema_id
from ..wording import display_path as show

NAME = re.compile(r"^[a-z][a-z0-9-]*$")
CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
DIALECT = "https://json-schema.org/draft/2020-12/schema"
CODELIST_COLUMNS = ["code", "title", "description"]


def load_rule(code: str, name: str, summary: str, rationale: str, fix: str) -> Rule:
    """A rule of an extension that cannot be used: a load error, as for a file that cannot be read."""
    return register(Rule(code=code, name=name, family="load", severity=Severity.ERROR, summary=summary,
                         rationale=rationale, fix=fix, exit_code=2))


UNKNOWN_EXTENSION = load_rule(
    "L017", "unknown-extension", "A file declares an extension that is neither shipped with openplan nor found "
    "at the path given.",
    "Without the extension's schema its fields cannot be checked; guessing would let mistakes through.",
    "Correct the name (shipped extensions are listed in the message), or give the path of the extension's folder, "
    "relative to the file, for example ./extensions/ward.")
INVALID_EXTENSION = load_rule(
    "L018", "invalid-extension", "An extension cannot be used: its extension.json or schema.json is missing, "
    "unreadable or not valid, or it refers to a schema outside OpenPlan.",
    "A broken extension would check nothing, or check the wrong thing.",
    "Fix the file the message names; `openplan lint-schema PATH` checks an extension in full.")
# Every rule this module declares, listed for the catalogue (openplan/catalogue.py).
RULES: tuple[Rule, ...] = (UNKNOWN_EXTENSION, INVALID_EXTENSION)

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
        return self.name if self.shipped else (self.source or show(self.folder))

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
def field_pattern() -> re.Pattern:
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


def read_json(path: Path) -> Document:
    try:
        document = load_document(path, show(path))
    except LoadError as error:
        where = error.finding.location()
        rule = UNKNOWN_EXTENSION if error.finding.code == "L001" and path.name == "extension.json" \
            else INVALID_EXTENSION
        raise ExtensionProblem(rule, f"{where}: {error.finding.message}") from None
    return document


def _read_codelist(path: Path) -> Codelist:
    try:  # bounded, regular files only: a codelist linked to /dev/zero or a named pipe is refused
        text = decode(read_limited(path, show(path)), show(path))
    except LoadError as error:
        raise ExtensionProblem(INVALID_EXTENSION, f"{error.finding.location()}: the codelist cannot be read: "
                               f"{error.finding.message}") from None
    reader = csv.DictReader(io.StringIO(text))
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise ExtensionProblem(INVALID_EXTENSION, f"{show(path)}: the codelist is not valid CSV ({exc})") from None
    columns = list(reader.fieldnames or [])
    if "code" not in columns:
        raise ExtensionProblem(INVALID_EXTENSION, f"{show(path)}: the codelist has no `code` column")
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
        raise ExtensionProblem(UNKNOWN_EXTENSION, f"no extension at {show(folder)}: the folder {what}")
    metadata = read_json(meta_path).data
    for key in ("name", "namespace", "title", "description", "version", "schema"):
        if not isinstance(metadata.get(key), str) or not metadata[key].strip():
            raise ExtensionProblem(INVALID_EXTENSION, f'{show(meta_path)}: "{key}" is missing or not text')
    namespace = metadata["namespace"]
    if not NAME.match(namespace):
        raise ExtensionProblem(INVALID_EXTENSION, f'{show(meta_path)}: the namespace "{namespace}" must be lower-case '
                               "letters, digits and '-', starting with a letter")
    compatibility = metadata.get("compatibility", [version])
    if not isinstance(compatibility, list) or version not in compatibility:
        raise ExtensionProblem(INVALID_EXTENSION, f'{show(meta_path)}: the extension is for OpenPlan '
                               f'{", ".join(map(str, compatibility)) if isinstance(compatibility, list) else "?"}, '
                               f"not {version}")
    schema_path = _inside(folder, metadata["schema"])
    if schema_path is None:
        raise ExtensionProblem(INVALID_EXTENSION, f'{show(meta_path)}: "schema" must name a file inside the extension\'s '
                               f'folder, not "{metadata["schema"]}"')
    if not schema_path.is_file():
        raise ExtensionProblem(INVALID_EXTENSION, f"{show(schema_path)} does not exist")
    schema = read_json(schema_path).data
    if schema.get("$schema", DIALECT) != DIALECT:
        raise ExtensionProblem(INVALID_EXTENSION, f'{show(schema_path)}: "$schema" must be {DIALECT}, the dialect of the '
                               "core schema")
    try:
        jsonschema_rs.meta.validate(schema)
    except jsonschema_rs.ValidationError as error:
        raise ExtensionProblem(INVALID_EXTENSION, f"{show(schema_path)} is not a valid JSON Schema: "
                               f"{error.message.splitlines()[0]}") from None
    except Exception as error:  # an unknown dialect
        raise ExtensionProblem(INVALID_EXTENSION, f"{show(schema_path)} is not a valid JSON Schema: {error}") from None
    objects = schema.get("objects")
    if not isinstance(objects, dict) or not objects:
        raise ExtensionProblem(INVALID_EXTENSION, f'{show(schema_path)}: "objects" must name the core objects the '
                               "extension adds fields to, for example {\"Area\": {\"ward:name\": {...}}}")
    known = core_types(version)
    for type_name, fields in objects.items():
        if type_name not in known:
            close = difflib.get_close_matches(type_name, sorted(known), n=1)
            raise ExtensionProblem(INVALID_EXTENSION, f'{show(schema_path)}: "{type_name}" is not an OpenPlan object'
                                   + (f' (did you mean "{close[0]}"?)' if close else ""))
        if not isinstance(fields, dict):
            raise ExtensionProblem(INVALID_EXTENSION, f'{show(schema_path)}: objects/{type_name} must map field names '
                                   "to schemas")
        for key, subschema in fields.items():
            if not field_pattern().match(key):
                raise ExtensionProblem(INVALID_EXTENSION, f'{show(schema_path)}: the field "{key}" on {type_name} is not '
                                       f"named namespace:field (for example {namespace}:{key})")
            if not isinstance(subschema, dict):
                raise ExtensionProblem(INVALID_EXTENSION, f"{show(schema_path)}: the schema of {key} must be an object")
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
            raise ExtensionProblem(INVALID_EXTENSION, f"{show(schema_path)}: the schema of {key} on {type_name} "
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

