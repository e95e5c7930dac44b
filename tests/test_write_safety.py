"""No data loss: every write goes through a temporary file in the same folder, fsync and rename; keeps the
file's mode; refuses to overwrite an input; and leaves the original untouched when anything fails.

First :func:`openplan.atomic.write_atomic` itself, with the failures simulated in-process; then every command
that writes a file (convert -o, lint --fix, upgrade, init, import), found at test time, run as a command with
a disk that fills up (a real file-size limit), an fsync that fails with ENOSPC, and a Ctrl-C during the write.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from openplan import atomic
from openplan.atomic import WriteRefused, write_atomic

from .badinput.entrypoints import commands
from .conftest import ROOT

POSIX = os.name == "posix"
OLD = "old content a user wrote, which must survive\n"


def _leftovers(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if path.name.endswith(".tmp"))


# --- write_atomic ----------------------------------------------------------------------------------------------

@pytest.fixture
def target(tmp_path) -> Path:
    path = tmp_path / "plan.yaml"
    path.write_text(OLD)
    return path


def test_writes_through_a_temporary_file_in_the_same_folder_then_renames(target, monkeypatch):
    events = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(descriptor):
        events.append(("fsync", os.readlink(f"/proc/self/fd/{descriptor}") if POSIX and os.path.exists("/proc")
                       else descriptor))
        real_fsync(descriptor)

    def replace(source, destination):
        events.append(("replace", Path(source), Path(destination), target.read_text()))
        real_replace(source, destination)

    monkeypatch.setattr(atomic.os, "fsync", fsync)
    monkeypatch.setattr(atomic.os, "replace", replace)
    write_atomic(target, "new content\n")
    assert target.read_text() == "new content\n"
    renames = [event for event in events if event[0] == "replace"]
    assert len(renames) == 1
    _, source, destination, before = renames[0]
    assert destination == target and source.parent == target.parent and source != target
    assert before == OLD, "the target still held the old content until the rename"
    first_fsync = events.index(next(event for event in events if event[0] == "fsync"))
    assert first_fsync < events.index(renames[0]), "the new content was fsynced before the rename"
    if isinstance(events[first_fsync][1], str):
        assert Path(events[first_fsync][1]) == source, "the temporary file itself was fsynced"
    assert _leftovers(target.parent) == []


@pytest.mark.skipif(not POSIX, reason="file modes are POSIX")
def test_keeps_the_mode_of_the_file_it_replaces(target):
    target.chmod(0o640)
    write_atomic(target, "new\n")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


@pytest.mark.skipif(not POSIX, reason="file modes are POSIX")
def test_a_new_file_gets_the_usual_mode(tmp_path):
    umask = os.umask(0o022)
    try:
        write_atomic(tmp_path / "new.yaml", "new\n")
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "new.yaml").stat().st_mode) == 0o644  # not mkstemp's private 0o600


def test_refuses_to_overwrite_a_protected_input(target):
    with pytest.raises(WriteRefused):
        write_atomic(target, "new\n", protect=(target,))
    assert target.read_text() == OLD


@pytest.mark.skipif(not POSIX, reason="symlinks")
def test_refuses_an_input_reached_by_another_name(target):
    alias = target.parent / "alias.yaml"
    alias.symlink_to(target)
    with pytest.raises(WriteRefused):
        write_atomic(alias, "new\n", protect=(target,))
    assert target.read_text() == OLD


class _FailingStream:
    """A file object that writes half of what it is given, then fails."""

    def __init__(self, stream, error: BaseException):
        self.stream, self.error = stream, error

    def write(self, data):
        self.stream.write(data[: len(data) // 2])
        self.stream.flush()
        raise self.error

    def __getattr__(self, name):
        return getattr(self.stream, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stream.close()


@pytest.mark.parametrize("error", [OSError(errno.ENOSPC, "No space left on device"), KeyboardInterrupt()],
                         ids=["disk full mid-write", "interrupt mid-write"])
def test_failure_mid_write_leaves_the_original_untouched(target, monkeypatch, error):
    real_fdopen = os.fdopen
    monkeypatch.setattr(atomic.os, "fdopen", lambda *args, **kwargs: _FailingStream(real_fdopen(*args, **kwargs),
                                                                                      error))
    with pytest.raises(type(error)):
        write_atomic(target, "new content " * 1000)
    assert target.read_text() == OLD
    assert _leftovers(target.parent) == []


@pytest.mark.parametrize("error", [OSError(errno.ENOSPC, "No space left on device"), KeyboardInterrupt()],
                         ids=["disk full at fsync", "interrupt at fsync"])
def test_failure_at_fsync_leaves_the_original_untouched(target, monkeypatch, error):
    def fsync(descriptor):
        raise error

    monkeypatch.setattr(atomic.os, "fsync", fsync)
    with pytest.raises(type(error)):
        write_atomic(target, "new content\n")
    assert target.read_text() == OLD
    assert _leftovers(target.parent) == []


def test_failure_at_rename_leaves_the_original_untouched(target, monkeypatch):
    def replace(source, destination):
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(atomic.os, "replace", replace)
    with pytest.raises(OSError):
        write_atomic(target, "new content\n")
    assert target.read_text() == OLD
    assert _leftovers(target.parent) == []


# --- every command that writes ---------------------------------------------------------------------------------

PADDING = "Deliver the housing programme with partners across the borough. " * 400  # so outputs are large

PLAN = f"""openplan: "1.0"
id: plan.write-safety
title: Working with the GLA
organisation: org.council
period: {{start: "2025-04-01", end: "2026-03-31"}}
edition: {{status: draft}}
organisations:
  - {{id: org.council, name: Example Council, description: "{PADDING}"}}
  - {{id: org.gla, name: Greater London Authority, abbreviation: GLA}}
"""
OLD_PLAN = ROOT / "tests" / "adopt" / "data" / "plan-0.9.yaml"
MIGRATIONS = ROOT / "tests" / "adopt" / "data" / "migrations"
DOCUMENT = ROOT / "tests" / "adopt" / "data" / "london-councils-business-plan-2020-21-final-july-2020.md"


@dataclass
class Writer:
    """How to make a command write ``target`` in a prepared folder, and how to make it refuse its input."""

    name: str
    prepare: Callable[[Path], None]
    argv: list[str]
    target: str  # the file written (replaced when it exists)
    kept: tuple[str, ...] = ()  # inputs that must never change
    refuse: list[str] | None = None  # arguments that name an input as the output
    refused: str | None = None  # the input that refusal protects
    new: bool = False  # the command only creates files (init): there is nothing to keep the mode of
    fsize: int = 16_000  # bytes: above any message the command prints, below the file it writes


def _plan(folder: Path) -> None:
    (folder / ".git").mkdir()
    (folder / "plan.yaml").write_text(PLAN)


def _convert(folder: Path) -> None:
    _plan(folder)
    (folder / "out.json").write_text(OLD)


def _upgrade(folder: Path) -> None:
    (folder / ".git").mkdir()
    text = OLD_PLAN.read_text(encoding="utf-8")
    (folder / "plan.yaml").write_text(text + "".join(f"# {PADDING[:100]}\n" for _ in range(200)))


def _import(folder: Path) -> None:
    (folder / ".git").mkdir()
    shutil.copy(DOCUMENT, folder / "plan.md")
    (folder / "draft.yaml").write_text(OLD)


def _init(folder: Path) -> None:
    (folder / "council").mkdir()


WRITERS = {
    "convert": Writer("convert", _convert, ["convert", "plan.yaml", "--to", "json", "-o", "out.json"], "out.json",
                      kept=("plan.yaml",), refuse=["convert", "plan.yaml", "--to", "yaml", "-o", "plan.yaml"],
                      refused="plan.yaml"),
    "lint": Writer("lint", _plan, ["lint", "--fix", "plan.yaml"], "plan.yaml",
                   refuse=["lint", "plan.yaml", "-o", "plan.yaml"], refused="plan.yaml"),
    "upgrade": Writer("upgrade", _upgrade, ["upgrade", "plan.yaml", "--migrations", str(MIGRATIONS)], "plan.yaml"),
    "import": Writer("import", _import, ["import", "plan.md", "-o", "draft.yaml", "--force"], "draft.yaml",
                     kept=("plan.md",), refuse=["import", "plan.md", "-o", "plan.md", "--force"], refused="plan.md"),
    "init": Writer("init", _init, ["init", "council", "--council", "Example Council", "--no-interactive"],
                   "council/plan.yaml", new=True, fsize=400),
}
PRESENT = [WRITERS[name] for name in WRITERS if name in commands()]


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*"))
            if path.is_file() and ".git" not in path.parts}


def _settled(outcome) -> None:
    assert not outcome.timed_out and outcome.signal is None, outcome.describe()
    assert "Traceback (most recent call last)" not in outcome.output, outcome.describe()
    assert "internal error" not in outcome.output, outcome.describe()


@pytest.fixture
def prepared(tmp_path, request):
    writer: Writer = request.param
    folder = tmp_path / "work"
    folder.mkdir()
    writer.prepare(folder)
    if not writer.new and POSIX:
        (folder / writer.target).chmod(0o640)
    return writer, folder


def test_every_writing_command_is_covered():
    known = set(WRITERS)
    writing = {name for name in commands() if name in known}
    assert writing == {writer.name for writer in PRESENT}
    assert {"convert", "lint"} <= writing  # the first two commands that write have landed


@pytest.mark.parametrize("prepared", PRESENT, ids=[writer.name for writer in PRESENT], indirect=True)
def test_writes_the_file_and_keeps_its_mode(prepared, command_runner):
    writer, folder = prepared
    before = _snapshot(folder)
    outcome = command_runner.run(writer.argv, folder)
    _settled(outcome)
    assert outcome.code in (0, 1), outcome.describe()
    written = folder / writer.target
    assert written.exists() and written.read_bytes() != before.get(writer.target), outcome.describe()
    if POSIX and not writer.new:
        assert stat.S_IMODE(written.stat().st_mode) == 0o640
    for name in writer.kept:
        assert (folder / name).read_bytes() == before[name], f"{name} is an input and must not change"
    assert _leftovers(written.parent) == []


@pytest.mark.parametrize("prepared", [writer for writer in PRESENT if writer.refuse],
                         ids=[writer.name for writer in PRESENT if writer.refuse], indirect=True)
def test_refuses_to_overwrite_its_own_input(prepared, command_runner):
    writer, folder = prepared
    before = _snapshot(folder)
    outcome = command_runner.run(writer.refuse, folder)
    _settled(outcome)
    assert outcome.code == 2, outcome.describe()
    assert writer.refused in outcome.output, "the message names the file: " + outcome.describe()
    assert _snapshot(folder) == before


def test_init_never_overwrites(tmp_path, command_runner):
    if "init" not in commands():
        pytest.skip("openplan init is not here yet")
    writer = WRITERS["init"]
    writer.prepare(tmp_path)
    assert command_runner.run(writer.argv, tmp_path).code == 0
    (tmp_path / writer.target).write_text(OLD)
    before = _snapshot(tmp_path)
    outcome = command_runner.run(writer.argv, tmp_path)
    _settled(outcome)
    assert outcome.code == 2, outcome.describe()
    assert _snapshot(tmp_path) == before


FAILURES = {"disk fills up": {"fsize": True}, "fsync fails (ENOSPC)": {"fault": "fsync-enospc"},
            "Ctrl-C during the write": {"fault": "fsync-interrupt"}}


@pytest.mark.skipif(not POSIX, reason="resource limits and fork are POSIX")
@pytest.mark.parametrize("failure", sorted(FAILURES))
@pytest.mark.parametrize("prepared", PRESENT, ids=[writer.name for writer in PRESENT], indirect=True)
def test_a_failed_write_leaves_every_file_as_it_was(prepared, failure, command_runner):
    writer, folder = prepared
    before = _snapshot(folder)
    how = dict(FAILURES[failure])
    if how.get("fsize"):
        how["fsize"] = writer.fsize
    outcome = command_runner.run(writer.argv, folder, **how)
    _settled(outcome)
    if failure == "Ctrl-C during the write":
        assert outcome.code == 130, outcome.describe()  # the shell's code for a Ctrl-C
    else:
        assert outcome.code == 2, outcome.describe()
    after = _snapshot(folder)
    # Files already there are byte for byte as they were; a new file is either whole or absent.
    assert {name: after.get(name) for name in before} == before, outcome.describe()
    assert _leftovers(folder) == [] and _leftovers((folder / writer.target).parent) == []
    if writer.new:
        assert writer.target not in after
