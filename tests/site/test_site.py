"""`openplan site`: the pages, their links, the pledge tracker, the cascade, branding, Welsh, bad input, and
that the site is written whole and never inside the folder of plans."""

from __future__ import annotations

import html
import re
import shutil
from datetime import date
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from typer.testing import CliRunner

from openplan.cli import app
from openplan.site import SiteError, build_site, contrast
from openplan.site.branding import SiteConfigError, branding, darken_until

from ..conftest import EXAMPLES
from ..plans import plan_header

TODAY = date(2025, 10, 1)
METRO = {"organisation": "org.metro", "council": "Metro Council", "edition": "{status: approved}"}
PARENT = plan_header("1.1", id="metro-plan", title="Metro Strategic Plan", **METRO) + """\
areas:
  - id: area.city
    number: "1"
    title: A thriving city
    objectives:
      - {id: obj.metro.1, number: "1.1", title: Deliver excellent services}
      - {id: obj.metro.2, number: "1.2", title: Invest in people}
"""
CHILD = plan_header("1.1", id="health-plan", title="Public Health Plan", **METRO) + """\
parents:
  - {id: metro-plan, path: parent.yaml, relation: implements}
  - {id: state-plan, title: State Health Improvement Plan, url: "https://example.org/state"}
areas:
  - id: area.health
    number: "1"
    title: Healthy people
    objectives:
      - id: obj.health.1
        number: "1.1"
        title: Fewer smokers
        serves:
          - {plan: metro-plan, item: obj.metro.2, relation: contributes-to}
          - {plan: state-plan, item: goal.3, number: "3", relation: delivers}
        outputs:
          - id: out.health.clinics
            number: a
            text: Open two stop-smoking clinics
            serves: [{plan: metro-plan, item: obj.metro.1, relation: delivers}]
"""
PLEDGED = """\
pledge_sets:
  - id: pledges.small
    title: Our pledges
    pledges:
      - {{id: pledge.small.1, number: "1", text: Clean streets}}
      - {{id: pledge.small.2, number: "2", text: Safe parks}}
areas:
  - id: area.environment
    number: "1"
    title: Environment
    objectives:
      - id: obj.streets
        number: "1.1"
        title: Cleaner streets
        pledges: [{{pledge: pledge.small.1, type: delivers}}]
        progress: [{{date: "{year}-09-30", status: {status}}}]
"""


def _folder(tmp_path: Path, files: dict[str, str], name: str = "plans") -> Path:
    folder = tmp_path / name
    folder.mkdir()
    (folder / ".git").mkdir()
    for file, text in files.items():
        (folder / file).write_text(text, encoding="utf-8")
    return folder


def _pledged(year: int, status: str) -> str:
    """A 1.0 plan of the Small Council for the financial year from April ``year``, its pledge work at ``status``."""
    period = f'{{start: "{year}-04-01", end: "{year + 1}-03-31", text: "{year}/{str(year + 1)[2:]}"}}'
    return plan_header("1.0", id=f"small-plan-{year}", title=f"Small Council Plan {year}", organisation="org.small",
                       council="Small Council", period=period, edition="{status: approved}") \
        + PLEDGED.format(year=year, status=status)


def _text(page: Path) -> str:
    return re.sub(r"<style>.*?</style>", "", page.read_text(encoding="utf-8"), flags=re.S)


@pytest.fixture(scope="module")
def examples_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site") / "site"
    return build_site(EXAMPLES, out, today=TODAY)


def test_the_examples_build_into_a_site_whose_every_internal_link_resolves(examples_site):
    root = examples_site.output
    assert not examples_site.failures
    pages = sorted(root.rglob("*.html"))
    assert {"index.html", "pledges.html", "themes.html", "cascade.html"} <= {p.name for p in pages}
    assert (root / "plans/london-councils-business-plan-2020-21-final/index.html").is_file()
    checked = 0
    ids: dict[Path, set[str]] = {}
    for page in pages:
        text = page.read_text(encoding="utf-8")
        for href in re.findall(r'href="([^"]*)"', text):
            href = html.unescape(href)
            if href.startswith(("https://", "http://", "mailto:")):
                continue
            parts = urlsplit(href)
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            assert target.is_file(), f"{page.relative_to(root)}: {href} does not exist"
            assert root.resolve() in target.parents  # never outside the site
            if parts.fragment and target.suffix == ".html":
                if target not in ids:
                    ids[target] = set(re.findall(r'id="([^"]+)"', target.read_text(encoding="utf-8")))
                assert html.unescape(parts.fragment) in {html.unescape(i) for i in ids[target]}, \
                    f"{page.relative_to(root)}: {href} has no such place"
            checked += 1
    assert checked > 500


def test_each_plan_has_its_downloads_beside_its_page_and_they_read_back(examples_site):
    from openplan.convert import from_csv, from_xlsx
    from openplan.loader import parse

    folder = examples_site.output / "plans/london-councils-business-plan-2020-21-final"
    name = folder.name
    page = (folder / "index.html").read_text(encoding="utf-8")
    for file in (f"{name}.yaml", f"{name}.json", f"{name}-csv.zip", f"{name}.xlsx"):
        assert (folder / file).stat().st_size > 1000 and f'href="{file}"' in page
    data = parse((folder / f"{name}.yaml").read_text(encoding="utf-8")).data
    assert data["id"] == name
    assert from_xlsx(folder / f"{name}.xlsx")["id"] == name
    assert from_csv(folder / f"{name}-csv.zip")["id"] == name


def test_the_index_lists_plans_by_year_newest_first_with_editions_and_reports(examples_site):
    index = _text(examples_site.output / "index.html")
    years = re.findall(r'<h2 id="year-\d+">([^<]+)</h2>', index)
    assert years.index("2022/23") < years.index("2020/21") < years.index("2017/18") < years.index("2013/14")
    year = index[index.index(">2020/21</h2>"):]
    year = year[:year.index("</section>")]
    assert 'tone-neutral">Draft</span>' in year and 'tone-neutral">Final</span>' in year  # both editions
    assert '<a href="reports/report.hart.2014-15.q2/index.html">' in index  # under the plan it reports on


def test_the_pledge_tracker_follows_the_london_councils_pledges_across_the_plans(examples_site):
    tracker = _text(examples_site.output / "pledges.html")
    sections = dict(re.findall(r'<h2 id="pledge-\d+">([^<]+)</h2>(.*?)</section>', tracker, flags=re.S))
    london = [p for p in EXAMPLES.glob("london-councils/*.yaml") if "pledges.yaml" in p.read_text(encoding="utf-8")
              and "kind: registry" not in p.read_text(encoding="utf-8")]
    for pledge_set in ("Pledges to Londoners", "Pledges for Business"):
        rows = re.findall(r"<tr><th scope=\"row\"><a href=\"plans/([^/]+)/index.html\">", sections[pledge_set])
        # every plan that uses the pledge sets, oldest first; the sets name no items, so none is linked
        assert len(rows) == len(london) and rows[0] == "london-councils-business-plan-2013-14"
        assert sections[pledge_set].count("No work in this plan is linked") == len(london)


def test_the_pledge_tracker_lists_the_work_that_delivers_each_pledge_and_its_latest_status(tmp_path):
    folder = _folder(tmp_path, {"2024.yaml": _pledged(2024, "at-risk"), "2025.yaml": _pledged(2025, "complete")})
    built = build_site(folder, tmp_path / "site", today=TODAY)
    tracker = _text(built.output / "pledges.html")
    section = tracker[tracker.index("1. Clean streets"):]
    section = section[:section.index("</section>")]
    rows = re.findall(r'<a href="plans/(small-plan-\d+)/index.html#item-obj.streets">1.1 Cleaner streets</a>'
                      r'.*?<span class="badge tone-(\w+)">([^<]+)</span>', section, flags=re.S)
    assert rows == [("small-plan-2024", "warn", "At risk"), ("small-plan-2025", "done", "Complete")]
    other = tracker[tracker.index("2. Safe parks"):]
    assert other[:other.index("</section>")].count("No work in this plan is linked") == 2


def test_the_cascade_shows_a_child_plan_serving_its_parent_both_ways(tmp_path):
    folder = _folder(tmp_path, {"parent.yaml": PARENT, "child.yaml": CHILD})
    built = build_site(folder, tmp_path / "site", today=TODAY)
    cascade = _text(built.output / "cascade.html")
    assert cascade.count("<section") == 2  # the child sits under two plans
    metro = cascade[cascade.index('<a href="plans/metro-plan/index.html">Metro Strategic Plan</a>'):]
    rows = re.findall(r'<a href="plans/health-plan/index.html#item-([^"]+)">[^<]+</a></th><td>'
                      r'<a href="plans/metro-plan/index.html#item-([^"]+)">([^<]+)</a>', metro)
    assert rows == [("obj.health.1", "obj.metro.2", "1.2 Invest in people"),
                    ("out.health.clinics", "obj.metro.1", "1.1 Deliver excellent services")]
    state = cascade[cascade.index("State Health Improvement Plan"):]
    assert "(not published here)" in state[:200] and "3 (goal.3)" in state  # known only by the link's words
    parent_page = _text(built.output / "plans/metro-plan/index.html")
    served = parent_page[parent_page.index("<caption>Work that serves this plan"):]
    assert '<a href="../health-plan/index.html#item-out.health.clinics">Public Health Plan: a Open two ' \
           'stop-smoking clinics</a>' in served
    child_page = _text(built.output / "plans/health-plan/index.html")
    assert '<a href="../metro-plan/index.html">Metro Strategic Plan</a>' in child_page
    assert '<a href="https://example.org/state">State Health Improvement Plan</a>' in child_page


def test_a_folder_with_invalid_plans_builds_the_valid_ones_and_lists_the_rest_with_errors(tmp_path):
    broken = _pledged(2025, "on-track").replace("status: approved", "status: aproved")
    folder = _folder(tmp_path, {"good.yaml": _pledged(2024, "on-track"), "broken.yaml": broken,
                                "garbled.yaml": "openplan: '1.0'\nid: [unclosed\n"})
    built = build_site(folder, tmp_path / "site", today=TODAY)
    assert [s.id for s in built.plans] == ["small-plan-2024"]
    assert sorted(Path(f.path).name for f in built.failures) == ["broken.yaml", "garbled.yaml"]
    index = _text(built.output / "index.html")
    assert "Files that could not be published" in index
    error = (f'{folder / "broken.yaml"}:6:19: error S006 "aproved" is not a valid edition status ("status" in the '
             'plan); did you mean "approved"?')
    assert f"<li>{error}</li>" in html.unescape(index)
    assert re.search(r"garbled.yaml:\d+:\d+: error L\d+", html.unescape(index))
    result = CliRunner().invoke(app, ["site", str(folder), "-o", str(tmp_path / "again")])
    assert result.exit_code == 2 and "1 plan published" in result.output  # 2: garbled.yaml cannot be read
    # Each error as validate prints it: the place, the line with a caret under the column, the hint.
    shown = (f"{error}\n    edition: {{status: aproved}}\n{' ' * 22}^\n"
             "    hint: Use one of: draft, consultation, approved, superseded, withdrawn.\n")
    assert shown in result.output
    assert shown in CliRunner().invoke(app, ["validate", str(folder / "broken.yaml")]).output
    (folder / "garbled.yaml").unlink()
    result = CliRunner().invoke(app, ["site", str(folder), "-o", str(tmp_path / "third")])
    assert result.exit_code == 1 and "1 plan published" in result.output  # 1: only invalid plans left out


def test_two_plans_with_one_id_publish_the_first_and_report_the_other_at_its_id(tmp_path):
    folder = _folder(tmp_path, {"a.yaml": _pledged(2024, "on-track"), "b.yaml": _pledged(2024, "complete")})
    built = build_site(folder, tmp_path / "site", today=TODAY)
    assert [s.path for s in built.plans] == [str(folder / "a.yaml")]
    [failure] = built.failures
    [finding] = failure.findings
    assert (finding.code, finding.file, finding.line, finding.column) == ("I001", str(folder / "b.yaml"), 2, 5)
    assert finding.message == f'the plan id "small-plan-2024" is also the id of {folder / "a.yaml"}; each plan ' \
        "needs its own"
    assert built.exit_code == 1 and not failure.unreadable
    result = CliRunner().invoke(app, ["site", str(folder), "-o", str(tmp_path / "again")])
    assert result.exit_code == 1 and f"{folder / 'b.yaml'}:2:5: error I001 {finding.message}\n" \
        "    id: small-plan-2024\n        ^\n" in result.output


def test_the_site_is_never_written_inside_the_folder_of_plans_and_replaces_the_old_one_whole(tmp_path):
    folder = _folder(tmp_path, {"plan.yaml": _pledged(2024, "on-track")})
    before = sorted(p.relative_to(folder) for p in folder.rglob("*"))
    with pytest.raises(SiteError, match="outside the folder of plans"):
        build_site(folder, folder / "site")
    result = CliRunner().invoke(app, ["site", str(folder), "-o", str(folder / "public")])
    assert result.exit_code == 2 and "outside the folder of plans" in result.output
    out = tmp_path / "site"
    out.mkdir()
    (out / "stale.html").write_text("old", encoding="utf-8")
    build_site(folder, out, today=TODAY)
    assert not (out / "stale.html").exists() and (out / "index.html").is_file()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site.")]  # no temporary folder left
    assert sorted(p.relative_to(folder) for p in folder.rglob("*")) == before


def test_many_plans_are_built_by_two_workers_with_the_same_pages_as_by_one(tmp_path):
    files = {f"{year}.yaml": _pledged(year, "on-track") for year in range(2010, 2020)}
    folder = _folder(tmp_path, files)
    one = build_site(folder, tmp_path / "one", jobs=1, today=TODAY)
    two = build_site(folder, tmp_path / "two", jobs=2, today=TODAY)
    assert two.jobs == 2 and one.jobs == 1
    pages = sorted(p.relative_to(one.output) for p in one.output.rglob("*.html"))
    assert pages == sorted(p.relative_to(two.output) for p in two.output.rglob("*.html")) and len(pages) == 14
    for page in pages:
        assert (one.output / page).read_bytes() == (two.output / page).read_bytes(), page


def test_branding_keeps_contrast_whatever_colours_are_chosen(tmp_path):
    chosen = branding({"name": "Yellow Council", "colours": {"accent": "#ffdd00", "header_background": "#ffdd00",
                                                              "header_text": "#ffffff"}}, tmp_path)
    assert contrast(chosen.accent, "#ffffff") >= 4.5 and chosen.accent != "#ffdd00"
    assert contrast(chosen.header_text, chosen.header_background) >= 4.5
    assert len(chosen.adjusted) == 2 and "colours.accent #ffdd00" in chosen.adjusted[0]
    kept = branding({"colours": {"accent": "#1d4f91"}}, tmp_path)
    assert kept.accent == "#1d4f91" and not kept.adjusted  # a colour that passes is left alone
    assert contrast(darken_until("#ffffff"), "#ffffff") >= 4.5
    assert round(contrast("#777777", "#ffffff"), 2) == 4.48  # WCAG's own worked value


def test_a_bad_configuration_is_refused_with_file_line_and_column(tmp_path):
    folder = _folder(tmp_path, {"plan.yaml": _pledged(2024, "on-track"),
                                "openplan-site.yaml": "name: Small Council\ncolours:\n  accent: blue\n"})
    with pytest.raises(SiteError, match=r"openplan-site.yaml:3:11: colours.accent is 'blue', not a colour"):
        build_site(folder, tmp_path / "site")
    (folder / "openplan-site.yaml").write_text("name: x\nfooter:\n  - {text: Bad, url: \"javascript:alert(1)\"}\n",
                                               encoding="utf-8")
    result = CliRunner().invoke(app, ["site", str(folder), "-o", str(tmp_path / "site")])
    assert result.exit_code == 2 and "openplan-site.yaml:3:5: a footer link needs text and an http or https url" \
        in result.output
    assert "Traceback" not in result.output
    with pytest.raises(SiteConfigError, match="logo must be a PNG"):
        branding({"logo": "../../etc/passwd"}, folder)


def test_a_welsh_site_has_welsh_chrome_and_links_between_the_languages(tmp_path):
    logo = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    folder = _folder(tmp_path, {"plan.yaml": _pledged(2024, "on-track"), "openplan-site.yaml":
                                "name: Cyngor Bach\nlogo: logo.png\nlanguages: [cy, en]\nfooter:\n"
                                "  - {text: Hygyrchedd, url: \"https://example.org/hygyrchedd\"}\n"})
    (folder / "logo.png").write_bytes(logo)
    built = build_site(folder, tmp_path / "site", today=TODAY)
    welsh = _text(built.output / "index.html")
    assert '<html lang="cy">' in welsh and "<h1>Pob cynllun</h1>" in welsh and "Traciwr addewidion" in welsh
    assert '<a href="en/index.html" lang="en">English</a>' in welsh
    assert 'src="data:image/png;base64,' in welsh and '<a href="https://example.org/hygyrchedd">' in welsh
    english = _text(built.output / "en/index.html")
    assert "<h1>All plans</h1>" in english and '<a href="../index.html" lang="cy">Cymraeg</a>' in english
    plan = _text(built.output / "plans/small-plan-2024/index.html")
    assert '<html lang="cy">' in plan and "Lawrlwytho&#39;r cynllun hwn fel YAML" in plan
    assert (built.output / "en/plans/small-plan-2024/index.html").is_file()
    assert not (built.output / "en/plans/small-plan-2024/small-plan-2024.yaml").exists()  # downloads once


def test_the_command_reports_what_it_built(tmp_path):
    folder = _folder(tmp_path, {"plan.yaml": _pledged(2024, "on-track")})
    result = CliRunner().invoke(app, ["site", str(folder), "-o", str(tmp_path / "site")])
    assert result.exit_code == 0, result.output
    assert "1 plan published, 5 pages" in result.output
    missing = CliRunner().invoke(app, ["site", str(tmp_path / "nowhere"), "-o", str(tmp_path / "x")])
    assert missing.exit_code == 2 and "no such file or folder" in missing.output


def test_the_examples_folder_is_left_as_it_was(examples_site):
    assert not any(p.name.endswith(".html") for p in EXAMPLES.rglob("*"))
    assert shutil.which  # the site went to a temporary folder


def test_the_publishing_guide_shows_the_workflow_file_as_it_is():
    import yaml

    from ..conftest import ROOT

    workflow = (ROOT / "docs" / "publishing-workflow.yml").read_text(encoding="utf-8")
    guide = (ROOT / "docs" / "publishing.md").read_text(encoding="utf-8")
    shown = re.search(r"```yaml\n(name: Publish plans\n.*?)```", guide, flags=re.S).group(1)
    body = workflow[workflow.index("name: Publish plans"):]
    assert shown == body
    steps = yaml.safe_load(body)["jobs"]["build"]["steps"]
    assert any(step.get("run") == "openplan site plans/ -o _site" for step in steps)
    note = re.search(r"openplan site: note: (colours.accent #ffdd00 .*)", guide).group(1)
    assert branding({"colours": {"accent": "#ffdd00"}}, ROOT).adjusted == [note]  # the guide shows a real run
