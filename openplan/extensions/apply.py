"""The extension stage of validation: the extensions a file declares, loaded, and every namespaced field
checked against them.

A file declares what it uses: ``extensions: [budget, ./extensions/ward]``. A path is resolved by the run's
reference resolver (:meth:`openplan.validation.workspace.Workspace.resolve_reference`), so web addresses and
folders outside the project are refused as for any other file a plan names. References written inside
extension fields are added to the index (:meth:`~openplan.index.PlanIndex.add_reference`) so that the integrity
checks, which run next, resolve them like any other reference.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Protocol, Sequence

from ..findings import finding_at as finding
from ..index import PlanIndex, Reference
from ..loader import Document, from_pointer
from ..migrations import deprecation
from ..migrations.deprecation import RULE as DEPRECATED
from ..report import Finding, is_fatal
from ..resources import load_schema
from ..rules import Rule, Severity, register
from ..structure import REQUIRED, error_finding
from ..version import SUPPORTED_SCHEMA_VERSIONS, schema_id
from ..wording import place as describe_place, type_place, type_plural
from .model import NAME, Extension, ExtensionProblem, field_pattern, load_folder, shipped, shipped_names


class ReferenceResolver(Protocol):
    """Resolves a file reference written in a document, under the run's policy (see openplan.validation)."""

    def resolve_reference(self, document: Document, parts: Sequence[str | int], target: str
                          ) -> tuple[Path | None, Finding | None]: ...


CONFLICTING_EXTENSIONS = register(Rule(
    "L019", "conflicting-extensions", "load", Severity.ERROR, "Two extensions a file declares use the same "
    "namespace, or define the same field on the same object.",
    "A field defined twice has two meanings; a validator could only pick one, silently.",
    "Declare only one of the two extensions, or rename the namespace of your own extension.", exit_code=2))
UNDECLARED = register(Rule(
    "X001", "undeclared-extension", "extension", Severity.ERROR,
    "A field belongs to a known extension that the file does not declare.",
    "Undeclared, the field would not be checked against the extension's schema, and readers would not know "
    "which extension gives it its meaning.",
    "Add the extension to the file's `extensions` list, for example `extensions: [budget]`."))
UNKNOWN_FIELD = register(Rule(
    "X002", "unknown-extension-field", "extension", Severity.ERROR, "A field in a declared extension's namespace "
    "is not one the extension defines, or not on this kind of object.",
    "A misspelt extension field would otherwise be carried along unchecked.",
    "Correct the field name (the message suggests the closest one), or move the field to an object the extension "
    "adds it to."))
# Every rule this module declares, listed for the catalogue (openplan/catalogue.py).
RULES: tuple[Rule, ...] = (CONFLICTING_EXTENSIONS, UNDECLARED, UNKNOWN_FIELD)

def _version(document: Document) -> str | None:
    version = document.data.get("openplan")
    return version if version in SUPPORTED_SCHEMA_VERSIONS else None


def resolve(document: Document, resolver: ReferenceResolver) -> tuple[list[Extension], list[Finding]]:
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
                path, problem = resolver.resolve_reference(document, parts, entry)
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
                for version in SUPPORTED_SCHEMA_VERSIONS:  # an extension refers to the core of its own version
                    if base == schema_id(kind, version):
                        root = load_schema(kind, version)
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


def _place(node: Any) -> str:
    return type_place(node.type, node.data.get("id"))


def _mentions(document: Document, namespaces: tuple[str, ...]) -> bool:
    text = document.text
    return any(f"{namespace}:" in text for namespace in namespaces)


def apply(document: Document, index: PlanIndex, resolver: ReferenceResolver) -> list[Finding]:
    """Apply the extensions ``document`` declares: load them, check every namespaced field against them.

    Returns the extensions' findings. References inside extension fields are added to ``index`` so that the
    integrity checks resolve them like any other reference; ``resolver`` resolves extension folders.
    """
    findings: list[Finding] = []
    version = _version(document)
    if version is None:
        return findings
    known_names = shipped_names(version)
    if not document.data.get("extensions") and not _mentions(document, known_names):
        return findings
    extensions, problems = resolve(document, resolver)
    findings.extend(problems)
    if any(is_fatal(problem) for problem in problems):  # an extension that cannot be used checks nothing
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
            if ":" not in key or not field_pattern().match(key):
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
        places = ", ".join(type_plural(type_name) for type_name in elsewhere)
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
    out: list[Finding] = []
    lookup = None
    for error in extension.validators[(node.type, key)].iter_errors(value):
        # The field's own schema at the top, so errors inside it (an `items` pattern) find its title and examples.
        lookup = lookup or {**extension.objects[node.type][key], **extension.lookup_schema()}
        where = list(parts) + list(error.instance_path)
        alternatives = _one_of_required(lookup, list(error.schema_path)) if error.kind.name == "anyOf" else None
        if alternatives:
            place, item = describe_place(document.data, where)
            out.append(finding(REQUIRED, document, where, f"{place} needs at least one of "
                               + ", ".join(f'"{name}"' for name in alternatives), item=item or owner_id,
                               hint=f"Add {' or '.join(alternatives)}."))
            continue
        located = _Located(where, list(error.schema_path), error.instance, error.kind, error.message)
        found = error_finding(document, lookup, located)
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
            index.add_reference(Reference(document, where, target, kinds if isinstance(kinds, str)
                                          else tuple(kinds), node.owner,
                                          next(p for p in reversed(where) if isinstance(p, str))))
    return out

