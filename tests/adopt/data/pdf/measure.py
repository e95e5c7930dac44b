"""How close `openplan import` comes, on the PDF fixtures, to the hand encodings in examples/london-councils/.
Prints the Markdown table in docs/importing.md. Run from the repository's root:

    python tests/adopt/data/pdf/measure.py
"""

from __future__ import annotations

from pathlib import Path

import yaml

from openplan.importer import ImportProblem, import_document

ROOT = Path(__file__).resolve().parents[4]
HERE = Path(__file__).resolve().parent
KINDS = ("areas", "objectives", "outputs", "sub-items")


def hand_counts(path: Path) -> dict[str, int]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    objectives = [objective for area in data.get("areas", []) for objective in area.get("objectives", [])]
    outputs = [output for objective in objectives for output in objective.get("outputs", [])]
    return {"areas": len(data.get("areas", [])), "objectives": len(objectives), "outputs": len(outputs),
            "sub-items": sum(len(output.get("sub_items", [])) for output in outputs)}


def main() -> None:
    print("| PDF | " + " | ".join(f"{kind} (import / hand)" for kind in KINDS) + " |")
    print("| --- |" + " --- |" * len(KINDS))
    for pdf in sorted(HERE.glob("*.pdf")):
        hand = ROOT / "examples" / "london-councils" / f"{pdf.stem}.yaml"
        if not hand.is_file():
            continue
        try:
            counts = import_document(pdf).counts
        except ImportProblem as problem:
            reason = problem.message.split(": ", 1)[-1].split(":")[0]  # "no plan structure recognised"
            cells = [f"refused ({reason})" if kind == "areas" else "–" for kind in KINDS]
            print(f"| `{pdf.name}` | " + " | ".join(cells) + " |")
            continue
        expected = hand_counts(hand)
        print(f"| `{pdf.name}` | " + " | ".join(f"{counts.get(kind, 0)} / {expected[kind]}" for kind in KINDS) + " |")


if __name__ == "__main__":
    main()
