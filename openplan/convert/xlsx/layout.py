"""The workbook's own sheets and names, beside the plan's sheets of :mod:`..tables`."""

from __future__ import annotations

MAX_CELL = 32767
SHEETS_PROPERTY = "OpenPlan sheets"  # custom document property: the sheets an export wrote, so none is missing
INSTRUCTIONS = "Instructions"
REGISTRY_DATA = "Registry data"
REGISTRY_HEADINGS = ("Registry file", "List", "Identifier", "Entry")
ITEM, FIELD_NAME = "Item", "Field"
