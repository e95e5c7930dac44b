"""`openplan diff` on extreme plans stays near-linear: built from the reproductions in the issue.

The tests count the pairs of items scored and bound memory with tracemalloc; timings are in BENCHMARKS.md
(``python bench/growth.py``).
"""

from __future__ import annotations

import copy
import random

import yaml
from rapidfuzz import fuzz, process

from openplan import diff
from openplan.diff import ChangeKind, matching, words

from .diff_plans import BASE, WORDS, dump


def _plan(outputs: int, prefix: str, seed: int) -> dict:
    rng = random.Random(seed)
    data = copy.deepcopy(BASE)
    objectives = []
    for o in range(outputs // 10):
        objectives.append({"id": f"{prefix}obj.{o}", "title": f"Objective {o}", "outputs": [
            {"id": f"{prefix}out.{o}.{n}", "text": " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 20)))}
            for n in range(10)]})
    data["areas"] = [{"id": f"{prefix}area", "title": "Everything", "objectives": objectives}]
    return data


def _renamed(data: dict, prefix: str) -> dict:
    """The same plan with every id changed (as between two years), and one output in 25 reworded."""
    text = dump(data).replace("id: ", f"id: {prefix}")
    new = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    for number, output in enumerate(o for objective in new["areas"][0]["objectives"] for o in objective["outputs"]):
        if number % 25 == 0:
            output["text"] = "Revised: " + output["text"]
    return new


def _counting(monkeypatch) -> list[int]:
    """Count the pairs of texts scored, whether one by one or a text against a list."""
    scored: list[int] = []
    real_ratio, real_extract = fuzz.ratio, process.extract

    def ratio(a, b, **options):
        scored.append(1)
        return real_ratio(a, b, **options)

    def extract(query, choices, **options):
        scored.append(len(choices))
        return real_extract(query, choices, **options)

    monkeypatch.setattr(fuzz, "ratio", ratio)
    monkeypatch.setattr(process, "extract", extract)
    return scored


def test_diff_of_5000_outputs_with_no_shared_ids_scores_likely_pairs_only(monkeypatch):
    scored = _counting(monkeypatch)
    old = _plan(5000, "", seed=1)
    result = diff.compare_texts(dump(old), dump(_renamed(old, "n")))
    # Every pair of outputs would be 25,000,000 (and held 3.8 GB of candidates); about 11,000 items a side.
    assert sum(scored) < 11_000 * 70
    outputs = [match for match in result.matches if match.kind == "output"]
    assert len(outputs) >= 4900  # the same texts are still found, though no id is shared
    assert sum(1 for change in result.changes if change.kind is ChangeKind.REWORDED) >= 190


def test_diff_of_unrelated_plans_of_5000_outputs_scores_likely_pairs_only(monkeypatch):
    scored = _counting(monkeypatch)
    result = diff.compare_texts(dump(_plan(5000, "", seed=1)), dump(_plan(5000, "n", seed=2)))
    assert sum(scored) < 11_000 * 70
    assert result.exit_code == 1


def test_likely_pairs_are_symmetric_and_pair_identical_texts_one_to_one():
    texts = ["fund housing boroughs"] * 300 + [f"deliver skills {n}" for n in range(300)]
    others = ["fund housing boroughs"] * 300 + [f"deliver skills {n + 1}" for n in range(300)]
    pairs = matching._likely_pairs(texts, others)
    assert {(b, a) for a, b in matching._likely_pairs(others, texts)} == pairs
    for number in range(300):
        assert (number, number) in pairs  # each copy has its own partner, not the same few
    assert len(pairs) < 600 * 60


def test_word_edits_of_a_50000_word_title_do_not_compare_every_pair(monkeypatch):
    compared = []
    real = words.SequenceMatcher

    class Counting(real):
        def __init__(self, junk, a, b, **options):
            compared.append(len(a) * len(b))
            super().__init__(junk, a, b, **options)

    monkeypatch.setattr(words, "SequenceMatcher", Counting)
    rng = random.Random(2)
    old = [rng.choice(WORDS) for _ in range(50_000)]
    new = list(old)
    for number in range(0, 50_000, 7):
        new[number] = rng.choice(WORDS)
    edits = words.word_edits(" ".join(old), " ".join(new))
    assert sum(compared) <= words.FULL_DIFF  # difflib on every word pair: 2,500,000,000
    assert " ".join(text for kind, text in edits if kind != "insert") == " ".join(old)
    assert " ".join(text for kind, text in edits if kind != "delete") == " ".join(new)


def test_word_edits_of_a_long_text_keep_word_detail_around_a_change():
    old = " ".join(f"word{n}" for n in range(3000))
    new = old.replace("word1500 ", "changed ")
    edits = words.word_edits(old, new)
    assert ("delete", "word1500") in edits and ("insert", "changed") in edits
    assert [kind for kind, _ in edits] == ["equal", "delete", "insert", "equal"]


def test_diff_of_a_title_of_50000_words_reports_it_reworded():
    rng = random.Random(4)
    title = [rng.choice(WORDS) for _ in range(50_000)]
    old = copy.deepcopy(BASE)
    new = copy.deepcopy(BASE)
    old["title"] = " ".join(title)
    new["title"] = " ".join(title[:25_000] + ["and", "more"] + title[25_000:])
    result = diff.compare_texts(dump(old), dump(new))
    reworded = [change for change in result.changes if change.kind is ChangeKind.REWORDED]
    assert len(reworded) == 1
