"""GitLab Code Quality: a JSON list of issues that merge requests show as a code quality report.

Each issue has a description, the rule code as ``check_name``, a severity
GitLab knows (info, minor, major), the file and line, and a fingerprint that
stays the same while the finding does, so GitLab can tell new issues from
old ones.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from ..report import Result
from ..rules import Severity
from ..wording import display_path

_SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def _path(path: str | None) -> str:
    if not path:
        return "<input>"
    return Path(display_path(path)).as_posix()


def as_data(result: Result) -> list[dict]:
    issues = []
    seen: dict[str, int] = {}
    for finding in result.sorted():
        base = finding.fingerprint or hashlib.sha256(
            f"{finding.file}|{finding.code}|{finding.pointer}|{finding.message}".encode("utf-8")).hexdigest()
        seen[base] = seen.get(base, 0) + 1  # the same finding twice still needs two fingerprints
        fingerprint = hashlib.md5(f"{base}:{seen[base]}".encode("utf-8")).hexdigest()
        issues.append({
            "type": "issue",
            "check_name": finding.code,
            "description": f"{finding.code} {finding.message}",
            "categories": ["Style"],
            "severity": _SEVERITIES[finding.severity],
            "fingerprint": fingerprint,
            "location": {"path": _path(finding.file), "lines": {"begin": finding.line or 1}},
        })
    return issues


def render(result: Result, **_options) -> str:
    return json.dumps(as_data(result), indent=2, ensure_ascii=False) + "\n"
