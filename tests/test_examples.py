"""Every shipped example validates with zero errors, under openplan and under an independent
JSON Schema implementation (check-jsonschema, which uses the Python `jsonschema` library)."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from openplan.validation import validate
from openplan.version import SCHEMA_VERSION

from .conftest import EXAMPLES, ROOT, SCHEMA

EXAMPLE_FILES = sorted(EXAMPLES.rglob("*.yaml"))


def test_the_five_seed_plans_are_encoded():
    names = {path.name for path in EXAMPLE_FILES}
    for expected in ("business-plan-2013-14.yaml", "business-plan-2017-18.yaml", "business-plan-2020-21-draft.yaml",
                     "business-plan-2020-21-final.yaml", "shared-ambitions-milestones-2022-23.yaml"):
        assert expected in names


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.name)
def test_example_has_no_errors_under_openplan(path):
    result = validate(path)
    assert result.errors == [], "\n".join(f"{f.location()} {f.code} {f.message}" for f in result.errors)
    assert result.exit_code == 0


def _check_jsonschema() -> list[str]:
    found = shutil.which("check-jsonschema")
    if found:
        return [found]
    return [sys.executable, "-m", "check_jsonschema"]


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.name)
def test_example_is_valid_under_check_jsonschema(path):
    pytest.importorskip("check_jsonschema", reason="check-jsonschema is in the test extra")
    text = path.read_text(encoding="utf-8")
    kind = next((name for name in ("registry", "report") if f"\nkind: {name}" in text), "plan")
    schema = SCHEMA / SCHEMA_VERSION / f"{kind}.schema.json"
    completed = subprocess.run([*_check_jsonschema(), "--schemafile", str(schema), str(path)], cwd=ROOT,
                               capture_output=True, text=True, timeout=120)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "ok -- validation done" in completed.stdout
