"""Lint rules that fired on real councils' plans where they should not, each from a minimal reproduction, and
the advice and grammar of their messages."""

from __future__ import annotations

from datetime import date

from ..plans import BASE_PLAN
from openplan.lint.config import CommandLine
from openplan.lint.engine import LintOptions, Linter
from openplan.validation import Validator

from .conftest import codes, lint_files, write_project

_REGISTRY = ('openplan: "1.0"\nkind: registry\nid: reg.pledges\ntitle: Council registry\n'
             "organisations:\n  - {id: org.example, name: Example Council}\n"
             "pledge_sets:\n  - id: pledges.residents\n    title: Pledges to residents\n    pledges:\n"
             "      - {id: pledge.homes, number: 1, text: \"Build 1,000 council homes.\"}\n"
             "      - {id: pledge.trees, number: 2, text: \"Plant 2,000 street trees.\"}\n")
_PLAN = ('openplan: "1.0"\nid: plan.example\ntitle: Example Council Plan 2025/26\norganisation: org.example\n'
         'registries: [registry.yaml]\nperiod: {start: "2025-04-01", end: "2026-03-31"}\nedition: {status: draft}\n'
         "pledges: [{pledge: pledges.residents, type: reflects}]\n"
         "areas:\n  - id: area.place\n    title: Place\n    objectives:\n"
         "      - id: obj.homes\n        title: More council homes\n"
         "        pledges: [{pledge: pledge.homes, type: delivers}]\n"
         "      - id: obj.trees\n        title: Greener streets\n"
         "        pledges: [{pledge: pledge.trees, type: delivers}]\n")


def _lint(tmp_path, files: dict[str, str], *select: str, today: date | None = None):
    paths = write_project(tmp_path, files)
    if today is not None:
        options = LintOptions(isolated=True, command_line=CommandLine(select=select), today=today)
        return Linter(options).lint(*paths.values())
    return lint_files(*paths.values(), select=select)


def _messages(result, code: str) -> list[str]:
    return [finding.message for finding in result.findings if finding.code == code]


# -- N604: numbers that do start with their parent's ---------------------------------------------------------


def test_n604_accepts_three_level_numbers_with_leading_zeros_under_their_area(tmp_path):
    plan = BASE_PLAN + ("areas:\n  - id: area.economic-resilience\n    number: \"2\"\n    title: Economy\n"
                        "    objectives:\n"
                        "      - {id: obj.local-plan-adoption, number: \"2.01.01\", title: Adopt the local plan}\n"
                        "      - {id: obj.town-centres, number: \"2.01.02\", title: Town centres}\n")
    assert _messages(_lint(tmp_path, {"plan.yaml": plan}, "N604"), "N604") == []


def test_n604_accepts_a_sub_objective_numbered_under_its_parent_objective(tmp_path):
    plan = BASE_PLAN + ("areas:\n  - id: area.one\n    number: \"1\"\n    title: One\n    objectives:\n"
                        "      - {id: obj.parent, number: \"1.1\", title: Parent}\n"
                        "      - {id: obj.child, number: \"1.1.1\", title: Child, parent: obj.parent}\n")
    assert _messages(_lint(tmp_path, {"plan.yaml": plan}, "N604"), "N604") == []


def test_n604_still_reports_numbers_for_another_parent(tmp_path):
    plan = BASE_PLAN + ("areas:\n  - id: area.one\n    number: \"1\"\n    title: One\n    objectives:\n"
                        "      - {id: obj.parent, number: \"1.1\", title: Parent}\n"
                        "      - {id: obj.child, number: \"1.2.1\", title: Child, parent: obj.parent}\n"
                        "      - {id: obj.moved, number: \"3.01.01\", title: Moved}\n")
    assert _messages(_lint(tmp_path, {"plan.yaml": plan}, "N604"), "N604") == [
        '"obj.child" is numbered "1.2.1" but belongs to "obj.parent", numbered "1.1"',
        '"obj.moved" is numbered "3.01.01" but sits in "area.one", numbered "1"']


# -- P401 and P403: registries judged against every plan of the run ------------------------------------------


def test_p401_judges_a_registry_pledge_set_by_the_plans_in_the_run(tmp_path):
    result = _lint(tmp_path, {"registry.yaml": _REGISTRY, "plan.yaml": _PLAN}, "P401")
    assert _messages(result, "P401") == []


def test_p401_reports_a_registry_pledge_no_plan_in_the_run_delivers(tmp_path):
    plan = _PLAN.replace("pledge: pledge.trees, type: delivers", "pledge: pledge.trees, type: reflects")
    result = _lint(tmp_path, {"registry.yaml": _REGISTRY, "plan.yaml": plan}, "P401")
    found = sorted((f.file.rsplit("/", 1)[-1], f.item) for f in result.findings if f.code == "P401")
    assert found == [("plan.yaml", "pledge.trees"), ("registry.yaml", "pledge.trees")]


def test_p401_counts_a_plan_that_fails_validation_but_can_be_indexed(tmp_path):
    plan = _PLAN.replace("status: draft", "status: drafty")
    result = _lint(tmp_path, {"registry.yaml": _REGISTRY, "plan.yaml": plan}, "P401")
    assert "S006" in codes(result) and _messages(result, "P401") == []


def test_p403_counts_references_from_a_plan_that_fails_validation(tmp_path):
    plan = _PLAN.replace("status: draft", "status: drafty")
    registry = _REGISTRY.replace("organisations:\n", "organisations:\n  - {id: org.unused, name: Nobody}\n")
    result = _lint(tmp_path, {"registry.yaml": registry, "plan.yaml": plan}, "P403")
    assert _messages(result, "P403") == ['the organisation "org.unused" is used by no file in this run']


def test_p403_is_skipped_for_a_registry_named_by_a_plan_that_cannot_be_indexed(tmp_path):
    plan = _PLAN.replace("title: Example Council Plan 2025/26\n", "title: [not, text]\n").replace(
        "areas:", "areas: oops\nx-areas:")
    result = _lint(tmp_path, {"registry.yaml": _REGISTRY, "plan.yaml": plan}, "P403")
    assert _messages(result, "P403") == []


def test_p403_counts_a_pledge_set_used_when_a_plan_links_one_of_its_pledges(tmp_path):
    plan = _PLAN.replace("pledges: [{pledge: pledges.residents, type: reflects}]\n", "")
    result = _lint(tmp_path, {"registry.yaml": _REGISTRY, "plan.yaml": plan}, "P403")
    assert _messages(result, "P403") == []


# -- I008 and D301: a note records a reviewed date -----------------------------------------------------------

_OUTSIDE = BASE_PLAN + "milestones:\n  - id: ms.a\n    title: Launch\n    due: {text: May 2027, value: 2027-05}\n"


def _i008(tmp_path, text: str) -> list[str]:
    paths = write_project(tmp_path, {"plan.yaml": text})
    return [f.message for f in Validator().check_file(paths["plan.yaml"]) if f.code == "I008"]


def test_i008_is_cleared_by_a_note_on_the_date_as_its_hint_says(tmp_path):
    assert _i008(tmp_path, _OUTSIDE)  # the warning the note answers
    noted = _OUTSIDE.replace("value: 2027-05}", "value: 2027-05, note: Runs on after the plan by design.}")
    assert _i008(tmp_path, noted) == []
    assert "note" in Validator().check_file(write_project(tmp_path, {"plan.yaml": _OUTSIDE})["plan.yaml"])[0].hint


def test_i008_is_cleared_by_a_timetable_note_on_the_item_or_naming_it(tmp_path):
    on_item = _OUTSIDE + "    notes:\n      - {kind: timetable, text: Runs on after the plan by design.}\n"
    assert _i008(tmp_path, on_item) == []
    naming = _OUTSIDE + "notes:\n  - {kind: timetable, text: Runs on by design., applies_to: [ms.a]}\n"
    assert _i008(tmp_path, naming) == []
    other_kind = _OUTSIDE + "notes:\n  - {kind: caveat, text: Subject to funding., applies_to: [ms.a]}\n"
    assert _i008(tmp_path, other_kind)


def test_d301_is_cleared_by_a_note_on_the_date(tmp_path):
    event = "events:\n  - {id: event.budget, title: Budget 2031, date: {text: March 2031, value: \"2031-03\"}}\n"
    plan = BASE_PLAN + event + ("milestones:\n  - id: ms.submission\n    title: Budget submission\n"
                                "    due: {text: at the Budget, relative_to: event.budget, relation: at}\n")
    assert _messages(_lint(tmp_path, {"plan.yaml": plan}, "D301"), "D301")
    noted = plan.replace("relation: at}", "relation: at, note: The Budget after this plan.}")
    assert _messages(_lint(tmp_path, {"plan.yaml": noted}, "D301"), "D301") == []


# -- D302: recurring and ongoing work ------------------------------------------------------------------------


def test_d302_does_not_report_recurring_or_ongoing_work(tmp_path):
    plan = BASE_PLAN + ("milestones:\n"
                        "  - {id: ms.ongoing, title: Engagement, due: {value: 2025-05/2025-07, recurrence: ongoing}}\n"
                        "  - {id: ms.annual, title: Annual report, due: {value: \"2025\", recurrence: annual}}\n"
                        "  - {id: ms.once, title: Launch, due: {value: 2025-06}}\n")
    result = _lint(tmp_path, {"plan.yaml": plan}, "D302", today=date(2026, 1, 1))
    assert [f.item for f in result.findings if f.code == "D302"] == ["ms.once"]


# -- W501: indicator titles, progress notes and product names ------------------------------------------------


def test_w501_reads_short_indicator_titles_and_progress_notes(tmp_path):
    plan = BASE_PLAN + ("areas:\n  - id: area.place\n    title: Place\n    objectives:\n"
                        "      - id: obj.homes\n        title: More homes\n"
                        "        indicators:\n          - {id: ind.nrpf, title: \"NRPF %\"}\n"
                        "        progress:\n          - {date: \"2025-06-01\", note: Agreed with the GLA.}\n")
    result = _lint(tmp_path, {"plan.yaml": plan}, "W501")
    assert sorted(f.value for f in result.findings if f.code == "W501") == ["GLA", "NRPF"]


def test_w501_passes_over_product_names_but_not_acronyms_with_small_letters(tmp_path):
    plan = BASE_PLAN + ("areas:\n  - id: area.place\n    title: Place\n    description: Report it on MyRBKC or "
                        "NHSmail, as TfL and the DfES ask.\n")
    result = _lint(tmp_path, {"plan.yaml": plan}, "W501")
    assert sorted(f.value for f in result.findings if f.code == "W501") == ["DfES", "TfL"]


def test_w501_still_passes_over_headings_in_capitals(tmp_path):
    plan = BASE_PLAN + ("areas:\n  - id: area.place\n    title: HOUSING AND PLANNING\n"
                        "    description: Housing and planning work.\n")
    assert _messages(_lint(tmp_path, {"plan.yaml": plan}, "W501"), "W501") == []


def test_w501_reads_the_titles_and_descriptions_of_outputs(tmp_path):
    plan = BASE_PLAN.replace('openplan: "1.0"', 'openplan: "1.1"') + (
        "objectives:\n  - id: obj.homes\n    title: More homes\n    outputs:\n"
        "      - {id: out.sites, title: Agree sites with the GLA, description: Through the LHDP board.}\n")
    result = _lint(tmp_path, {"plan.yaml": plan}, "W501")
    assert sorted(f.value for f in result.findings if f.code == "W501") == ["GLA", "LHDP"]


# -- 1.1 structures in the shipped examples -------------------------------------------------------------------


def test_numbering_rules_read_items_own_numbers_not_the_numbers_of_serves_links():
    from ..conftest import EXAMPLES

    result = lint_files(EXAMPLES / "louisville-metro" / "public-health-strategic-plan-fy13-19.yaml",
                        EXAMPLES / "pittsburgh" / "open-data-report-2024.yaml", select=("numbering",))
    numbering = [f for f in result.findings if f.code.startswith("N6")]
    assert numbering and not [f for f in numbering if "/serves/" in (f.pointer or "")]
    # Pittsburgh numbers its release groups i. to iii. and each group's datasets 1., 2., ... (part_of)
    assert not [f for f in numbering if (f.item or "").startswith("ms.releases")]


# -- W503: advice the schema allows --------------------------------------------------------------------------


def test_w503_does_not_advise_merging_outputs_of_different_objectives(tmp_path):
    plan = BASE_PLAN + ("areas:\n  - id: area.services\n    title: Services\n    objectives:\n"
                        "      - id: obj.freedom-pass\n        title: Freedom Pass\n        outputs:\n"
                        "          - {id: out.fp.digital, text: Improve digital services.}\n"
                        "      - id: obj.taxicard\n        title: Taxicard\n        outputs:\n"
                        "          - {id: out.tc.digital, text: Improve digital services.}\n"
                        "          - {id: out.tc.digital-2, text: Improve digital services.}\n")
    result = _lint(tmp_path, {"plan.yaml": plan}, "W503")
    hints = {f.item: f.hint for f in result.findings if f.code == "W503"}
    assert set(hints) == {"out.tc.digital", "out.tc.digital-2"}
    assert "merge" not in hints["out.tc.digital"].replace("cannot be merged", "")
    assert "belongs to one objective" in hints["out.tc.digital"]
    assert "merge them into one output" in hints["out.tc.digital-2"]  # siblings of one objective can be merged


# -- grammar ---------------------------------------------------------------------------------------------------


def test_wrong_kind_reference_uses_an_before_a_vowel(tmp_path):
    plan = BASE_PLAN + ("areas:\n  - id: area.a\n    title: A\n    objectives:\n"
                        "      - id: obj.a\n        title: A\n"
                        "        indicators: [{id: ind.1-1-2-pi, title: Homes}]\n"
                        "milestones:\n  - {id: ms.a, title: Launch, objectives: [ind.1-1-2-pi]}\n")
    paths = write_project(tmp_path, {"plan.yaml": plan})
    messages = [f.message for f in Validator().check_file(paths["plan.yaml"]) if f.code == "I003"]
    assert messages == ['"objectives" must name an objective, but "ind.1-1-2-pi" is an indicator']


def test_article_helper():
    from openplan.wording import a

    assert [a(word) for word in ("indicator", "output", "pledge set", "unit", "hour", "organisation")] == [
        "an indicator", "an output", "a pledge set", "a unit", "an hour", "an organisation"]
