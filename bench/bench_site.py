"""Benchmark: `openplan site` over the 1,000-plan corpus, beside `openplan validate` of the same corpus.

The site reads every plan twice (once to learn what the index, tracker and cascade need, once to write its
page and its YAML, JSON, CSV and XLSX downloads), in one worker process per core. The measure is the command
as a user runs it: a fresh process, wall time from outside, CPU time and peak memory from the kernel; "cores
busy" is CPU time over wall time (2.0 means both cores worked the whole run).

    python bench/bench_site.py [--repeat 1] [--plans 1000]   # --plans 100: the first 100 plans only

Self-contained beyond bench/run.py's measuring and bench/generate.py's corpus; writes the site into a
temporary folder and removes it.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402
from run import measure, median, openplan  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="runs of each command (the median is shown)")
    parser.add_argument("--plans", type=int, default=generate.CORPUS_PLANS, help="plans in the corpus")
    args = parser.parse_args(argv)
    corpus = generate.write_corpus()
    out = Path(tempfile.mkdtemp(prefix="openplan-site-bench."))
    if args.plans < generate.CORPUS_PLANS:  # the first plans of the corpus, with its registries, in a folder
        part = out / "corpus"
        part.mkdir()
        for path in corpus.iterdir():
            if path.is_file() and (not path.name.startswith("plan-") or int(path.stem[5:]) < args.plans):
                shutil.copy(path, part / path.name)
        corpus = part
    plans = sorted(corpus.glob("plan-*.yaml"))
    size_in = sum(p.stat().st_size for p in plans)
    commands = {"openplan validate": openplan("validate", "-q", str(corpus)),
                "openplan site": openplan("site", str(corpus), "-o", str(out / "site"))}
    try:
        measure(openplan("--version"))  # bytecode caches; a site run is too long to repeat only to warm up
        runs: dict[str, list] = {name: [] for name in commands}
        for _ in range(args.repeat):  # interleaved, so that a busy machine slows both alike
            for name, argv in commands.items():
                runs[name].append(measure(argv))
        pages = sum(1 for _ in (out / "site").rglob("*.html"))
        files = sum(1 for path in (out / "site").rglob("*") if path.is_file())
        size = sum(path.stat().st_size for path in (out / "site").rglob("*") if path.is_file())
    finally:
        shutil.rmtree(out, ignore_errors=True)
    print(f"corpus: {len(plans)} plans, {size_in / 1e6:.1f} MB; site: {pages} pages, {files} files, "
          f"{size / 1e6:.1f} MB")
    print("| command | wall s | CPU s | cores busy | peak MB | exit |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name, found in runs.items():
        wall, cpu = median(found), median(found, "cpu")
        print(f"| {name} | {wall:.1f} | {cpu:.1f} | {cpu / wall:.2f} | {median(found, 'peak_kb') / 1024:.0f} | "
              f"{found[-1].code} |")
    return 0 if all(run.code == 0 for found in runs.values() for run in found) else 1


if __name__ == "__main__":
    sys.exit(main())
