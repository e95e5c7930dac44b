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


def _imported(source: str) -> set[str]:
    """The top-level packages a module imports: import statements, and import_module or __import__ of a name."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
        elif (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)
              and isinstance(node.args[0].value, str)
              and getattr(node.func, "attr", getattr(node.func, "id", None)) in ("import_module", "__import__")):
            found.add(node.args[0].value.split(".")[0])
    return found


def test_the_import_walk_finds_every_way_of_importing_and_tells_jsonschema_rs_apart():
    source = ("import jsonschema_rs\nfrom jsonschema_rs import validator_for\n"
              "def f():\n    import jsonschema.validators as v\n")
    assert _imported(source) == {"jsonschema_rs", "jsonschema"}
    assert _imported("from jsonschema import Draft202012Validator\n") == {"jsonschema"}
    assert _imported("import importlib\nimportlib.import_module('jsonschema.exceptions')\n") == {"importlib",
                                                                                                "jsonschema"}
    assert _imported("from . import structure\nfrom .jsonschema import x\n") == set()


def test_no_runtime_module_imports_a_test_only_package():
    imports = {path: _imported(path.read_text(encoding="utf-8")) for path in (ROOT / "openplan").rglob("*.py")}
    assert any("jsonschema_rs" in imported for imported in imports.values()), "the walk sees the runtime validator"
    for path, imported in sorted(imports.items()):
        assert not imported & TEST_ONLY, f"{path.relative_to(ROOT)} imports {imported & TEST_ONLY}"


def test_test_only_packages_are_in_the_test_extra_not_the_runtime_dependencies():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert not _names(project["dependencies"]) & TEST_ONLY
    assert TEST_ONLY <= _names(project["optional-dependencies"]["test"])
