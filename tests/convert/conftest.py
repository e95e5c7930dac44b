"""Where the browser tests keep their screenshots, said at the end of the run."""

from __future__ import annotations

from .browser import SCREENSHOTS


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    shots = sorted(SCREENSHOTS.glob("*.png")) if SCREENSHOTS.is_dir() else []
    if shots:
        terminalreporter.write_sep("-", "screenshots")
        terminalreporter.write_line(f"{len(shots)} screenshots of the pages at 1280 and 320 px: {SCREENSHOTS}")
