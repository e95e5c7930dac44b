"""Growth benchmarks: the hostile and extreme inputs of issue 11 at two or three sizes each, and the lint and diff
budgets of issue 12, in one run.

    python bench/growth.py            # everything (a few minutes on two cores), printed as Markdown
    python bench/growth.py --write    # ... and written into BENCHMARKS.md between its growth markers
    python bench/growth.py --quick    # the largest size of each case only, once
    python bench/growth.py --repeat 1 # each size once (the median of --repeat runs is reported; default 3)

Each case is run at sizes that double (or quadruple); near-linear work shows as a growth of about 2 (or 4) in
CPU time from one size to the next, where work that grows with the square would show 4 (or 16). Every command
is a fresh process, measured as bench/run.py measures: wall time from outside, CPU time and peak memory from
the kernel (GNU time). The inputs are written to bench/data/growth/ (not committed; deterministic).
"""

from __future__ import annotations

import argparse
import itertools
import re
import shutil
import statistics
import string
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(1, str(ROOT))  # the Word inputs are built as the bad-input corpus builds them

import generate  # noqa: E402
from run import edited_copy, machine, measure, openplan  # noqa: E402

DATA = generate.DATA / "growth"
BENCHMARKS = ROOT / "BENCHMARKS.md"
START, END = "<!-- growth results: written by bench/growth.py --write -->", "<!-- end of growth results -->"

HEAD = """openplan: "1.0"
id: plan.growth
title: Growth benchmark plan
organisation: org.example
period: {start: "2025-04-01", end: "2026-03-31"}
edition: {status: draft}
organisations:
  - {id: org.example, name: Example Council}
"""
_WORDS = "fund housing boroughs lobby deliver review London skills transport care climate grants".split()


def _folder(name: str) -> Path:
    folder = DATA / name
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "openplan.toml").write_text("# project folder marker for the growth benchmarks\n", encoding="utf-8")
    return folder


def _area(title: str = "More homes", outputs: str = "          - {id: out.a, number: a, text: Build homes}\n") -> str:
    return ("areas:\n  - id: area.housing\n    title: Housing\n    objectives:\n      - id: obj.homes\n"
            f"        title: {title}\n        outputs:\n{outputs}")


def near_duplicates(size: int) -> list[str]:
    """Milestones whose titles differ only in a number: 2,000 of them is the issue's 174 KB plan."""
    path = _folder("w504") / f"milestones-{size}.yaml"
    path.write_text(HEAD + _area() + "milestones:\n" + "".join(
        f"  - {{id: ms.m{n}, title: Review of the housing delivery programme phase {n}}}\n" for n in range(size)))
    return ["lint", "--isolated", "--no-baseline", "--select", "W504", str(path)]


def no_shared_ids(size: int) -> list[str]:
    """Two generated plans of ``size`` outputs whose ids all differ: every item is matched by its wording."""
    folder = _folder("diff-ids")
    generate.write_registries(folder)
    old, new = folder / f"old-{size}.yaml", folder / f"new-{size}.yaml"
    old.write_text(generate.dump(generate.plan(size, seed=1, name="a")), encoding="utf-8")
    text = generate.dump(generate.plan(size, seed=2, name="b"))
    new.write_text(re.sub(r"\b(out|obj|area|ms)\.", r"\1.new-", text), encoding="utf-8")
    return ["diff", str(old), str(new)]


def long_title_diff(size: int) -> list[str]:
    """A title of ``size`` words, and the same with one word in seven changed."""
    folder = _folder("diff-words")
    words = [_WORDS[(n * 7) % len(_WORDS)] for n in range(size)]
    changed = [word if n % 7 else "changed" for n, word in enumerate(words)]
    (folder / f"old-{size}.yaml").write_text(HEAD + _area(" ".join(words)))
    (folder / f"new-{size}.yaml").write_text(HEAD + _area(" ".join(changed)))
    return ["diff", str(folder / f"old-{size}.yaml"), str(folder / f"new-{size}.yaml")]


def capitals(size: int) -> list[str]:
    """A title of ``size`` capitals: two-letter acronyms used over and over."""
    path = _folder("w501") / f"capitals-{size}.yaml"
    path.write_text(HEAD + _area("Work with " + "AB " * (size // 2)))
    return ["lint", "--isolated", "--no-baseline", "--select", "W501", str(path)]


def many_fixes(size: int) -> list[str]:
    """``size`` acronyms whose expansions are known, one per output: ``lint --diff`` works out every fix."""
    folder = _folder(f"fixes-{size}")
    codes = ["Q" + "".join(letters) for letters in
             itertools.islice(itertools.product(string.ascii_uppercase, repeat=4), size)]
    (folder / "openplan.toml").write_text("[lint.options.W501.expansions]\n" + "".join(
        f'{code} = "Partner {n}"\n' for n, code in enumerate(codes)))
    outputs = "".join(f"          - {{id: out.x{n}, text: Work with {code} on homes}}\n"
                      for n, code in enumerate(codes))
    (folder / "plan.yaml").write_text(HEAD + _area(outputs=outputs))
    return ["lint", "--no-baseline", "--select", "W501", "--diff", str(folder / "plan.yaml")]


def stratml_goals(size: int) -> list[str]:
    """StratML with ``size`` goals sharing one identifier and name."""
    folder = _folder("stratml")
    goal = ("<Goal><Name>Same goal</Name><Identifier>g1</Identifier>"
            "<Objective><Name>Same</Name><Identifier>o1</Identifier></Objective></Goal>")
    path = folder / f"goals-{size}.xml"
    path.write_text("<StrategicPlan><Name>Plan</Name><StrategicPlanCore><Organization><Name>Council</Name>"
                    f"</Organization>{goal * size}</StrategicPlanCore></StrategicPlan>\n")
    return ["convert", str(path), "--to", "yaml", "-o", str(folder / f"goals-{size}.yaml.tmp")]


def deep_csv(size: int) -> list[str]:
    """A folder of CSV sheets whose principles nest ``size`` levels deep (refused past level 40)."""
    from openplan.convert import to_csv
    from openplan.loader import parse

    folder = _folder("csv") / f"deep-{size}"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir()
    files = to_csv(parse(HEAD + _area()).data)
    heading = files["principles.csv"].decode("utf-8-sig").splitlines()[0]
    files["principles.csv"] = ("\ufeff" + heading + "\r\n" + "".join(
        f"{level},,,Principle at level {level}\r\n" for level in range(1, size + 1))).encode("utf-8")
    for name, content in files.items():
        (folder / name).write_bytes(content)
    return ["convert", str(folder), "--to", "yaml", "-o", str(folder.parent / f"deep-{size}.yaml.tmp")]


def _workbook_with(sheet_edit) -> bytes:
    """The growth plan exported as a workbook, its Outputs sheet's XML edited by ``sheet_edit``."""
    import io
    import zipfile

    from openplan.convert import to_xlsx
    from openplan.loader import parse

    raw = to_xlsx(parse(HEAD + _area()).data)
    source = zipfile.ZipFile(io.BytesIO(raw))
    book = source.read("xl/workbook.xml").decode()
    rels = source.read("xl/_rels/workbook.xml.rels").decode()
    rid = re.search(r'<sheet [^>]*name="Outputs"[^>]*r:id="([^"]+)"', book).group(1)
    link = next(tag for tag in re.findall(r"<Relationship [^>]*>", rels) if f'Id="{rid}"' in tag)
    target = re.search(r'Target="([^"]+)"', link).group(1)
    part = target.lstrip("/") if target.startswith("/") else "xl/" + target
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            target.writestr(info, sheet_edit(data.decode()).encode() if info.filename == part else data)
    return out.getvalue()


def _merge(ref: str) -> callable:
    return lambda sheet: sheet.replace(
        "</sheetData>", f'</sheetData><mergeCells count="1"><mergeCell ref="{ref}"/></mergeCells>', 1)


def merged_down(size: int) -> list[str]:
    """A workbook whose column D is merged from row 2 down to row ``size`` (1,048,576 is the last row)."""
    path = _folder("xlsx") / f"merged-down-{size}.xlsx"
    path.write_bytes(_workbook_with(_merge(f"D2:D{size}")))
    return ["convert", str(path), "--to", "yaml", "-o", str(path.with_suffix(".yaml.tmp"))]


def merged_across(size: int) -> list[str]:
    """A workbook with one row merged across ``size`` columns."""
    path = _folder("xlsx") / f"merged-across-{size}.xlsx"
    from openplan.convert.tables import column_letter

    path.write_bytes(_workbook_with(_merge(f"A2:{column_letter(size)}2")))
    return ["convert", str(path), "--to", "yaml", "-o", str(path.with_suffix(".yaml.tmp"))]


def _word(name: str, content: bytes) -> list[str]:
    path = _folder("docx") / name
    path.write_bytes(content)
    return ["import", str(path), "-o", str(path.with_suffix(".yaml.tmp")), "--force"]


def word_list_start(size: int) -> list[str]:
    """A Word list in lower roman that starts at 10 to the power ``size``."""
    from tests.badinput.build_corpus import WORD_PLAN, docx_bytes, word_list, word_paragraph

    return _word(f"list-start-1e{size}.docx", docx_bytes(WORD_PLAN + word_paragraph("Build", list_id="1"),
                                                         numbering=word_list("lowerRoman", start=str(10 ** size))))


def word_grid_span(size: int) -> list[str]:
    """A Word table cell spanning ``size`` columns."""
    from tests.badinput.build_corpus import WORD_PLAN, docx_bytes, word_paragraph

    return _word(f"grid-span-{size}.docx", docx_bytes(
        WORD_PLAN + f'<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="{size}"/></w:tcPr>'
        + word_paragraph("a. Build homes") + "</w:tc></w:tr></w:tbl>"))


def word_megabytes(size: int) -> list[str]:
    """A Word document whose document.xml is ``size`` MB of paragraphs, deflated into a small zip."""
    from tests.badinput.build_corpus import WORD_PLAN, docx_bytes, word_paragraph

    filler = word_paragraph("x" * 1_000)
    return _word(f"document-{size}mb.docx",
                 docx_bytes(WORD_PLAN + filler * (size * 1_000_000 // len(filler)), compress=True))


CASES = {  # issue row: (what makes the input, sizes)
    "W504: milestones with near-identical titles": (near_duplicates, (1_000, 2_000, 4_000)),
    "diff: plans of N outputs sharing no ids": (no_shared_ids, (2_500, 5_000, 10_000)),
    "diff: a title of N words": (long_title_diff, (25_000, 50_000, 100_000)),
    "W501: a title of N capitals": (capitals, (50_000, 100_000, 200_000)),
    "lint --diff: N fixes": (many_fixes, (5_000, 10_000, 20_000)),
    "StratML import: N goals sharing one identifier": (stratml_goals, (5_000, 10_000, 20_000)),
    "CSV import: principles nested N deep": (deep_csv, (1_500, 3_000, 6_000)),
    "Workbook: a column merged down to row N": (merged_down, (262_144, 524_288, 1_048_576)),
    "Workbook: a row merged across N columns": (merged_across, (500, 1_000, 2_000)),
    "Word: a list starting at 10^N in lower roman": (word_list_start, (6, 9, 12)),
    "Word: a table cell spanning N columns": (word_grid_span, (500_000, 5_000_000, 50_000_000)),
    "Word: a document.xml of N MB": (word_megabytes, (25, 50, 100)),
}


def growth(quick: bool, repeat: int, only: str = "") -> list[dict]:
    rows = []
    for name, (make, sizes) in CASES.items():
        if only.casefold() not in name.casefold():
            continue
        previous = None
        for size in (sizes[-1:] if quick else sizes):
            argv = make(size)
            runs = [measure(openplan(*argv)) for _ in range(1 if quick else repeat)]
            cpu = statistics.median(run.cpu for run in runs)
            row = {"case": name, "size": size, "seconds": statistics.median(run.seconds for run in runs),
                   "cpu": cpu, "peak_mb": round(max(run.peak_kb for run in runs) / 1024, 1),
                   "exit": sorted({run.code for run in runs}),
                   "growth": None if previous is None else round(cpu / previous[1], 2),
                   "size_ratio": None if previous is None else size / previous[0]}
            rows.append(row)
            previous = (size, cpu)
            print(f"{name}, {size:,}: {row['seconds']:.2f} s, {row['peak_mb']} MB", file=sys.stderr)
    return rows


def budgets(quick: bool, repeat: int) -> dict:
    """Issue 12: lint of the 10,000-output plan at most 2 x validate; diff of two such plans at most 2.5 x."""
    ten = generate.write_sizes(sizes=(10_000,))[0]
    edited = edited_copy(ten)
    commands = {"validate": openplan("validate", "-q", str(ten)),
                "lint": openplan("lint", "--isolated", "--no-baseline", "--fail-on", "never", str(ten)),
                "diff": openplan("diff", str(ten), str(edited))}
    runs: dict[str, list] = {name: [] for name in commands}
    for _ in range(1 if quick else repeat):
        for name, argv in commands.items():  # interleaved, so a busy machine slows each alike
            runs[name].append(measure(argv))
    return {name: {"seconds": statistics.median(run.seconds for run in found),
                   "cpu": statistics.median(run.cpu for run in found),
                   "peak_mb": round(max(run.peak_kb for run in found) / 1024, 1)} for name, found in runs.items()}


def markdown(rows: list[dict], budget: dict, info: dict) -> str:
    out = [f"Measured with `python bench/growth.py --write` on {info.get('cpu', 'an unknown CPU')}, "
           f"{info.get('cores')} cores, Python {info.get('python')}; load average at the start: "
           f"{' '.join(info.get('load_at_start', []))}.", "",
           "| input | N | wall s | CPU s | peak MB | exit | CPU growth (N grew) |",
           "| --- | --- | --- | --- | --- | --- | --- |"]
    for row in rows:
        grew = "" if row["growth"] is None else f"{row['growth']} × ({row['size_ratio']:g} ×)"
        out.append(f"| {row['case']} | {row['size']:,} | {row['seconds']:.2f} | {row['cpu']:.2f} | {row['peak_mb']} | "
                   f"{', '.join(map(str, row['exit']))} | {grew} |")
    if budget is None:
        return "\n".join(out) + "\n"
    validate = budget["validate"]["cpu"]
    out += ["", "| the 10,000-output plan | wall s | CPU s | peak MB | × validate (CPU) | budget |",
            "| --- | --- | --- | --- | --- | --- |"]
    for name, goal in (("validate", ""), ("lint", "≤ 2"), ("diff", "≤ 2.5")):
        found = budget[name]
        out.append(f"| openplan {name} | {found['seconds']:.2f} | {found['cpu']:.2f} | {found['peak_mb']} | "
                   f"{found['cpu'] / validate:.2f} | {goal} |")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each command; the median is reported")
    parser.add_argument("--only", default="", help="only the cases whose name holds this text (printed, not written)")
    args = parser.parse_args(argv)
    info = machine()
    if args.only:
        print(markdown(growth(args.quick, args.repeat, args.only), None, info))
        return 0
    text = markdown(growth(args.quick, args.repeat), budgets(args.quick, args.repeat), info)
    print(text)
    if args.write:
        page = BENCHMARKS.read_text(encoding="utf-8")
        if START not in page or END not in page:
            print(f"BENCHMARKS.md has no {START} ... {END} markers", file=sys.stderr)
            return 1
        head, rest = page.split(START, 1)
        BENCHMARKS.write_text(head + START + "\n" + text + END + rest.split(END, 1)[1], encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
