"""Benchmark: a synthetic plan of 10,000 outputs to XLSX and back (and to CSV and back), with peak memory.

Not a test: it records how long the spreadsheet round trip takes and how much memory it needs, so that a
change that makes either grow with the plan shows up. Each step runs in a fresh child process, which reports
its wall time, the peak of Python allocations (tracemalloc, in a second run so that tracing does not slow the
timed one) and the growth of its peak resident memory (getrusage, which also counts C allocations).

    python bench/bench_convert.py [--outputs 10000] [--json results.json]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import platform
import resource
import sys
import time
import tracemalloc
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))


def _plan(outputs: int) -> dict:
    from generate import plan  # bench/generate.py: the project's synthetic plan generator

    return plan(outputs)


def _step(name: str, data: dict, payload: dict, queue, trace: bool) -> None:
    from openplan.convert import csv_folder, from_csv, from_xlsx, to_csv, to_xlsx

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if trace:
        tracemalloc.start()
    start = time.perf_counter()
    if name == "to_xlsx":
        result = to_xlsx(data)
        size = len(result)
    elif name == "from_xlsx":
        result = from_xlsx(payload["xlsx"])
        size = len(json.dumps(result))
    elif name == "to_csv":
        result = csv_folder.zipped(to_csv(data))
        size = len(result)
    else:
        result = from_csv(payload["csv"])
        size = len(json.dumps(result))
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1] if trace else None
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    queue.put({"seconds": seconds, "python_peak_bytes": peak, "rss_growth_kib": after - before, "size": size})


def _measure(name: str, data: dict, payload: dict) -> dict:
    context = multiprocessing.get_context("fork")
    found: dict = {}
    for trace in (False, True):
        queue = context.Queue()
        child = context.Process(target=_step, args=(name, data, payload, queue, trace))
        child.start()
        outcome = queue.get()
        child.join()
        if trace:
            found["python_peak_mb"] = round(outcome["python_peak_bytes"] / 1024 / 1024, 1)
        else:
            found.update(seconds=round(outcome["seconds"], 2), rss_growth_mb=round(outcome["rss_growth_kib"] / 1024, 1),
                         size=outcome["size"])
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--outputs", type=int, default=10_000)
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args(argv)

    from openplan.convert import csv_folder, from_csv, from_xlsx, to_csv, to_xlsx
    from openplan.convert.canonical import to_json_text

    data = _plan(args.outputs)
    objectives = sum(len(area.get("objectives", [])) for area in data["areas"])
    payload = {"xlsx": to_xlsx(data), "csv": csv_folder.zipped(to_csv(data))}
    same = {"xlsx": to_json_text(from_xlsx(payload["xlsx"])) == to_json_text(data),
            "csv": to_json_text(from_csv(payload["csv"])) == to_json_text(data)}
    results = {"outputs": args.outputs, "objectives": objectives, "milestones": len(data.get("milestones", [])),
               "python": platform.python_version(), "machine": platform.machine(),
               "round_trip_identical": same, "steps": {}}
    for name in ("to_xlsx", "from_xlsx", "to_csv", "from_csv"):
        results["steps"][name] = _measure(name, data, payload)
    print(f"{args.outputs:,} outputs, {objectives:,} objectives, {results['milestones']:,} milestones; "
          f"round trips identical: {same}")
    print(f"{'step':<10} {'seconds':>8} {'python peak MB':>15} {'RSS growth MB':>14} {'bytes':>12}")
    for name, step in results["steps"].items():
        print(f"{name:<10} {step['seconds']:>8} {step['python_peak_mb']:>15} {step['rss_growth_mb']:>14} "
              f"{step['size']:>12,}")
    if args.json:
        from openplan.atomic import write_atomic

        write_atomic(args.json, json.dumps(results, indent=2) + "\n")
    return 0 if all(same.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
