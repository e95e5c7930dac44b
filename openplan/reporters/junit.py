"""JUnit XML, which most CI systems show as test results.

One test suite per file checked, one failing test case per finding (named by
rule code and place), and one passing test case for a file with no findings,
so a clean plan shows as a passed test rather than as nothing.
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from collections import defaultdict

from ..report import Result
from ..rules import Severity
from ..xmltext import clean_tree


def render(result: Result, **_options) -> str:
    by_file = defaultdict(list)
    for finding in result.sorted():
        by_file[finding.file or "<input>"].append(finding)
    files = list(dict.fromkeys([*result.files, *by_file]))
    root = ElementTree.Element("testsuites", name="openplan lint", tests="0", failures="0", errors="0")
    total = failures = 0
    for path in files:
        findings = by_file.get(path, [])
        suite = ElementTree.SubElement(root, "testsuite", name=path, tests=str(max(len(findings), 1)),
                                       failures=str(len(findings)), errors="0", skipped="0")
        if not findings:
            ElementTree.SubElement(suite, "testcase", name="openplan lint", classname=path)
        for finding in findings:
            place = f"{finding.line}:{finding.column}" if finding.line else finding.pointer or "file"
            case = ElementTree.SubElement(suite, "testcase", name=f"{finding.code} {place}", classname=path)
            failure = ElementTree.SubElement(case, "failure", message=finding.message, type=finding.code)
            failure.text = "\n".join(part for part in (
                f"{finding.location()}: {finding.severity.value} {finding.code} {finding.message}",
                f"pointer: {finding.pointer}" if finding.pointer else "",
                f"hint: {finding.hint}" if finding.hint else "") if part)
            if finding.severity is Severity.INFO:
                failure.set("type", f"{finding.code} (info)")
        total += max(len(findings), 1)
        failures += len(findings)
    root.set("tests", str(total))
    root.set("failures", str(failures))
    clean_tree(root)  # plan text and file names may hold characters XML cannot carry
    ElementTree.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(root, encoding="unicode") + "\n"
