"""Headless Chromium and axe-core for the browser tests: found here, or the tests skip with the reason.

* Chromium: Debian's package (``apt-get install chromium``), or the browser named by ``OPENPLAN_CHROMIUM``;
* axe-core: ``npm install axe-core`` (in this repository, or ``-g``), or its ``axe.min.js`` named by
  ``OPENPLAN_AXE_CORE``;
* the Nu HTML checker: the ``vnu.jar`` named by ``OPENPLAN_VNU_JAR`` (``npm install vnu-jar`` ships it), run
  with Java, or a ``vnu`` command.

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
from urllib.parse import unquote

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


def _nu() -> tuple[list[str] | None, str]:
    """The Nu HTML checker as a command, or None with the reason it cannot run."""
    jar = os.environ.get("OPENPLAN_VNU_JAR")
    if jar:
        java = shutil.which("java")
        if not Path(jar).is_file():
            return None, f"OPENPLAN_VNU_JAR names {jar}, which is not a file"
        if java is None:
            return None, "the Nu HTML checker needs Java, which is not installed (apt-get install default-jre-headless)"
        return [java, "-jar", jar], ""
    found = shutil.which("vnu")
    if found:
        return [found], ""
    return None, ("the Nu HTML checker is not installed (npm install vnu-jar, and set OPENPLAN_VNU_JAR to its "
                  "build/dist/vnu.jar; or put vnu on the PATH)")


CHROMIUM = _chromium()
AXE = _axe()
NU, NU_MISSING = _nu()
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="no headless Chromium installed (apt-get install "
                                    "chromium, or set OPENPLAN_CHROMIUM)")
needs_axe = pytest.mark.skipif(AXE is None, reason="axe-core is not installed (npm install axe-core, or set "
                               "OPENPLAN_AXE_CORE to its axe.min.js)")
needs_nu = pytest.mark.skipif(NU is None, reason=NU_MISSING)


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


def nu_check(pages: list[Path]) -> dict[Path, list[dict]]:
    """The Nu HTML checker's errors in each page, found in one run (the checker is slow to start)."""
    done = subprocess.run([*NU, "--errors-only", "--format", "json", *map(str, pages)], capture_output=True,
                          text=True, timeout=900)
    try:
        messages = json.loads(done.stderr or done.stdout)["messages"]
    except (ValueError, KeyError):
        raise AssertionError(f"the Nu HTML checker gave no report (exit {done.returncode}): "
                             f"{(done.stderr or done.stdout)[-3000:]}") from None
    found: dict[Path, list[dict]] = {page.resolve(): [] for page in pages}
    for message in messages:
        url = unquote(message.get("url", ""))
        where = Path(url[len("file:"):]).resolve() if url.startswith("file:") else None
        # a message about no page (the checker could not read a file) fails every page
        for page in [where] if where in found else list(found):
            found[page].append(message)
    return found


def nu_errors(messages: list[dict]) -> str:
    """The checker's errors, one a line: line:column: the message."""
    return "\n".join(f"{m.get('lastLine', '?')}:{m.get('firstColumn', m.get('lastColumn', '?'))}: "
                     f"{m.get('type')}: {m.get('message')}" for m in messages)
