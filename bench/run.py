"""Benchmarks for `openplan`, side by side with check-jsonschema and a bare C YAML parse, in one run.

    python bench/run.py            # everything (about ten minutes on two cores), results printed as Markdown
    python bench/run.py --write    # ... and written into BENCHMARKS.md between its results markers
    python bench/run.py --quick    # fewer repeats and no 1,000-plan check-jsonschema run, for a smoke test
    python bench/run.py --scale    # only the lint and diff goals: validate, lint and diff side by side

Every command runs as a user runs it: a fresh process (``python -m ...``) per measurement, its wall time taken
from outside, its peak memory and CPU time from the kernel (``os.wait4``). Bytecode caches are warmed first,
so "cold" means a new process, not an empty disk cache. Repeats are interleaved (A, B, A, B ...) so that a
busy machine slows both sides alike; the median is reported.

The goals come from the project's issues (validate at most 1.5 times a bare C parse and at least 4 times
faster than check-jsonschema on 10,000 outputs; a cold validate at most 0.6 times check-jsonschema's time;
peak memory no higher than check-jsonschema's; 100,000 outputs at most 12 times 10,000; the 1,000-plan corpus
keeping both cores busy and beating check-jsonschema; lint of 10,000 outputs at most 2 times validate and diff at
most 2.5 times; lint of the corpus keeping both cores busy at most 3 times validate of it).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import generate  # noqa: E402

SCHEMA = ROOT / "schema" / "1.0" / "plan.schema.json"
EXAMPLE = ROOT / "examples" / "london-councils" / "business-plan-2020-21-final.yaml"
RESULTS = HERE / "results"
BIG = ["--max-bytes", "200000000", "--max-values", "20000000"]  # the 100,000-output plan is 64 MB


@dataclass
class Run:
    seconds: float
    cpu: float  # user + system seconds of the process
    peak_kb: int
    code: int


GNU_TIME = "/usr/bin/time"


def measure(argv: list[str], cwd: Path = ROOT) -> Run:
    """Wall time from here; CPU time and peak memory from the kernel, for this command alone.

    Linux starts a new process's peak-memory count at its parent's, so the command is started by GNU time
    (a tiny parent) where there is one, not by this process, which may hold a large plan in memory.
    """
    import tempfile

    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        wrapped = [GNU_TIME, "-f", "%U %S %M", "-o", report.name, *argv] if os.path.exists(GNU_TIME) else argv
        start = time.perf_counter()
        process = subprocess.Popen(wrapped, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        if wrapped is argv:
            return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, code)
        fields = report.read().split()[-3:]  # "Command exited with non-zero status N" may come first
        return Run(seconds, float(fields[0]) + float(fields[1]), int(fields[2]), code)


def interleaved(commands: dict[str, list[str]], repeats: int, cwd: Path = ROOT) -> dict[str, list[Run]]:
    runs: dict[str, list[Run]] = {name: [] for name in commands}
    for name, argv in commands.items():  # warm-up: bytecode caches, disk cache
        measure(argv, cwd)
    for _ in range(repeats):
        for name, argv in commands.items():
            runs[name].append(measure(argv, cwd))
    return runs


def median(runs: list[Run], field: str = "seconds") -> float:
    return statistics.median(getattr(run, field) for run in runs)


def openplan(*args: str) -> list[str]:
    return [sys.executable, "-m", "openplan", *args]


def check_jsonschema(*files: str | Path) -> list[str]:
    return [sys.executable, "-m", "check_jsonschema", "--schemafile", str(SCHEMA), *map(str, files)]


def c_parse(path: Path, collector: bool = True) -> list[str]:
    """The bare C parse: libyaml through PyYAML's CSafeLoader, as a script would call it."""
    pause = "" if collector else "import gc; gc.disable()\n"
    return [sys.executable, "-c", f"{pause}import sys, yaml\nwith open(sys.argv[1], 'rb') as f: "
            "yaml.load(f, Loader=yaml.CSafeLoader)", str(path)]


def available_commands() -> set[str]:
    text = subprocess.run(openplan("--help"), capture_output=True, text=True, cwd=ROOT,
                          env=dict(os.environ, PYTHONPATH=str(ROOT))).stdout
    listed = text.split("Commands:", 1)[1] if "Commands:" in text else ""
    return set(re.findall(r"^\s{2}([a-z][a-z0-9-]*)\s", listed, flags=re.MULTILINE))


def edited_copy(path: Path) -> Path:
    """A second edition of a plan for diff: every 50th output reworded, every 200th dropped."""
    target = path.with_name(path.stem + "-edited.yaml")
    if not target.exists():
        import yaml

        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        data["id"] = data["id"] + "-edited"
        count = 0
        for area in data["areas"]:
            for objective in area["objectives"]:
                kept = []
                for output in objective["outputs"]:
                    count += 1
                    if count % 200 == 0:
                        continue
                    if count % 50 == 0:
                        output["text"] = "Revised: " + output["text"]
                    kept.append(output)
                objective["outputs"] = kept
        kept_ids = {output["id"] for area in data["areas"] for objective in area["objectives"]
                    for output in objective["outputs"]}
        for milestone in data["milestones"]:
            if "outputs" in milestone:
                milestone["outputs"] = [ident for ident in milestone["outputs"] if ident in kept_ids]
        target.write_text(generate.dump(data), encoding="utf-8")
    return target


def machine() -> dict:
    info = {"python": platform.python_version(), "platform": platform.platform(), "cores": os.cpu_count()}
    try:
        info["cpu"] = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo")
                           if line.startswith("model name"))
        info["memory_gb"] = round(int(next(line.split()[1] for line in open("/proc/meminfo")
                                           if line.startswith("MemTotal"))) / 1024 ** 2, 1)
        info["load_at_start"] = open("/proc/loadavg").read().split()[:3]
    except (OSError, StopIteration):
        pass
    from importlib import metadata

    for package in ("PyYAML", "jsonschema-rs", "check-jsonschema", "typer"):
        try:
            info[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            pass
    import yaml

    info["libyaml"] = yaml.__with_libyaml__
    return info


def run(quick: bool) -> dict:
    repeats = 3 if quick else 7
    sizes = generate.write_sizes()
    corpus = generate.write_corpus()
    ten, hundred = generate.size_path(10_000), generate.size_path(100_000)
    results: dict = {"when": datetime.now(timezone.utc).isoformat(timespec="seconds"), "machine": machine(),
                     "files": {path.name: path.stat().st_size for path in sizes}}
    present = available_commands()

    # 1. the 10,000-output plan: every command beside check-jsonschema and a bare C parse
    side = {"C parse (PyYAML CSafeLoader)": c_parse(ten),
            "C parse, garbage collector off": c_parse(ten, collector=False),
            "openplan validate": openplan("validate", "-q", str(ten))}
    if "lint" in present:
        side["openplan lint"] = openplan("lint", str(ten))
    if "convert" in present:
        side["openplan convert --to json"] = openplan("convert", str(ten), "--to", "json", "-o",
                                                      str(RESULTS / "plan-10000.json.tmp"))
    if "diff" in present:
        side["openplan diff"] = openplan("diff", str(ten), str(edited_copy(ten)))
    if "stats" in present:
        side["openplan stats"] = openplan("stats", str(ten))
    runs = interleaved(side, repeats)
    runs["check-jsonschema"] = interleaved({"check-jsonschema": check_jsonschema(ten)}, 1 if quick else 3)[
        "check-jsonschema"]
    results["ten_thousand"] = {name: {"seconds": median(found), "cpu": median(found, "cpu"),
                                      "peak_mb": round(max(run.peak_kb for run in found) / 1024, 1),
                                      "codes": sorted({run.code for run in found})} for name, found in runs.items()}

    # 2. cold start on a shipped example
    cold = interleaved({"openplan validate": openplan("validate", "-q", str(EXAMPLE)),
                        "check-jsonschema": check_jsonschema(EXAMPLE)}, 7 if quick else 21)
    results["cold_example"] = {"file": str(EXAMPLE.relative_to(ROOT)),
                               **{name: {"seconds": median(found), "peak_mb": round(median(found, "peak_kb") / 1024, 1)}
                                  for name, found in cold.items()}}

    # 3. linear growth
    growth = interleaved({"10,000": openplan("validate", "-q", *BIG, str(ten)),
                          "100,000": openplan("validate", "-q", *BIG, str(hundred))}, 1 if quick else 3)
    results["growth"] = {name: {"seconds": median(found), "peak_mb": round(max(r.peak_kb for r in found) / 1024, 1)}
                         for name, found in growth.items()}

    # 4. the 1,000-plan corpus, both cores
    plans = sorted(corpus.glob("plan-*.yaml"))
    many = {"openplan validate": openplan("validate", "-q", str(corpus))}
    if "lint" in present:
        many["openplan lint"] = openplan("lint", str(corpus))
    corpus_runs = interleaved(many, 1 if quick else 3)
    if not quick:
        corpus_runs["check-jsonschema"] = [measure(check_jsonschema(*plans))]
    results["corpus"] = {"plans": len(plans), "bytes": sum(path.stat().st_size for path in plans),
                         **{name: {"seconds": median(found), "cpu": median(found, "cpu"),
                                   "cores_busy": round(median(found, "cpu") / median(found), 2),
                                   "codes": sorted({run.code for run in found})}
                            for name, found in corpus_runs.items()}}
    return results


def run_scale(repeats: int) -> dict:
    """Only issue 12's measurements, side by side in one run: validate, lint and diff of the 10,000-output
    plan, and validate and lint of the 1,000-plan corpus."""
    generate.write_sizes()
    corpus = generate.write_corpus()
    ten = generate.size_path(10_000)
    side = {"openplan validate": openplan("validate", "-q", str(ten)), "openplan lint": openplan("lint", str(ten)),
            "openplan diff": openplan("diff", str(ten), str(edited_copy(ten)))}
    many = {"openplan validate": openplan("validate", "-q", str(corpus)), "openplan lint": openplan("lint", str(corpus))}
    summary = {}
    for part, commands, count in (("ten_thousand", side, repeats), ("corpus", many, max(1, repeats // 2))):
        found = interleaved(commands, count)
        summary[part] = {name: {"seconds": median(runs), "cpu": median(runs, "cpu"),
                                "cores_busy": round(median(runs, "cpu") / median(runs), 2),
                                "codes": sorted({run.code for run in runs})} for name, runs in found.items()}
    return summary


def scale_markdown(summary: dict) -> str:
    ten, corpus = summary["ten_thousand"], summary["corpus"]
    rows = [("lint 10,000 outputs ≤ 2 × validate", ten["openplan lint"]["seconds"] / ten["openplan validate"]["seconds"],
             2.0),
            ("diff 10,000 outputs ≤ 2.5 × validate",
             ten["openplan diff"]["seconds"] / ten["openplan validate"]["seconds"], 2.5),
            ("lint 1,000 plans ≤ 3 × validate of them",
             corpus["openplan lint"]["seconds"] / corpus["openplan validate"]["seconds"], 3.0)]
    lines = ["| goal | measured | met |", "| --- | --- | --- |"]
    lines += [f"| {goal} | {ratio:.2f} × | {'yes' if ratio <= budget else '**no**'} |" for goal, ratio, budget in rows]
    lines += [f"| lint 1,000 plans keeps both cores busy | {corpus['openplan lint']['cores_busy']} cores | "
              f"{'yes' if corpus['openplan lint']['cores_busy'] >= 1.6 else '**no**'} |", "",
              "| run | command | wall s | CPU s | cores busy | exit |", "| --- | --- | --- | --- | --- | --- |"]
    for part, label in (("ten_thousand", "10,000 outputs"), ("corpus", "1,000 plans")):
        for name, entry in summary[part].items():
            lines.append(f"| {label} | {name} | {entry['seconds']:.2f} | {entry['cpu']:.2f} | {entry['cores_busy']} | "
                         f"{','.join(map(str, entry['codes']))} |")
    return "\n".join(lines) + "\n"


def goals(results: dict) -> list[tuple[str, str, str, bool]]:
    ten = results["ten_thousand"]
    validate, parse, cjs = (ten["openplan validate"]["seconds"], ten["C parse (PyYAML CSafeLoader)"]["seconds"],
                            ten["check-jsonschema"]["seconds"])
    cold = results["cold_example"]
    growth = results["growth"]
    floor = ten["C parse, garbage collector off"]["seconds"]
    found = [
        ("validate 10,000 outputs ≤ 1.5 × bare C parse", f"{validate / parse:.2f} × ({validate / floor:.2f} × the "
         "parse with its garbage collector off)", "≤ 1.5", validate / parse <= 1.5),
        ("validate 10,000 outputs ≥ 4 × faster than check-jsonschema", f"{cjs / validate:.1f} × faster", "≥ 4",
         cjs / validate >= 4),
        ("cold validate of an example ≤ 0.6 × check-jsonschema",
         f"{cold['openplan validate']['seconds'] / cold['check-jsonschema']['seconds']:.2f} ×", "≤ 0.6",
         cold["openplan validate"]["seconds"] / cold["check-jsonschema"]["seconds"] <= 0.6),
        ("peak memory (10,000 outputs) ≤ check-jsonschema's",
         f"{ten['openplan validate']['peak_mb']} MB vs {ten['check-jsonschema']['peak_mb']} MB",
         "≤ 1.0 ×", ten["openplan validate"]["peak_mb"] <= ten["check-jsonschema"]["peak_mb"]),
        ("100,000 outputs ≤ 12 × 10,000 outputs",
         f"{growth['100,000']['seconds'] / growth['10,000']['seconds']:.1f} ×", "≤ 12",
         growth["100,000"]["seconds"] / growth["10,000"]["seconds"] <= 12),
    ]
    # Issue 12: lint and diff grow with the plan as validate does, and lint shares a corpus among the cores.
    for name, budget in (("openplan lint", 2.0), ("openplan diff", 2.5)):
        if name in ten:
            ratio = ten[name]["seconds"] / validate
            found.append((f"{name.split()[1]} 10,000 outputs ≤ {budget:g} × validate of it", f"{ratio:.2f} ×",
                          f"≤ {budget:g}", ratio <= budget))
    corpus = results["corpus"]
    if "openplan lint" in corpus and "openplan validate" in corpus:
        lint, alone = corpus["openplan lint"], corpus["openplan validate"]
        ratio = lint["seconds"] / alone["seconds"]
        found.append(("lint 1,000 plans: both cores busy, ≤ 3 × validate of them",
                      f"{lint['cores_busy']} cores busy; {ratio:.2f} ×", "≈ 2 cores; ≤ 3",
                      lint["cores_busy"] >= 1.6 and ratio <= 3))
    if "check-jsonschema" in corpus:
        for name in ("openplan validate", "openplan lint"):
            if name in corpus:
                entry = corpus[name]
                found.append((f"{name}: 1,000 plans, both cores busy, faster than check-jsonschema",
                              f"{entry['cores_busy']} cores busy; {corpus['check-jsonschema']['seconds'] / entry['seconds']:.1f}"
                              " × faster", "≈ 2 cores; > 1 ×",
                              entry["cores_busy"] >= 1.6 and entry["seconds"] < corpus["check-jsonschema"]["seconds"]))
    return found


def markdown(results: dict) -> str:
    m = results["machine"]
    lines = [f"Measured {results['when']} on {m.get('cpu', '?')}, {m.get('cores')} cores, "
             f"{m.get('memory_gb', '?')} GB RAM, {m.get('platform')}, Python {m.get('python')}, PyYAML "
             f"{m.get('PyYAML')} (libyaml {'yes' if m.get('libyaml') else 'no'}), jsonschema-rs "
             f"{m.get('jsonschema-rs')}, check-jsonschema {m.get('check-jsonschema')}, typer {m.get('typer')}. "
             f"Load average at the start: {' '.join(m.get('load_at_start', []))}.", "",
             "### Goals", "", "| goal | measured | target | met |", "| --- | --- | --- | --- |"]
    for goal, measured, target, met in goals(results):
        lines.append(f"| {goal} | {measured} | {target} | {'yes' if met else '**no**'} |")
    lines += ["", "### The 10,000-output plan "
              f"({results['files']['plan-10000.yaml'] / 1e6:.1f} MB), median of the runs", "",
              "| command | wall s | CPU s | peak MB | exit |", "| --- | --- | --- | --- | --- |"]
    for name, entry in results["ten_thousand"].items():
        lines.append(f"| {name} | {entry['seconds']:.2f} | {entry['cpu']:.2f} | {entry['peak_mb']} | "
                     f"{','.join(map(str, entry['codes']))} |")
    cold = results["cold_example"]
    lines += ["", f"### Cold start: `{cold['file']}`, median of the runs", "", "| command | wall s | peak MB |",
              "| --- | --- | --- |"]
    for name in ("openplan validate", "check-jsonschema"):
        lines.append(f"| {name} | {cold[name]['seconds']:.3f} | {cold[name]['peak_mb']} |")
    growth = results["growth"]
    lines += ["", "### Growth (`openplan validate`, limits raised for the 64 MB file)", "",
              "| outputs | wall s | peak MB |", "| --- | --- | --- |"]
    for name, entry in growth.items():
        lines.append(f"| {name} | {entry['seconds']:.2f} | {entry['peak_mb']} |")
    corpus = results["corpus"]
    lines += ["", f"### {corpus['plans']:,} example-sized plans ({corpus['bytes'] / 1e6:.0f} MB) in one run", "",
              "| command | wall s | CPU s | cores busy | exit |", "| --- | --- | --- | --- | --- |"]
    for name, entry in corpus.items():
        if isinstance(entry, dict):
            lines.append(f"| {name} | {entry['seconds']:.1f} | {entry['cpu']:.1f} | {entry['cores_busy']} | "
                         f"{','.join(map(str, entry['codes']))} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark openplan against check-jsonschema and a C parse.")
    parser.add_argument("--quick", action="store_true", help="fewer repeats; skip check-jsonschema on the corpus")
    parser.add_argument("--write", action="store_true", help="write the results into BENCHMARKS.md")
    parser.add_argument("--scale", action="store_true", help="only the lint and diff goals (issue 12), printed")
    parser.add_argument("--repeat", type=int, default=5, help="with --scale: runs of each 10,000-output command")
    args = parser.parse_args(argv)
    RESULTS.mkdir(exist_ok=True)
    if args.scale:
        print(scale_markdown(run_scale(args.repeat)))
        return 0
    results = run(args.quick)
    (RESULTS / "latest.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    report = markdown(results)
    print(report)
    if args.write:
        path = ROOT / "BENCHMARKS.md"
        text = path.read_text(encoding="utf-8")
        start, end = "<!-- results: written by bench/run.py --write -->", "<!-- end of results -->"
        head, _, rest = text.partition(start)
        _, _, tail = rest.partition(end)
        path.write_text(f"{head}{start}\n{report}{end}{tail}", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
