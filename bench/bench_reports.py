"""Benchmark: validating a plan of 10,000 outputs with four quarterly progress reports on it, against validating
the plan alone. The goal: at most 1.5 times.

Each report updates every output of the plan (status, RAG and percent complete, with commentary on the amber
and red ones and a revised date for one in ten), as a council's action tracker does, names the plan by its
path, and (after the first) names the report before it. The plan is read and indexed once for itself and the
four reports, so the reports cost what their own updates cost; with two cores a second process reads the
reports while the plan is checked (openplan/validation/ahead.py).

    python bench/bench_reports.py [--repeat 5] [--every 1] [--check]

``--every N`` updates one output in N (1: all of them). Every command runs as a user runs it: a fresh process
(``python -m openplan validate -q``) per measurement, the two commands interleaved, the median reported (see
run.py). With --check the script exits 1 when the ratio is above 1.5.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402
from run import interleaved, median, openplan  # noqa: E402

QUARTERS = ("Q1", "Q2", "Q3", "Q4")
STATUSES = (("on-track", "green"), ("at-risk", "amber"), ("off-track", "red"), ("complete", "green"))
BUDGET = 1.5


def outputs(plan: dict) -> list[str]:
    return [output["id"] for area in plan.get("areas", []) for objective in area.get("objectives", [])
            for output in objective.get("outputs", [])]


def report(plan: dict, plan_file: str, quarter: int, every: int) -> dict:
    """The progress report for one quarter of the plan's year, updating one output in ``every``."""
    year = int(plan["period"]["start"][:4])
    updates = []
    for position, ident in enumerate(outputs(plan)[::every]):
        status, rag = STATUSES[(position + quarter) % len(STATUSES)]
        update = {"item": ident, "status": status, "rag": rag, "percent_complete": min(100, 25 * (quarter + 1))}
        if rag != "green":  # exception reporting: commentary where the item is off track or at risk
            update["commentary"] = f"Delayed in quarter {quarter + 1}: recovery steps agreed with partners."
        if position % 10 == 0:
            update["revised_due"] = {"value": f"FY{year}-Q4", "text": f"Quarter 4 {year}/{(year + 1) % 100:02d}"}
        updates.append(update)
    previous = {"previous": {"id": report_id(plan, quarter - 1), "path": report_name(plan_file, quarter - 1, every)}
                } if quarter else {}
    return {"openplan": "1.1", "kind": "report", "id": report_id(plan, quarter),
            "title": f"{plan['title']}: progress, quarter {quarter + 1}", "organisation": plan["organisation"],
            "plan": {"id": plan["id"], "path": plan_file}, **previous,
            "period": {"value": f"FY{year}-{QUARTERS[quarter]}", "text": f"Quarter {quarter + 1}"},
            "updates": updates}


def report_id(plan: dict, quarter: int) -> str:
    return f"report.{plan['id']}.{QUARTERS[quarter].lower()}"


def report_name(plan_file: str, quarter: int, every: int) -> str:
    return f"{Path(plan_file).stem}-report-{QUARTERS[quarter].lower()}-every-{every}.yaml"


def write_reports(plan_path: Path, every: int) -> list[Path]:
    import yaml

    plan = yaml.load(plan_path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    paths = []
    for quarter in range(len(QUARTERS)):
        path = plan_path.with_name(report_name(plan_path.name, quarter, every))
        text = generate.dump(report(plan, plan_path.name, quarter, every))
        if not path.exists() or path.read_text(encoding="utf-8") != text:  # made by an older version of this script
            path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Validate a 10,000-output plan with four quarterly reports.")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each command (median reported)")
    parser.add_argument("--every", type=int, default=1, help="update one output in N")
    parser.add_argument("--check", action="store_true", help="exit 1 when the ratio is above 1.5")
    args = parser.parse_args(argv)
    generate.write_sizes()
    plan = generate.size_path(10_000)
    reports = write_reports(plan, args.every)
    runs = interleaved({"plan alone": openplan("validate", "-q", str(plan)),
                        "plan + 4 reports": openplan("validate", "-q", str(plan), *map(str, reports))}, args.repeat)
    alone, both = median(runs["plan alone"]), median(runs["plan + 4 reports"])
    codes = {name: sorted({run.code for run in found}) for name, found in runs.items()}
    print("| command | wall s | CPU s | peak MB | exit |\n| --- | --- | --- | --- | --- |")
    for name, found in runs.items():
        print(f"| validate {name} | {median(found):.2f} | {median(found, 'cpu'):.2f} | "
              f"{max(run.peak_kb for run in found) / 1024:.0f} | {','.join(map(str, codes[name]))} |")
    ratio = both / alone
    cpu = median(runs["plan + 4 reports"], "cpu") / median(runs["plan alone"], "cpu")
    print(f"\nplan + 4 reports ({sum(p.stat().st_size for p in reports) / 1e6:.1f} MB of reports, one output in "
          f"{args.every} updated) = {ratio:.2f} × the plan alone in wall time, {cpu:.2f} × in CPU time "
          f"(goal ≤ {BUDGET}): "
          f"{'met' if ratio <= BUDGET else 'NOT met'}")
    return 1 if args.check and (ratio > BUDGET or any(code != [0] for code in codes.values())) else 0


if __name__ == "__main__":
    sys.exit(main())
