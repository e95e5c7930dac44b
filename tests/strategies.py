"""Hypothesis strategies for OpenPlan documents, built from the shape of the published JSON Schema.

:func:`documents` draws valid plans (and registries): it walks the schema
(``schema/<version>/plan.schema.json``), so a field added to the schema is
generated without a change here. What the schema cannot say is added on top,
so that a drawn plan passes the integrity checks too:

* ids are unique across the document;
* a field with the schema's ``references`` keyword names an item of one of
  the kinds it lists, and parent-like links (``parent``, ``part_of``,
  ``same_as``) only point at items drawn earlier, so they never go round in a
  circle;
* fuzzy dates name days that exist, intervals run forwards, and ``tbc``,
  ``value`` and ``relative_to`` are not mixed; a period starts before it ends;
* file references (``registries``, a previous edition's ``path``) and
  extension lists are left out: a drawn plan stands alone.

:func:`mutations` turns a valid document into one that is (almost always)
invalid: a required field dropped, a value of the wrong type, a code outside
its codelist, an id that breaks the id pattern, an unknown field, a day that
does not exist, a reference to nothing. :func:`json_values` draws any JSON
value, for blunter mutations. :func:`example_documents` draws one of the
shipped examples, for mutations of real plans.
"""

from __future__ import annotations

import copy
import json
import os
import string
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st

from openplan.index import ITEM_KINDS
from openplan.resources import load_schema
from openplan.version import SUPPORTED_SCHEMA_VERSIONS

# --- profiles: modest by default (CI has two cores); OPENPLAN_FUZZ=long for a longer run; OPENPLAN_FUZZ=explore
# draws many examples without shrinking, to find whether anything fails at all ------------------------------------

settings.register_profile("default", max_examples=40, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("long", max_examples=2_000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("explore", max_examples=300, deadline=None, phases=[Phase.generate],
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.load_profile(os.environ.get("OPENPLAN_FUZZ", "default"))

# Kinds whose links to their own kind must not go round in a circle (the integrity check I004).
TREE_LINKS = {("Area", "parent"), ("Objective", "parent"), ("Body", "parent"), ("Milestone", "part_of"),
              ("Theme", "same_as")}
# Fields that name other files or extensions: a drawn document stands alone.
LEFT_OUT = {("Plan", "registries"), ("Registry", "registries"), ("Plan", "extensions"),
            ("Registry", "extensions"), ("Edition", "previous"), ("Change", "previous_items"),
            # Names that only the plan's own declarations make right (its levels, its status words, the plans it
            # sits under): drawn at random they name nothing, as a dangling reference would.
            *((kind, "level") for kind in ("Area", "Objective", "Output", "Milestone")),
            *((kind, "serves") for kind in ("Area", "Objective", "Output", "Milestone")),
            ("Plan", "parents"), ("ProgressUpdate", "stage")}
EXTENSION_NAMESPACE = st.from_regex(r"fuzz[a-z0-9]{0,5}", fullmatch=True)  # never a shipped extension's

# Any character but a lone surrogate (no UTF-8 form) and U+0085, which the loader refuses in YAML because
# libyaml would read it as a line break (see the bad-input corpus).
_TEXT = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x85"), max_size=30)
_PLAIN_TEXT = st.text(string.ascii_letters + string.digits + " .,'-()&/", min_size=1, max_size=40)


def text() -> st.SearchStrategy[str]:
    """Mostly ordinary words, sometimes any Unicode at all (control characters, emoji, right-to-left)."""
    return st.one_of(_PLAIN_TEXT, _PLAIN_TEXT, _TEXT)


def json_values(depth: int = 3) -> st.SearchStrategy[Any]:
    leaves = st.one_of(st.none(), st.booleans(), st.integers(-10 ** 20, 10 ** 20),
                       st.floats(allow_nan=False, allow_infinity=False), _TEXT)
    return st.recursive(leaves, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                         st.dictionaries(_PLAIN_TEXT, inner, max_size=3)),
                        max_leaves=8) if depth else leaves


# --- dates --------------------------------------------------------------------------------------------------

_DAYS = st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31))


@st.composite
def date_points(draw) -> str:
    """One point in OpenPlan date syntax: a day, month, year, season, quarter, half or financial period."""
    day = draw(_DAYS)
    form = draw(st.sampled_from(["day", "month", "year", "season", "quarter", "half", "fy", "fyq", "fyh"]))
    value = {"day": day.isoformat(), "month": f"{day.year}-{day.month:02d}", "year": f"{day.year}",
             "season": f"{day.year}-{draw(st.integers(21, 24))}", "quarter": f"{day.year}-{draw(st.integers(33, 36))}",
             "half": f"{day.year}-{draw(st.sampled_from([40, 41]))}", "fy": f"FY{day.year}",
             "fyq": f"FY{day.year}-Q{draw(st.integers(1, 4))}", "fyh": f"FY{day.year}-H{draw(st.integers(1, 2))}"}[form]
    return value + draw(st.sampled_from(["", "", "", "?", "~", "%"]))


@st.composite
def date_values(draw) -> str | int:
    kind = draw(st.sampled_from(["point", "point", "interval", "from", "by", "year-number"]))
    if kind == "point":
        return draw(date_points())
    if kind == "year-number":
        return draw(st.integers(1990, 2060))
    if kind == "from":
        return f"{draw(date_points())}/.."
    if kind == "by":
        return f"../{draw(date_points())}"
    start = draw(_DAYS)
    end = start + timedelta(days=draw(st.integers(0, 2000)))
    return f"{start.isoformat()}/{end.isoformat()}"


@st.composite
def fuzzy_dates(draw, events: list[str]) -> dict:
    """A fuzzy date: a value, an explicit 'to be confirmed', or a date relative to an event."""
    choices = ["value", "value", "tbc"] + (["relative"] if events else [])
    kind = draw(st.sampled_from(choices))
    data: dict[str, Any] = {}
    if draw(st.booleans()):
        data["text"] = draw(text())
    if kind == "value":
        data["value"] = draw(date_values())
    elif kind == "tbc":
        data["tbc"] = True
    else:
        data["relative_to"] = draw(st.sampled_from(events))
        data["relation"] = draw(st.sampled_from(["before", "by", "at", "after", "from"]))
    if draw(st.integers(0, 5)) == 0:
        data["recurrence"] = draw(st.sampled_from(["annual", "quarterly", "monthly", "ongoing"]))
    return data


# --- documents from the schema --------------------------------------------------------------------------------


class _Drawing:
    """State while one document is drawn: ids so far, by kind, in the order they were drawn."""

    def __init__(self, draw, schema: dict, budget: int):
        self.draw = draw
        self.schema = schema
        self.defs = schema.get("$defs", {})
        self.ids: list[tuple[str, str]] = []  # (kind, id), in drawing order
        self.pending: list[tuple[dict, str, Any, str, int]] = []  # (object, field, spec, owner kind, order)
        self.budget = budget  # objects left to draw, so documents stay small
        self.counter = 0

    def new_id(self, kind: str) -> str:
        self.counter += 1
        stem = self.draw(st.from_regex(r"[A-Za-z][A-Za-z0-9_-]{0,8}", fullmatch=True))
        return f"{stem}.{self.counter}"

    def value(self, node: dict, owner: str, field: str) -> Any:
        if "$ref" in node:
            name = node["$ref"].rsplit("/", 1)[-1]
            if name == "FuzzyDate":
                return self.draw(fuzzy_dates([ident for kind, ident in self.ids if kind == "Event"]))
            return self.object(name, self.defs[name])
        if "const" in node:
            return node["const"]
        if "anyOf" in node and "type" not in node:  # one of several shapes (a day, or a date with its wording)
            return self.value(self.draw(st.sampled_from(node["anyOf"])), owner, field)
        if "enum" in node:
            return self.draw(st.sampled_from(node["enum"]))
        kinds = node.get("type")
        kinds = kinds if isinstance(kinds, list) else [kinds]
        kind = self.draw(st.sampled_from(kinds))
        if kind == "array":
            count = self.draw(st.integers(0, 3 if self.budget > 0 else 0))
            return [self.value(node.get("items", {}), owner, field) for _ in range(count)]
        if kind == "object":
            return {}
        if kind == "string":
            if node.get("format") == "date":
                return self.draw(_DAYS).isoformat()
            if "pattern" in node:
                return self.draw(st.from_regex(node["pattern"], fullmatch=True).filter(lambda s: "\n" not in s))
            return self.draw(text())
        if kind == "integer":
            return self.draw(st.integers(node.get("minimum", -10 ** 6), node.get("maximum", 10 ** 12)))
        if kind == "number":
            low, high = node.get("minimum"), node.get("maximum")
            return self.draw(st.one_of(st.integers(int(low if low is not None else -10 ** 6),
                                                   int(high if high is not None else 10 ** 9)),
                                       st.floats(low, high, allow_nan=False, allow_infinity=False)))
        if kind == "boolean":
            return self.draw(st.booleans())
        return None

    def object(self, name: str, node: dict) -> dict:
        self.budget -= 1
        data: dict[str, Any] = {}
        order = len(self.ids)
        properties = node.get("properties", {})
        required = set(node.get("required", ()))
        if name == "Period":
            start = self.draw(_DAYS)
            data = {"start": start.isoformat(),
                    "end": (start + timedelta(days=self.draw(st.integers(0, 1500)))).isoformat()}
            if self.draw(st.booleans()):
                data["text"] = self.draw(text())
            return data
        if "id" in properties and ("id" in required or self.draw(st.booleans())):
            data["id"] = self.new_id(name)
        for field, spec in properties.items():
            if field == "id" or (name, field) in LEFT_OUT:
                continue
            if field not in required and (self.budget <= 0 or not self.draw(st.booleans())):
                continue
            kinds = spec.get("references")
            if kinds is not None:
                # Resolved when the whole document is drawn, so a reference may name an item drawn later.
                self.pending.append((data, field, spec, name, order))
                continue
            data[field] = self.value(spec, name, field)
        # "Needs one of these" (anyOf of required lists: a title or untitled, a value or a text): when no branch
        # is met, draw the fields of the first branch that names no reference.
        branches = [b["required"] for b in node.get("anyOf", ()) if isinstance(b, dict) and b.get("required")]
        if branches and not any(all(f in data for f in branch) for branch in branches):
            for branch in branches:
                if all(f in properties and properties[f].get("references") is None for f in branch):
                    for f in branch:
                        if f not in data:
                            data[f] = self.value(properties[f], name, f)
                    break
        if node.get("patternProperties") and self.draw(st.integers(0, 6)) == 0:
            data[f"{self.draw(EXTENSION_NAMESPACE)}:{self.draw(st.from_regex(r'[a-z][a-z0-9_]{0,6}', fullmatch=True))}"] \
                = self.draw(json_values(1))
        if "id" in data:
            # Known only once drawn: an item's own dates and parent links cannot name the item itself.
            self.ids.append((name, data["id"]))
        return data

    def resolve(self) -> None:
        """Fill every reference with an id of a kind it accepts; leave optional ones out when there is none."""
        for data, field, spec, owner, order in self.pending:
            kinds = spec["references"]
            tree = (owner, field) in TREE_LINKS
            pool = [ident for kind, ident in (self.ids[:order] if tree else self.ids)
                    if kind in ITEM_KINDS and (kinds == "any" or kind in kinds)]
            if spec.get("type") == "array":
                data[field] = self.draw(st.lists(st.sampled_from(pool), max_size=3)) if pool else []
            elif pool:
                data[field] = self.draw(st.sampled_from(pool))
        self.pending.clear()


@st.composite
def documents(draw, kind: str | None = None, budget: int = 25) -> dict:
    """A valid OpenPlan plan or registry, as plain data, of a schema version this package reads (drawn from that
    version's schema, so a 1.0 document never uses what 1.1 adds)."""
    kind = kind or draw(st.sampled_from(["plan", "plan", "plan", "registry"]))
    version = draw(st.sampled_from(SUPPORTED_SCHEMA_VERSIONS))
    schema = load_schema(kind, version)
    drawing = _Drawing(draw, schema, budget)
    root = "Plan" if kind == "plan" else "Registry"
    if kind == "plan":
        # The plan's organisation is required and must be defined: start the list with one.
        organisation = {"id": drawing.new_id("Organisation"), "name": draw(text())}
        drawing.ids.append(("Organisation", organisation["id"]))
    data = drawing.object(root, schema)
    if kind == "plan":
        data["organisations"] = [organisation, *data.get("organisations", [])]
    drawing.resolve()
    # Required objects whose references found no target cannot be left without them: drop such objects.
    _drop_incomplete(data, schema)
    data["openplan"] = version
    return {key: data[key] for key in sorted(data, key=lambda key: list(schema["properties"]).index(key)
                                             if key in schema["properties"] else 999)}


def _drop_incomplete(data: Any, schema: dict, node: dict | None = None) -> bool:
    """Remove list entries missing a required field (a required reference with nothing to name)."""
    node = node or schema
    if "$ref" in node:
        node = schema["$defs"][node["$ref"].rsplit("/", 1)[-1]]
    if isinstance(data, dict):
        for field, spec in node.get("properties", {}).items():
            if field in data:
                value = data[field]
                if isinstance(value, list) and "items" in spec:
                    data[field] = [entry for entry in value if _drop_incomplete(entry, schema, spec["items"])]
                elif isinstance(value, dict):
                    _drop_incomplete(value, schema, spec)
        return all(field in data for field in node.get("required", ()))
    return True


# --- the shipped examples -------------------------------------------------------------------------------------

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
# The smaller examples: a drawn mutation of one is checked by several validators, and the largest take long.
_EXAMPLE_LIMIT = 40_000


@lru_cache(maxsize=None)
def _example_data() -> tuple[tuple[str, str], ...]:
    from openplan.loader import parse

    found = []
    for path in sorted(EXAMPLES.rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        if len(text) <= _EXAMPLE_LIMIT:
            found.append((path.relative_to(EXAMPLES).as_posix(), json.dumps(parse(text, path.name).data)))
    return tuple(found)


@st.composite
def example_documents(draw) -> tuple[str, dict]:
    """One of the shipped example files (plan or registry) as plain data, a fresh copy each time."""
    name, text = draw(st.sampled_from(_example_data()))
    return name, json.loads(text)


# --- mutations ------------------------------------------------------------------------------------------------


def _places(data: Any, path: tuple = ()) -> list[tuple]:
    """Every path to a value inside ``data``."""
    found = [path]
    if isinstance(data, dict):
        for key, value in data.items():
            found.extend(_places(value, path + (key,)))
    elif isinstance(data, list):
        for position, value in enumerate(data):
            found.extend(_places(value, path + (position,)))
    return found


def _get(data: Any, path: tuple) -> Any:
    for part in path:
        data = data[part]
    return data


def _set(data: Any, path: tuple, value: Any) -> None:
    _get(data, path[:-1])[path[-1]] = value


@st.composite
def mutations(draw, document: dict) -> tuple[str, dict]:
    """A copy of ``document`` with one edit of one of the kinds people make; returns (what was done, data)."""
    data = copy.deepcopy(document)
    places = [path for path in _places(data) if path]
    strings = [path for path in places if isinstance(_get(data, path), str)]
    mappings = [path for path in _places(data) if isinstance(_get(data, path), dict)]
    edits = ["wrong type", "unknown field", "any value", "drop field"]
    if strings:
        edits += ["bad code or pattern", "impossible day", "trailing newline"]
    edit = draw(st.sampled_from(edits))
    if edit == "wrong type":
        path = draw(st.sampled_from(places))
        old = _get(data, path)
        new = draw(st.sampled_from([[old], {"value": old}, 12, 1.5, True, None, "text"]))
        _set(data, path, new)
        return f"{edit} at {path}", data
    if edit == "unknown field":
        path = draw(st.sampled_from(mappings))
        _get(data, path)[draw(st.sampled_from(["titel", "Title", "owner", "x", "outcomes", "due_date"]))] = "typo"
        return f"{edit} at {path}", data
    if edit == "drop field":
        path = draw(st.sampled_from(mappings))
        target = _get(data, path)
        if target:
            del target[draw(st.sampled_from(sorted(target)))]
        return f"{edit} at {path}", data
    if edit == "any value":
        path = draw(st.sampled_from(places))
        _set(data, path, draw(json_values()))
        return f"{edit} at {path}", data
    path = draw(st.sampled_from(strings))
    old = _get(data, path)
    if edit == "bad code or pattern":
        _set(data, path, draw(st.sampled_from(["1bad id", "aproved", "", " ", "draft ", old.upper() + "!"])))
    elif edit == "impossible day":
        _set(data, path, draw(st.sampled_from(["2023-02-29", "2022-13-01", "2022-04-31", "22-07-01", "FY20"])))
    else:
        _set(data, path, old + "\n")
    return f"{edit} at {path}", data
