"""The pages in a real browser: the quality bar every published page must pass.

For every shipped example (plans and progress reports) and the site's own pages, at 1280 and 320 px wide:
axe-core finds no WCAG 2.2 A or AA violation; nothing scrolls sideways at 320 px; no text in a figure is drawn
smaller than 12 px. The page prints to PDF with no heading left at the foot of a page. Screenshots of each
example page at both widths are kept under tests/output/screenshots/ for a reviewer. The Nu HTML checker finds
no error in any of those pages. These tests skip, with the reason, where Chromium, axe-core or the checker is
not installed (see :mod:`.browser`).
"""

from __future__ import annotations

import html
import json
import re
from datetime import date
from pathlib import Path

import pytest

from openplan.convert import source, to_html

from ..conftest import EXAMPLES
from .browser import needs_axe, needs_chromium, needs_nu, nu_check, nu_errors, probe, run, screenshot
from .helpers import FINAL, MILESTONES, loaded, small, write_plan
from .test_pages import HOSTILE, _hostile_plan, _q
from .test_plan_objectives import _plan

TODAY = date(2025, 10, 1)
WIDTHS = (1280, 320)


def _examples() -> list[Path]:
    found = []
    for path in sorted(EXAMPLES.rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        if "\nkind: registry" not in text and "openplan-site" not in path.name:
            found.append(path)
    return found


EXAMPLE_FILES = _examples()


def _name(path: Path) -> str:
    return f"{path.parent.name}--{path.stem}"


def _check(result: dict, width: int, what: str) -> None:
    assert result["violations"] == [], f"{what} at {width} px: " + json.dumps(result["violations"], indent=1)
    assert result["scrollWidth"] <= result["viewport"], f"{what} scrolls sideways at {width} px"
    assert result["svgText"] >= 12, f"{what}: text in a figure is {result['svgText']:.1f} px: {result['svgWhere']}"
    assert result["htmlText"] >= 12, f"{what}: text is {result['htmlText']:.1f} px: {result['htmlWhere']}"


@needs_chromium
@needs_axe
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=_name)
def test_every_example_page_passes_the_quality_bar(path, width, tmp_path):
    plan = loaded(path)
    page = to_html(plan.data, plan.index, today=TODAY)
    _check(probe(page, tmp_path, width), width, path.name)
    shown = tmp_path / f"{_name(path)}.html"
    shown.write_text(page, encoding="utf-8")
    screenshot(shown, _name(path), width)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from openplan.site import build_site

    return build_site(EXAMPLES, tmp_path_factory.mktemp("site") / "site", today=TODAY,
                      include_internal=False).output


@needs_chromium
@needs_axe
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", ["index.html", "pledges.html", "themes.html", "cascade.html"])
def test_the_site_pages_pass_the_quality_bar(site, name, width, tmp_path):
    _check(probe((site / name).read_text(encoding="utf-8"), tmp_path, width), width, name)
    if name == "index.html":
        screenshot(site / name, "site--index", width)


@needs_chromium
@needs_axe
def test_a_page_with_charts_progress_and_internal_material_passes_at_both_widths(tmp_path):
    from .test_pages import PROGRESS

    plan = source.load(write_plan(tmp_path, small(**PROGRESS)))
    page = to_html(plan.data, plan.index, today=TODAY, include_internal=True, language="cy")
    assert '<figure class="chart">' in page and 'class="tl-today"' in page
    for width in WIDTHS:
        result = probe(page, tmp_path, width)
        _check(result, width, "a page with an indicator chart")
        assert result["svgText"] < 1000  # the chart's text was measured


@needs_chromium
@needs_axe
def test_hostile_text_never_runs_and_never_breaks_the_layout(tmp_path):
    plan = _hostile_plan(tmp_path)
    page = to_html(plan.data, plan.index)
    for width in WIDTHS:
        _check(probe(page, tmp_path, width), width, "a page of hostile text")
    # a 1 MB title with no space to break at, and bidi controls
    long = "W" * 1_000_000
    text = small(**{"title: Small Council Plan 2025/26": f"title: {_q(long)}",
                    "text: Replace every street bin": f"text: {_q(chr(0x202E) + HOSTILE + chr(0x2066))}"})
    plan = source.load(write_plan(tmp_path, text, "long.yaml"))
    page = to_html(plan.data, plan.index)
    result = probe(page, tmp_path, 320, axe=False)
    assert result["scrollWidth"] <= result["viewport"]
    dom = run(["--window-size=320,900", "--dump-dom", _saved(tmp_path, page).as_uri()], tmp_path / "dom").stdout
    assert "<img" not in dom and "onerror" not in dom.replace("onerror=alert(2)&gt;", "")


def _saved(tmp_path: Path, page: str) -> Path:
    path = tmp_path / "saved.html"
    path.write_text(page, encoding="utf-8")
    return path


@needs_chromium
@needs_axe
def test_the_harness_does_report_a_violation_and_a_sideways_scroll(tmp_path):
    """The checks can fail: an image without a text alternative, and a table too wide for a phone."""
    page = to_html(loaded(MILESTONES).data, loaded(MILESTONES).index)
    broken = page.replace('<main id="main">', '<main id="main"><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
                          '<div style="width: 600px">wide</div><svg viewBox="0 0 1000 100" style="width: 100px">'
                          '<text x="0" y="50" font-size="20">tiny</text></svg>')
    result = probe(broken, tmp_path, 320)
    assert "image-alt" in {v["id"] for v in result["violations"]}
    assert result["scrollWidth"] > result["viewport"]
    assert result["svgText"] < 12


@needs_chromium
def test_the_page_prints_with_no_heading_left_at_the_foot_of_a_page(tmp_path):
    import pdfplumber

    plan = loaded(FINAL)
    page = to_html(plan.data, plan.index, today=TODAY)
    pdf = tmp_path / "plan.pdf"
    done = run([f"--print-to-pdf={pdf}", "--no-pdf-header-footer", _saved(tmp_path, page).as_uri()],
               tmp_path / "profile")
    assert pdf.exists() and pdf.stat().st_size > 10_000, done.stderr[-2000:]
    headings = {html.unescape(h).strip() for h in re.findall(r"<h[1-4][^>]*>([^<]+)<", page)}
    stranded = []
    with pdfplumber.open(pdf) as document:
        assert len(document.pages) > 5
        first = document.pages[0].extract_text() or ""
        assert "At a glance" in first  # the summary starts on the first page, not after a half-empty one
        for number, sheet in enumerate(document.pages[:-1], 1):
            lines = [line.strip() for line in (sheet.extract_text() or "").splitlines() if line.strip()]
            if lines and lines[-1] in headings:
                stranded.append((number, lines[-1]))
    assert stranded == []


@needs_chromium
def test_a_screenshot_of_the_final_2020_21_plan_is_not_blank(tmp_path):
    from PIL import Image

    plan = loaded(FINAL)
    shot = screenshot(_saved(tmp_path, to_html(plan.data, plan.index)), "check--final", 1280, 2000)
    image = Image.open(shot).convert("RGB")
    assert image.size == (1280, 2000)
    small_image = image.resize((128, 200))
    pixels = list(getattr(small_image, "get_flattened_data", small_image.getdata)())
    inked = sum(1 for r, g, b in pixels if r + g + b < 600)
    assert inked > len(pixels) * 0.01  # text and rules were drawn
    assert len(set(pixels)) > 20  # not one flat colour
    assert sum(1 for r, g, b in pixels if b > r + 40) > 0  # the blue rule under the header and the links
    shot.unlink()


@pytest.fixture(scope="module")
def nu(site, tmp_path_factory):
    """Every page written to disk and checked by the Nu HTML checker in one run: each shipped example, a page of
    hostile text, a page with a chart and the internal appendix in Welsh, a plan whose own objectives sit beside
    its areas, every page of the site, and a broken page that shows the checker does report."""
    from .test_pages import PROGRESS

    folder = tmp_path_factory.mktemp("nu")
    pages: dict[str, Path] = {}

    def write(name: str, page: str) -> None:
        pages[name] = folder / f"{name}.html"
        pages[name].write_text(page, encoding="utf-8")

    for path in EXAMPLE_FILES:
        plan = loaded(path)
        write(_name(path), to_html(plan.data, plan.index, today=TODAY))
    plan = _hostile_plan(tmp_path_factory.mktemp("hostile"))
    write("hostile", to_html(plan.data, plan.index))
    plan = source.load(write_plan(tmp_path_factory.mktemp("chart"), small(**PROGRESS)))
    write("chart", to_html(plan.data, plan.index, today=TODAY, include_internal=True, language="cy"))
    plan = _plan(tmp_path_factory.mktemp("beside"))
    write("beside", to_html(plan.data, plan.index, today=TODAY))
    plan = loaded(MILESTONES)
    write("broken", to_html(plan.data, plan.index).replace('<h2 id="summary">', '<h4 id="summary">', 1)
          .replace('<main id="main">', '<main id="main"><p id="main">', 1))
    for page in sorted(site.rglob("*.html")):
        pages["site/" + page.relative_to(site).as_posix()] = page
    found = nu_check(list(pages.values()))
    return {name: (path, found[path.resolve()]) for name, path in pages.items()}


@needs_nu
@pytest.mark.parametrize("name", [_name(path) for path in EXAMPLE_FILES] + ["hostile", "chart", "beside"])
def test_the_nu_html_checker_finds_no_error_in_a_page(nu, name):
    _, errors = nu[name]
    assert errors == [], f"{name}.html:\n{nu_errors(errors)}"


@needs_nu
def test_the_nu_html_checker_finds_no_error_in_any_page_of_the_site(nu):
    checked = [name for name in nu if name.startswith("site/")]
    assert {"site/index.html", "site/pledges.html", "site/themes.html", "site/cascade.html"} <= set(checked)
    assert sum(name.endswith("/index.html") for name in checked) >= len(EXAMPLE_FILES)  # a page per plan and report
    failed = {name: nu[name][1] for name in checked if nu[name][1]}
    assert failed == {}, "\n".join(f"{name}:\n{nu_errors(errors)}" for name, errors in failed.items())


@needs_nu
def test_the_nu_html_checker_does_report_errors_with_their_line(nu):
    """The checks can fail: a heading that skips a level and an id used twice, each found on its line."""
    path, messages = nu["broken"]
    lines = path.read_text(encoding="utf-8").splitlines()
    heading = next(n for n, line in enumerate(lines, 1) if '<h4 id="summary">' in line)
    twice = next(n for n, line in enumerate(lines, 1) if '<p id="main">' in line)
    found = {(m["type"], m.get("lastLine")) for m in messages}
    assert ("error", heading) in found and ("error", twice) in found, nu_errors(messages)
    assert all(m.get("firstColumn") or m.get("lastColumn") for m in messages)
