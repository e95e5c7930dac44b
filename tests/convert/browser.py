"""Headless Chromium and axe-core for the browser tests: found here, or the tests skip with the reason.

* Chromium: Debian's package (``apt-get install chromium``), or the browser named by ``OPENPLAN_CHROMIUM``;
* axe-core: ``npm install axe-core`` (in this repository, or ``-g``), or its ``axe.min.js`` named by
  ``OPENPLAN_AXE_CORE``.

Chromium runs with no sandbox, no network services and a fresh profile, and is driven from the command line
(``--dump-dom``, ``--screenshot``, ``--print-to-pdf``), so no driver is needed. A probe (axe-core and a few
measurements) runs inside a copy of the page with the Content-Security-Policy lifted, and leaves its results in
an attribute of the page that ``--dump-dom`` prints.
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

from ..conftest import ROOT

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-extensions", "--hide-scrollbars"]
# Screenshots of every example page at both widths, kept for a reviewer (git-ignored).
SCREENSHOTS = ROOT / "tests" / "output" / "screenshots"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


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


def run(args: list[str], profile: Path) -> subprocess.CompletedProcess:
    return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args], capture_output=True,
                          timeout=300, text=True)


PROBE = """<script>%s</script>
<script>
function openplanMeasure() {
  var smallest = 1000, where = "";
  document.querySelectorAll("svg text").forEach(function (text) {
    var size = parseFloat(getComputedStyle(text).fontSize) * text.getScreenCTM().a;
    if (size < smallest) { smallest = size; where = text.textContent; }
  });
  var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  var htmlSmallest = 1000, htmlWhere = "";
  while (walker.nextNode()) {
    var node = walker.currentNode, parent = node.parentElement;
    if (!node.textContent.trim() || parent.closest("svg") || parent.closest(".skip")) continue;
    var rect = parent.getBoundingClientRect();
    if (rect.width === 0 && rect.height === 0) continue;
    var size = parseFloat(getComputedStyle(parent).fontSize);
    if (size < htmlSmallest) { htmlSmallest = size; htmlWhere = node.textContent.slice(0, 60); }
  }
  return {scrollWidth: document.documentElement.scrollWidth, viewport: window.innerWidth,
          svgText: smallest, svgWhere: where, htmlText: htmlSmallest, htmlWhere: htmlWhere};
}
var measured = openplanMeasure();
%s.then(function (results) {
  measured.violations = results ? results.violations.map(function (v) {
    return {id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(function (n) { return n.target; })};
  }) : [];
  document.documentElement.setAttribute("data-probe", JSON.stringify(measured));
}).catch(function (error) { document.documentElement.setAttribute("data-probe-error", String(error)); });
</script>
"""


def probe(page: str, tmp_path: Path, width: int, axe: bool = True) -> dict:
    """axe-core's violations (WCAG 2.2 A and AA) and the page's measurements at ``width`` pixels."""
    audited = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page)
    run_axe = (f"axe.run(document, {{runOnly: {{type: 'tag', values: {json.dumps(WCAG)}}}}})" if axe
               else "Promise.resolve(null)")
    script = PROBE % (AXE.read_text(encoding="utf-8") if axe else "", run_axe)
    audited = audited.replace("</body>", script + "</body>")
    path = tmp_path / f"probe-{width}.html"
    path.write_text(audited, encoding="utf-8")
    done = run([f"--window-size={width},900", "--virtual-time-budget=120000", "--dump-dom", path.as_uri()],
               tmp_path / f"profile-{width}")
    found = re.search(r'data-probe="([^"]*)"', done.stdout)
    failed = re.search(r'data-probe-error="([^"]*)"', done.stdout)
    assert not failed, html.unescape(failed.group(1))
    assert found, f"the probe did not finish: {done.stderr[-2000:]}"
    return json.loads(html.unescape(found.group(1)))


def screenshot(page: Path, name: str, width: int, height: int = 2400) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shot = SCREENSHOTS / f"{name}-{width}.png"
    done = run([f"--window-size={width},{height}", f"--screenshot={shot}", page.as_uri()],
               page.parent / f"profile-shot-{width}")
    assert shot.exists(), done.stderr[-2000:]
    return shot
