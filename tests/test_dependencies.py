"""Packages only the tests use stay out of what `pip install openplan` brings."""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEST_ONLY = {"jsonschema"}  # python-jsonschema: the tests' independent check of the schema


def _names(requirements: list[str]) -> set[str]:
    return {re.match(r"[A-Za-z0-9_.-]+", requirement).group(0).lower() for requirement in requirements}


def _imported(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def test_no_runtime_module_imports_a_test_only_package():
    for path in sorted((ROOT / "openplan").rglob("*.py")):
        assert not _imported(path) & TEST_ONLY, f"{path.relative_to(ROOT)} imports {_imported(path) & TEST_ONLY}"


def test_test_only_packages_are_in_the_test_extra_not_the_runtime_dependencies():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert not _names(project["dependencies"]) & TEST_ONLY
    assert TEST_ONLY <= _names(project["optional-dependencies"]["test"])
