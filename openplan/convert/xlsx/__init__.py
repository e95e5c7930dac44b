"""Excel workbooks (XLSX): the spreadsheet layout of :mod:`openplan.convert.tables`, both ways.

The package: :mod:`.writing` makes a workbook, :mod:`.limits` and :mod:`.parsing` read one
safely, :mod:`.reading` turns its sheets back into plan data, :mod:`.extension_sheets` carries extension
lists both ways and :mod:`.layout` names the workbook's own sheets.

Writing streams each sheet to the file (openpyxl's write-only mode), so memory
does not grow with the size of the workbook. The workbook is made for officers:
an Instructions sheet first, then only the sheets the plan has rows for (and
Progress); text columns formatted as Text, so nothing typed turns into a date;
closed codelists as drop-downs that refusal other values and explain the choice;
wrapped rows tall enough to read; headings frozen and filterable; landscape
printing, fitted to the page width, with the headings on every page. Text cells
are always stored as text, so a title that starts with ``=`` stays a title.
The sheets written are named in a custom document property (and listed on the
Instructions sheet), so a sheet deleted later is still noticed (V004). An
extension field holding a list of objects (``budget:amounts``) gets a sheet of
its own with a column per field. With the plan's index, the registry entries
the plan uses travel on a Registry data sheet, so the workbook imports anywhere
(see :mod:`openplan.convert.registry_data`).

Reading treats the workbook as hostile until it has been checked:

* the archive's entry count, its total unpacked size and the size of the
  shared-strings table are checked against :class:`Limits` before anything is
  unpacked (zipfile never unpacks more than an entry declares);
* an XML part that declares a DTD or entities is refused, and the sheets are
  parsed with defusedxml, which refuses entity expansion;
* encrypted workbooks, old .xls files and macro-enabled workbooks are refused
  with a plain reason; macros and external links are never run or followed;
* each sheet's XML is streamed and dropped as it is read, with limits on rows,
  filled cells and merged ranges, so memory stays bounded whatever the sheet
  claims (a merge down to row 1,048,576 repeats its value only as far as the
  sheet has rows).

Text is read however the program stored it: in the shared-strings table (as
Excel and LibreOffice do), inline, or as rich text (its formatting dropped).

Tolerances, documented for officers:

* **formulas** are never calculated: a formula's saved value (which Excel and
  LibreOffice store when they save) is read; a formula with no saved value is
  an error (V009);
* cells **merged** down one column give every row of the merge the value of
  the top cell; cells merged across columns are an error (V010);
* **dates**: a cell Excel shows as a date is read as that day; in a day column
  (Period start, progress Date ...) and in a date Value a plain number is read
  as an Excel day number (45123 is 2023-07-16), except that a Value from 1000
  to 9999 is a year; UK dates typed as text (01/04/2025) are read as days. A
  date or a fraction in a wording column is an error naming the cell
  (Outputs!E7): the words that were typed cannot be recovered from it;
* **percentages**: a number shown as a percentage (typing 50% stores 0.5) is
  read in a number column (Percent complete, Value, a target's Value ...) as
  the per cent shown, 50, as OpenPlan keeps per cent; a per cent sign in
  quotes in the number format (``0"%"``) is only shown and changes nothing;
* **headings** match whatever their case and spacing, in any order; hidden
  sheets are read; sheets the layout does not use are ignored; a missing
  sheet or an unknown heading is an error;
* empty rows are skipped.
"""

from __future__ import annotations

from .layout import INSTRUCTIONS, MAX_CELL, REGISTRY_DATA, REGISTRY_HEADINGS, SHEETS_PROPERTY
from .limits import DEFAULT_LIMITS, Limits, check_archive, check_xml_parts
from .parsing import read_sheets, read_workbook
from .reading import RegistryData, read, read_input
from .writing import losses, registry_entries, render, write

__all__ = ["INSTRUCTIONS", "MAX_CELL", "REGISTRY_DATA", "REGISTRY_HEADINGS", "SHEETS_PROPERTY", "DEFAULT_LIMITS",
           "Limits", "check_archive", "check_xml_parts", "read_sheets", "read_workbook", "RegistryData", "read",
           "read_input", "losses", "registry_entries", "render", "write"]
