"""The spreadsheet layout shared by the XLSX and CSV converters: one sheet per kind of item.

A plan becomes a set of sheets an officer can read and edit:

* **Plan** (or **Registry**): the file's own fields, one per row, under the
  headings *Field* and *Value*. Nested fields are named by their path
  ("Edition: date: value"); a list of texts (registries, appendices) takes
  one row per entry.
* One sheet per kind of item (Areas, Objectives, Outputs, Sub-items,
  Milestones, Owners, Pledge links, Indicators, Themes, Commitments ...),
  one row per item, in plan order. A column names the item each row belongs
  to, by its id (an output's objective, an owner's item); where that may be
  the plan itself, the cell is left empty. A note without an id is named by
  its item and position ("obj.policing note 2").
* Numbered statements (sub-items, commitments, principles, section items,
  recommendations) are an outline: the *Level* column says how deep each row
  sits under the row above.
* Columns carry human headings taken from the schema's titles. A nested field
  such as a due date spreads over columns ("Due: published wording", "Due:
  value", "Due: to be confirmed" ...). A list of ids sits in one cell, one id
  per line (commas, semicolons and spaces also separate ids when reading).
* Extension fields get a column headed by their name (``budget:revenue``,
  or "Due: budget:note" inside a due date). A value that is not text, or text
  that could be read as JSON, is written as JSON.

Reading back is tolerant where that is safe and strict where it is not:
headings match whatever their case and spacing, or by field path
("due.value"); empty rows are skipped; an unknown heading, a missing sheet,
a parent id that does not exist or a cell of the wrong type is an error
naming the sheet, the row and the column.

Empty text, and a list or object with nothing in it, cannot be told from an
empty cell: the export's loss report lists them.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Iterable, Iterator, Sequence

from ..loader import to_pointer
from . import errors as rules
from .canonical import canonical, ordered_fields
from .errors import ConvertError, error
from .fields import ROOTS, Field, document_kind, fields, is_extension
from .losses import LossKind, LossReport, item_of

ROOT = "@"  # the plan (or registry) itself as a parent
# Outline levels read from a sheet. Each level nests two deeper in YAML, so 40 levels under an output stay
# within the loader's default depth limit (100), and reading never recurses past Python's limit.
MAX_LEVEL = 40
_EXTENSION = re.compile(r"^[a-z][a-z0-9-]*:[A-Za-z][A-Za-z0-9_-]*$")
_ID_SPLIT = re.compile(r"[\s,;]+")
_UK_DAY = re.compile(r"^\s*([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})\s*$")
_NOTE_PLACE = re.compile(r"^(?:(\S+)\s+)?note\s+([0-9]+)$", re.IGNORECASE)
_EXCEL_EPOCH = datetime(1899, 12, 30)

# Text a spreadsheet program would run as a formula starts with one of these; the apostrophe is there so that
# a text that really starts with one keeps it when the guard is taken off.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")


def formula_guard(text: str) -> str:
    """Text for a CSV cell: with a leading apostrophe if a spreadsheet program would run it as a formula
    (``'=HYPERLINK(...)``), so that it shows as text. Every CSV writer uses this one guard."""
    return "'" + text if text.startswith(FORMULA_START) else text


def formula_unguard(text: str) -> str:
    """The text :func:`formula_guard` was given."""
    return text[1:] if text.startswith("'") else text

EMPTY_VALUE = LossKind(
    "V101", "empty-value", "empty text, lists and objects cannot be told from an empty cell and read back as absent",
    "Delete the empty value from the plan, or write something in it.")
NUMBER_AS_TEXT = LossKind(
    "V102", "number-read-as-text", "CSV has no types: a display number or year written as a number reads back "
                                   "as the same digits in text", "Quote the value in the plan (\"12\") to keep it as text.")
LONG_TEXT = LossKind(
    "V103", "text-too-long-for-excel", "Excel holds at most 32,767 characters in a cell: longer text is kept in "
                                       "the file but Excel cuts it if the workbook is edited and saved")
CONTROL_CHARACTER = LossKind(
    "V104", "control-character", "control characters (other than tab and new line) cannot be stored in a "
                                 "workbook and are replaced by \ufffd")
CARRIAGE_RETURN = LossKind(
    "V105", "carriage-return", "a carriage return inside text reads back from a workbook as a new line")
# The kinds of loss this converter declares, listed for the catalogue (openplan/catalogue.py).
LOSSES: tuple[LossKind, ...] = (EMPTY_VALUE, NUMBER_AS_TEXT, LONG_TEXT, CONTROL_CHARACTER, CARRIAGE_RETURN)


@dataclass(frozen=True)
class SheetSpec:
    """One sheet: the type of its rows and the list fields, of which parents, the rows come from."""

    name: str
    type_name: str
    parents: tuple[tuple[str, str], ...]  # (parent type, ROOT, or ROOT + root field name; list field)
    parent_heading: str | None = None
    outline: bool = False

    @property
    def file_name(self) -> str:
        return re.sub(r"[^a-z0-9]+", "-", self.name.lower()).strip("-") + ".csv"

    @property
    def parent_types(self) -> tuple[str, ...]:
        return tuple(parent for parent, _ in self.parents)

    def field_for(self, parent_type: str) -> str | None:
        for parent, name in self.parents:
            if parent == parent_type:
                return name
        return None


_ITEMS = ("Area", "Objective", "Output", "Milestone")
SHEETS: tuple[SheetSpec, ...] = (
    SheetSpec("Areas", "Area", ((ROOT, "areas"),)),
    SheetSpec("Objectives", "Objective", (("Area", "objectives"),), "Area"),
    SheetSpec("Outputs", "Output", (("Objective", "outputs"),), "Objective"),
    SheetSpec("Sub-items", "Statement", (("Output", "sub_items"),), "Output", outline=True),
    SheetSpec("Milestones", "Milestone", ((ROOT, "milestones"),)),
    SheetSpec("Owners", "OwnerLink", tuple((kind, "owners") for kind in _ITEMS) + (("Section", "authors"),),
              "Item"),
    SheetSpec("Pledge links", "PledgeLink", ((ROOT, "pledges"),) + tuple((kind, "pledges") for kind in _ITEMS[1:]),
              "Item"),
    SheetSpec("Indicators", "Indicator", tuple((kind, "indicators") for kind in _ITEMS[1:]), "Item"),
    SheetSpec("Targets", "Target", (("Indicator", "targets"), ("Pledge", "targets")), "Item"),
    SheetSpec("Progress", "ProgressUpdate", tuple((kind, "progress") for kind in _ITEMS[1:]) +
              (("Indicator", "progress"),), "Item"),
    SheetSpec("Notes", "Note", ((ROOT, "notes"),) + tuple((kind, "notes") for kind in _ITEMS), "Item"),
    SheetSpec("Note items", "Statement", (("Note", "items"),), "Note", outline=True),
    SheetSpec("Themes", "Theme", ((ROOT, "themes"),)),
    SheetSpec("Commitments", "Statement", (("Theme", "commitments"),), "Theme", outline=True),
    SheetSpec("Sections", "Section", ((ROOT, "sections"),)),
    SheetSpec("Section items", "Statement", (("Section", "items"),), "Section", outline=True),
    SheetSpec("Principles", "Statement", ((ROOT, "principles"),), outline=True),
    SheetSpec("Recommendations", "Statement", ((ROOT + "report", "recommendations"),), outline=True),
    SheetSpec("Implications", "Implication", ((ROOT + "report", "implications"),)),
    SheetSpec("Changes", "Change", ((ROOT + "edition", "changes"),)),
    SheetSpec("Sources", "Source", ((ROOT, "sources"),)),
    SheetSpec("Repairs", "Repair", ((ROOT + "provenance", "repairs"),)),
    SheetSpec("Organisations", "Organisation", ((ROOT, "organisations"),)),
    SheetSpec("Bodies", "Body", ((ROOT, "bodies"),)),
    SheetSpec("Posts", "Post", ((ROOT, "posts"),)),
    SheetSpec("Post holders", "Tenure", (("Post", "holders"),), "Post"),
    SheetSpec("People", "Person", ((ROOT, "people"),)),
    SheetSpec("Pledge sets", "PledgeSet", ((ROOT, "pledge_sets"),)),
    SheetSpec("Pledges", "Pledge", (("PledgeSet", "pledges"),), "Pledge set"),
    SheetSpec("Events", "Event", ((ROOT, "events"),)),
    SheetSpec("Glossary", "GlossaryEntry", ((ROOT, "glossary"),)),
)
MAIN_SHEET = {"plan": "Plan", "registry": "Registry"}
LEVEL = "Level"
FIELD, VALUE = "Field", "Value"


# --- columns ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    heading: str
    path: tuple[str, ...] = ()  # field names from the row's object down to the value
    field: Field | None = None  # None for the parent, level and extension columns
    role: str = "field"  # field, parent, level, extension
    owner_type: str | None = None  # the type holding the field (FuzzyDate for "Due: value")

    @property
    def is_fuzzy_value(self) -> bool:
        return self.owner_type == "FuzzyDate" and self.path[-1:] == ("value",)


def _lower_first(title: str) -> str:
    return title[:1].lower() + title[1:] if title[1:2].islower() or len(title) == 1 else title


def _join(prefix: str, title: str) -> str:
    return f"{prefix}: {_lower_first(title)}" if prefix else title


def normalise(heading: str) -> str:
    return re.sub(r"\s+", " ", str(heading)).strip().casefold()


def flatten(type_name: str, root: str, path: tuple[str, ...] = (), prefix: str = "") -> Iterator[Column]:
    """The columns of a type's scalar fields and of the objects nested in it; list-of-object fields are sheets."""
    for item in fields(type_name, root):
        if item.kind == "objects":
            continue
        if item.kind == "object":
            yield from flatten(item.type_name, root, path + (item.name,), _join(prefix, item.title))
        else:
            yield Column(_join(prefix, item.title), path + (item.name,), item, owner_type=type_name)


def nested_prefixes(type_name: str, root: str, path: tuple[str, ...] = (), prefix: str = "") -> dict[str, tuple]:
    """Heading prefixes of nested objects (normalised), for placing extension columns such as "Due: ns:x"."""
    found = {normalise(prefix): path} if prefix or not path else {}
    for item in fields(type_name, root):
        if item.kind == "object":
            found.update(nested_prefixes(item.type_name, root, path + (item.name,), _join(prefix, item.title)))
    return found


def _object_lists(type_name: str, root: str, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Field]]:
    """List-of-object fields of a type, including inside its nested objects."""
    for item in fields(type_name, root):
        if item.kind == "objects":
            yield path + (item.name,), item
        elif item.kind == "object":
            yield from _object_lists(item.type_name, root, path + (item.name,))


def sheets_for(root: str) -> list[SheetSpec]:
    """The sheets a document of kind ``root`` uses: those whose rows can occur in it."""
    reachable = _reachable(root)
    return [spec for spec in SHEETS
            if any(_parent_reachable(parent, name, reachable, root) for parent, name in spec.parents)]


def _reachable(root: str) -> set[str]:
    seen = {ROOTS[root]}
    todo = [ROOTS[root]]
    while todo:
        for item in fields(todo.pop(), root):
            if item.type_name and item.type_name not in seen:
                seen.add(item.type_name)
                todo.append(item.type_name)
    return seen


def _parent_reachable(parent: str, name: str, reachable: set[str], root: str) -> bool:
    if parent == ROOT:
        return any(item.name == name for item in fields(ROOTS[root], root))
    if parent.startswith(ROOT):
        return any(item.name == parent[len(ROOT):] for item in fields(ROOTS[root], root))
    return parent in reachable


def check_layout(root: str) -> list[str]:
    """Every list of objects in the schema must have a sheet: problems, for the tests."""
    problems = []
    specs = sheets_for(root)
    handled = {(parent, name) for spec in specs for parent, name in spec.parents}
    main = ROOTS[root]
    at_root = {item.type_name: item.name for item in fields(main, root) if item.kind == "object"}
    for path, item in _object_lists(main, root):
        key = (ROOT, path[0]) if len(path) == 1 else (ROOT + path[0], path[1])
        if key not in handled:
            problems.append(f"{main}.{'.'.join(path)} has no sheet")
    for type_name in _reachable(root) - {main}:
        for path, item in _object_lists(type_name, root):
            if len(path) > 1:
                problems.append(f"{type_name}.{'.'.join(path)} is a list inside a nested object")
            elif type_name in at_root:
                continue  # checked above, as a list inside one of the plan's own objects
            elif (type_name, path[0]) not in handled and not (type_name == "Statement" and path[0] == "items"):
                problems.append(f"{type_name}.{path[0]} has no sheet")
    for spec in specs:
        headings = [normalise(c.heading) for c in columns(spec, root)]
        if len(headings) != len(set(headings)):
            problems.append(f"sheet {spec.name} has two columns with the same heading")
    return problems


def columns(spec: SheetSpec, root: str, extensions: Sequence[tuple[str, ...]] = ()) -> list[Column]:
    found: list[Column] = []
    if spec.parent_heading:
        found.append(Column(spec.parent_heading, role="parent"))
    if spec.outline:
        found.append(Column(LEVEL, role="level"))
    found.extend(flatten(spec.type_name, root))
    found.extend(_extension_column(spec.type_name, root, path) for path in extensions)
    return found


def main_fields(root: str, extensions: Sequence[tuple[str, ...]] = ()) -> list[Column]:
    """The rows of the Plan (or Registry) sheet, in canonical order: version, id and title first."""
    order = [item.name for item in ordered_fields(ROOTS[root], root)]
    found = sorted(flatten(ROOTS[root], root), key=lambda column: order.index(column.path[0]))
    found.extend(_extension_column(ROOTS[root], root, path) for path in extensions)
    return found


def _extension_column(type_name: str, root: str, path: tuple[str, ...]) -> Column:
    titles = []
    current = type_name
    for name in path[:-1]:
        item = next(f for f in fields(current, root) if f.name == name)
        titles.append(item.title)
        current = item.type_name
    prefix = ""
    for title in titles:
        prefix = _join(prefix, title)
    return Column(f"{prefix}: {path[-1]}" if prefix else path[-1], path, role="extension")


# --- cell values ------------------------------------------------------------------------------------------


def encode_extension(value: Any) -> Any:
    """An extension value as a cell: text as itself unless it would read as JSON; anything else as JSON."""
    if isinstance(value, bool) or value is None or isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, str):
        try:
            json.loads(value)
        except ValueError:
            return value
        return json.dumps(value, ensure_ascii=False)
    return json.dumps(value, ensure_ascii=False, default=str)


def decode_extension(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _texts_cell(values: list[Any], references: bool) -> str:
    simple = all(isinstance(v, str) and v and v == v.strip() and "\n" not in v and not v.startswith("[")
                 for v in values)
    if references and simple and not any(_ID_SPLIT.search(v) for v in values):
        return "\n".join(values)
    if not references and simple:
        return "\n".join(values)
    return json.dumps(values, ensure_ascii=False)


def cell_value(column: Column, value: Any) -> Any:
    """The value a cell holds for a field's value (before the format's own encoding)."""
    if column.role == "extension":
        return encode_extension(value)
    kind = column.field.kind if column.field else "text"
    if kind == "texts" and isinstance(value, list):
        return _texts_cell(value, column.field.references is not None)
    return value


class CellError(ValueError):
    pass


def _excel_day(serial: float) -> str:
    if not 1 <= serial < 2958466:
        raise CellError("is not a day")
    return (_EXCEL_EPOCH + timedelta(days=int(serial))).date().isoformat()


def _day_text(value: Any) -> str | None:
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        match = _UK_DAY.match(value)
        if match:
            day, month, year = (int(part) for part in match.groups())
            try:
                return date(year, month, day).isoformat()
            except ValueError:
                raise CellError("is not a day that exists") from None
    return None


def _number_text(value: int | float) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return repr(value) if isinstance(value, float) else str(value)


def read_cell(column: Column, raw: Any, typed: bool) -> Any:
    """A field's value from a cell, or ``None`` for an empty cell. Raises :class:`CellError`."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if column.role == "extension":
        return decode_extension(raw)
    if column.role in ("parent",):
        return _text(raw).strip()
    if column.role == "level":
        return _integer(raw, "a level (1, 2, 3 ...)")
    item = column.field
    kind = item.kind
    if kind == "texts":
        text = _text(raw)
        if text.lstrip().startswith("["):
            try:
                values = json.loads(text)
            except ValueError:
                raise CellError("starts with [ but is not a JSON list") from None
            if not isinstance(values, list):
                raise CellError("is not a list")
            return values
        if item.references is not None:
            return [part for part in _ID_SPLIT.split(text) if part]
        return text.split("\n")
    if kind == "boolean":
        if isinstance(raw, bool):
            return raw
        word = _text(raw).strip().casefold()
        if word in ("true", "yes", "y", "1"):
            return True
        if word in ("false", "no", "n", "0"):
            return False
        raise CellError("is not true or false")
    if kind == "integer":
        return _integer(raw, "a whole number")
    if kind == "number":
        if isinstance(raw, bool):
            raise CellError("is true or false, not a number")
        if isinstance(raw, (int, float)):
            return int(raw) if isinstance(raw, float) and raw.is_integer() else raw
        text = _text(raw).strip().replace(",", "")
        try:
            number = float(text)
        except ValueError:
            raise CellError("is not a number") from None
        return int(number) if number.is_integer() and re.match(r"^[-+]?[0-9]+$", text) else number
    if column.is_fuzzy_value:
        return _fuzzy_value(raw)
    if kind == "text-or-integer":
        if isinstance(raw, (datetime, date)):
            raise CellError("was turned into a date by the spreadsheet program; format the column as Text and "
                            "type the value again")
        if isinstance(raw, bool):
            raise CellError("is true or false, not text or a number")
        if isinstance(raw, int) or (isinstance(raw, float) and raw.is_integer()):
            return int(raw)
        if isinstance(raw, float):
            return repr(raw)
        return _text(raw)
    if item.date:
        day = _day_text(raw)
        if day is not None:
            return day
        if isinstance(raw, (int, float)) and not isinstance(raw, bool):
            return _excel_day(float(raw))
        return _text(raw)
    # Wording: a date or a fraction here was made by the spreadsheet program from what was typed ("March 2026"
    # becomes 1 March 2026), and cannot be turned back into the words; a whole number reads back as its digits.
    if isinstance(raw, (datetime, date)):
        raise CellError("the spreadsheet program made from what was typed, but this column holds wording: "
                        "format the column as Text and type the wording again")
    if isinstance(raw, bool):
        return "true" if raw else "false"
    if isinstance(raw, float) and not raw.is_integer():
        raise CellError("is a number, but this column holds wording: format the column as Text and type the "
                        "wording again")
    if isinstance(raw, (int, float)):
        return _number_text(raw)
    return _text(raw)


def _fuzzy_value(raw: Any) -> Any:
    """A date value: a day, a year (1000-9999), an Excel day number, or OpenPlan date text."""
    day = _day_text(raw)
    if day is not None:
        return day
    if isinstance(raw, bool):
        raise CellError("is true or false, not a date")
    if isinstance(raw, (int, float)):
        if float(raw).is_integer() and 1000 <= raw <= 9999:
            return int(raw)
        return _excel_day(float(raw))
    return _text(raw).strip()


def _integer(raw: Any, what: str) -> int:
    if isinstance(raw, bool):
        raise CellError(f"is true or false, not {what}")
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    text = _text(raw).strip()
    if re.match(r"^[-+]?[0-9]+$", text):
        return int(text)
    raise CellError(f"is not {what}")


def _text(raw: Any) -> str:
    if isinstance(raw, str):
        return raw
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        return _number_text(raw)
    return str(raw)


# --- writing: plan -> sheets ------------------------------------------------------------------------------


@dataclass
class Sheet:
    """A sheet ready to write: headings and rows of cell values (None for an empty cell), made as they are read."""

    name: str
    file_name: str
    columns: list[Column]
    rows: Iterable[list[Any]] = field(default_factory=list)

    @property
    def headings(self) -> list[str]:
        return [column.heading for column in self.columns]


def _extensions_in(value: dict[str, Any], type_name: str, root: str, path: tuple[str, ...] = ()) -> Iterator[tuple]:
    for key, entry in value.items():
        if is_extension(key):
            yield path + (key,)
    for item in fields(type_name, root):
        if item.kind == "object" and isinstance(value.get(item.name), dict):
            yield from _extensions_in(value[item.name], item.type_name, root, path + (item.name,))


def _get(value: dict[str, Any], path: tuple[str, ...]) -> Any:
    for name in path:
        if not isinstance(value, dict) or name not in value:
            return None
        value = value[name]
    return value


@dataclass(slots=True)
class _Row:
    spec: SheetSpec
    data: dict[str, Any]
    parts: tuple[str | int, ...]
    parent: str
    level: int | None


def _walk_rows(data: dict[str, Any], root: str) -> dict[str, list[_Row]]:
    """Every object of every sheet, in document order, with the name of its parent."""
    specs = sheets_for(root)
    by_list = {(parent, name): spec for spec in specs for parent, name in spec.parents}
    rows: dict[str, list[_Row]] = defaultdict(list)
    main = ROOTS[root]

    def outline(spec: SheetSpec, items: list, parts: tuple, parent: str, level: int) -> None:
        for position, entry in enumerate(items):
            if not isinstance(entry, dict):
                continue
            here = parts + (position,)
            rows[spec.name].append(_Row(spec, entry, here, parent, level))
            if isinstance(entry.get("items"), list):
                outline(spec, entry["items"], here + ("items",), parent, level + 1)

    def visit(type_name: str, value: dict[str, Any], parts: tuple, name_here: str, parent_key: str) -> None:
        for item in fields(type_name, root):
            child = value.get(item.name)
            if item.kind == "object" and isinstance(child, dict) and type_name == main:
                visit_root_object(item.name, item.type_name, child, parts + (item.name,))
            if item.kind != "objects" or not isinstance(child, list):
                continue
            spec = by_list.get((parent_key, item.name))
            if spec is None:
                continue
            if spec.outline:
                outline(spec, child, parts + (item.name,), name_here, 1)
                continue
            for position, entry in enumerate(child):
                if not isinstance(entry, dict):
                    continue
                here = parts + (item.name, position)
                rows[spec.name].append(_Row(spec, entry, here, name_here, None))
                ident = entry.get("id") if isinstance(entry.get("id"), str) else None
                if spec.type_name == "Note" and ident is None:
                    ident = f"{name_here} note {position + 1}".strip()
                visit(spec.type_name, entry, here, ident or "", spec.type_name)

    def visit_root_object(name: str, type_name: str, value: dict[str, Any], parts: tuple) -> None:
        for item in fields(type_name, root):
            child = value.get(item.name)
            spec = by_list.get((ROOT + name, item.name))
            if spec is None or not isinstance(child, list):
                continue
            if spec.outline:
                outline(spec, child, parts + (item.name,), "", 1)
            else:
                for position, entry in enumerate(child):
                    if isinstance(entry, dict):
                        rows[spec.name].append(_Row(spec, entry, parts + (item.name, position), "", None))

    visit(main, data, (), "", ROOT)
    return rows


def to_sheets(data: dict[str, Any]) -> list[Sheet]:
    """The sheets of a plan or registry, main sheet first, every sheet present even when empty."""
    # The plan is walked in place, not copied: memory stays that of the plan itself.
    root = document_kind(data)
    sheets = [_main_sheet(data, root)]
    rows = _walk_rows(data, root)
    for spec in sheets_for(root):
        found = rows.get(spec.name, [])
        extensions: list[tuple] = []
        for row in found:
            for path in _extensions_in(row.data, spec.type_name, root):
                if path not in extensions:
                    extensions.append(path)
        sheet = Sheet(spec.name, spec.file_name, columns(spec, root, extensions))
        sheet.rows = _cells(found, sheet.columns)  # made one row at a time, as the writer asks for them
        sheets.append(sheet)
    return sheets


def _cells(rows: list[_Row], columns: list[Column]) -> Iterator[list[Any]]:
    for row in rows:
        cells = []
        for column in columns:
            if column.role == "parent":
                cells.append(row.parent or None)
            elif column.role == "level":
                cells.append(row.level)
            else:
                value = _get(row.data, column.path)
                cells.append(None if value is None else cell_value(column, value))
        yield cells


def _main_sheet(data: dict[str, Any], root: str) -> Sheet:
    extensions = list(_extensions_in(data, ROOTS[root], root))
    sheet = Sheet(MAIN_SHEET[root], MAIN_SHEET[root].lower() + ".csv",
                  [Column(FIELD, role="label"), Column(VALUE, role="value")])
    for column in main_fields(root, extensions):
        value = _get(data, column.path)
        if column.field is not None and column.field.kind == "texts":
            for entry in value or [None]:
                sheet.rows.append([column.heading, entry])
            continue
        sheet.rows.append([column.heading, None if value is None else cell_value(column, value)])
    return sheet


def _empty_values(data: Any, root: str, report: LossReport, parts: tuple = ()) -> None:
    """Record the values a cell cannot carry: empty or blank text, empty lists and objects."""
    stack = [(data, parts)]
    while stack:
        value, here = stack.pop()
        if isinstance(value, dict):
            if not value and here:
                report.add(EMPTY_VALUE, here, "an empty object", item=item_of(here, data))
            stack.extend((entry, here + (key,)) for key, entry in value.items())
        elif isinstance(value, list):
            if not value:
                report.add(EMPTY_VALUE, here, "an empty list", item=item_of(here, data))
            stack.extend((entry, here + (position,)) for position, entry in enumerate(value))
        elif isinstance(value, str) and not value.strip():
            report.add(EMPTY_VALUE, here, f"the text {value!r}", item=item_of(here, data), value=value)


# --- reading: sheets -> plan ------------------------------------------------------------------------------


@dataclass
class SheetInput:
    """A sheet as read from a workbook or a CSV file: its heading row and its data rows with their numbers."""

    name: str
    headings: list[tuple[int, Any]]  # (1-based column number, heading)
    rows: list[tuple[int, list[tuple[int, Any]]]]  # (1-based row number, [(column number, raw value)])
    label: str = ""  # how errors name the sheet, e.g. 'sheet "Outputs"' or 'outputs.csv'


def cell_name(sheet: str, column: int, row: int) -> str:
    """A cell as spreadsheet programs name it: Outputs!D7, or 'Pledge links'!B2."""
    quoted = sheet if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.]*", sheet) else "'" + sheet.replace("'", "''") + "'"
    return f"{quoted}!{column_letter(column)}{row}"


def column_letter(number: int) -> str:
    letters = ""
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


class Reader:
    """Builds plan data from sheets, remembering where each value came from."""

    def __init__(self, file: str, typed: bool):
        self.file = file
        self.typed = typed  # a workbook's cells have types; CSV cells are all text
        self.findings = []
        self.places: dict[str, tuple[str, int, int, str]] = {}  # pointer -> (sheet label, row, column, heading)
        self.objects: dict[str, tuple[str, dict, tuple]] = {}  # id or note place -> (type, object, parts)

    # errors
    def fail(self, rule, sheet: SheetInput, row: int | None, column: int | None, heading: str | None,
             message: str, hint: str | None = None) -> None:
        where = [sheet.label or f'sheet "{sheet.name}"']
        if row is not None:
            where.append(f"row {row}")
        if column is not None:
            where.append(f'column {column_letter(column)}' + (f' "{heading}"' if heading else ""))
        self.findings.append(error(rule, f"{', '.join(where)}: {message}", self.file, row, column, hint=hint))

    def locate(self, pointer: str):
        best = None
        for length in range(len(pointer), -1, -1):
            if length < len(pointer) and pointer[length] != "/":
                continue
            place = self.places.get(pointer[:length])
            if place is not None:
                best = place
                break
        if best is None:
            return None
        label, row, column, heading = best
        where = f"{label}, row {row}" + (f', column {column_letter(column)} "{heading}"' if column else "")
        return self.file, row, column, where

    # headings
    def match_headings(self, sheet: SheetInput, expected: list[Column], type_name: str, root: str
                       ) -> dict[int, Column] | None:
        known: dict[str, Column] = {}
        for column in expected:
            known[normalise(column.heading)] = column
            if column.path:
                known.setdefault(normalise(".".join(column.path)), column)
            elif column.role == "parent":
                known.setdefault("parent", column)
        prefixes = nested_prefixes(type_name, root)
        found: dict[int, Column] = {}
        seen: dict[str, int] = {}
        ok = True
        for number, heading in sheet.headings:
            if heading is None or (isinstance(heading, str) and not heading.strip()):
                continue
            text = str(heading)
            key = normalise(text)
            column = known.get(key) or _extension_heading(text, prefixes)
            if column is None and self.typed and not _holds_values(sheet, number):
                continue  # a workbook's extra column with nothing in it (a spare one an officer added): nothing lost
            if column is None:
                names = ", ".join(f'"{c.heading}"' for c in expected if c.role != "extension")
                self.fail(rules.UNKNOWN_HEADING, sheet, 1, number, text,
                          f'the heading "{text}" is not one this sheet understands; its headings are: {names}')
                ok = False
                continue
            if column.heading in seen:
                self.fail(rules.DUPLICATE_HEADING, sheet, 1, number, text,
                          f'"{text}" is also the heading of column {column_letter(seen[column.heading])}')
                ok = False
                continue
            seen[column.heading] = number
            found[number] = column
        for column in expected:
            if column.role in ("parent", "level") and column.heading not in seen:
                self.fail(rules.MISSING_COLUMN, sheet, 1, None, None,
                          f'the column "{column.heading}" is missing: it says where each row belongs')
                ok = False
        return found if ok else None

    def value(self, sheet: SheetInput, row: int, number: int, column: Column, raw: Any) -> Any:
        try:
            return read_cell(column, raw, self.typed)
        except CellError as exc:
            cell = f"cell {cell_name(sheet.name, number, row)} holds " if self.typed else ""
            self.fail(rules.BAD_CELL, sheet, row, number, column.heading, f"{cell}{shown(raw)}, which {exc}"
                      if cell else f"{shown(raw)} {exc}")
            return None


def _holds_values(sheet: SheetInput, number: int) -> bool:
    """Whether any row of the sheet has something in column ``number``."""
    return any(n == number and not (value is None or (isinstance(value, str) and not value.strip()))
               for _, cells in sheet.rows for n, value in cells)


def shown(raw: Any) -> str:
    """A cell's value as an error message shows it."""
    if isinstance(raw, datetime) and raw.time() == datetime.min.time():
        return f"the date {raw.date().isoformat()}"
    if isinstance(raw, (datetime, date)):
        return f"the date {raw.isoformat()}"
    if isinstance(raw, str):
        text = raw if len(raw) <= 60 else raw[:57] + "..."
        return f'"{text}"'
    return f"the value {raw!r}"


def _extension_heading(text: str, prefixes: dict[str, tuple]) -> Column | None:
    parts = [part.strip() for part in text.split(": ")]
    name = parts[-1]
    if not _EXTENSION.match(name):
        return None
    prefix = normalise(": ".join(parts[:-1])) if len(parts) > 1 else ""
    if prefix not in prefixes:
        return None
    return Column(text.strip(), prefixes[prefix] + (name,), role="extension")


def _put(target: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    for name in path[:-1]:
        target = target.setdefault(name, {})
    target[path[-1]] = value


def from_sheets(sheets: dict[str, SheetInput], file: str, *, typed: bool,
                written: Sequence[str] | None = None) -> tuple[dict[str, Any], Reader]:
    """Plan data from sheets keyed by normalised sheet name. Raises ConvertError naming sheet, row and column.

    ``written`` names the sheets a workbook's export wrote (it leaves out empty ones): only those must be there.
    """
    reader = Reader(file, typed)
    main = sheets.get(normalise(MAIN_SHEET["plan"])) or sheets.get(normalise(MAIN_SHEET["registry"]))
    if main is None:
        reader.findings.append(error(rules.MISSING_SHEET, 'the workbook has no sheet "Plan" (or "Registry"), '
                                     "which holds the plan's own fields", file))
        raise ConvertError(reader.findings)
    root = "registry" if normalise(main.name) == normalise(MAIN_SHEET["registry"]) else "plan"
    data = _read_main(reader, main, root)
    specs = sheets_for(root)
    expected = None if written is None else {normalise(name) for name in written}
    missing = [spec.name for spec in specs if normalise(spec.name) not in sheets
               and (expected is None or normalise(spec.name) in expected)]
    for name in missing:
        reader.findings.append(error(rules.MISSING_SHEET, f'the workbook has no sheet "{name}"', file))
    if reader.findings:
        raise ConvertError(reader.findings)
    reader.objects[""] = (ROOTS[root], data, ())
    for spec in _processing_order(specs):
        if normalise(spec.name) in sheets:  # a sheet the export left out held no rows
            _read_sheet(reader, sheets[normalise(spec.name)], spec, root, data)
    if reader.findings:
        raise ConvertError(reader.findings)
    return canonical(data), reader


def _processing_order(specs: list[SheetSpec]) -> list[SheetSpec]:
    """Parents before children: a sheet comes after every sheet whose rows can be its parents."""
    produces = defaultdict(list)
    for spec in specs:
        produces[spec.type_name].append(spec)
    order: list[SheetSpec] = []
    done: set[str] = set()

    def add(spec: SheetSpec, trail: tuple[str, ...] = ()) -> None:
        if spec.name in done or spec.name in trail:
            return
        for parent in spec.parent_types:
            for producer in produces.get(parent, []):
                if producer is not spec:
                    add(producer, trail + (spec.name,))
        done.add(spec.name)
        order.append(spec)

    for spec in specs:
        add(spec)
    return order


def _read_main(reader: Reader, sheet: SheetInput, root: str) -> dict[str, Any]:
    data: dict[str, Any] = {}
    label = sheet.label or f'sheet "{sheet.name}"'
    head = {normalise(str(h)): n for n, h in sheet.headings if h is not None}
    field_col, value_col = head.get(normalise(FIELD)), head.get(normalise(VALUE))
    if field_col is None or value_col is None:
        reader.fail(rules.MISSING_COLUMN, sheet, 1, None, None,
                    f'the headings must be "{FIELD}" and "{VALUE}" (the plan\'s fields, one per row)')
        return data
    extra = [(n, h) for n, h in sheet.headings if n not in (field_col, value_col) and h not in (None, "")]
    for number, heading in extra:
        reader.fail(rules.UNKNOWN_HEADING, sheet, 1, number, str(heading),
                    f'the heading "{heading}" is not one this sheet understands; its headings are "{FIELD}" and '
                    f'"{VALUE}"')
    expected = main_fields(root)
    known = {normalise(c.heading): c for c in expected}
    known.update({normalise(".".join(c.path)): c for c in expected})
    prefixes = nested_prefixes(ROOTS[root], root)
    seen: dict[str, int] = {}
    for row, cells in sheet.rows:
        values = dict(cells)
        name, raw = values.get(field_col), values.get(value_col)
        if name is None or not str(name).strip():
            if raw not in (None, ""):
                reader.fail(rules.BAD_CELL, sheet, row, field_col, FIELD, "a value without a field name")
            continue
        column = known.get(normalise(str(name))) or _extension_heading(str(name), prefixes)
        if column is None:
            names = ", ".join(f'"{c.heading}"' for c in expected)
            reader.fail(rules.UNKNOWN_HEADING, sheet, row, field_col, FIELD,
                        f'"{name}" is not a field of the {root}; the fields are: {names}')
            continue
        many = column.field is not None and column.field.kind == "texts"
        if column.heading in seen and not many:
            reader.fail(rules.DUPLICATE_HEADING, sheet, row, field_col, FIELD,
                        f'"{name}" is also given in row {seen[column.heading]}')
            continue
        seen.setdefault(column.heading, row)
        if many:
            if raw is None or (isinstance(raw, str) and not raw.strip()):
                continue
            entry = raw if isinstance(raw, str) else _text(raw)
            target = data
            for part in column.path[:-1]:
                target = target.setdefault(part, {})
            entries = target.setdefault(column.path[-1], [])
            reader.places[to_pointer(column.path + (len(entries),))] = (label, row, value_col, str(name))
            entries.append(entry)
            continue
        value = reader.value(sheet, row, value_col, column, raw)
        if value is None:
            continue
        _put(data, column.path, value)
        reader.places[to_pointer(column.path)] = (label, row, value_col, str(name))
    return data


def _read_sheet(reader: Reader, sheet: SheetInput, spec: SheetSpec, root: str, data: dict[str, Any]) -> None:
    label = sheet.label or f'sheet "{sheet.name}"'
    mapping = reader.match_headings(sheet, columns(spec, root), spec.type_name, root)
    if mapping is None:
        return
    parent_col = next((n for n, c in mapping.items() if c.role == "parent"), None)
    level_col = next((n for n, c in mapping.items() if c.role == "level"), None)
    stacks: dict[str, list[tuple[dict, tuple]]] = {}
    note_counts: dict[str, int] = defaultdict(int)
    too_deep = False  # a level past MAX_LEVEL was reported: one error a sheet is enough
    for row, cells in sheet.rows:
        present = [(n, v) for n, v in cells if v is not None and not (isinstance(v, str) and not v.strip())]
        if not present:
            continue
        stray = [n for n, _ in present if n not in mapping]
        if stray:
            reader.fail(rules.UNKNOWN_HEADING, sheet, row, stray[0], None,
                        f"a value in column {column_letter(stray[0])}, which has no heading")
            continue
        values = dict(present)
        parent_name = ""
        if parent_col is not None:
            parent_name = reader.value(sheet, row, parent_col, mapping[parent_col], values.get(parent_col)) or ""
        place = _parent(reader, sheet, spec, row, parent_col, parent_name, data)
        if place is None:
            continue
        parent_type, parent_obj, parent_parts = place
        list_field = spec.field_for(parent_type)
        obj: dict[str, Any] = {}
        row_parts: tuple
        if spec.outline:
            level = reader.value(sheet, row, level_col, mapping[level_col], values.get(level_col))
            if level is None or level < 1:
                if level is not None or values.get(level_col) is None:
                    reader.fail(rules.BAD_LEVEL, sheet, row, level_col, LEVEL, "the level must be 1 or more")
                continue
            stack = stacks.setdefault(parent_name, [])
            if level > MAX_LEVEL:
                # Deeper outlines are no real plan's, and would nest past what the loader reads back.
                if not too_deep:
                    reader.fail(rules.BAD_LEVEL, sheet, row, level_col, LEVEL,
                                f"level {level} is deeper than the {MAX_LEVEL} levels an outline may have; "
                                "this row and any deeper ones were not read")
                    too_deep = True
                continue
            if level > len(stack) + 1:
                reader.fail(rules.BAD_LEVEL, sheet, row, level_col, LEVEL,
                            f"level {level} follows level {len(stack)}; a row can be at most one level deeper "
                            "than the row above it")
                continue
            if level == 1:
                siblings = parent_obj.setdefault(list_field, [])
                row_parts = parent_parts + (list_field, len(siblings))
            else:
                above, above_parts = stack[level - 2]
                siblings = above.setdefault("items", [])
                row_parts = above_parts + ("items", len(siblings))
            del stack[level - 1:]
            stack.append((obj, row_parts))
        else:
            siblings = parent_obj.setdefault(list_field, [])
            row_parts = parent_parts + (list_field, len(siblings))
        siblings.append(obj)
        reader.places[to_pointer(row_parts)] = (label, row, min(n for n, _ in present), "")
        for number, raw in present:
            column = mapping[number]
            if column.role in ("parent", "level"):
                continue
            value = reader.value(sheet, row, number, column, raw)
            if value is None:
                continue
            _put(obj, column.path, value)
            reader.places[to_pointer(row_parts + column.path)] = (label, row, number, column.heading)
        ident = obj.get("id")
        if isinstance(ident, str) and spec.type_name != "Statement":
            reader.objects.setdefault(ident, (spec.type_name, obj, row_parts))
        if spec.type_name == "Note":
            note_counts[parent_name] += 1
            reader.objects[f"{parent_name} note {note_counts[parent_name]}".strip()] = ("Note", obj, row_parts)


def _parent(reader: Reader, sheet: SheetInput, spec: SheetSpec, row: int, column: int | None, name: str,
            data: dict[str, Any]):
    """The object a row belongs to: (its parent key, the object, its parts), or None after recording an error."""
    if column is None:
        parent, _ = spec.parents[0]
        if parent == ROOT:
            return ROOT, data, ()
        key = parent[len(ROOT):]
        return parent, data.setdefault(key, {}), (key,)
    if not name:
        if ROOT in spec.parent_types:
            return ROOT, data, ()
        reader.fail(rules.UNKNOWN_PARENT, sheet, row, column, spec.parent_heading,
                    f"the {spec.parent_heading.lower()} is empty: every row here belongs to {_kinds(spec)}")
        return None
    found = reader.objects.get(name)
    if found is None and spec.type_name == "Statement" and "Note" in spec.parent_types:
        match = _NOTE_PLACE.match(name)
        if match:
            found = reader.objects.get(f"{match.group(1) or ''} note {int(match.group(2))}".strip())
    if found is None:
        reader.fail(rules.UNKNOWN_PARENT, sheet, row, column, spec.parent_heading,
                    f'"{name}" is not the id of {_kinds(spec)} in the workbook')
        return None
    type_name, obj, parts = found
    if type_name not in spec.parent_types:
        reader.fail(rules.UNKNOWN_PARENT, sheet, row, column, spec.parent_heading,
                    f'"{name}" is {_article(_label(type_name))}; rows here belong to {_kinds(spec)}')
        return None
    return type_name, obj, parts


def _label(type_name: str) -> str:
    return {"PledgeSet": "pledge set", "ProgressUpdate": "progress update", "OwnerLink": "owner"}.get(
        type_name, type_name.lower())


def _article(word: str) -> str:
    from ..english import a as with_article

    return with_article(word)


def _kinds(spec: SheetSpec) -> str:
    names = [_label(parent) for parent in spec.parent_types if not parent.startswith(ROOT)]
    if ROOT in spec.parent_types:
        names.append("the plan (an empty cell)")
    words = [_article(name) if not name.startswith("the ") else name for name in names]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def sheet_losses(data: dict[str, Any], target: str, *, typed: bool, document=None) -> LossReport:
    """What the sheets of ``target`` (xlsx or csv) cannot carry."""
    report = LossReport(target, document)
    root = document_kind(data)
    _empty_values(data, root, report)
    stack: list[tuple[Any, tuple, str | None, str | None]] = [(canonical(data), (), ROOTS[root], None)]
    while stack:
        value, parts, type_name, kind = stack.pop()
        if isinstance(value, dict):
            known = {f.name: f for f in fields(type_name, root)} if type_name else {}
            for key, entry in value.items():
                item = known.get(key)
                stack.append((entry, parts + (key,), item.type_name if item else None, item.kind if item else None))
        elif isinstance(value, list):
            stack.extend((entry, parts + (position,), type_name, kind) for position, entry in enumerate(value))
        elif isinstance(value, str):
            if typed:
                if len(value) > 32767:
                    report.add(LONG_TEXT, parts, f"{len(value):,} characters", item=item_of(parts, data))
                if any(ord(ch) < 32 and ch not in "\t\n\r" for ch in value):
                    report.add(CONTROL_CHARACTER, parts, "control characters replaced by \ufffd",
                               item=item_of(parts, data))
                if "\r" in value:
                    report.add(CARRIAGE_RETURN, parts, "carriage return read back as a new line",
                               item=item_of(parts, data))
        elif isinstance(value, int) and not isinstance(value, bool) and kind == "text-or-integer" and not typed:
            report.add(NUMBER_AS_TEXT, parts, f"{value} reads back as the text \"{value}\"",
                       item=item_of(parts, data), value=value)
    return report
