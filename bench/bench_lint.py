"""Benchmark: `openplan lint` with every rule against `openplan validate`, on every shipped example, in one run.

The issue's budget: linting costs at most twice validating the same files. Lint includes validation (it
validates each file first), so the ratio measures what the lint rules, suppressions and the baseline add.

Two measures, both in this one run:

* in process: the library calls, warmed up once, then the best and the median of --repeat runs each,
  alternating so both see the same machine load;
* command line: `python -m openplan validate` against `python -m openplan lint --select ALL`, start-up
  included, the median of --cli-repeat runs each.

    python bench/bench_lint.py [--repeat 15] [--cli-repeat 5] [--check]

With --check the script exits 1 when the in-process median ratio is above 2. Self-contained: it needs only
openplan itself.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from openplan.lint.config import CommandLine  # noqa: E402
from openplan.lint.engine import LintOptions, Linter  # noqa: E402
from openplan.validation import validate  # noqa: E402

EVERY_RULE = LintOptions(isolated=True, use_baseline=False, command_line=CommandLine(select=("ALL",)))


def _timed(call) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def in_process(files: list[str], repeat: int) -> dict[str, list[float]]:
    lint = lambda: Linter(EVERY_RULE).lint(*files)  # noqa: E731 - a fresh linter each time, as a command would
    check = lambda: validate(*files)  # noqa: E731
    cold = {"validate": _timed(check), "lint": _timed(lint)}
    times: dict[str, list[float]] = {"validate": [], "lint": []}
    for _ in range(repeat):
        times["validate"].append(_timed(check))
        times["lint"].append(_timed(lint))
    times["cold"] = [cold["validate"], cold["lint"]]
    return times


def command_line(files: list[str], repeat: int) -> dict[str, list[float]]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("GITHUB_ACTIONS", None)
    commands = {"validate": ["validate", *files],
                "lint": ["lint", "--select", "ALL", "--isolated", "--no-baseline", "--fail-on", "never", *files]}
    times: dict[str, list[float]] = {"validate": [], "lint": []}
    for _ in range(repeat):
        for name, args in commands.items():
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "openplan", *args], cwd=ROOT, env=env, capture_output=True)
            times[name].append(time.perf_counter() - start)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--cli-repeat", type=int, default=5)
    parser.add_argument("--check", action="store_true", help="exit 1 if lint takes more than twice validate")
    args = parser.parse_args(argv)
    files = sorted(str(path.relative_to(ROOT)) for path in (ROOT / "examples").rglob("*.yaml"))
    os.chdir(ROOT)
    result = Linter(EVERY_RULE).lint(*files)
    rules = len({code for code in Linter(EVERY_RULE).settings(ROOT / files[0]).enabled})
    lines = sum(len((ROOT / name).read_text(encoding="utf-8").splitlines()) for name in files)
    print(f"{len(files)} example files, {lines:,} lines; lint runs {rules} rules and finds {len(result.findings)}")
    timings = in_process(files, args.repeat)
    ratio = statistics.median(timings["lint"]) / statistics.median(timings["validate"])
    print(f"{'in process':<14} {'validate':>10} {'lint':>10} {'ratio':>7}")
    print(f"{'first call':<14} {timings['cold'][0] * 1000:>8.1f}ms {timings['cold'][1] * 1000:>8.1f}ms "
          f"{timings['cold'][1] / timings['cold'][0]:>6.2f}x")
    for label, pick in (("best", min), ("median", statistics.median)):
        v, l = pick(timings["validate"]), pick(timings["lint"])
        print(f"{label:<14} {v * 1000:>8.1f}ms {l * 1000:>8.1f}ms {l / v:>6.2f}x")
    if args.cli_repeat:
        cli = command_line(files, args.cli_repeat)
        v, l = statistics.median(cli["validate"]), statistics.median(cli["lint"])
        print(f"{'command line':<14} {v * 1000:>8.1f}ms {l * 1000:>8.1f}ms {l / v:>6.2f}x  (median, start-up included)")
    verdict = "within" if ratio <= 2 else "OVER"
    print(f"lint / validate (in process, median): {ratio:.2f}x, {verdict} the budget of 2x")
    return 1 if args.check and ratio > 2 else 0


if __name__ == "__main__":
    sys.exit(main())
