"""Check that every direct dependency is installed at exactly the lower bound pyproject.toml declares.

`.ci/run` installs with `uv pip install --resolution lowest-direct` and then runs this, so a lower bound that
cannot be installed as declared (a version that was never released, or one another dependency rules out) fails
CI instead of claiming support for a version the suite never ran on. Runtime dependencies and the `test` extra
are covered; a dependency without a `>=` lower bound is an error.

Usage: python .ci/check_lowest.py [pyproject.toml]
"""

from __future__ import annotations

import re
import sys
import tomllib
from importlib import metadata
from pathlib import Path

_REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*([^;]*?)\s*(?:;.*)?$")
_LOWER = re.compile(r">=\s*([0-9][^,\s]*)")


def _release(version: str) -> tuple[int, ...]:
    """"3.1" and "3.1.0" are the same release."""
    numbers = [int(part) for part in re.match(r"[0-9]+(?:\.[0-9]+)*", version).group().split(".")]
    while len(numbers) > 1 and numbers[-1] == 0:
        numbers.pop()
    return tuple(numbers)


def lower_bounds(pyproject: Path) -> dict[str, str]:
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    requirements = list(project.get("dependencies", []))
    requirements += project.get("optional-dependencies", {}).get("test", [])
    bounds = {}
    for requirement in requirements:
        match = _REQUIREMENT.match(requirement)
        lower = _LOWER.search(match.group(2)) if match else None
        if not lower:
            raise SystemExit(f"{requirement!r} has no lower bound (>=) in {pyproject}")
        bounds[match.group(1)] = lower.group(1)
    return bounds


def main(pyproject: Path) -> int:
    problems = []
    for name, lower in lower_bounds(pyproject).items():
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            problems.append(f"{name}: not installed")
            continue
        if _release(installed) != _release(lower):
            problems.append(f"{name}: pyproject.toml says >={lower}, but the lowest installable is {installed}")
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    root = Path(__file__).resolve().parent.parent
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else root / "pyproject.toml"))
