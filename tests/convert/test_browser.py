"""The HTML page in a real browser: axe-core finds no accessibility violations, and a screenshot is not blank.

These tests need headless Chromium and axe-core, and skip with the reason when either is missing:

* Chromium: Debian's package (``apt-get install chromium``), or the browser named by ``OPENPLAN_CHROMIUM``;
* axe-core: ``npm install axe-core`` (in this repository, or ``-g``), or its ``axe.min.js`` named by
  ``OPENPLAN_AXE_CORE``.

Chromium runs with no sandbox, no network services and a fresh profile, and is driven from the command line
(``--dump-dom``, ``--screenshot``), so no driver is needed.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from openplan.convert import to_html

from ..conftest import ROOT
from .helpers import FINAL, MILESTONES, loaded
from .test_pages import _hostile_plan

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-extensions", "--hide-scrollbars"]


def _chromium() -> str | None:
    named = os.environ.get("OPENPLAN_CHROMIUM")
    if named:
        return named if Path(named).exists() else None
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _axe() -> Path | None:
    named = os.environ.get("OPENPLAN_AXE_CORE")
    candidates = [Path(named)] if named else []
    for base in (ROOT, Path.home() / ".cache" / "openplan", Path("/usr/local/lib"), Path("/usr/lib")):
        candidates.append(base / "node_modules" / "axe-core" / "axe.min.js")
    return next((path for path in candidates if path.is_file()), None)


CHROMIUM = _chromium()
AXE = _axe()
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="no headless Chromium installed (apt-get install "
                                    "chromium, or set OPENPLAN_CHROMIUM)")
needs_axe = pytest.mark.skipif(AXE is None, reason="axe-core is not installed (npm install axe-core, or set "
                               "OPENPLAN_AXE_CORE to its axe.min.js)")


def _run(args: list[str], profile: Path) -> subprocess.CompletedProcess:
    return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args], capture_output=True,
                          timeout=180, text=True)


RUNNER = """<script>%s</script>
<script>
axe.run(document).then(function (results) {
  document.documentElement.setAttribute("data-axe", JSON.stringify(results.violations.map(function (v) {
    return {id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(function (n) { return n.target; })};
  })));
}).catch(function (error) { document.documentElement.setAttribute("data-axe-error", String(error)); });
</script>
"""


def _axe_violations(page: str, tmp_path: Path) -> list[dict]:
    # The page forbids scripts; the copy under test lifts that one rule so that axe can run inside it.
    audited = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page)
    audited = audited.replace("</body>", RUNNER % AXE.read_text(encoding="utf-8") + "</body>")
    path = tmp_path / "audited.html"
    path.write_text(audited, encoding="utf-8")
    done = _run(["--virtual-time-budget=60000", "--dump-dom", path.as_uri()], tmp_path / "profile")
    found = re.search(r'data-axe="([^"]*)"', done.stdout)
    failed = re.search(r'data-axe-error="([^"]*)"', done.stdout)
    assert not failed, html.unescape(failed.group(1))
    assert found, f"axe did not finish: {done.stderr[-2000:]}"
    return json.loads(html.unescape(found.group(1)))


@needs_chromium
@needs_axe
@pytest.mark.parametrize("path", [FINAL, MILESTONES], ids=lambda p: p.name)
def test_axe_finds_no_accessibility_violations(path, tmp_path):
    plan = loaded(path)
    violations = _axe_violations(to_html(plan.data, plan.index), tmp_path)
    assert violations == [], json.dumps(violations, indent=1)


@needs_chromium
@needs_axe
def test_axe_finds_no_violations_in_a_page_of_hostile_text(tmp_path):
    plan = _hostile_plan(tmp_path)
    assert _axe_violations(to_html(plan.data, plan.index), tmp_path) == []


@needs_chromium
@needs_axe
def test_axe_does_report_a_violation_when_there_is_one(tmp_path):
    """The harness can fail: an image without a text alternative is reported."""
    page = to_html(loaded(MILESTONES).data, loaded(MILESTONES).index)
    broken = page.replace("<main id=\"main\">", '<main id="main"><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">')
    assert "image-alt" in {v["id"] for v in _axe_violations(broken, tmp_path)}


@needs_chromium
def test_a_screenshot_of_the_final_2020_21_plan_is_not_blank(tmp_path):
    from PIL import Image

    plan = loaded(FINAL)
    page = tmp_path / "plan.html"
    page.write_text(to_html(plan.data, plan.index), encoding="utf-8")
    shot = tmp_path / "plan.png"
    done = _run(["--window-size=1280,2000", f"--screenshot={shot}", page.as_uri()], tmp_path / "profile")
    assert shot.exists(), done.stderr[-2000:]
    image = Image.open(shot).convert("RGB")
    assert image.size == (1280, 2000)
    small = image.resize((128, 200))
    pixels = list(getattr(small, "get_flattened_data", small.getdata)())
    inked = sum(1 for r, g, b in pixels if r + g + b < 600)
    assert inked > len(pixels) * 0.01  # text and rules were drawn
    assert len(set(pixels)) > 20  # not one flat colour
    accent = sum(1 for r, g, b in pixels if b > r + 40)  # the blue rule under the header and the links
    assert accent > 0
