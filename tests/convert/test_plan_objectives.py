"""Where the page and the Markdown file show a plan's own objectives (1.1: listed directly under the plan):
beside the areas they serve, or, when they relate to no area, in a part of their own, where the plan lists them."""

from __future__ import annotations

import re

import pytest

from openplan.convert import source, to_html, to_markdown
from openplan.convert.html_page.page import context

from ..conftest import EXAMPLES
from ..examples.test_louisville import GOALS
from ..plans import plan_header
from .helpers import write_plan

OWN = """objectives:
  - {id: obj.roads, number: "1", title: Safer roads,
     serves: [{plan: plan.example, item: area.transport, relation: contributes-to}]}
  - {id: obj.staff, number: "2", title: A skilled workforce}
  - id: obj.buses
    number: "3"
    title: Better buses
    serves:
      - {plan: plan.example, item: area.green, relation: contributes-to}
      - {plan: plan.example, item: area.transport, relation: delivers}
    outputs:
      - {id: out.buses.routes, text: New bus routes, due: {text: "March 2026", value: "2026-03"}}
  - {id: obj.cycling, number: "4", title: Cycle routes,
     serves: [{plan: plan.example, item: obj.walking, relation: contributes-to}]}
  - {id: obj.bus-lanes, number: "3.1", title: Bus lanes, parent: obj.buses}
"""
AREAS = """areas:
  - id: area.transport
    number: A
    title: Transport
    objectives:
      - {id: obj.walking, number: A.1, title: Walking}
  - {id: area.green, number: B, title: A greener borough}
"""
# Each objective shown once, with the first area it serves (or the area of the objective it sits under).
WITH_AREAS = ["area.transport", "obj.walking", "obj.roads", "obj.cycling",
              "area.green", "obj.buses", "obj.bus-lanes"]


def _plan(tmp_path, objectives_first: bool = True):
    parts = [OWN, AREAS] if objectives_first else [AREAS, OWN]
    return source.load(write_plan(tmp_path, plan_header("1.1") + "".join(parts)))


def _html_order(page: str) -> list[str]:
    """The ids of the areas and objectives in the page's part "The plan by ...", in the order they are shown."""
    part = page[page.index('<h2 id="areas">'):page.index("</main>")]
    part = part[:part.index("<h2 ", 1)] if "<h2 " in part[1:] else part
    return re.findall(r'<h[34] id="(?:item-)?([^"]+)"', part)


def _markdown_order(text: str, ids: set[str]) -> list[str]:
    return [ident for ident in re.findall(r'^#+ <a id="item-([^"]+)"></a>', text, re.M) if ident in ids]


def _also(page: str, area: str) -> list[str]:
    """The objectives an area's part of the page names as also serving it."""
    start = page.index(f'<h3 id="item-{area}">')
    part = page[start:page.index("</section>", start)]
    found = re.search(r'<p class="meta">Also served by: (.*?)</p>', part)
    return re.findall(r'href="#item-([^"]+)"', found.group(1)) if found else []


def test_the_plans_own_objectives_are_shown_beside_the_areas_they_serve(tmp_path):
    plan = _plan(tmp_path)
    page = to_html(plan.data, plan.index)
    # listed before the areas, the objective that relates to no area comes first, under a heading of its own
    assert _html_order(page) == ["plan-wide", "obj.staff", *WITH_AREAS]
    assert '<h3 id="plan-wide">Across the plan</h3>' in page
    # better buses serves both areas: shown in full with the first, named and linked under the other
    assert _also(page, "area.transport") == ["obj.buses"] and _also(page, "area.green") == []
    assert page.count('id="item-obj.buses"') == 1
    assert "<h4" in page and '<h4 id="item-obj.staff">' in page


def test_objectives_listed_after_the_areas_come_after_them(tmp_path):
    plan = _plan(tmp_path, objectives_first=False)
    page = to_html(plan.data, plan.index)
    assert _html_order(page) == [*WITH_AREAS, "plan-wide", "obj.staff"]
    text = to_markdown(plan.data, plan.index)
    assert _markdown_order(text, {"obj.staff", *WITH_AREAS}) == [*WITH_AREAS, "obj.staff"]
    assert text.index("## The plan by area") < text.index("## Objectives") < text.index('id="item-obj.staff"')


def test_markdown_shows_them_in_the_same_places_as_the_page(tmp_path):
    plan = _plan(tmp_path)
    text = to_markdown(plan.data, plan.index)
    assert _markdown_order(text, {"obj.staff", *WITH_AREAS}) == ["obj.staff", *WITH_AREAS]
    transport = text[text.index('id="item-area.transport"'):text.index('id="item-area.green"')]
    assert "Also served by: [3 Better buses](#item-obj.buses)" in transport
    assert text.index("## Objectives") < text.index("## The plan by area")


def test_the_timeline_puts_their_dated_outputs_with_their_area(tmp_path):
    plan = _plan(tmp_path)
    groups = context(plan.data, plan.index)["timeline"].groups
    assert [(group.id, [bar.id for bar in group.bars]) for group in groups] == [("area.green", ["out.buses.routes"])]


def test_a_plan_with_no_areas_is_shown_by_its_objectives_with_no_heading_level_skipped(tmp_path):
    text = plan_header("1.1") + """objectives:
  - {id: obj.roads, number: "1", title: Safer roads}
  - {id: obj.crossings, number: "1.1", title: Safer crossings, parent: obj.roads}
"""
    plan = source.load(write_plan(tmp_path, text))
    page = to_html(plan.data, plan.index)
    assert '<h2 id="areas">The plan by objectives</h2>' in page and '<a href="#areas">The plan by objectives' in page
    assert _html_order(page) == ["obj.roads", "obj.crossings"]
    assert "<h4" not in page and 'id="plan-wide"' not in page


LOUISVILLE = EXAMPLES / "louisville-metro"


@pytest.fixture(scope="module")
def department():
    plan = source.load(LOUISVILLE / "public-health-strategic-plan-fy13-19.yaml")
    return plan, to_html(plan.data, plan.index), to_markdown(plan.data, plan.index)


def test_each_louisville_goal_is_shown_with_the_first_department_objective_it_serves(department):
    """Pages 9 to 12 print each goal's department objectives; the goal sits with the first of them, and every
    other one it serves names it."""
    plan, page, _ = department
    order = _html_order(page)
    areas = {area["number"]: area["id"] for area in plan.data["areas"]}
    goals = {goal["number"]: goal["id"] for goal in plan.data["objectives"]}
    assert [ident for ident in order if ident.startswith("area.")] == list(areas.values())
    shown_with = {}
    for ident in order:
        if ident.startswith("area."):
            area = ident
        else:
            shown_with[ident] = area
    assert set(shown_with) == set(goals.values())  # every goal once, none left after the last objective
    for number, (_, department_objectives, _) in GOALS.items():
        first, *others = department_objectives.split()
        assert shown_with[goals[str(number)]] == areas[first], number
        for other in others:
            assert goals[str(number)] in _also(page, areas[other]), (number, other)
    assert sum(len(_also(page, area)) for area in areas.values()) == sum(
        len(served.split()) - 1 for _, served, _ in GOALS.values())


def test_the_louisville_markdown_shows_the_goals_in_the_same_order_as_the_page(department):
    plan, page, text = department
    ids = {item["id"] for item in plan.data["areas"] + plan.data["objectives"]}
    assert _markdown_order(text, ids) == _html_order(page)
    assert not re.search(r"^## Goals$", text, re.M)  # no goal is left on its own


def test_the_metro_objectives_with_no_areas_are_headed_one_level_below_the_part(tmp_path):
    plan = source.load(LOUISVILLE / "metro-strategic-objectives.yaml")
    page = to_html(plan.data, plan.index)
    assert _html_order(page) == [o["id"] for o in plan.data["objectives"]]
    part = page[page.index('<h2 id="areas">'):page.index('<h2 id="sections">')]
    assert part.count("<h3 ") == 5 and "<h4" not in part
