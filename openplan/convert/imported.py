"""What a reader of another format gives back: the plan data, and where each value came from.

Every readable format other than YAML and JSON (a workbook, CSV files, StratML) has a ``read_input`` function
(the reader interface of :mod:`openplan.convert.registry`) returning an :class:`Imported`;
:mod:`openplan.convert.reading` then validates it the same way whatever the format.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from .losses import LossReport

# Given a JSON pointer, where the value came from: (file, line, column, prefix for the message), or None.
Locator = Callable[[str], "tuple[str, int | None, int | None, str] | None"]
RegistryData = dict[str, dict[str, list[dict[str, Any]]]]  # registry file -> list name -> entries


@dataclass
class Imported:
    data: dict[str, Any]
    locate: Locator | None = None  # puts a finding on the sheet, row and column its value was read from
    registry_data: RegistryData | None = None  # the registry entries a workbook carries (None: no such sheet)
    losses: LossReport | None = None  # what the import could not bring in (StratML)
