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


# --- what a write goes to: streams, devices, pipes, links, read-only files, hard links ----------------------------
#
# `openplan` runs in CI containers as root, on checkouts a pull request controls. A write must go where it is
# named, and only there: a device or pipe is written straight (never replaced by a regular file), a symbolic
# link given as an output is refused, a read-only file is kept unless forced, and a file with several names
# keeps them all.

SMALL = """openplan: "1.0"
id: plan.small
title: Working with the GLA
organisation: org.council
period: {start: "2025-04-01", end: "2026-03-31"}
edition: {status: draft}
organisations:
  - {id: org.council, name: Example Council}
  - {id: org.gla, name: Greater London Authority, abbreviation: GLA}
"""
FIXED_TITLE = "title: Working with the Greater London Authority (GLA)"


@dataclass
class Output:
    """A command that writes to a path it is given; ``marker`` is text its output always holds."""

    name: str
    argv: list[str]  # "OUT" stands for the output path
    marker: str

    def line(self, out: str) -> list[str]:
        return [out if part == "OUT" else part for part in self.argv]


OUTPUTS = [Output("convert -o", ["convert", "plan.yaml", "--to", "json", "-o", "OUT"], '"openplan": "1.0"'),
           Output("lint -o", ["lint", "plan.yaml", "-o", "OUT"], "1 file linted"),
           Output("lint --write-baseline", ["lint", "plan.yaml", "--write-baseline", "OUT"], '"format"'),
           Output("schema -o", ["schema", "-o", "OUT"], '"$schema"'),
           Output("import -o", ["import", "plan.md", "-o", "OUT", "--force"], "openplan: ")]
OUTPUT_IDS = [output.name for output in OUTPUTS]


@pytest.fixture
def folder(tmp_path) -> Path:
    work = tmp_path / "work"
    work.mkdir()
    (work / ".git").mkdir()
    (work / "plan.yaml").write_text(SMALL)
    shutil.copy(DOCUMENT, work / "plan.md")
    return work


def _read_in_background(path: Path) -> tuple[list[bytes], "threading.Thread"]:
    import threading

    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(path.read_bytes()), daemon=True)
    reader.start()
    return got, reader


@pytest.mark.skipif(not POSIX, reason="named pipes are POSIX")
@pytest.mark.parametrize("output", OUTPUTS, ids=OUTPUT_IDS)
def test_a_named_pipe_is_written_through_not_replaced(folder, output, command_runner):
    pipe = folder / "pipe"
    os.mkfifo(pipe)
    got, reader = _read_in_background(pipe)
    outcome = command_runner.run(output.line("pipe"), folder, timeout=30)
    reader.join(timeout=30)
    _settled(outcome)
    assert outcome.code in (0, 1), outcome.describe()
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode), "the pipe was replaced by a regular file"
    assert not reader.is_alive() and output.marker in got[0].decode("utf-8"), outcome.describe()
    assert _leftovers(folder) == []


ROOT_ONLY = pytest.mark.skipif(not POSIX or os.geteuid() != 0, reason="making a device node needs root")


def _device(folder: Path, name: str, minor: int) -> Path:
    path = folder / name
    os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, minor))  # 1,3 is /dev/null; 1,7 is /dev/full
    return path


@ROOT_ONLY
@pytest.mark.parametrize("output", OUTPUTS, ids=OUTPUT_IDS)
def test_a_character_device_is_written_to_not_replaced(folder, output, command_runner):
    null = _device(folder, "null", 3)
    outcome = command_runner.run(output.line("null"), folder)
    _settled(outcome)
    assert outcome.code in (0, 1), outcome.describe()
    assert stat.S_ISCHR(os.lstat(null).st_mode), "the device was replaced by a regular file"
    assert _leftovers(folder) == []


@ROOT_ONLY
@pytest.mark.parametrize("output", OUTPUTS, ids=OUTPUT_IDS)
def test_a_write_error_on_a_device_is_reported(folder, output, command_runner):
    full = _device(folder, "full", 7)
    outcome = command_runner.run(output.line("full"), folder)
    _settled(outcome)
    assert outcome.code == 2, "a failed write must not succeed: " + outcome.describe()
    assert "full" in outcome.stderr and "No space left on device" in outcome.stderr, outcome.describe()
    assert stat.S_ISCHR(os.lstat(full).st_mode)


@pytest.mark.skipif(not POSIX, reason="/dev/stdout and /proc/self/fd are POSIX")
@pytest.mark.parametrize("name", ["-", "/dev/stdout", "/proc/self/fd/1"])
@pytest.mark.parametrize("output", OUTPUTS, ids=OUTPUT_IDS)
def test_standard_output_named_as_the_output_gets_the_output(folder, output, name, command_runner):
    # Never try the real /dev/stdout unless it is known to be written straight: replacing it would break /dev.
    assert atomic.stream_descriptor(name) == 1
    outcome = command_runner.run(output.line(name), folder)
    _settled(outcome)
    assert outcome.code in (0, 1), outcome.describe()
    assert output.marker in outcome.stdout, outcome.describe()
    assert not (folder / "-").exists()
    assert _leftovers(folder) == []


@pytest.mark.skipif(not POSIX, reason="symlinks")
@pytest.mark.parametrize("output", OUTPUTS, ids=OUTPUT_IDS)
def test_a_symbolic_link_given_as_the_output_is_refused(folder, output, command_runner):
    victim = folder.parent / "victim.txt"  # what a link planted in a pull request might point at
    victim.write_text(OLD)
    (folder / "report.out").symlink_to(victim)
    outcome = command_runner.run(output.line("report.out"), folder)
    _settled(outcome)
    assert outcome.code == 2, outcome.describe()
    assert "report.out is a symbolic link" in outcome.stderr, outcome.describe()
    assert victim.read_text() == OLD and (folder / "report.out").is_symlink()


def test_write_atomic_refuses_a_folder_and_a_dangling_link(tmp_path):
    with pytest.raises(WriteRefused, match="is a folder"):
        write_atomic(tmp_path, "new\n")
    if POSIX:
        (tmp_path / "dangling").symlink_to(tmp_path / "nothing")
        with pytest.raises(WriteRefused, match="symbolic link to nothing"):
            write_atomic(tmp_path / "dangling", "new\n", follow_links=True)
        assert not (tmp_path / "nothing").exists()


# --- one guard for every writing command: never over a file the command read ----------------------------------

REGISTRY = 'openplan: "1.0"\nkind: registry\nid: reg.shared\ntitle: Shared things\n'


@pytest.fixture
def project(folder) -> Path:
    (folder / "registry.yaml").write_text(REGISTRY)
    (folder / "plan.yaml").write_text(SMALL.replace("organisation: org.council\n",
                                                    "organisation: org.council\nregistries: [registry.yaml]\n"))
    (folder / "sub").mkdir()
    (folder / "sub" / "mini.yaml").write_text(SMALL.replace("plan.small", "plan.mini"))
    (folder / "openplan.toml").write_text("[lint]\n")
    return folder


@pytest.mark.parametrize("argv,kept", [
    (["lint", "plan.yaml", "-o", "registry.yaml"], "registry.yaml"),
    (["lint", "sub", "-o", "sub/mini.yaml"], "sub/mini.yaml"),
    (["lint", "plan.yaml", "--write-baseline", "registry.yaml"], "registry.yaml"),
    (["lint", "plan.yaml", "--write-baseline", "plan.yaml"], "plan.yaml"),
    (["lint", "plan.yaml", "-o", "openplan.toml"], "openplan.toml"),
    (["lint", "plan.yaml", "-o", "hard-link.yaml"], "registry.yaml"),
], ids=["report over a registry", "report over a linted plan", "baseline over a registry", "baseline over the plan",
        "report over the configuration", "report over a hard link to a registry"])
def test_lint_never_writes_over_a_file_it_read(project, argv, kept, command_runner):
    if "hard-link.yaml" in argv:
        os.link(project / "registry.yaml", project / "hard-link.yaml")
    before = _snapshot(project)
    outcome = command_runner.run(argv, project)
    _settled(outcome)
    assert outcome.code == 2, outcome.describe()
    assert "is an input of this command" in outcome.stderr, outcome.describe()
    assert _snapshot(project) == before, f"{kept} must not change"


def test_a_new_report_beside_the_plans_is_still_written(project, command_runner):
    outcome = command_runner.run(["lint", "sub", "-o", "sub/report.txt"], project)
    _settled(outcome)
    assert outcome.code in (0, 1) and "1 file linted" in (project / "sub" / "report.txt").read_text()


# --- lint --fix keeps an edit made while it works ----------------------------------------------------------------

def test_an_edit_made_while_fixes_are_worked_out_is_kept(tmp_path, monkeypatch):
    from openplan.lint import engine, fixes

    plan = tmp_path / "plan.yaml"
    plan.write_text(SMALL)
    (tmp_path / ".git").mkdir()
    result = engine.Linter(engine.LintOptions(isolated=True)).lint(str(plan))
    edited = SMALL.replace("Example Council", "Example Borough Council")
    real = fixes.Validator

    class EditingMidway(real):  # the user saves the file while the fixed text is being validated
        def check_document(self, document):
            if plan.read_text() != edited:
                plan.write_text(edited)
            return super().check_document(document)

    monkeypatch.setattr(fixes, "Validator", EditingMidway)
    outcomes = fixes.plan(result)
    assert any(outcome.changed for outcome in outcomes), "the plan has a fix to apply"
    assert fixes.write(outcomes) == 0
    assert plan.read_text() == edited, "the user's edit was lost"
    assert "changed on disk" in outcomes[0].refused
    assert _leftovers(tmp_path) == []


# --- rewriting a file as it was written: encodings, byte-order marks, line endings, links -----------------------

def _old_plan() -> str:
    return OLD_PLAN.read_text(encoding="utf-8")


def _run_upgrade(command_runner, folder: Path, name: str, *extra: str):
    outcome = command_runner.run(["upgrade", name, "--migrations", str(MIGRATIONS), *extra], folder)
    _settled(outcome)
    return outcome


def _loaded(path: Path):
    from openplan.loader import load_document

    return load_document(path).data


@pytest.mark.parametrize("encoding,bom", [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe"),
                                          ("utf-16-be", b"\xfe\xff")],
                         ids=["utf-8", "utf-8 with a mark", "utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["LF", "CRLF"])
def test_upgrade_keeps_the_encoding_mark_and_line_endings(tmp_path, command_runner, encoding, bom, newline):
    (tmp_path / ".git").mkdir()
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(bom + _old_plan().replace("\n", newline).encode(encoding))
    outcome = _run_upgrade(command_runner, tmp_path, "plan.yaml")
    assert outcome.code == 0, outcome.describe()
    raw = plan.read_bytes()
    assert raw.startswith(bom) and not raw[len(bom):].startswith(bom or b"-")  # the mark kept, and once
    text = raw[len(bom):].decode(encoding)
    assert 'openplan: "1.1"' in text
    lines = text.count("\n")
    assert text.count("\r\n") == (lines if newline == "\r\n" else 0), "every line ends the way the file's did"
    assert "# Comments like these must survive" in text


def test_upgrade_reads_json_escapes_exactly(tmp_path, command_runner):
    (tmp_path / ".git").mkdir()
    plan = tmp_path / "plan.json"
    plan.write_text('{\n  "openplan": "0.9",\n  "id": "plan.json",\n  "title": "J \\u0085\\u2028 plan \\ud83d\\ude00",\n'
                    '  "organisation": "org.example",\n  "period": "2025-04-01/2026-03-31",\n'
                    '  "organisations": [{"id": "org.example", "name": "Example \\u2029 Council"}]\n}\n',
                    encoding="utf-8")
    outcome = _run_upgrade(command_runner, tmp_path, "plan.json")
    assert outcome.code == 0, outcome.describe()
    data = _loaded(plan)
    assert data["openplan"] == "1.1"
    assert data["title"] == "J \x85\u2028 plan \U0001F600"
    assert data["organisations"][0]["name"] == "Example \u2029 Council"
    assert "\u2028" not in plan.read_text(encoding="utf-8"), "line separators stay escaped for other readers"


@pytest.mark.skipif(not POSIX, reason="symlinks")
def test_upgrade_of_a_linked_plan_changes_the_plan_and_keeps_the_link(tmp_path, command_runner):
    (tmp_path / ".git").mkdir()
    (tmp_path / "plans").mkdir()
    real = tmp_path / "plans" / "plan.yaml"
    real.write_text(_old_plan())
    (tmp_path / "current.yaml").symlink_to("plans/plan.yaml")
    outcome = _run_upgrade(command_runner, tmp_path, "current.yaml")
    assert outcome.code == 0, outcome.describe()
    assert (tmp_path / "current.yaml").is_symlink()
    assert _loaded(real)["openplan"] == "1.1"
    assert _leftovers(tmp_path) == [] and _leftovers(real.parent) == []


@pytest.mark.parametrize("encoding,bom", [("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe")],
                         ids=["utf-8 with a mark", "utf-16-le"])
def test_lint_fix_keeps_the_encoding_mark_and_line_endings(tmp_path, command_runner, encoding, bom):
    (tmp_path / ".git").mkdir()
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(bom + SMALL.replace("\n", "\r\n").encode(encoding))
    outcome = command_runner.run(["lint", "--fix", "plan.yaml"], tmp_path)
    _settled(outcome)
    assert outcome.code == 0 and "applied 1 fix" in outcome.stderr, outcome.describe()
    raw = plan.read_bytes()
    assert raw.startswith(bom)
    text = raw[len(bom):].decode(encoding)
    assert FIXED_TITLE + "\r\n" in text and text.count("\n") == text.count("\r\n")


# --- read-only files and hard links ------------------------------------------------------------------------------

REWRITERS = {"lint --fix": (["lint", "--fix", "plan.yaml"], SMALL, FIXED_TITLE),
             "upgrade": (["upgrade", "plan.yaml", "--migrations", str(MIGRATIONS)], None, 'openplan: "1.1"')}


def _rewriter_folder(tmp_path: Path, name: str) -> tuple[list[str], Path, str]:
    argv, text, expected = REWRITERS[name]
    (tmp_path / ".git").mkdir()
    plan = tmp_path / "plan.yaml"
    plan.write_text(text if text is not None else _old_plan())
    return argv, plan, expected


@pytest.mark.skipif(not POSIX, reason="file modes are POSIX")
@pytest.mark.parametrize("name", sorted(REWRITERS))
def test_a_read_only_file_is_kept_unless_forced(tmp_path, command_runner, name):
    argv, plan, expected = _rewriter_folder(tmp_path, name)
    plan.chmod(0o444)
    before = plan.read_bytes()
    outcome = command_runner.run(argv, tmp_path)
    _settled(outcome)
    assert outcome.code == 2, outcome.describe()
    assert "read-only" in outcome.stderr and "--force" in outcome.stderr, outcome.describe()
    assert plan.read_bytes() == before
    outcome = command_runner.run([*argv, "--force"], tmp_path)
    _settled(outcome)
    assert outcome.code == 0, outcome.describe()
    assert expected in plan.read_text() and stat.S_IMODE(plan.stat().st_mode) == 0o444


@pytest.mark.skipif(not POSIX, reason="hard links")
@pytest.mark.parametrize("name", sorted(REWRITERS))
def test_a_hard_linked_file_keeps_its_links(tmp_path, command_runner, name):
    argv, plan, expected = _rewriter_folder(tmp_path, name)
    other = tmp_path / "other-name.yaml"
    os.link(plan, other)
    outcome = command_runner.run(argv, tmp_path)
    _settled(outcome)
    assert outcome.code == 0, outcome.describe()
    assert expected in other.read_text(), "the other name must see the change too"
    assert os.path.samefile(plan, other) and plan.stat().st_nlink == 2
    assert _leftovers(tmp_path) == []


@pytest.mark.skipif(not POSIX, reason="hard links")
@pytest.mark.parametrize("error", [OSError(errno.ENOSPC, "No space left on device"), KeyboardInterrupt()],
                         ids=["disk full", "interrupt"])
def test_a_failed_write_in_place_puts_the_old_content_back(tmp_path, monkeypatch, error):
    target = tmp_path / "plan.yaml"
    target.write_text(OLD)
    os.link(target, tmp_path / "other.yaml")
    calls = []
    real_fsync = os.fsync

    def fsync(descriptor):  # the first fsync keeps the old content aside; the second is the overwrite's
        calls.append(descriptor)
        if len(calls) == 2:
            raise error
        real_fsync(descriptor)

    monkeypatch.setattr(atomic.os, "fsync", fsync)
    with pytest.raises(type(error)):
        write_atomic(target, "new content " * 1000)
    assert target.read_text() == OLD and (tmp_path / "other.yaml").read_text() == OLD
    assert os.path.samefile(target, tmp_path / "other.yaml")
    assert _leftovers(tmp_path) == []


# --- signals: a temporary file never outlives a stopped run; Ctrl-C says so -----------------------------------

_DRIVER = """
import os, signal, sys, time
sys.path.insert(0, {root!r})
# Ctrl-C as at a terminal: a test runner started in the background passes SIGINT on ignored, and the command
# rightly leaves an ignored signal ignored.
signal.signal(signal.SIGINT, signal.default_int_handler)
real = os.fsync
def slow_fsync(descriptor):
    open({ready!r}, "w").close()
    time.sleep(60)  # the test stops the run here, in the middle of the write
    real(descriptor)
os.fsync = slow_fsync
sys.argv = ["openplan", *{argv!r}]
from openplan.cli import run
run()
"""


def _stop_during_fsync(folder: Path, argv: list[str], signum: int):
    import subprocess
    import sys
    import time

    ready = folder.parent / "ready"
    script = _DRIVER.format(root=str(ROOT), ready=str(ready), argv=argv)
    env = dict(os.environ, PYTHONIOENCODING="utf-8", NO_COLOR="1")
    env.pop("GITHUB_ACTIONS", None)
    process = subprocess.Popen([sys.executable, "-c", script], cwd=folder, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not ready.exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert ready.exists(), "the command never reached its write: " + "".join(process.communicate(timeout=30))
    process.send_signal(signum)
    stdout, stderr = process.communicate(timeout=30)
    return process.returncode, stdout, stderr


@pytest.mark.skipif(not POSIX, reason="POSIX signals")
@pytest.mark.parametrize("signame,code,message", [("SIGTERM", 143, "stopped"), ("SIGINT", 130, "interrupted")])
@pytest.mark.parametrize("writer", ["convert", "lint"])
def test_a_signal_during_the_write_leaves_no_temporary_file(tmp_path, writer, signame, code, message):
    import signal

    work = tmp_path / "work"
    work.mkdir()
    (work / ".git").mkdir()
    (work / "plan.yaml").write_text(SMALL)
    (work / "out.json").write_text(OLD)
    argv = {"convert": ["convert", "plan.yaml", "--to", "json", "-o", "out.json"],
            "lint": ["lint", "--fix", "plan.yaml"]}[writer]
    before = _snapshot(work)
    returncode, _stdout, stderr = _stop_during_fsync(work, argv, getattr(signal, signame))
    assert _leftovers(work) == [], "the temporary file was left behind"
    assert _snapshot(work) == before
    assert returncode == code, stderr
    assert f"openplan: {message}" in stderr, stderr
    assert "Traceback" not in stderr


def test_text_in_the_files_own_line_endings_is_written_back_exactly(tmp_path):
    from openplan import textfile

    path = tmp_path / "plan.yaml"
    path.write_bytes(b"a: 1\r\nb: 2\r\nc: 3\n")  # mostly CRLF, one line LF: as some editors leave a file
    file = textfile.read(path)
    assert file.newline == "\r\n"
    assert file.encode(file.text) == path.read_bytes(), "a line the command did not touch keeps its ending"
    assert file.encode("a: 1\nb: 2\n") == b"a: 1\r\nb: 2\r\n", "text written with LF gets the file's endings"


@pytest.mark.skipif(not POSIX, reason="symlinks")
def test_init_writes_through_no_link(tmp_path, command_runner):
    victim = tmp_path / "victim.txt"
    victim.write_text(OLD)
    (tmp_path / "council").mkdir()
    (tmp_path / "council" / "registry.yaml").symlink_to(tmp_path / "nothing-yet.yaml")  # a link to nothing
    outcome = command_runner.run(WRITERS["init"].argv, tmp_path)
    _settled(outcome)
    assert outcome.code == 2 and "registry.yaml" in outcome.stderr, outcome.describe()
    assert sorted(path.name for path in (tmp_path / "council").iterdir()) == ["registry.yaml"]
    assert not (tmp_path / "nothing-yet.yaml").exists()
