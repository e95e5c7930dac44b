"""The bad-input corpus through every command that reads plans: a documented exit code and a clear message
naming the file (and the position, where there is one); never a traceback, a crash or a hang.

The cases are data (``manifest.toml``). Committed files live under ``files/``; files too big to commit and
file-system cases (symlink loops, unreadable files, named pipes, a folder of 10,000 files) are made here in a
temporary folder. Each command runs in its own process (see ``runner.py``) with a time limit: a hang fails
the test instead of stalling the suite.
"""

from __future__ import annotations

import os
import shutil
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest

from ..conftest import assert_no_traceback, run_openplan
from . import build_corpus
from .entrypoints import EntryPoint, Place, entry_points

HERE = Path(__file__).resolve().parent
FILES = HERE / "files"
TIME_LIMIT = 60  # seconds per command; every case here takes well under one on a slow machine
GOOD = build_corpus.PLAN
POSIX = os.name == "posix"


@dataclass(frozen=True)
class Case:
    file: str
    exit: int
    why: str
    code: str | None = None
    message: str | None = None
    position: str | None = None
    args: tuple[str, ...] = ()
    generate: str | None = None
    folder: bool = False
    at: str | None = None  # the file the position is in, when it is not the file checked
    reference: bool = False  # the file reads, but a file it names does not
    imports: str | None = None  # a Word document: what `openplan import` must say
    import_exit: int = 2

    @property
    def id(self) -> str:
        return self.file + ("[" + " ".join(self.args) + "]" if self.args else "")


def _cases() -> list[Case]:
    with open(HERE / "manifest.toml", "rb") as handle:
        return [Case(**{**entry, "args": tuple(entry.get("args", ()))}) for entry in tomllib.load(handle)["case"]]


CASES = _cases()


# --- generated cases ----------------------------------------------------------------------------------------

def nesting_10000_flow(folder: Path) -> None:
    (folder / "nesting-10000-flow.yaml").write_text('openplan: "1.0"\nx: ' + "[" * 10_000 + "]" * 10_000 + "\n")


def nesting_10000_block(folder: Path) -> None:
    # Indented block mappings 10,000 deep would be a 100 MB file; "- - - ..." nests block lists on one line.
    (folder / "nesting-10000-block.yaml").write_text(
        'openplan: "1.0"\n' + "".join("  " * n + f"k{n}:\n" for n in range(101)) + "  " * 101 + "- " * 10_000
        + "deep\n")


def nesting_10000_json(folder: Path) -> None:
    (folder / "nesting-10000.json").write_text('{"a": ' * 10_000 + "1" + "}" * 10_000 + "\n")


def string_10_mb(folder: Path) -> None:
    title = "Deliver more homes " * (10 * 1024 * 1024 // 19)
    (folder / "string-10mb.yaml").write_text(GOOD.replace("title: Bad input test plan", f"title: {title}"))


def file_50_mb(folder: Path) -> None:
    with open(folder / "file-50mb.yaml", "w", encoding="utf-8") as handle:
        handle.write(GOOD)
        line = "# " + "padding " * 12 + "\n"
        handle.write(line * (50 * 1024 * 1024 // len(line) + 1))


def wide_mapping(folder: Path) -> None:
    (folder / "wide-mapping.yaml").write_text(GOOD + "".join(f"key{n}: {n}\n" for n in range(50_000)))


# Work that grew with the square of the input (issue 11): every command must settle in time and memory.

def near_duplicate_milestones(folder: Path) -> None:
    """2,000 milestones whose titles differ only in a number (W504 compared and reported every pair)."""
    (folder / "near-duplicate-milestones.yaml").write_text(GOOD + "milestones:\n" + "".join(
        f"  - {{id: ms.m{n}, title: Review of the housing delivery programme phase {n}}}\n" for n in range(2000)))


def many_outputs(folder: Path) -> None:
    """5,000 outputs, none sharing an id with the plan diff compares them to (matched by wording)."""
    words = "fund housing boroughs lobby deliver review London skills transport care climate grants".split()
    texts = (" ".join(words[(n * k) % 12] for k in range(1, 15)) for n in range(5000))
    outputs = "".join(f"          - {{id: out.many.{n}, text: {text}}}\n" for n, text in enumerate(texts))
    (folder / "many-outputs.yaml").write_text(
        GOOD.replace("          - {id: out.homes.a, number: a, text: Build homes}\n", outputs))


def long_titles(folder: Path) -> None:
    """A title of 50,000 words (word diff) and one of 100,000 capitals (W501)."""
    words = "fund housing boroughs lobby deliver review London skills".split()
    (folder / "title-50000-words.yaml").write_text(
        GOOD.replace("title: More homes", "title: " + " ".join(words[n * 7 % 8] for n in range(50_000))))
    (folder / "title-100000-capitals.yaml").write_text(
        GOOD.replace("title: More homes", "title: Work with " + "AB " * 50_000 + "and " + "CD" * 25_000 + "_x"))


def _plan_using(registry: str) -> str:
    return GOOD.replace("organisation: org.example\n", f"organisation: org.example\nregistries: [{registry}]\n")


def symlink_loop(folder: Path) -> None:
    if not (folder / "loop-a.yaml").is_symlink():
        os.symlink("loop-b.yaml", folder / "loop-a.yaml")
        os.symlink("loop-a.yaml", folder / "loop-b.yaml")
    (folder / "plan-using-loop.yaml").write_text(_plan_using("loop-a.yaml"))


def symlink_outside(folder: Path) -> None:
    outside = folder.parent / "outside"
    outside.mkdir(exist_ok=True)
    (outside / "registry.yaml").write_text(build_corpus.REGISTRY)
    if not (folder / "link.yaml").is_symlink():
        os.symlink(outside / "registry.yaml", folder / "link.yaml")
    (folder / "plan-using-link.yaml").write_text(_plan_using("link.yaml"))


def broken_symlink(folder: Path) -> None:
    if not (folder / "dangling.yaml").is_symlink():
        os.symlink("nothing-here.yaml", folder / "dangling.yaml")


def unreadable(folder: Path) -> None:
    path = folder / "locked.yaml"
    path.write_text(GOOD)
    path.chmod(0)


def folder_named_yaml(folder: Path) -> None:
    (folder / "folder.yaml").mkdir(exist_ok=True)
    (folder / "folder.yaml" / "note.txt").write_text("not a plan")
    (folder / "plan-using-folder.yaml").write_text(_plan_using("folder.yaml"))


def read_only_plan(folder: Path) -> None:
    path = folder / "read-only.yaml"
    if not path.exists():
        path.write_text(GOOD)
    path.chmod(0o444)


def hard_linked_plan(folder: Path) -> None:
    if not (folder / "hard-link.yaml").exists():
        (folder / "hard-link-target.yaml").write_text(GOOD)
        os.link(folder / "hard-link-target.yaml", folder / "hard-link.yaml")


def linked_plan(folder: Path) -> None:
    if not (folder / "linked-plan.yaml").is_symlink():
        os.symlink("good-plan.yaml", folder / "linked-plan.yaml")


def named_pipe(folder: Path) -> None:
    if not (folder / "pipe.yaml").exists():
        os.mkfifo(folder / "pipe.yaml")


def named_pipes(folder: Path) -> None:
    """Named pipes with the names of every format `convert` reads: each reader refuses them, unread."""
    for name in ("pipe.json", "pipe.xml", "pipe.xlsx"):
        if not (folder / name).exists():
            os.mkfifo(folder / name)


def device_links(folder: Path) -> None:
    """Symbolic links to /dev/zero, which never ends: a file a pull request can add to a checkout."""
    for name in ("device.yaml", "device.xml", "device.xlsx"):
        if not (folder / name).is_symlink():
            os.symlink("/dev/zero", folder / name)


def special_codelists(folder: Path) -> None:
    """Extensions whose codelist is a link to /dev/zero, or a named pipe, and plans that use them."""
    from openplan.resources import schema_dir

    for kind in ("device", "pipe"):
        extension = folder / f"ext-{kind}"
        if not extension.exists():
            shutil.copytree(schema_dir() / "extensions" / "budget", extension)
            codelist = extension / "codelists" / "budget-basis.csv"
            codelist.unlink()
            if kind == "device":
                os.symlink("/dev/zero", codelist)
            else:
                os.mkfifo(codelist)
        (folder / f"plan-using-{kind}-codelist.yaml").write_text(
            GOOD.replace("organisation: org.example\n", f"organisation: org.example\nextensions: [./ext-{kind}]\n"))


def no_file(folder: Path) -> None:
    """Nothing to make: the case is a name no file can have (longer than 255 bytes)."""


def registry_chain(folder: Path) -> None:
    """1,500 registries, each naming the next, and a plan that names the first: followed without recursion."""
    chain = folder / "chain"
    chain.mkdir(exist_ok=True)
    for n in range(1500):
        following = f"registries: [r{n + 1:04d}.yaml]\n" if n < 1499 else ""
        (chain / f"r{n:04d}.yaml").write_text(
            build_corpus.REGISTRY.replace("reg.bad-input", f"reg.r{n:04d}") + following)
    (folder / "plan-using-1500-registries.yaml").write_text(_plan_using("chain/r0000.yaml"))


def ten_thousand_files(folder: Path) -> None:
    """10,000 YAML files: 100 plans, and 9,900 other YAML files (hard links to one, which is quicker to make)."""
    many = folder / "many"
    many.mkdir(exist_ok=True)
    note = folder / "note.yml"
    note.write_text("title: a meeting note, not a plan\n")
    for n in range(10_000):
        if n % 100:
            os.link(note, many / f"file-{n:05d}.yaml")
        else:
            (many / f"file-{n:05d}.yaml").write_text(GOOD.replace("plan.bad-input", f"plan.n{n}"))


def word_100_mb(folder: Path) -> None:
    """Word documents whose XML is over the limits: 100 MB of it in a 0.3 MB zip, and 30 MB of it."""
    paragraph = build_corpus.word_paragraph("Deliver more homes across the borough with partners and residents")
    for name, size in (("word-100mb.docx", 100), ("word-xml-30mb.docx", 30)):
        if not (folder / name).exists():
            (folder / name).write_bytes(build_corpus.docx_bytes(
                build_corpus.WORD_PLAN + paragraph * (size * 1024 * 1024 // len(paragraph)), compress=True))


def _needs_skip(case: Case) -> str | None:
    if case.generate and not POSIX:
        return "needs POSIX file-system features"
    if case.generate == "unreadable" and hasattr(os, "geteuid") and os.geteuid() == 0:
        return "root can read any file, so an unreadable file cannot be made"
    return None


# --- running ------------------------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> Path:
    """A copy of the corpus with the generated cases beside it: the folder every command runs in."""
    folder = tmp_path_factory.mktemp("badinput") / "corpus"
    shutil.copytree(FILES, folder, symlinks=True)
    (folder / "good-plan.yaml").write_text(GOOD)
    (folder / "out").mkdir()
    for name in sorted({case.generate for case in CASES if case.generate and not _needs_skip(case)}):
        globals()[name](folder)
    return folder


def applies(entry: EntryPoint, case: Case) -> bool:
    if case.folder and not entry.folders:
        return False
    return all(arg in entry.options() for arg in case.args if arg.startswith("--"))


ENTRY_POINTS = entry_points()
PAIRS = [(entry, case) for entry in ENTRY_POINTS for case in CASES if applies(entry, case)]


@pytest.fixture(scope="session")
def outcomes(corpus, command_runner):
    """Every applicable (command, case) run once, both cores busy; the tests below look at the outcomes."""
    place = Place(cwd=corpus, good=corpus / "good-plan.yaml", out=corpus / "out")
    todo = [(entry, case) for entry, case in PAIRS if not _needs_skip(case)]
    jobs = [(entry.run_argv(case.file, place, list(case.args)), corpus) for entry, case in todo]
    results = command_runner.run_all(jobs, timeout=TIME_LIMIT)
    return {(entry.name, case.id): outcome for (entry, case), outcome in zip(todo, results)}


def _settled(outcome) -> None:
    """No hang, no crash, no traceback: the minimum for any input."""
    assert not outcome.timed_out, "hung: " + outcome.describe()
    assert outcome.signal is None, "crashed: " + outcome.describe()
    assert "Traceback (most recent call last)" not in outcome.output, outcome.describe()
    assert "internal error" not in outcome.output, outcome.describe()


def _names_position(output: str, file: str, position: str) -> bool:
    """``file:line:col``, or the file named and its line given (as ``file:line`` or "line N")."""
    line, column = position.split(":")
    return (f"{file}:{line}:" in output or f"{file}:{line} " in output
            or (file in output and (f":{line}:{column}" in output or f"line {line}" in output)))


def test_corpus_is_big_enough_and_every_file_is_in_the_manifest():
    committed = {str(path.relative_to(FILES)) for path in FILES.rglob("*") if path.is_file()} - {"openplan.toml"}
    listed = {case.file for case in CASES if not case.generate}
    assert committed - listed == set(), "files without an expected outcome"
    assert {file for file in listed if (FILES / file).exists()} == listed - {"does-not-exist.yaml"}
    assert len({case.file for case in CASES}) >= 60


@pytest.mark.parametrize("case", [case for case in CASES], ids=lambda case: case.id)
def test_validate(case, outcomes):
    """`openplan validate` gives exactly the documented exit code, rule and message, at the right place."""
    if _needs_skip(case):
        pytest.skip(_needs_skip(case))
    outcome = outcomes[("validate", case.id)]
    _settled(outcome)
    assert outcome.code == case.exit, f"{case.why}: " + outcome.describe()
    if case.code:
        assert f" {case.code} " in outcome.output, outcome.describe()
    if case.message:
        assert case.message in outcome.output, outcome.describe()
    if case.exit != 0 and not case.folder:
        assert case.file in outcome.output, "the message must name the file: " + outcome.describe()
    if case.position:
        assert f"{case.at or case.file}:{case.position}" in outcome.output, outcome.describe()


OTHERS = [(entry, case) for entry, case in PAIRS if entry.name != "validate"]


@pytest.mark.skipif(not OTHERS, reason="no other command that reads plans exists yet")
@pytest.mark.parametrize("entry,case", OTHERS, ids=[f"{entry.name}:{case.id}" for entry, case in OTHERS])
def test_other_commands(entry, case, outcomes):
    """Every other command: a documented exit code; a file that cannot be read gives 2, naming file and place.

    The wording may differ from validate's (convert reads folders of CSV files, import reads documents), so
    only the exit code, the file name and the position are compared. A plan whose registry is broken is the
    command's own business (upgrade rewrites the file alone and never reads its registries); the security
    tests check that no command reads what it must not.
    """
    if _needs_skip(case):
        pytest.skip(_needs_skip(case))
    outcome = outcomes[(entry.name, case.id)]
    _settled(outcome)
    assert outcome.code in entry.codes, f"undocumented exit code: {outcome.describe()}"
    if entry.name == "import" and case.imports:
        assert outcome.code == case.import_exit, f"{case.why}: " + outcome.describe()
        assert case.imports in outcome.output, f"{case.why}: " + outcome.describe()
    if outcome.code == 2 and not case.folder:
        assert case.file in outcome.output, "the message must name the file: " + outcome.describe()
    if not entry.plans:
        return  # a plan file is just a document this command cannot use
    unreadable = case.exit == 2 and not case.reference and not case.folder
    if unreadable:
        assert outcome.code == 2, f"{case.why}: a file that cannot be read must give 2: " + outcome.describe()
        if case.position:
            assert _names_position(outcome.output, case.at or case.file, case.position), \
                f"the message must give the position {case.position}: " + outcome.describe()
    elif case.exit == 0 and not case.folder:
        assert outcome.code != 2, f"{case.why}: a valid plan was refused: " + outcome.describe()


def test_the_whole_corpus_in_one_real_run(corpus):
    """As a user runs it: one `openplan validate` process over every committed file, each reported once."""
    files = [case for case in CASES if not case.generate and not case.args and case.file != "does-not-exist.yaml"]
    run = run_openplan("validate", "--quiet", *[case.file for case in files], cwd=corpus, timeout=120)
    assert_no_traceback(run)
    assert run.code == 2
    for case in files:
        if case.position:
            assert f"{case.at or case.file}:{case.position}: error {case.code}" in run.output, case.file
    assert f"{len(files)} files checked" in run.output
