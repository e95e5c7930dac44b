"""Writing the package: the CSV files, ``datapackage.json`` and ``README.md``."""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

from ...index import PlanIndex
from ...version import SCHEMA_VERSION, __version__
from ..fields import document_kind
from ..tables import formula_guard
from .rows import RowBuilder


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, (int, float)):
        return str(value)
    return formula_guard(str(value))  # text only: numbers and dates stay as their types read them


GUARD_NOTE = ("Text that a spreadsheet program would run as a formula (text starting with =, +, -, @, a tab or a "
              "carriage return), and text starting with an apostrophe, is written with one more apostrophe in "
              "front, so that it shows as text: remove one leading apostrophe from a text cell to get the plan's "
              "text.")


def _one_line(text: str) -> str:
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())


def package_name(plan_id: str) -> str:
    return re.sub(r"[^a-z0-9._-]+", "-", plan_id.lower()).strip("-") or "openplan"


def render(data: dict[str, Any], index: PlanIndex | None = None) -> dict[str, bytes]:
    """The data package: ``datapackage.json`` and one CSV file per table (file name -> content)."""
    if document_kind(data) == "registry":
        raise ValueError("a data package is made from a plan, not from a registry file")
    tables = RowBuilder(data, index).build()
    files: dict[str, bytes] = {}
    resources = []
    for table in tables.values():
        stream = io.StringIO()
        # CRLF (RFC 4180): with "\n" alone, a text holding a carriage return is not quoted and splits its row.
        writer = csv.writer(stream, lineterminator="\r\n")
        writer.writerow([name for name, _, _ in table.fields])
        writer.writerows([_cell(value) for value in row] for row in table.rows)
        path = f"{table.name}.csv"
        files[path] = stream.getvalue().encode("utf-8")
        resources.append({"name": table.name, "title": table.title, "path": path, "profile": "tabular-data-resource",
                          "format": "csv", "mediatype": "text/csv", "encoding": "utf-8", "schema": table.schema()})
    descriptor = {
        "profile": "tabular-data-package",
        "name": package_name(str(data.get("id", "plan"))),
        "title": str(data.get("title", "")),
        "description": f"The OpenPlan {SCHEMA_VERSION} plan {data.get('id')} as tables, made by openplan "
                       f"{__version__}. {GUARD_NOTE}",
        "resources": resources,
    }
    files["datapackage.json"] = (json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    files["README.md"] = (f"# {_one_line(descriptor['title']) or descriptor['name']}\n\n"
                          f"{descriptor['description']}\n\n"
                          "The tables and their columns are described in `datapackage.json` "
                          "(a Frictionless Data Package).\n").encode("utf-8")
    return files
