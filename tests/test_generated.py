"""tools/generated.py: the one way generated files (schema, reference pages, rule pages) are written and checked."""

from __future__ import annotations

import subprocess
import sys

from tools import generated
from tools.generated import Generator

from .conftest import ROOT

LONG = "".join(f"line {number}\n" for number in range(40))


def _generator(files: dict[str, str]) -> Generator:
    return Generator("tools.example", lambda root: dict(files), ("out/*.md",))


def test_writing_then_checking_finds_nothing_to_do(tmp_path, capsys):
    example = _generator({"out/a.md": "one\ntwo\n", "out/b.md": "b\n"})
    assert generated.main(example, [], tmp_path) == 0
    assert (tmp_path / "out" / "a.md").read_text(encoding="utf-8") == "one\ntwo\n"
    assert capsys.readouterr().out == "out/a.md\nout/b.md\n2 files changed\n"
    assert generated.main(example, ["--check"], tmp_path) == 0
    assert capsys.readouterr().err == ""
    assert generated.write(example, tmp_path) == []


def test_check_lists_each_out_of_date_file_with_a_short_diff(tmp_path, capsys):
    example = _generator({"out/a.md": "one\ntwo\n", "out/b.md": "b\n", "out/long.md": LONG})
    generated.write(example, tmp_path)
    (tmp_path / "out" / "a.md").write_text("one\n2\n", encoding="utf-8")
    (tmp_path / "out" / "b.md").unlink()
    (tmp_path / "out" / "c.md").write_text("a page nothing renders\n", encoding="utf-8")
    (tmp_path / "out" / "long.md").write_text(LONG.replace("line", "LINE"), encoding="utf-8")
    assert generated.main(example, ["--check"], tmp_path) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "out/a.md is out of date"
    assert "    -2" in err and "    +two" in err
    assert "out/b.md is missing" in err and "out/c.md is no longer generated" in err
    assert any(line.startswith("    ... ") and line.endswith("more lines of difference") for line in err)
    assert len(err) < 50 and err[-1] == "Run `python -m tools.example` to regenerate."
    assert generated.write(example, tmp_path) == ["out/a.md", "out/b.md", "out/c.md", "out/long.md"]
    assert not (tmp_path / "out" / "c.md").exists() and generated.stale(example, tmp_path) == []


def test_a_file_outside_what_the_generator_owns_is_left_alone(tmp_path):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "notes.txt").write_text("mine\n", encoding="utf-8")
    generated.write(_generator({"out/a.md": "a\n"}), tmp_path)
    assert (tmp_path / "out" / "notes.txt").read_text(encoding="utf-8") == "mine\n"


def test_an_unknown_argument_is_a_usage_error(tmp_path, capsys):
    assert generated.main(_generator({}), ["--chek"], tmp_path) == 2
    assert capsys.readouterr().err == "usage: python -m tools.example [--check]\n"


def test_the_generators_run_from_the_repository_root():
    completed = subprocess.run([sys.executable, "-m", "tools.schemagen", "--check"], cwd=ROOT, capture_output=True,
                               text=True, timeout=120)
    assert (completed.returncode, completed.stderr) == (0, "")
