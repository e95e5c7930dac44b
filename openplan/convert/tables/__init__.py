"""The spreadsheet layout shared by the XLSX and CSV converters: one sheet per kind of item.

The package goes by direction, as the data flows: :mod:`.layout` (sheets, columns, headings), :mod:`.cells`
(a value as a cell holds it, and back), :mod:`.flatten` (plan -> rows), :mod:`.unflatten` (rows -> plan)
and :mod:`.losses` (what sheets cannot carry).

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

from ..fields import document_kind
from .cells import (FORMULA_START, CellError, Percentage, cell_name, cell_value, column_letter, decode_extension,
                    encode_extension, formula_guard, formula_unguard, number_text, read_cell, shown)
from .flatten import Sheet, to_sheets
from .layout import (FIELD, LEVEL, MAIN_SHEET, MAX_LEVEL, ROOT, SHEETS, VALUE, Column, SheetSpec, check_layout,
                     columns, flatten, main_fields, nested_prefixes, normalise, sheets_for)
from .losses import (CARRIAGE_RETURN, CONTROL_CHARACTER, EMPTY_VALUE, LONG_TEXT, LOSSES, NUMBER_AS_TEXT,
                     sheet_losses)
from .unflatten import Reader, SheetInput, from_sheets

__all__ = ["FORMULA_START", "CellError", "Percentage", "cell_name", "cell_value", "column_letter", "decode_extension",
           "encode_extension", "formula_guard", "formula_unguard", "read_cell", "shown", "Sheet", "to_sheets",
           "FIELD", "LEVEL", "MAIN_SHEET", "MAX_LEVEL", "ROOT", "SHEETS", "VALUE", "Column", "SheetSpec",
           "check_layout", "columns", "flatten", "main_fields", "nested_prefixes", "normalise", "sheets_for",
           "CARRIAGE_RETURN", "CONTROL_CHARACTER", "EMPTY_VALUE", "LONG_TEXT", "LOSSES", "NUMBER_AS_TEXT",
           "sheet_losses", "Reader", "SheetInput", "from_sheets", "document_kind", "number_text"]
