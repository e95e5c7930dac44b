"""Work that grows with the plan stays near-linear: hostile and extreme plans, built from issue reproductions.

Each test counts what the work is made of (findings, pairs of titles compared, spans checked) or bounds memory
with tracemalloc; a wall-clock bound, where there is one, is a generous guard against a hang, never a measure.
Timings are in BENCHMARKS.md (``python bench/growth.py``).
"""

from __future__ import annotations

import itertools
import random
import re
import string
import time
import tracemalloc

import pytest

from ..plans import BASE_PLAN
from openplan.lint import fixes
from openplan.lint.config import CommandLine
from openplan.lint.engine import MAX_PER_RULE, LintOptions, Linter
from openplan.lint.rules import w504_near_duplicate_title as w504

from ..conftest import assert_no_traceback, run_openplan
from .conftest import write_project

HANG = 30  # seconds: only a guard against a run that never ends


def _lint(path, *codes: str, limit: int = MAX_PER_RULE):
    options = LintOptions(isolated=True, use_baseline=False, command_line=CommandLine(select=codes),
                          max_per_rule=limit)
    return Linter(options).lint(path)


def _milestones(count: int) -> str:
    """The issue's plan: 2,000 milestones whose titles differ only in a number (174 KB)."""
    return BASE_PLAN + "milestones:\n" + "".join(
        f"  - {{id: ms.m{n}, title: Review of the housing delivery programme phase {n}}}\n" for n in range(count))


# --- W504: near-duplicate titles are grouped, each item reported once ---------------------------------------------

def test_w504_reports_each_of_2000_near_duplicates_once_not_every_pair(tmp_path):
    path = write_project(tmp_path, {"plan.yaml": _milestones(2000)})["plan.yaml"]
    tracemalloc.start()
    try:
        result = _lint(path, "W504", limit=0)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    found = [f for f in result.findings if f.code == "W504"]
    assert len(found) == 1999  # every milestone but the first, once: not 1,999,000 pairs
    assert len({f.item for f in found}) == 1999 and "ms.m0" not in {f.item for f in found}
    assert all("2000 milestones have titles this alike" in f.message for f in found)
    assert peak < 300 * 1024 ** 2  # was 4.7 GB


def test_w504_compares_neighbours_not_every_pair_of_many_titles(tmp_path, monkeypatch):
    from rapidfuzz import fuzz

    compared = []
    real = fuzz.ratio

    def counting(a, b, **options):
        compared.append(1)
        return real(a, b, **options)

    monkeypatch.setattr(fuzz, "ratio", counting)
    path = write_project(tmp_path, {"plan.yaml": _milestones(2000)})["plan.yaml"]
    found = [f for f in _lint(path, "W504", limit=0).findings if f.code == "W504"]
    assert len(found) == 1999
    assert len(compared) < 2000 * 60  # all pairs would be 1,999,000


def test_w504_compares_every_pair_of_a_few_titles(tmp_path):
    """Below the size where pairs are sampled, every near duplicate is found, however the titles are ordered."""
    words = ["Deliver more affordable homes for families, phase {}", "Improve air quality near our schools, part {}"]
    titles = [template.format(place) for template in words for place in ("one", "two", "six")]
    random.Random(3).shuffle(titles)
    text = BASE_PLAN + "milestones:\n" + "".join(f'  - {{id: ms.m{n}, title: "{title}"}}\n'
                                                for n, title in enumerate(titles))
    path = write_project(tmp_path, {"plan.yaml": text})["plan.yaml"]
    found = [f for f in _lint(path, "W504").findings if f.code == "W504"]
    assert len(found) == 4  # two groups of three: all but the first of each


def test_w504_blocked_pairs_find_near_duplicates_that_differ_anywhere():
    rng = random.Random(11)
    vocabulary = [f"word{n}" for n in range(3000)]
    names = [" ".join(rng.choice(vocabulary) for _ in range(8)) for _ in range(w504.ALL_PAIRS * 2)]
    # Near duplicates of a few titles, changed at the start, in the middle and at the end.
    twins = {}
    for number in range(0, 60, 3):
        words = names[number].split()
        words[number % 8] = "changed"
        twins[number] = len(names)
        names.append(" ".join(words))
    pairs = set(w504._candidates(names))
    assert all((number, twin) in pairs for number, twin in twins.items())
    assert len(pairs) < len(names) * 60


# --- the finding cap ----------------------------------------------------------------------------------------------

def test_a_rule_shows_at_most_100_findings_a_file_and_counts_the_rest(tmp_path):
    path = write_project(tmp_path, {"plan.yaml": _milestones(2000)})["plan.yaml"]
    result = _lint(path, "W504", "X905")
    shown = [f for f in result.findings if f.code == "W504"]
    notes = [f for f in result.findings if f.code == "X905"]
    assert len(shown) == 100 and len(result.hidden) == 1899
    assert [f.item for f in shown] == [f"ms.m{n}" for n in range(1, 101)]  # the first ones in the file
    assert len(notes) == 1 and notes[0].message.startswith("1,899 more findings of W504 in this file not shown")
    assert notes[0].line == result.hidden[0].line
    assert "1999 infos" in result.summary() and "1,899 not shown" in result.summary()
    assert len([key for _, key in result.accepted if key.code == "W504"]) == 1999  # --write-baseline sees all


def test_findings_not_shown_still_decide_the_exit_code(tmp_path):
    path = write_project(tmp_path, {"plan.yaml": _milestones(150)})["plan.yaml"]
    result = Linter(LintOptions(isolated=True, use_baseline=False, max_per_rule=1,
                                command_line=CommandLine(select=("W504",), fail_on="info"))).lint(path)
    assert len([f for f in result.findings if f.code == "W504"]) == 1
    assert result.exit_code == 1
    assert len(_lint(path, "W504", limit=0).findings) == 149


def test_max_per_rule_on_the_command_line(tmp_path):
    path = write_project(tmp_path, {"plan.yaml": _milestones(30)})["plan.yaml"]
    capped = run_openplan("lint", "--isolated", "--select", "W504,X905", "--max-per-rule", "5", "--quiet",
                          str(path))
    assert_no_traceback(capped)
    assert capped.output.count("info W504 ") == 5
    assert "24 more findings of W504 in this file not shown" in capped.output
    every = run_openplan("lint", "--isolated", "--select", "W504", "--max-per-rule", "0", "--quiet", str(path))
    assert every.output.count("info W504 ") == 29 and "not shown" not in every.output


# --- W501: one pass over long texts -----------------------------------------------------------------------------

def _titled(text: str) -> str:
    return BASE_PLAN + f"areas:\n  - id: area.a\n    title: {text}\n"


@pytest.mark.parametrize("title,found", [
    ("AB " * 50_000, 1),  # 100,000 capitals in 50,000 uses: each use re-read the whole title
    ("AB" * 50_000 + "_x", 0),  # one word of 100,000 capitals that is not a whole word: the pattern backtracked
    ("Work with LOTI (" + "x" * 100_000, 1),  # an acronym followed by a bracket that never closes
], ids=["many-uses", "one-long-word", "unclosed-bracket"])
def test_w501_reads_a_title_of_100000_capitals_in_one_pass(tmp_path, title, found):
    path = write_project(tmp_path, {"plan.yaml": _titled(title)})["plan.yaml"]
    start = time.monotonic()
    result = _lint(path, "W501")
    assert time.monotonic() - start < HANG
    assert len([f for f in result.findings if f.code == "W501"]) == found


def test_w501_places_thousands_of_distinct_acronyms_at_their_words(tmp_path):
    codes = ["".join(letters) for letters in itertools.islice(itertools.product(string.ascii_uppercase, repeat=3),
                                                              10_000)]
    text = "Work with " + " and ".join(codes)
    path = write_project(tmp_path, {"plan.yaml": _titled(text)})["plan.yaml"]
    start = time.monotonic()
    result = _lint(path, "W501", limit=0)
    assert time.monotonic() - start < HANG
    found = {f.value: f for f in result.findings if f.code == "W501"}
    ordinary = [code for code in codes if re.fullmatch("[IVXLC]+", code) or code == "AND"]  # CIV, and "and"
    assert len(found) == 10_000 - len(ordinary)
    line = path.read_text().splitlines().index(f"    title: {text}") + 1
    for code in ("AAA", "AHB", codes[-1]):
        assert (found[code].line, found[code].column) == (line, len("    title: ") + text.index(code) + 1)


def test_w501_finds_a_spelt_out_acronym_as_before():
    from openplan.lint.rules.w501_undefined_acronym import TOKEN, _spelt_out

    text = ("Greater London Authority (GLA) and the GLA (Greater London Authority); TfL (s) (Transport for "
            "London), SMEs (s) and SE1 (SE1) and ABC_ or ABC-D")
    assert [m.group(1) for m in TOKEN.finditer(text)] == ["GLA", "GLA", "TfL", "SMEs", "SE1", "SE1", "ABC"]
    spans = [m.span(1) for m in TOKEN.finditer(text)]
    assert [_spelt_out(text, *span) for span in spans] == [True, True, True, False, False, False, False]


# --- lint --fix: 20,000 fixes in one pass ----------------------------------------------------------------------------

def test_fix_applies_20000_fixes_in_one_pass(tmp_path):
    codes = ["Q" + "".join(letters) for letters in
             itertools.islice(itertools.product(string.ascii_uppercase, repeat=4), 20_000)]
    expansions = "".join(f'{code} = "Partner {n}"\n' for n, code in enumerate(codes))
    text = _titled("Work with " + " and ".join(codes))
    paths = write_project(tmp_path, {"plan.yaml": text,
                                     "openplan.toml": f"[lint.options.W501.expansions]\n{expansions}"})
    start = time.monotonic()
    options = LintOptions(use_baseline=False, command_line=CommandLine(select=("W501",)))
    result = Linter(options).lint(paths["plan.yaml"])
    outcome = fixes.plan(result)[0]
    assert time.monotonic() - start < HANG * 2  # was over 85 s for the fixing alone
    assert outcome.refused is None and len(outcome.applied) == 20_000  # the findings not shown are fixed too
    assert "Partner 19999 (" + codes[-1] + ")" in outcome.fixed


def test_fix_clashes_are_found_as_comparing_every_pair_would():
    rng = random.Random(7)
    for _ in range(200):
        taken, kept = fixes._Taken(), []
        for _ in range(30):
            start = rng.randrange(40)
            end = start + rng.choice((0, 0, 1, 2, 5))
            brute = any((start < stop and begin < end) or start == end == begin == stop for begin, stop in kept)
            assert taken.clashes(start, end) == brute, (start, end, kept)
            if not brute:
                taken.add(start, end)
                kept.append((start, end))


def test_whole_word_matches_the_pattern_it_replaces():
    rng = random.Random(5)
    for _ in range(500):
        text = "".join(rng.choice("AB &-_é( ") for _ in range(rng.randint(0, 30)))
        word = rng.choice(["AB", "A", "B&", "BA"])
        expected = [m.start() for m in re.finditer(rf"(?<![\w&-]){re.escape(word)}(?![\w&])", text)]
        got = []
        while (at := fixes._whole_word(text, word, len(got))) >= 0:
            got.append(at)
        assert got == expected, (text, word)
