"""Every XML document OpenPlan writes (JUnit reports, StratML Part 1 and 2) parses with a strict XML parser,
whatever characters the plan's text or a file's name holds."""

from __future__ import annotations

from xml.etree import ElementTree

import pytest

from openplan import convert
from openplan.report import Finding, Result
from openplan.reporters import render
from openplan.rules import Severity
from openplan.xmltext import xml_text

from .conftest import assert_no_traceback, run_openplan

# Each character XML 1.0 cannot carry, raw or as a character reference.
NOT_XML = "\x00\x01\x07\x08\x0b\x0c\x0e\x1b\x1f\ud800\udfff\ufffe\uffff"
KEPT = "\t\n\x7f\x85\u202e\U0001f3e0 é"  # allowed in XML 1.0, and kept

PLAN = r'''openplan: "1.0"
id: plan.controls
title: "Homes \0 \a \b \v \f \e \x0e \x1f \uFFFE \uFFFF end"
organisation: org.example
period: {start: "2025-04-01", end: "2026-03-31"}
edition: {status: "draft\e[31m\a"}
organisations:
  - {id: org.example, name: "Example \x01 Council"}
areas:
  - id: area.housing
    title: "Housing \e\a"
    objectives:
      - id: obj.homes
        number: "1.1"
        title: "More \x0b homes"
        outcome: "Better \x1f homes"
        outputs:
          - {id: out.homes.a, number: a, text: "Build \x02 homes"}
'''


def _strict(document: bytes | str) -> ElementTree.Element:
    """expat refuses any character XML 1.0 cannot carry, raw or as a reference: a malformed document raises."""
    if isinstance(document, str):
        document = document.encode("utf-8", "surrogatepass")
    return ElementTree.fromstring(document)


def test_xml_text_replaces_exactly_what_xml_cannot_carry():
    assert xml_text(NOT_XML) == "\ufffd" * len(NOT_XML)
    assert xml_text(KEPT) == KEPT


def test_junit_report_parses_whatever_the_findings_hold():
    finding = Finding(code="S006", message=f"odd {NOT_XML}{KEPT}", severity=Severity.ERROR,
                      file=f"plans/odd\x1b{NOT_XML}.yaml", line=3, column=4, pointer="/title",
                      hint=f"hint {NOT_XML}")
    report = render(Result(files=[finding.file], findings=[finding]), "junit")
    root = _strict(report)
    failure = root.find("./testsuite/testcase/failure")
    assert failure is not None and KEPT in failure.get("message")
    assert "\ufffd" in root.find("./testsuite").get("name")


def test_lint_junit_file_parses(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "plan.yaml").write_text(PLAN, encoding="utf-8")
    run = run_openplan("lint", "--no-baseline", "plan.yaml", "-f", "junit", "-o", "report.xml", cwd=tmp_path)
    assert_no_traceback(run)
    assert run.code == 1, run.output
    root = _strict((tmp_path / "report.xml").read_bytes())  # malformed (raw ESC and BEL) before the fix
    messages = [failure.get("message") for failure in root.iter("failure")]
    assert any("S006" == failure.get("type") for failure in root.iter("failure")), messages


@pytest.mark.parametrize("fmt", ["stratml1", "stratml2"])
def test_stratml_parses(tmp_path, fmt):
    (tmp_path / ".git").mkdir()
    plan = PLAN.replace(r'"draft\e[31m\a"', "draft")
    (tmp_path / "plan.yaml").write_text(plan, encoding="utf-8")
    source = convert.load(tmp_path / "plan.yaml")
    root = _strict(convert.convert(source, fmt).content)
    texts = "".join(root.itertext())
    assert "Homes" in texts and "\ufffd" in texts
