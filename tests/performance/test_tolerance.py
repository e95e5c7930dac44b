"""RAG from tolerance: the rule of OpenPlan 1.1, table by table, and its properties."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from openplan.performance.tolerance import (bad_side, distance, observation_rag, rag, target_for, target_value,
                                            tolerance_for)

PERCENT = {"green_within": 5, "amber_within": 10, "unit": "percent"}
ABSOLUTE = {"green_within": 2, "amber_within": 5, "unit": "absolute"}


@pytest.mark.parametrize(("actual", "target", "tolerance", "direction", "qualifier", "expected"), [
    # higher is better: 5% of 100 is green, 10% amber, beyond red; beating the target is green however far
    (100, 100, PERCENT, "increase", None, "green"),
    (150, 100, PERCENT, "increase", None, "green"),
    (95, 100, PERCENT, "increase", None, "green"),
    (94.9, 100, PERCENT, "increase", None, "amber"),
    (90, 100, PERCENT, "increase", None, "amber"),
    (89.9, 100, PERCENT, "increase", None, "red"),
    # lower is better (days to process a claim): under target is green, over it counts
    (5, 20, PERCENT, "decrease", None, "green"),
    (21, 20, PERCENT, "decrease", None, "green"),  # 5% over
    (21.5, 20, PERCENT, "decrease", None, "amber"),  # 7.5% over
    (23, 20, PERCENT, "decrease", None, "red"),  # 15% over
    # no direction: the qualifier decides
    (30, 20, ABSOLUTE, None, "at-most", "red"),
    (10, 20, ABSOLUTE, None, "at-most", "green"),
    (17, 20, ABSOLUTE, None, "at-least", "amber"),
    (99, 20, ABSOLUTE, None, "at-least", "green"),
    # neither, maintain, approximately or exactly: both sides are bad
    (22, 20, ABSOLUTE, None, None, "green"),
    (24, 20, ABSOLUTE, None, "approximately", "amber"),
    (16, 20, ABSOLUTE, "maintain", None, "amber"),
    (26, 20, ABSOLUTE, None, "exactly", "red"),
    # the direction wins over a qualifier that says otherwise
    (90, 100, PERCENT, "increase", "at-most", "amber"),
    # a zero target in per cent: met is green, missed cannot be measured
    (0, 0, PERCENT, "decrease", None, "green"),
    (3, 0, PERCENT, "decrease", None, None),
    (3, 0, ABSOLUTE, "decrease", None, "amber"),
])
def test_rag_table(actual, target, tolerance, direction, qualifier, expected):
    assert rag(actual, target, tolerance, direction, qualifier) == expected


def test_the_unit_defaults_to_percent_and_half_thresholds_are_refused():
    assert rag(94, 100, {"green_within": 5, "amber_within": 10}, "increase") == "amber"
    assert rag(94, 100, {"green_within": 5}, "increase") is None


def test_bad_side_and_distance():
    assert [bad_side("increase"), bad_side("decrease"), bad_side(None, "at-least"), bad_side(None, "at-most"),
            bad_side("maintain", "at-least")] == ["below", "above", "below", "above", "both"]
    assert distance(90, 100) == 10 and distance(-90, -100) == 10 and distance(90, 100, "absolute") == 10


def test_relative_and_date_only_targets():
    baseline = {"value": 50}
    assert target_value({"relative": {"change": -20, "unit": "percent", "from": "baseline"}}, baseline) == 40
    assert target_value({"relative": {"change": 5, "unit": "absolute"}}, baseline) == 55
    assert target_value({"relative": {"change": 5, "unit": "absolute"}}) is None
    assert target_value({"due": {"value": "2028"}, "text": "carbon neutral by 2028"}, baseline) is None
    assert target_value({"value": 7}, baseline) == 7


def test_the_rag_of_an_observation_uses_the_target_in_force_and_the_tolerance_in_force():
    indicator = {"direction": "increase", "targets": [
        {"value": 90, "period": {"value": "FY2025-Q1"}}, {"value": 98, "period": {"value": "FY2025-Q2"}}]}
    plan = {"tolerance": PERCENT}
    observation = {"indicator": "ind.a", "value": 92}
    assert target_for(indicator, {"value": "FY2025-Q2"})["value"] == 98
    assert observation_rag(observation, indicator, plan, {"value": "FY2025-Q2"}) == "amber"
    assert observation_rag(observation, indicator, plan, {"value": "FY2025-Q1"}) == "green"
    assert observation_rag({**observation, "target": {"value": 100}}, indicator, plan, None) == "amber"
    own = {**indicator, "tolerance": {"green_within": 10, "amber_within": 20}}
    assert tolerance_for(own, plan) is own["tolerance"]
    assert observation_rag(observation, own, plan, {"value": "FY2025-Q2"}) == "green"
    assert observation_rag({"indicator": "ind.a", "text": "n/a"}, indicator, plan, {"value": "FY2025-Q2"}) is None
    assert observation_rag(observation, indicator, {}, {"value": "FY2025-Q2"}) is None


ORDER = {"green": 0, "amber": 1, "red": 2}
numbers = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)
thresholds = st.tuples(st.floats(0, 100), st.floats(0, 100)).map(sorted)


@given(target=numbers, near=st.floats(0, 1e6), far=st.floats(0, 1e6), limits=thresholds,
       unit=st.sampled_from(["percent", "absolute"]), direction=st.sampled_from(["increase", "decrease", None]))
def test_rag_never_improves_as_the_actual_moves_further_the_wrong_way(target, near, far, limits, unit, direction):
    near, far = sorted((near, far))
    sign = 1 if direction == "decrease" else -1  # the bad way: down when higher is better
    tolerance = {"green_within": limits[0], "amber_within": limits[1], "unit": unit}
    closer = rag(target + sign * near, target, tolerance, direction)
    further = rag(target + sign * far, target, tolerance, direction)
    if closer is not None and further is not None:
        assert ORDER[closer] <= ORDER[further]


@given(target=numbers, beyond=st.floats(0, 1e6), limits=thresholds, unit=st.sampled_from(["percent", "absolute"]))
def test_meeting_or_beating_the_target_is_always_green(target, beyond, limits, unit):
    tolerance = {"green_within": limits[0], "amber_within": limits[1], "unit": unit}
    assert rag(target + beyond, target, tolerance, "increase") == "green"
    assert rag(target - beyond, target, tolerance, None, "at-most") == "green"
