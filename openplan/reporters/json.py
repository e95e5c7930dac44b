"""JSON for tools: a stable document described by ``schema/output/<report_version>/report.schema.json``.

docs/json-output.md documents it; tests/test_json_output.py checks real output against the schema. A change
to the shape needs a new report version and its schema beside the old one."""

from __future__ import annotations

import json

from ..report import Result
from ..version import SCHEMA_VERSION, __version__

REPORT_FORMAT_VERSION = "1.0"


def as_data(result: Result) -> dict:
    errors = len(result.errors)
    return {
        "report_version": REPORT_FORMAT_VERSION,
        "tool": {"name": "openplan", "version": __version__, "schema_version": SCHEMA_VERSION},
        "valid": result.valid,
        "exit_code": result.exit_code,
        "files": [{"path": path, "valid": path not in set(result.files_with_errors())} for path in result.files],
        "summary": {"files": len(result.files), "errors": errors, "warnings": len(result.findings) - errors},
        "findings": [finding.to_dict() for finding in result.sorted()],
    }


def render(result: Result, **_options) -> str:
    return json.dumps(as_data(result), indent=2, ensure_ascii=False, default=str) + "\n"
