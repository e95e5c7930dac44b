"""Trend, roll-ups of a report's updates and observations, and published counts checked against them."""

from __future__ import annotations

from collections import Counter

import pytest

from openplan.performance import published, rollup, scale
from openplan.performance.trend import observation_trend, previous_value, trend
from openplan.validation.api import Validator

from .files import REPORT, project


@pytest.mark.parametrize(("value", "previous", "direction", "target", "expected"), [
    (98, 97, "increase", None, "improving"),
    (96, 97, "increase", None, "worsening"),
    (12, 15, "decrease", None, "improving"),
    (97, 97, "increase", None, "no-change"),
    (52, 55, "maintain", 50, "improving"),
    (45, 48, None, 50, "worsening"),
    (52, 48, None, 50, "no-change"),
    (52, 48, None, None, None),
])
def test_trend(value, previous, direction, target, expected):
    assert trend(value, previous, direction, target) == expected


def test_the_previous_value_comes_from_the_report_else_from_the_report_before():
    earlier = {"observations": [{"indicator": "ind.a", "value": 90}, {"indicator": "ind.b", "text": "n/a"}]}
    assert previous_value({"indicator": "ind.a", "previous_value": 80}, earlier) == 80
    assert previous_value({"indicator": "ind.a"}, earlier) == 90
    assert previous_value({"indicator": "ind.b"}, earlier) is None
    assert observation_trend({"indicator": "ind.a", "value": 95}, {"direction": "increase"}, earlier) == "improving"


def report_index(tmp_path, text=REPORT):
    validator = Validator()
    findings, index = validator.check_document(validator.workspace.load(project(tmp_path, text)))
    return index


def test_updates_roll_up_to_objectives_areas_themes_and_the_plan(tmp_path):
    index = report_index(tmp_path)
    words = scale.scale_of(index.data, index.plan.data)
    rated = rollup.rate_updates(index.data, index.items, words)
    # a stage counts as the status and RAG the scale maps it to
    assert [(r.subject, r.status, r.rag) for r in rated] == [
        ("out.arrears", "at-risk", "amber"), ("out.online", "complete", "green"), ("out.homes", "off-track", "red")]
    by_rag = rollup.count(rated, "rag")
    assert by_rag["plan"] == Counter(green=1, amber=1, red=1)
    assert by_rag["area.finance"] == Counter(green=1, amber=1)
    assert by_rag["obj.collect"] == by_rag["theme.money"] == Counter(green=1, amber=1)
    assert by_rag["area.housing"] == Counter(red=1)
    assert rollup.count(rated, "status")["plan"] == Counter({"at-risk": 1, "complete": 1, "off-track": 1})


def test_observations_count_where_their_indicator_measures(tmp_path):
    index = report_index(tmp_path, REPORT.replace("rag: green, previous_value", "previous_value"))
    rated = rollup.rate_observations(index.data, index.items, index.plan.data)
    # no published RAG: the tolerance gives it (97.9 against at least 98 is 0.1% short: green)
    assert [(r.subject, r.rag) for r in rated] == [("ind.tax", "green")]
    assert set(rated[0].scopes) == {"plan", "area.finance", "obj.collect", "theme.money"}


def test_published_counts_that_disagree_with_the_updates(tmp_path):
    text = REPORT.replace("counts: {green: 1, amber: 1, red: 1}, total: 3",
                          "counts: {green: 2, amber: 1, red: 1}, total: 4") + \
        "  - {scope: area.housing, of: updates, by: status, counts: {off-track: 1}}\n"
    index = report_index(tmp_path, text)
    words = scale.scale_of(index.data, index.plan.data)
    updates = rollup.rate_updates(index.data, index.items, words)
    observations = rollup.rate_observations(index.data, index.items, index.plan.data)
    assert published.compare(index.data, updates, observations) == [
        published.Disagreement(0, "plan", "updates", "rag", "green", 2, 1),
        published.Disagreement(0, "plan", "updates", "rag", None, 4, 3)]
    assert published.compare(report_index(tmp_path / "good").data, updates, observations) == []
