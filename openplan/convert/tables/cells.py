"""Cells: a field's value as a cell holds it, and back, with the formula guard and the names of cells.

Writing (:func:`cell_value`) and reading (:func:`read_cell`) are kept side by side so that each encoding
has its decoding beside it. A cell that cannot be read raises :class:`CellError` with the end of a sentence
("is not a number"), which the reader places at its sheet, row and column.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from .layout import Column

_ID_SPLIT = re.compile(r"[\s,;]+")
_UK_DAY = re.compile(r"^\s*([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})\s*$")
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


# Fields that hold a day or, since 1.1, a date with its wording ({value, text}): the object is kept in its cell
# as JSON, which a day never starts with.
DAY_OR_DATE = {("ProgressUpdate", "date")}


def _day_or_date(column: Column) -> bool:
    return column.role == "field" and (column.owner_type, column.path[-1] if column.path else None) in DAY_OR_DATE


def cell_value(column: Column, value: Any) -> Any:
    """The value a cell holds for a field's value (before the format's own encoding)."""
    if column.role == "extension":
        return encode_extension(value)
    if isinstance(value, dict) and _day_or_date(column):
        return json.dumps(value, ensure_ascii=False)
    kind = column.field.kind if column.field else "text"
    if kind == "texts" and isinstance(value, list):
        return _texts_cell(value, column.field.references is not None)
    if kind == "text-or-texts" and isinstance(value, list):  # a JSON list, so one id in a list stays a list
        return json.dumps(value, ensure_ascii=False)
    return value


class CellError(ValueError):
    pass


class Percentage(float):
    """A number a workbook shows as a percentage: typing 50% stores 0.5. Only the XLSX reader makes these."""


def _per_cent(raw: Percentage) -> int | float:
    """The per cent a percentage shows (0.5 is 50), without binary noise: 0.333 is 33.3, not 33.300000000000004."""
    number = float(Decimal(repr(float(raw))) * 100)
    if number in (float("inf"), float("-inf")):
        raise CellError("is a percentage too large to be a number")
    return int(number) if number.is_integer() else number


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


def number_text(value: int | float) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return repr(value) if isinstance(value, float) else str(value)


def read_cell(column: Column, raw: Any, typed: bool) -> Any:
    """A field's value from a cell, or ``None`` for an empty cell. Raises :class:`CellError`."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, Percentage):
        # OpenPlan keeps per cent as the number shown (percent complete 50, a target of 55.5 in %)
        if column.role == "field" and column.field is not None and column.field.kind == "number":
            return _per_cent(raw)
        raw = float(raw)  # elsewhere the number as stored
    if column.role == "extension":
        return decode_extension(raw)
    if column.role in ("parent",):
        return cell_text(raw).strip()
    if column.role == "level":
        return _integer(raw, "a level (1, 2, 3 ...)")
    item = column.field
    kind = item.kind
    if kind == "text-or-texts":
        text = cell_text(raw).strip()
        if not text.startswith("["):  # an id never starts with [
            return text
        return _json_list(text)
    if kind == "texts":
        text = cell_text(raw)
        if text.lstrip().startswith("["):
            return _json_list(text)
        if item.references is not None:
            return [part for part in _ID_SPLIT.split(text) if part]
        return text.split("\n")
    if kind == "boolean":
        if isinstance(raw, bool):
            return raw
        word = cell_text(raw).strip().casefold()
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
        text = cell_text(raw).strip().replace(",", "")
        try:
            number = float(text)
        except ValueError:
            raise CellError("is not a number") from None
        return int(number) if number.is_integer() and re.match(r"^[-+]?[0-9]+$", text) else number
    if column.is_fuzzy_value:
        return _fuzzy_value(raw)
    if _day_or_date(column):
        text = cell_text(raw).strip() if isinstance(raw, str) else ""
        if text.startswith("{"):
            try:
                found = json.loads(text)
            except ValueError:
                raise CellError("starts with { but is not a JSON object (a date with value and text)") from None
            if not isinstance(found, dict):
                raise CellError("is not a date with value and text")
            return found
        day = _day_text(raw)
        if day is not None:
            return day
        if isinstance(raw, (int, float)) and not isinstance(raw, bool):
            return _excel_day(float(raw))
        return cell_text(raw)
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
        return cell_text(raw)
    if item.date:
        day = _day_text(raw)
        if day is not None:
            return day
        if isinstance(raw, (int, float)) and not isinstance(raw, bool):
            return _excel_day(float(raw))
        return cell_text(raw)
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
        return number_text(raw)
    return cell_text(raw)


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
    return cell_text(raw).strip()


def _integer(raw: Any, what: str) -> int:
    if isinstance(raw, bool):
        raise CellError(f"is true or false, not {what}")
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    text = cell_text(raw).strip()
    if re.match(r"^[-+]?[0-9]+$", text):
        return int(text)
    raise CellError(f"is not {what}")


def cell_text(raw: Any) -> str:
    if isinstance(raw, str):
        return raw
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        return number_text(raw)
    return str(raw)


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


def _json_list(text: str) -> list:
    """A cell holding a list written as JSON (a list of ids or texts)."""
    try:
        values = json.loads(text)
    except ValueError:
        raise CellError("starts with [ but is not a JSON list") from None
    if not isinstance(values, list):
        raise CellError("is not a list")
    return values
