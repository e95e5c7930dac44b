"""The HTML page and the Markdown file: content, escaping, self-containment, and their loss reports."""

from __future__ import annotations

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
    assert "Sources and provenance" in page and "Repairs made to damage in the source text" in page
    assert "Glossary" in page and "London Office of Technology and Innovation" in page


def test_the_timeline_draws_spans_days_and_to_be_confirmed(tmp_path):
    plan = sources.load(write_plan(tmp_path, SMALL))
    page = to_html(plan.data, plan.index)
    svg = page[page.index("<svg"):page.index("</svg>")]
    assert 'role="img"' in svg and 'aria-labelledby="timeline-title timeline-desc"' in svg
    assert svg.count('<rect class="open"') == 1  # "by June 2025": an open start
    assert svg.count('<path class="day"') == 1  # 1 September 2025: a single day
    assert "To be confirmed" in svg or "TBC" in svg
    table = page[page.index("<caption>Milestones and their dates"):]
    assert "1 September 2025" in table and 'class="tbc"' in table  # the text alternative says the same


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
    for heading in ("About this edition", "Sources and provenance"):
        assert heading in page and f"## {heading}" in markdown


def test_markdown_carries_the_same_content_as_the_page():
    plan = loaded(FINAL)
    markdown = to_markdown(plan.data, plan.index)
    page = to_html(plan.data, plan.index)
    for heading in re.findall(r"<h2 id=\"[a-z]+\">([^<]+)</h2>", page):
        if heading != "Contents":
            assert f"## {heading}" in markdown, heading
    for output in ("Co-ordinate borough and sub-regional input", "Leaders' Committee"):
        assert output in markdown


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
