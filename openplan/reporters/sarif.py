"""SARIF 2.1.0 for code-scanning tools (GitHub code scanning, Azure DevOps, IDEs).

One run, with every rule that has a finding described in ``tool.driver.rules``
and each finding as a result located by file, line, column and (as a logical
location) its JSON pointer. Findings a lint run suppressed inline or accepted
in its baseline are included with a ``suppressions`` entry, so a code
scanning service shows them as dismissed, with the reason.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

from ..report import Finding, Result
from ..rules import Severity
from ..version import __version__
from ..wording import display_path

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _uri(path: str) -> str:
    return quote(Path(display_path(path)).as_posix())


def _rules(result: Result, codes: list[str]) -> list[dict]:
    known = getattr(result, "rules", None) or {}
    if not known:
        from .. import rules as registry

        known = {rule.code: rule for rule in registry.all_rules()}
    described = []
    for code in codes:
        rule = known.get(code)
        entry: dict = {"id": code}
        if rule is not None:
            entry.update({
                "name": rule.name,
                "shortDescription": {"text": rule.summary},
                "fullDescription": {"text": rule.rationale},
                "help": {"text": rule.fix or rule.summary},
                "defaultConfiguration": {"level": _LEVELS[rule.severity]},
                "properties": {"family": rule.family, "tags": [rule.family], "documentation": rule.doc_path},
            })
        described.append(entry)
    return described


def _result(finding: Finding, index: dict[str, int], suppression: dict | None) -> dict:
    message = finding.message + (f" ({finding.hint})" if finding.hint else "")
    location: dict = {"physicalLocation": {"artifactLocation": {"uri": _uri(finding.file or "<input>"),
                                                                "uriBaseId": "SRCROOT"}}}
    if finding.line:
        region = {"startLine": finding.line}
        if finding.column:
            region["startColumn"] = finding.column
        location["physicalLocation"]["region"] = region
    if finding.pointer:
        location["logicalLocations"] = [{"fullyQualifiedName": finding.pointer, "kind": "object"}]
    data: dict = {"ruleId": finding.code, "ruleIndex": index[finding.code], "level": _LEVELS[finding.severity],
                  "message": {"text": message}, "locations": [location]}
    if finding.fingerprint:
        data["partialFingerprints"] = {"openplanFinding/v1": finding.fingerprint}
    if finding.item:
        data["properties"] = {"item": finding.item}
    if suppression is not None:
        data["suppressions"] = [suppression]
    return data


def as_data(result: Result) -> dict:
    shown = [(finding, None) for finding in result.sorted()]
    shown += [(finding, {"kind": "inSource", "justification": reason or "suppressed inline"})
              for finding, reason in getattr(result, "suppressed", [])]
    shown += [(finding, {"kind": "external", "justification": reason})
              for finding, reason in getattr(result, "baselined", [])]
    codes = sorted({finding.code for finding, _ in shown})
    index = {code: number for number, code in enumerate(codes)}
    root = Path.cwd().as_uri() + "/"
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "openplan", "version": __version__, "semanticVersion": __version__,
                                "rules": _rules(result, codes)}},
            "originalUriBaseIds": {"SRCROOT": {"uri": root}},
            "artifacts": [{"location": {"uri": _uri(path), "uriBaseId": "SRCROOT"}} for path in result.files],
            "invocations": [{"executionSuccessful": result.exit_code != 2,
                             "exitCode": result.exit_code}],
            "columnKind": "unicodeCodePoints",
            "results": [_result(finding, index, suppression) for finding, suppression in shown],
        }],
    }


def render(result: Result, **_options) -> str:
    return json.dumps(as_data(result), indent=2, ensure_ascii=False) + "\n"
