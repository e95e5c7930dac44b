"""One test per threat: no network, no code run from a file, no reading outside the project folder, no
terminal control from a file, and bounded work on hostile documents. Each runs through every command that
reads plans (found at test time, see tests/badinput/entrypoints.py).

Two threats belong to the converters and are tested there, not repeated here:

* HTML and Markdown output escapes everything: tests/convert/test_pages.py
  (test_hostile_text_is_escaped_everywhere_in_the_page, test_hostile_text_is_escaped_in_markdown);
* XLSX import is protected against entity and zip bombs: tests/convert/test_spreadsheets.py
  (test_an_entity_bomb_is_refused, test_an_entity_hidden_past_the_first_bytes_is_still_never_expanded,
  test_a_zip_bomb_is_refused_before_it_is_unpacked, test_a_huge_shared_strings_table_is_refused).

Word import reads ZIP and XML too; its bombs are tested here.
"""

from __future__ import annotations

import importlib
import os
import re
import socket
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from .badinput.entrypoints import Place, entry_points

POSIX = os.name == "posix"
ENTRY_POINTS = entry_points()
PLAN_READERS = [entry for entry in ENTRY_POINTS if entry.plans]

PLAN = """openplan: "1.0"
id: plan.secure
title: Security test plan
organisation: org.example
period: {start: "2025-04-01", end: "2026-03-31"}
edition: {status: draft}
organisations:
  - {id: org.example, name: Example Council}
"""


def _project(tmp_path: Path) -> tuple[Path, Place]:
    folder = tmp_path / "project"
    (folder / "out").mkdir(parents=True)
    (folder / ".git").mkdir()
    (folder / "good.yaml").write_text(PLAN)
    return folder, Place(cwd=folder, good=folder / "good.yaml", out=folder / "out")


def _settled(outcome) -> None:
    assert not outcome.timed_out and outcome.signal is None, outcome.describe()
    assert "Traceback (most recent call last)" not in outcome.output, outcome.describe()
    assert "internal error" not in outcome.output, outcome.describe()


# --- no network, ever --------------------------------------------------------------------------------------------

REMOTE = PLAN.replace("organisation: org.example\n", 'organisation: org.example\n'
                      'registries: ["https://example.org/registry.yaml", "http://192.0.2.1/pledges.yaml"]\n'
                      'extensions: ["https://example.org/extensions/ward"]\n'
                      'sources:\n  - {title: Source, url: "https://example.org/plan.pdf"}\n') \
    .replace("edition: {status: draft}", "edition:\n  status: approved\n"
             "  previous: {id: plan.draft, path: \"https://example.org/draft.yaml\"}")
REMOTE = "# yaml-language-server: $schema=https://example.org/plan.schema.json\n" + REMOTE


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to resolve a name or open a connection is recorded, and fails."""
    attempts: list[str] = []

    def refuse(what):
        def guarded(*args, **kwargs):
            attempts.append(f"{what}{args[1:] if what == 'connect' else args}")
            raise OSError("network access attempted in a test")
        return guarded

    monkeypatch.setattr(socket.socket, "connect", refuse("connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("connect"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    return attempts


def test_the_network_guard_catches_a_connection(no_network):
    import urllib.request

    with pytest.raises(OSError):
        urllib.request.urlopen("http://192.0.2.1/", timeout=1)
    assert no_network, "the guard saw the attempt"


@pytest.mark.parametrize("entry", ENTRY_POINTS, ids=[entry.name for entry in ENTRY_POINTS])
def test_no_command_reaches_the_network(entry, tmp_path, monkeypatch, no_network):
    folder, place = _project(tmp_path)
    (folder / "remote.yaml").write_text(REMOTE)
    monkeypatch.chdir(folder)
    from openplan.cli import app

    result = CliRunner().invoke(app, entry.run_argv("remote.yaml", place), catch_exceptions=True)
    assert no_network == [], f"openplan {entry.name} tried the network: {no_network}"
    assert result.exit_code in entry.codes, result.output
    if entry.name == "validate":
        assert "L015" in result.output and "never fetches" in result.output


# --- no code run from a file ------------------------------------------------------------------------------------

UNSAFE = {
    "apply": 'title: !!python/object/apply:os.system ["touch {marker}"]',
    "new": 'title: !!python/object/new:os.system ["touch {marker}"]',
    "subprocess": 'title: !!python/object/apply:subprocess.call [["touch", "{marker}"]]',
    "verbatim": 'title: !<tag:yaml.org,2002:python/object/apply:os.system> ["touch {marker}"]',
    "nested": 'areas:\n  - id: area.a\n    title: !!python/object/apply:os.system ["touch {marker}"]',
    "json": '{{"openplan": "1.0", "title": "!!python/object/apply:os.system [\\"touch {marker}\\"]"}}',
}


@pytest.mark.skipif(not POSIX, reason="uses touch")
def test_the_payloads_do_run_code_under_an_unsafe_loader(tmp_path):
    """So that the test below would notice: PyYAML's unsafe loader does run the "apply" payload."""
    import yaml

    marker = tmp_path / "RAN"
    yaml.unsafe_load(UNSAFE["apply"].format(marker=marker))
    assert marker.exists()


@pytest.mark.parametrize("entry", ENTRY_POINTS, ids=[entry.name for entry in ENTRY_POINTS])
def test_no_command_runs_code_from_a_file(entry, tmp_path, command_runner):
    folder, place = _project(tmp_path)
    jobs, markers = [], []
    for name, line in UNSAFE.items():
        marker = folder / f"RAN-{name}"
        markers.append(marker)
        if name == "json":
            (folder / f"{name}.json").write_text(line.format(marker=marker))
            jobs.append((entry.run_argv(f"{name}.json", place), folder))
        else:
            text = PLAN.replace("title: Security test plan", line.format(marker=marker)) if name != "nested" \
                else PLAN + line.format(marker=marker) + "\n"
            (folder / f"{name}.yaml").write_text(text)
            jobs.append((entry.run_argv(f"{name}.yaml", place), folder))
    for outcome in command_runner.run_all(jobs):
        _settled(outcome)
    assert [marker.name for marker in markers if marker.exists()] == []


# --- files outside the project folder ------------------------------------------------------------------------------

OUTSIDE_ENTRIES = [entry for entry in PLAN_READERS if "--allow-outside" in entry.options()]


def _outside(tmp_path: Path) -> tuple[Path, Place]:
    folder, place = _project(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    # If this file were read, its syntax error would be reported: that is how the test sees a read.
    (elsewhere / "registry.yaml").write_text('openplan: "1.0"\nkind: registry\nid: reg.x\ntitle: "NEVER-READ\n')
    (folder / "plan.yaml").write_text(PLAN.replace("organisation: org.example\n",
                                                   "organisation: org.example\nregistries: [../elsewhere/registry.yaml]\n"))
    if POSIX:
        os.symlink(elsewhere / "registry.yaml", folder / "link.yaml")
        (folder / "linked.yaml").write_text(PLAN.replace("organisation: org.example\n",
                                                         "organisation: org.example\nregistries: [link.yaml]\n"))
    return folder, place


@pytest.mark.parametrize("entry", OUTSIDE_ENTRIES, ids=[entry.name for entry in OUTSIDE_ENTRIES])
def test_references_stay_inside_the_project_unless_allowed(entry, tmp_path, command_runner):
    folder, place = _outside(tmp_path)
    names = ["plan.yaml"] + (["linked.yaml"] if POSIX else [])
    refused = command_runner.run_all([(entry.run_argv(name, place), folder) for name in names])
    for outcome in refused:
        _settled(outcome)
        assert "NEVER-READ" not in outcome.output and "unexpected end of stream" not in outcome.output, \
            "the outside file was read: " + outcome.describe()
        if entry.name in ("validate", "lint"):
            assert outcome.code == 2 and "outside the project folder" in outcome.output, outcome.describe()
    allowed = command_runner.run(entry.run_argv("plan.yaml", place, ["--allow-outside"]), folder)
    _settled(allowed)
    if entry.name in ("validate", "lint"):
        assert "unexpected end of stream" in allowed.output, "with --allow-outside the file is read: " + \
            allowed.describe()


# --- no terminal control from a file ----------------------------------------------------------------------------------

HOSTILE_TEXT = PLAN.replace("title: Security test plan", 'title: "Plan \\e]0;owned\\a\\e[2J\\e[31mred\\x9b"') \
    .replace("edition: {status: draft}", 'edition: {status: "draft\\e[31m"}')
TEXT_REPORTS = [entry for entry in PLAN_READERS if entry.name not in ("convert", "upgrade")]  # not reports: data


@pytest.mark.parametrize("entry", TEXT_REPORTS, ids=[entry.name for entry in TEXT_REPORTS])
def test_control_characters_from_a_file_never_reach_the_terminal(entry, tmp_path, command_runner):
    folder, place = _project(tmp_path)
    (folder / "hostile.yaml").write_text(HOSTILE_TEXT)
    (folder / "hostile-but-valid.yaml").write_text(HOSTILE_TEXT.replace('"draft\\e[31m"', "draft"))
    outcomes = command_runner.run_all([(entry.run_argv(name, place), folder)
                                       for name in ("hostile.yaml", "hostile-but-valid.yaml")])
    for outcome in outcomes:
        _settled(outcome)
        raw = [char for char in outcome.output if char in "\x1b\x07\x9b"]
        assert raw == [], "raw control characters in the output: " + outcome.describe()


# --- bounded work on hostile documents ------------------------------------------------------------------------------

def test_alias_bombs_and_deep_nesting_are_stopped_before_they_cost_much(tmp_path, command_runner):
    """Billion laughs and 100,000-level nesting: refused within the memory cap and in seconds, by every command."""
    folder, place = _project(tmp_path)
    laughs = 'openplan: "1.0"\nl0: &l0 ["lol"]\n' + "".join(
        f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 10)}]\n" for n in range(1, 12))
    (folder / "laughs.yaml").write_text(laughs)
    (folder / "deep.yaml").write_text('openplan: "1.0"\nx: ' + "[" * 100_000 + "]" * 100_000 + "\n")
    (folder / "deep.json").write_text('{"a": ' * 100_000 + "1" + "}" * 100_000)
    jobs = [(entry.run_argv(name, place), folder) for entry in ENTRY_POINTS
            for name in ("laughs.yaml", "deep.yaml", "deep.json")]
    for outcome in command_runner.run_all(jobs, timeout=30):
        _settled(outcome)
        assert outcome.seconds < 30


def _docx(path: Path, document_xml: bytes | None = None, big_member: int = 0) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.'
                                                'org/package/2006/content-types"/>')
        if big_member:
            with archive.open("word/document.xml", "w", force_zip64=True) as member:
                chunk = b"\0" * (1 << 20)
                for _ in range(big_member):
                    member.write(chunk)
        else:
            archive.writestr("word/document.xml", document_xml or b"")


ENTITY_BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol">""" + b"".join(
    b'<!ENTITY lol%d "%s">' % (n, (b"&lol%d;" % (n - 1) if n > 1 else b"&lol;") * 10) for n in range(1, 10)) + \
    b"""]><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>
<w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?><!DOCTYPE d [<!ENTITY secret SYSTEM "file:///etc/hostname">]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>
<w:t>&secret;</w:t></w:r></w:p></w:body></w:document>"""


@pytest.mark.skipif(not any(entry.name == "import" for entry in ENTRY_POINTS), reason="no openplan import yet")
def test_word_import_survives_entity_and_zip_bombs(tmp_path, command_runner):
    folder, _place = _project(tmp_path)
    _docx(folder / "entities.docx", ENTITY_BOMB)
    _docx(folder / "external.docx", EXTERNAL_ENTITY)
    _docx(folder / "zip-bomb.docx", big_member=400)  # 400 MB of zeros in a few hundred kilobytes
    assert (folder / "zip-bomb.docx").stat().st_size < 2_000_000
    hostname = Path("/etc/hostname").read_text().strip() if Path("/etc/hostname").exists() else None
    for name in ("entities.docx", "external.docx", "zip-bomb.docx"):
        outcome = command_runner.run(["import", name, "-o", f"out/{name}.yaml"], folder, timeout=60)
        _settled(outcome)
        assert outcome.code in (1, 2), outcome.describe()
        assert outcome.seconds < 60
        written = folder / "out" / f"{name}.yaml"
        assert "lollollol" not in (written.read_text() if written.exists() else "")
        if hostname and written.exists():
            assert hostname not in written.read_text(), "an external entity was read"


def test_the_converters_own_security_tests_are_there():
    """The HTML-escaping and XLSX-bomb threats are tested with the converters; make sure they stay."""
    expected = {
        "tests.convert.test_pages": ("test_hostile_text_is_escaped_everywhere_in_the_page",
                                     "test_hostile_text_is_escaped_in_markdown"),
        "tests.convert.test_spreadsheets": ("test_an_entity_bomb_is_refused",
                                            "test_a_zip_bomb_is_refused_before_it_is_unpacked"),
    }
    for module, names in expected.items():
        loaded = importlib.import_module(module)
        assert all(callable(getattr(loaded, name, None)) for name in names), module


# --- reads: bounded, regular files only, never blocking (issue 11, items 8 to 10 and 14) ------------------------------

GIGABYTE = 1 << 30


def _capped(argv: list[str], cwd: Path, *, env: dict | None = None, stdin: Path | None = None,
            close_stdin: bool = False) -> tuple[int, str]:
    """`openplan ARGV` in its own process with at most 1 GB of address space and 30 seconds: (exit code, output).

    A run that reads /dev/zero into memory ends in a MemoryError (an "internal error") instead of taking the
    machine's memory; one that waits on a named pipe fails the test instead of stalling the suite.
    """
    import resource
    import subprocess
    import sys

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (GIGABYTE, GIGABYTE))
        if close_stdin:
            os.close(0)

    base = dict(os.environ, PYTHONIOENCODING="utf-8", NO_COLOR="1", COLUMNS="200")
    for name in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "SOURCE_DATE_EPOCH"):
        base.pop(name, None)
    handle = open(stdin, "rb") if stdin else None
    try:
        completed = subprocess.run([sys.executable, "-m", "openplan", *argv], cwd=cwd, env={**base, **(env or {})},
                                   stdin=handle if handle else (None if close_stdin else subprocess.DEVNULL),
                                   capture_output=True, text=True, timeout=30, preexec_fn=limit)
    except subprocess.TimeoutExpired:
        pytest.fail(f"openplan {' '.join(argv)} did not finish in 30 seconds")
    finally:
        if handle:
            handle.close()
    output = completed.stdout + completed.stderr
    assert "Traceback (most recent call last)" not in output and "internal error" not in output, output
    return completed.returncode, output


def _special(folder: Path, name: str, kind: str) -> Path:
    """A symbolic link to /dev/zero (a device that never ends) or a named pipe nobody writes to."""
    path = folder / name
    if kind == "device":
        os.symlink("/dev/zero", path)
    else:
        os.mkfifo(path)
    return path


SPECIAL = ["device", "pipe"]
REFUSAL = {"device": "this is a device, not a regular file", "pipe": "this is a named pipe, not a regular file"}


@pytest.mark.skipif(not POSIX, reason="symbolic links to devices and named pipes")
@pytest.mark.parametrize("kind", SPECIAL)
def test_a_lint_configuration_that_is_a_device_or_a_pipe_is_refused_unread(kind, tmp_path):
    folder, _place = _project(tmp_path)
    for name in ("openplan.toml", "pyproject.toml"):
        project = folder / name.split(".")[0]
        project.mkdir()
        (project / "plan.yaml").write_text(PLAN)
        _special(project, name, kind)
        code, output = _capped(["lint", "plan.yaml"], project)
        assert code == 2 and name in output and REFUSAL[kind] in output, output
    code, output = _capped(["lint", "--config", "/dev/zero" if kind == "device" else str(project / name),
                            "good.yaml"], folder)
    assert code == 2 and REFUSAL[kind] in output, output


@pytest.mark.skipif(not POSIX, reason="symbolic links to devices and named pipes")
@pytest.mark.parametrize("kind", SPECIAL)
def test_a_lint_baseline_that_is_a_device_or_a_pipe_is_refused_unread(kind, tmp_path):
    folder, _place = _project(tmp_path)
    _special(folder, "baseline.jsonl", kind)
    (folder / "openplan.toml").write_text('[lint]\nbaseline = "baseline.jsonl"\n')
    code, output = _capped(["lint", "good.yaml"], folder)
    assert code == 2 and "baseline.jsonl" in output and REFUSAL[kind] in output, output
    code, output = _capped(["lint", "--isolated", "--baseline", "baseline.jsonl", "good.yaml"], folder)
    assert code == 2 and REFUSAL[kind] in output, output


@pytest.mark.skipif(not POSIX, reason="symbolic links to devices and named pipes")
@pytest.mark.parametrize("kind", SPECIAL)
def test_stratml_and_workbooks_are_checked_before_they_are_read(kind, tmp_path):
    folder, _place = _project(tmp_path)
    for name, extra in (("plan.xml", []), ("plan.xlsx", []), ("plan.zip", []), ("plan.data", ["--from", "stratml"])):
        _special(folder, name, kind)
        code, output = _capped(["convert", name, *extra, "--to", "json"], folder)
        assert code == 2 and f"{name}: error V001 {REFUSAL[kind]}" in output, output


@pytest.mark.skipif(not POSIX, reason="symbolic links to devices")
def test_the_github_job_summary_is_appended_to_never_read(tmp_path):
    folder, _place = _project(tmp_path)
    code, output = _capped(["lint", "good.yaml"], folder,
                           env={"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": "/dev/zero"})
    assert code == 0 and "cannot write the job summary: /dev/zero is not a regular file" in output, output
    summary = folder / "summary.md"
    summary.write_text("## an earlier step\n")
    code, output = _capped(["lint", "good.yaml"], folder,
                           env={"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)})
    assert code == 0, output
    assert summary.read_text().startswith("## an earlier step\n## openplan lint\n")


STDIN_READERS = [["validate", "-"], ["lint", "-"], ["convert", "-", "--to", "json"]]


@pytest.mark.skipif(not POSIX, reason="/dev/zero")
@pytest.mark.parametrize("argv", STDIN_READERS, ids=[argv[0] for argv in STDIN_READERS])
def test_standard_input_is_read_within_the_size_limit(argv, tmp_path):
    folder, _place = _project(tmp_path)
    code, output = _capped(argv, folder, stdin=Path("/dev/zero"))
    assert code == 2 and "<stdin>: error L010" in output and "larger than the limit" in output, output
    big = folder / "big.yaml"  # 60 MB, three times the 20 MB limit: refused, not parsed
    with open(big, "w") as handle:
        handle.write(PLAN + ("# " + "padding " * 12 + "\n") * 600_000)
    code, output = _capped(argv, folder, stdin=big)
    assert code == 2 and "<stdin>: error L010" in output, output


@pytest.mark.parametrize("argv", STDIN_READERS[:2], ids=[argv[0] for argv in STDIN_READERS[:2]])
def test_standard_input_is_decoded_as_files_are(argv, tmp_path):
    folder, _place = _project(tmp_path)
    (folder / "latin-1.yaml").write_bytes(PLAN.replace("Security", "Sécurité").encode("latin-1"))
    code, output = _capped(argv, folder, stdin=folder / "latin-1.yaml")
    assert code == 2 and "<stdin>:3:9: error L003 the file is not valid UTF-8: byte 0xe9" in output, output
    (folder / "utf-16.yaml").write_bytes(PLAN.encode("utf-16"))  # with a byte-order mark, as for files
    code, output = _capped(argv, folder, stdin=folder / "utf-16.yaml")
    assert code == 0, output


@pytest.mark.skipif(not POSIX, reason="closes a file descriptor")
@pytest.mark.parametrize("argv", STDIN_READERS, ids=[argv[0] for argv in STDIN_READERS])
def test_a_closed_standard_input_is_reported(argv, tmp_path):
    folder, _place = _project(tmp_path)
    code, output = _capped(argv, folder, close_stdin=True)
    assert code == 2 and "<stdin>: error L002 standard input is closed" in output, output


def test_a_size_limit_too_large_for_any_file_is_still_a_limit(tmp_path):
    folder, _place = _project(tmp_path)
    code, output = _capped(["validate", "--max-bytes", "999999999999999999999999", "good.yaml"], folder)
    assert code == 0, output  # an OverflowError before
    code, output = _capped(["validate", "--max-bytes", "999999999999999999999999", "-"], folder,
                           stdin=folder / "good.yaml")
    assert code == 0, output


@pytest.mark.parametrize("text,message", [
    (b"[lint]\n# caf\xe9\n", "openplan.toml:2:6: cannot be read: the file is not valid UTF-8: byte 0xe9"),
    (b"x = " + b"[" * 5000 + b"]" * 5000 + b"\n", "openplan.toml: not valid TOML: it nests too deeply"),
    (b"[lint]\nx = " + b"9" * 5000 + b"\n", "openplan.toml: not valid TOML: a number has more than 4,300 digits"),
], ids=["latin-1", "5000-deep", "5000-digits"])
def test_a_configuration_that_is_not_valid_toml_is_named_with_the_reason(text, message, tmp_path):
    folder, _place = _project(tmp_path)
    (folder / "openplan.toml").write_bytes(text)
    code, output = _capped(["lint", "good.yaml"], folder)
    assert code == 2 and message in output, output


def test_an_out_of_range_source_date_epoch_is_named(tmp_path):
    folder, _place = _project(tmp_path)
    code, output = _capped(["convert", "good.yaml", "--to", "ical"], folder,
                           env={"SOURCE_DATE_EPOCH": "99999999999999999999"})
    assert code == 2 and "SOURCE_DATE_EPOCH=99999999999999999999 is too far in the future" in output, output


def test_stratml_in_an_unknown_encoding_is_named(tmp_path):
    folder, _place = _project(tmp_path)
    (folder / "plan.xml").write_text('<?xml version="1.0" encoding="x-no-such"?>\n<StrategicPlan/>\n')
    code, output = _capped(["convert", "plan.xml", "--to", "json"], folder)
    assert code == 2 and 'plan.xml:1:1: error V001 the XML declares the encoding "x-no-such"' in output, output


def test_names_no_file_can_have_give_findings_from_the_python_api(tmp_path, monkeypatch):
    """A NUL in a registry path (a ValueError before) and a name over 255 bytes (an OSError before)."""
    import openplan

    folder, _place = _project(tmp_path)
    monkeypatch.chdir(folder)
    (folder / "nul.yaml").write_text(PLAN.replace("organisation: org.example\n",
                                                  'organisation: org.example\nregistries: ["shared\\0.yaml"]\n'))
    long_name = "long-name-" * 26 + ".yaml"
    for name, message in (("nul.yaml", "the file name contains a NUL character"),
                          (long_name, "the file cannot be read (File name too long)")):
        result = openplan.validate(name)
        assert result.exit_code == 2 and any(message in f.message for f in result.findings), result.findings
        with pytest.raises(openplan.InvalidPlanError, match=re.escape(message)):
            openplan.load(name)


# --- regular expressions from configuration ---------------------------------------------------------------------------

LOCAL_RULE = ('[lint]\n[[lint.local-rules]]\ncode = "LBC101"\nname = "not-all-a"\npath = "organisations[*]"\n'
              "field = \"name\"\nnot-pattern = '{pattern}'\nmessage = \"the name is all a\"\n")  # a literal string


def test_a_local_rule_pattern_cannot_hang_a_run(tmp_path):
    """"^(a+)+$" backtracks for ever in Python's engine on 100,000 a's and a "!"; RE2 answers at once."""
    folder, _place = _project(tmp_path)
    (folder / "openplan.toml").write_text(LOCAL_RULE.format(pattern="^(a+)+$"))
    (folder / "long.yaml").write_text(PLAN.replace("name: Example Council", "name: " + "a" * 100_000 + "!"))
    (folder / "all-a.yaml").write_text(PLAN.replace("name: Example Council", "name: " + "a" * 100_000))
    code, output = _capped(["lint", "long.yaml"], folder)
    assert code == 0 and "LBC101" not in output, output
    code, output = _capped(["lint", "all-a.yaml"], folder)
    assert "warning LBC101 the name is all a" in output, output


@pytest.mark.parametrize("pattern", ["(?=a)", "(a)\\1", "(?<!b)a"])
def test_a_pattern_the_linear_engine_cannot_run_is_a_configuration_error(pattern, tmp_path):
    folder, _place = _project(tmp_path)
    (folder / "openplan.toml").write_text(LOCAL_RULE.format(pattern=pattern))
    code, output = _capped(["lint", "good.yaml"], folder)
    assert code == 2, output
    assert "openplan.toml: [lint] local-rules[0]: LBC101: not-pattern" in output, output
    assert "is not a valid regular expression" in output and "RE2 syntax" in output, output
    assert "re2.cc" not in output, "the engine's own log reached the terminal: " + output


# --- worker processes ---------------------------------------------------------------------------------------------------

def test_jobs_are_capped_at_the_cores_and_the_files(monkeypatch):
    from openplan import validation

    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0, 1}, raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    files = [(Path(f"plan-{n}.yaml"), f"plan-{n}.yaml") for n in range(10)]
    assert validation._jobs(validation.Options(jobs=300), files) == 2
    assert validation._jobs(validation.Options(jobs=10_000), files[:1]) == 1
    assert validation._jobs(validation.Options(jobs=1), files) == 1
    help_text = CliRunner().invoke(__import__("openplan.cli", fromlist=["app"]).app, ["validate", "--help"],
                                   env={"COLUMNS": "200"}).output
    assert "never more than one per core or one per file" in " ".join(help_text.split())
