"""The HTML page and the Markdown file: content, escaping, self-containment, and their loss reports."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest

from openplan.convert import losses, to_html, to_markdown
from openplan.convert import source as sources
from openplan.loader import parse

from .helpers import FINAL, MILESTONES, PLANS, SMALL, loaded, small, write_plan

HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(2)> *bold* [link](javascript:alert(3)) &amp;'


class Elements(HTMLParser):
    """Every start tag with its attributes, as a browser's parser would see them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def elements(page: str) -> Elements:
    parser = Elements()
    parser.feed(page)
    return parser


def _hostile_plan(tmp_path):
    """The small plan with hostile text in its title, an output, a milestone, a term and an organisation name."""
    text = small(**{"title: Small Council Plan 2025/26": f"title: {_q(HOSTILE)}",
                    "text: Replace every street bin": f"text: {_q(HOSTILE)}",
                    "title: Launch day": f"title: {_q(HOSTILE)}",
                    "term: SEND": f"term: {_q(HOSTILE)}",
                    "  - {id: org.small, name: Small Council}": "  - {id: org.small, name: " + _q(HOSTILE) + "}"})
    text += ('sources:\n  - {title: Bad link, url: "javascript:alert(4)"}\n'
             '  - {title: Good link, url: "https://example.org/plan.pdf"}\n')
    return sources.load(write_plan(tmp_path, text))


def _q(text: str) -> str:
    import json

    return json.dumps(text)


def test_hostile_text_is_escaped_everywhere_in_the_page(tmp_path):
    plan = _hostile_plan(tmp_path)
    page = to_html(plan.data, plan.index)
    found = elements(page)
    tags = [tag for tag, _ in found.tags]
    assert "script" not in tags and "img" not in tags
    assert not any(name.startswith("on") for _, attributes in found.tags for name in attributes)
    assert not any("javascript:" in (attributes.get("href") or "") for _, attributes in found.tags)
    assert HOSTILE in "".join(found.text)  # shown as written, as text
    assert page.count("&lt;script&gt;") >= 4
    assert '<a href="https://example.org/plan.pdf">' in page


def test_the_page_loads_nothing_from_anywhere():
    plan = loaded(FINAL)
    page = to_html(plan.data, plan.index)
    found = elements(page)
    for tag, attributes in found.tags:
        assert tag not in ("script", "link", "img", "iframe", "object", "embed", "audio", "video"), tag
        assert "src" not in attributes
        href = attributes.get("href")
        assert href is None or href.startswith("#") or href.startswith("https://"), href
    assert "@import" not in page and "url(" not in page
    assert "default-src 'none'" in page  # and a browser is told to refuse anything else


def test_the_page_has_landmarks_headings_print_styles_and_the_plan():
    plan = loaded(FINAL)
    page = to_html(plan.data, plan.index)
    tags = [tag for tag, _ in elements(page).tags]
    for landmark in ("header", "nav", "main", "footer"):
        assert tags.count(landmark) == 1, landmark
    assert tags.count("h1") == 1 and '<html lang="en-GB">' in page
    assert "@media print" in page
    assert "Building Back Better" in page  # objective 1's title
    assert "Outcome: Building a fairer, more inclusive Capital" in page
    assert "Executive portfolio holder for Recovery and Renewal" in page  # an owner, by name not id
    assert 'class="status status-approved">Approved<' in page
    assert "Glossary" in page and "London Office of Technology and Innovation" in page
    # residents read the summary first: it comes before the plan, which comes before the edition's history
    assert page.index('id="summary"') < page.index('id="areas"') < page.index('id="about"')


def test_internal_material_is_left_out_unless_asked_for():
    plan = loaded(FINAL)
    page = to_html(plan.data, plan.index)
    for internal in ("Repairs made to damage in the source text", "Year counted as", "How this file was made",
                     "business-plan-2020-21-draft.yaml"):
        assert internal not in page, internal
    appendix = to_html(plan.data, plan.index, include_internal=True)
    start = appendix.index('id="internal"')
    for internal in ("Repairs made to damage in the source text", "Year counted as", "How this file was made",
                     "business-plan-2020-21-draft.yaml"):
        assert internal in appendix[start:], internal


def test_the_change_history_is_condensed_and_names_what_was_withdrawn():
    plan = loaded(FINAL)
    page = to_html(plan.data, plan.index)
    about = page[page.index('id="about"'):]
    renumbered = sum(1 for c in plan.data["edition"]["changes"] if c["kind"] == "renumbered")
    assert f'<span class="size">{renumbered}</span> renumbered' in about
    table = about[about.index("<caption>What changed"):about.index("</table>")]
    assert "Renumbered" not in table  # counted, not listed row by row
    row = table[table.index("<td>Withdrawn</td>"):]
    row = row[:row.index("</tr>")]
    # the withdrawn work is named from the previous edition, not by its id
    assert "Ensure effective pan-London resilience" in row and "obj.pan-london-resilience" not in row


def test_the_timeline_places_milestones_and_dated_outputs_by_area_with_a_today_line(tmp_path):
    from datetime import date

    plan = sources.load(write_plan(tmp_path, SMALL))
    page = to_html(plan.data, plan.index, today=date(2025, 10, 1))
    timeline = page[page.index('id="timeline"'):page.index("</section>", page.index('id="timeline"'))]
    groups = re.findall(r'<h3 class="tl-group">(.*?)</h3>', timeline)
    assert groups == ['<a href="#item-area.environment">1 Environment</a>']  # every item serves area 1
    rows = re.findall(r'<li><span class="tl-label"><a href="#item-([^"]+)"', timeline)
    # dated work first, in date order (an open start sits at the plan's start), then what is to be confirmed
    assert rows[:3] == ["ms.bins-ordered", "ms.launch", "out.streets.bins"]
    assert set(rows[3:]) == {"ms.contract-review", "out.streets.review"}
    assert timeline.count('class="tl-bar tl-open') == 1  # "by June 2025"
    assert timeline.count('class="tl-day') == 1  # 1 September 2025
    assert "Output: Autumn 2025" in timeline and "Milestone: 1 September 2025" in timeline  # as text too
    today = re.search(r'class="tl-today" style="left: ([0-9.]+)%"', timeline)
    assert today and 48 < float(today.group(1)) < 52  # 1 October is half way through April to March
    assert "Today: 1 October 2025" in timeline
    later = to_html(plan.data, plan.index, today=date(2030, 1, 1))
    assert 'class="tl-today"' not in later  # no line when today is outside the plan
    table = page[page.index("<caption>Milestones"):]
    assert "1 September 2025" in table and 'class="tbc"' in table  # the table says the same


def test_fuzzy_dates_show_the_span_they_cover():
    plan = loaded(MILESTONES)
    page = to_html(plan.data, plan.index)
    assert "Autumn 2022" in page and "1 September 2022 to 30 November 2022" in page


def test_pledge_coverage_lists_linked_and_unlinked_pledges(tmp_path):
    plan = sources.load(write_plan(tmp_path, SMALL))
    page = to_html(plan.data, plan.index)
    start = page.index('id="pledges"')
    table = page[start:page.index("</table>", start)]
    row = table[table.index("1. Clean streets"):]
    assert "1.1 Cleaner streets" in row[:400] and "(delivers)" in row[:400]
    row = table[table.index("2. Safe parks"):]
    assert "No work in this plan is linked" in row[:300]


@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.name)
def test_every_example_makes_a_page_and_a_markdown_file(path):
    plan = loaded(path)
    page = to_html(plan.data, plan.index)
    markdown = to_markdown(plan.data, plan.index)
    title = plan.data["title"].replace("'", "&#39;")
    assert f"<h1>{title}</h1>" in page
    assert markdown.count("\n# ") + markdown.startswith("# ") == 1
    assert 'id="summary"' in page and 'id="about"' in page and "## About this edition" in markdown


def test_markdown_carries_the_same_plan_as_the_page():
    plan = loaded(FINAL)
    markdown = to_markdown(plan.data, plan.index)
    page = to_html(plan.data, plan.index)
    words = re.sub(r"\W+", " ", html.unescape(markdown))  # Markdown escapes punctuation its own way
    for heading in re.findall(r'<h[34] id="item-[^"]+">([^<]+)</h[34]>', page):
        assert re.sub(r"\W+", " ", html.unescape(heading)).strip() in words, heading
    for output in ("Co-ordinate borough and sub-regional input", "Leaders' Committee"):
        assert output in markdown and output.replace("'", "&#39;") in page


def test_hostile_text_is_escaped_in_markdown(tmp_path):
    from markdown_it import MarkdownIt

    plan = _hostile_plan(tmp_path)
    text = to_markdown(plan.data, plan.index)
    rendered = MarkdownIt("commonmark").enable("table").render(text)
    found = elements(rendered)
    tags = {tag for tag, _ in found.tags}
    assert not tags & {"script", "img", "iframe"}  # nothing from the plan became markup
    assert not any("javascript:" in (attributes.get("href") or "") for _, attributes in found.tags)
    assert HOSTILE in "".join(found.text)


def test_markdown_keeps_line_starts_from_becoming_lists(tmp_path):
    from markdown_it import MarkdownIt

    plan = sources.load(write_plan(tmp_path, small(**{"outcome: Residents see clean streets.":
                                                      'outcome: "1. first\\n- second\\n# third"'})))
    rendered = MarkdownIt("commonmark").render(to_markdown(plan.data, plan.index))
    assert "1. first" in rendered and "<h1>third" not in rendered


def test_the_page_loss_report_lists_what_is_not_shown(tmp_path):
    plan = sources.load(write_plan(tmp_path, small(**{"    title: Environment\n":
                                                      "    title: Environment\n    ourcouncil:revenue: 1200\n"})))
    for fmt in ("html", "markdown"):
        report = losses(fmt, plan.data, plan.index, plan.document)
        assert report.codes() == {"V201", "V202"}
        extension = [f for f in report.findings if f.code == "V201"][0]
        assert extension.pointer == "/areas/0/ourcouncil:revenue" and extension.line is not None
        assert any(f.pointer == "/glossary/0/source" for f in report.findings)
    data = parse(SMALL.replace(", source: added", "")).data
    assert losses("html", data).lossless


PROGRESS = {
    "            due: {text: Autumn 2025, value: \"2025-23\"}\n":
    "            due: {text: Autumn 2025, value: \"2025-23\"}\n"
    "            progress:\n"
    "              - {date: \"2025-06-30\", status: on-track, rag: green, percent_complete: 20}\n"
    "              - {date: \"2025-09-30\", status: at-risk, rag: amber, percent_complete: 60,"
    " note: Supplier delays}\n",
    "                targets: [{value: 400, due: {value: \"2026-03\"}}]\n":
    "                targets: [{value: 400, due: {value: \"2026-03\"}}]\n"
    "                progress:\n"
    "                  - {date: \"2025-06-30\", value: 120}\n"
    "                  - {date: \"2025-09-30\", value: 250}\n",
    "    title: Bins ordered\n": "    title: Bins ordered\n    progress: [{date: \"2025-05-01\", status: complete}]\n",
}


def test_items_show_their_latest_status_as_a_badge_with_words_a_progress_bar_and_counts(tmp_path):
    plan = sources.load(write_plan(tmp_path, small(**PROGRESS)))
    page = to_html(plan.data, plan.index)
    output = page[page.index('<li id="item-out.streets.bins"'):]
    output = output[:output.index("</li>\n")]
    assert '<span class="badge tone-warn">At risk, Amber</span>' in output  # the latest update, in words
    assert 'style="width: 60.0%"' in output and "60% complete" in output
    assert "Supplier delays" in output
    summary = page[page.index('id="summary"'):page.index('id="areas"')]
    counts = re.findall(r'<span class="badge tone-(\w+)">([^<]+)</span></th><td>(\d+)</td>', summary)
    # four items can carry a status (1 objective, 2 outputs... and 3 milestones); two have reported one
    assert ("done", "Complete", "1") in counts and ("warn", "At risk", "1") in counts
    assert ("warn", "Amber", "1") in counts


def test_an_indicator_with_values_gets_a_chart_with_a_target_line_and_a_data_table(tmp_path):
    plan = sources.load(write_plan(tmp_path, small(**PROGRESS)))
    page = to_html(plan.data, plan.index)
    start = page.index('<figure class="chart">')
    figure = page[start:page.index("</table>", start)]
    assert 'role="img" aria-labelledby="chart-ind.bins-title chart-ind.bins-desc"' in figure
    assert '<line class="target"' in figure and figure.count('<circle class="point"') == 2
    assert "the latest 250 bins (2025-09-30), against a target of 400 bins" in figure
    assert "<td>120 bins</td><td>400 bins</td>" in figure  # the same values as a table


def test_the_tolerance_band_lies_on_the_side_where_missing_the_target_is_bad():
    from openplan.convert.html_page.chart import indicator_chart

    up = {"id": "ind.up", "title": "Up", "direction": "increase", "targets": [{"value": 100}],
          "progress": [{"date": "2025-01-01", "value": 90}, {"date": "2025-02-01", "value": 95}]}
    tolerance = {"green_within": 5, "amber_within": 10, "unit": "percent"}
    chart = indicator_chart(up, lambda _: None, tolerance)
    top, bottom = chart.band
    assert top == chart.target_y and bottom > top  # from the target down to 90 (y grows downwards)
    down = dict(up, direction="decrease")
    chart = indicator_chart(down, lambda _: None, {"amber_within": 3, "unit": "absolute"})
    top, bottom = chart.band
    assert bottom == chart.target_y and top < bottom  # from the target up to 103
    assert indicator_chart(dict(up, progress=[]), lambda _: None) is None  # nothing to draw


def test_the_page_texts_come_from_the_catalogue_in_welsh_too():
    from openplan.convert.html_page.messages import CY, EN

    assert set(CY) == set(EN)  # every text has its Welsh
    plan = loaded(FINAL)
    page = to_html(plan.data, plan.index, language="cy")
    assert '<html lang="cy">' in page and '<main id="main" lang="en-GB">' in page  # the plan keeps its language
    assert '<h2 id="summary">Cipolwg</h2>' in page and '<h2 id="about">Am yr argraffiad hwn</h2>' in page
    assert "At a glance" not in page


def test_print_styles_keep_headings_with_what_follows_and_figures_whole():
    page = to_html(loaded(FINAL).data, loaded(FINAL).index)
    printed = page[page.index("@media print"):page.index("</style>")]
    assert re.search(r"h1, h2, h3, h4[^{]*\{[^}]*break-after: avoid", printed)
    assert re.search(r"h2 \+ \*, h3 \+ \*, h4 \+ \*[^{]*\{[^}]*break-before: avoid", printed)
    assert re.search(r"table, figure[^{]*\{[^}]*break-inside: avoid", printed)
    narrow = page[page.index("@media (max-width: 40rem)"):page.index("@media print")]
    assert ".tl-track { display: none; }" in narrow.replace(".tl-scale, ", "")  # the timeline becomes a list
    assert "overflow-wrap: anywhere" in page  # a long word never widens the page


def test_convert_adds_the_internal_appendix_only_when_asked(tmp_path):
    from typer.testing import CliRunner

    from openplan.cli import app

    out = tmp_path / "plan.html"
    done = CliRunner().invoke(app, ["convert", str(FINAL), "-o", str(out), "--include-internal", "--report", "none"])
    assert done.exit_code == 0, done.output
    assert 'id="internal"' in out.read_text(encoding="utf-8")
    refused = CliRunner().invoke(app, ["convert", str(FINAL), "--to", "json", "--include-internal"])
    assert refused.exit_code == 2 and "--include-internal works with --to html only" in refused.output


def test_links_to_other_plans_are_only_ever_web_addresses_or_pages_of_the_site(tmp_path):
    text = small(**{"openplan: \"1.0\"": "openplan: \"1.1\""}) + (
        "parents:\n  - {id: bad-plan, title: \"<b>Bad</b>\", url: \"javascript:alert(1)\"}\n"
        "  - {id: good-plan, url: \"https://example.org/plan\"}\n")
    plan = sources.load(write_plan(tmp_path, text))
    page = to_html(plan.data, plan.index)
    cascade = page[page.index('id="cascade"'):]
    assert "javascript:" not in cascade and "&lt;b&gt;Bad&lt;/b&gt;" in cascade
    assert '<a href="https://example.org/plan">good-plan</a>' in cascade


def test_bidi_and_control_characters_are_shown_not_obeyed(tmp_path):
    tricky = "Fix \u202eslin\u2066 bins\x1b[31m"
    plan = sources.load(write_plan(tmp_path, small(**{"text: Replace every street bin": f"text: {_q(tricky)}"})))
    page = to_html(plan.data, plan.index)
    assert "\u202e" not in page and "\u2066" not in page and "\x1b" not in page
    assert "Fix \\u202eslin\\u2066 bins\\u001b[31m" in page  # as the one escaper shows them everywhere
