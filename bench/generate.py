"""Synthetic OpenPlan plans with the shapes real council plans have, for benchmarks.

A generated plan has what the London Councils examples have, scaled: areas
(portfolios, directorates, services) with owners; numbered objectives with
outcome statements; lettered outputs, some with sub-items, owners, due dates
in fuzzy-date form and pledge links; milestones linked many-to-many to
objectives and outputs, some timed against external events; themes with
commitments; notes. Owners and pledges live in two shared registry files
beside the plan (``registry.yaml`` and ``pledges.yaml``), as in the examples.

Everything is deterministic for a given seed, and every generated plan
validates with zero errors, so a benchmark measures the happy path a council
runs in CI every day.

    python bench/generate.py sizes  [--out bench/data]   # 100 ... 100,000 outputs
    python bench/generate.py corpus [--out bench/data]   # 1,000 example-sized plans
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

import yaml

SIZES = (100, 1_000, 10_000, 100_000)
CORPUS_PLANS = 1_000
DATA = Path(__file__).resolve().parent / "data"

_WORDS = (
    "borough housing delivery funding skills transport public health social care schools young people London "
    "councils partners government devolution recovery renewal investment climate resilience employment welfare "
    "digital services infrastructure evidence advocacy lobbying negotiation settlement spending review business "
    "rates homelessness temporary accommodation apprentices air quality electric vehicles charging points "
    "freedom pass taxicard tribunals procurement collaboration governance equalities inclusion cost of living "
    "support boroughs sub-regional partnerships pan-London agencies Mayor GLA NHS police crime safety"
).split()
_VERBS = ("Deliver", "Develop", "Secure", "Lobby for", "Co-ordinate", "Support", "Promote", "Publish", "Review",
          "Negotiate", "Commission", "Lead", "Work with boroughs on", "Make the case for", "Champion")
_AREA_KINDS = ("portfolio", "directorate", "service", "policy-area")
_ROLES = ("lead", "accountable", "responsible", "partner", "support", "co-lead")
_LINKS = ("delivers", "contributes-to", "reflects", "related")
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_ROMAN = ("i", "ii", "iii", "iv", "v", "vi")
_SEASONS = (("Spring", "21"), ("Summer", "22"), ("Autumn", "23"), ("Winter", "24"))
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


class _Dumper(yaml.CSafeDumper):
    """Block style, keys in the order written, long lines kept whole (as the examples are)."""


def dump(data: dict) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=10_000,
                     default_flow_style=False)


class _Writer:
    def __init__(self, seed: int, year: int):
        self.random = random.Random(seed)
        self.year = year

    def sentence(self, low: int = 8, high: int = 30) -> str:
        words = self.random.choices(_WORDS, k=self.random.randint(low, high))
        return " ".join(words).capitalize() + "."

    def action(self) -> str:
        return f"{self.random.choice(_VERBS)} {' '.join(self.random.choices(_WORDS, k=self.random.randint(10, 35)))}."

    def due(self) -> dict:
        """A fuzzy date inside the plan's financial year, written the ways plans write them."""
        year, pick = self.year, self.random.randrange(6)
        if pick == 0:
            month = self.random.randint(4, 12)
            return {"text": f"{_MONTHS[month - 1]} {year}", "value": f"{year}-{month:02d}"}
        if pick == 1:
            name, code = self.random.choice(_SEASONS[:3])
            return {"text": f"{name} {year}", "value": f"{year}-{code}"}
        if pick == 2:
            quarter = self.random.randint(1, 4)
            return {"text": f"Q{quarter} {year}/{(year + 1) % 100:02d}", "value": f"FY{year}-Q{quarter}"}
        if pick == 3:
            month = self.random.randint(5, 12)
            return {"text": f"by {_MONTHS[month - 1][:3]} {year}", "value": f"../{year}-{month:02d}"}
        if pick == 4:
            day = self.random.randint(1, 28)
            month = self.random.randint(4, 12)
            return {"text": f"{day} {_MONTHS[month - 1]} {year}", "value": f"{year}-{month:02d}-{day:02d}"}
        return {"text": "TBC", "tbc": True}


def registry(seed: int = 1, posts: int = 40, people: int = 40, bodies: int = 12) -> dict:
    """The shared registry of owners: the organisation, its committees, posts and the people holding them."""
    writer = _Writer(seed, 2024)
    return {
        "openplan": "1.0", "kind": "registry", "id": "registry.synthetic", "title": "Synthetic council: owners",
        "organisations": [{"id": "org.council", "name": "Synthetic Council", "kind": "local-authority"},
                          {"id": "org.partner", "name": "Partner Authority", "kind": "regional-authority"}],
        "bodies": [{"id": f"body.b{n}", "name": f"Committee {n}", "kind": "committee",
                    "organisation": "org.council"} for n in range(bodies)],
        "posts": [{"id": f"post.p{n}", "title": f"Portfolio holder for {writer.random.choice(_WORDS)} {n}",
                   "organisation": "org.council", "body": f"body.b{n % bodies}"} for n in range(posts)],
        "people": [{"id": f"person.n{n}", "name": f"Officer {n}"} for n in range(people)],
        "themes": [{"id": f"theme.t{n}", "title": writer.sentence(3, 6),
                    "commitments": [{"text": writer.action()} for _ in range(3)]} for n in range(5)],
    }


def pledges(seed: int = 2, sets: int = 3, per_set: int = 30) -> dict:
    """The shared pledge registry: pledge sets agreed by a committee, with numbered pledges."""
    writer = _Writer(seed, 2024)
    return {
        "openplan": "1.0", "kind": "registry", "id": "registry.synthetic-pledges", "title": "Synthetic pledges",
        "registries": ["registry.yaml"],
        "pledge_sets": [{"id": f"pledges.s{s}", "title": f"Pledges {s}", "agreed_by": "body.b0",
                         "pledges": [{"id": f"pledge.s{s}.{n}", "number": n + 1, "text": writer.action()}
                                     for n in range(per_set)]} for s in range(sets)],
    }


def plan(outputs: int, seed: int = 0, year: int = 2024, name: str = "synthetic") -> dict:
    """A plan with ``outputs`` outputs: about 5 per objective, 3 objectives per area, a milestone per 5 outputs."""
    writer = _Writer(seed, year)
    rand = writer.random
    data: dict = {
        "openplan": "1.0", "kind": "plan", "id": f"plan.{name}", "title": f"Synthetic Council Business Plan {year}",
        "organisation": "org.council", "registries": ["registry.yaml", "pledges.yaml"], "language": "en-GB",
        "period": {"start": f"{year}-04-01", "end": f"{year + 1}-03-31", "text": f"{year}/{(year + 1) % 100:02d}"},
        "calendar": "financial-april",
        "edition": {"status": "approved", "label": "Final", "approved_by": "body.b0",
                    "date": {"text": f"7 July {year}", "value": f"{year}-07-07"}},
        "events": [{"id": f"event.e{n}", "title": f"Spending Review {year} part {n}", "kind": "fiscal-event",
                    "date": {"text": f"Autumn {year}", "value": f"{year}-23"}} for n in range(4)],
        "notes": [{"id": "note.caveat", "kind": "caveat", "text": writer.sentence(30, 60)}],
        "areas": [],
        "milestones": [],
    }
    objective_ids: list[str] = []
    output_ids: list[str] = []
    made = area_number = 0
    while made < outputs:
        area_number += 1
        area = {"id": f"area.a{area_number}", "number": str(area_number), "title": writer.sentence(2, 5),
                "kind": rand.choice(_AREA_KINDS), "owners": [{"ref": f"post.p{area_number % 40}",
                                                               "role": "accountable"}], "objectives": []}
        for o in range(1, 4):
            if made >= outputs:
                break
            objective = {"id": f"obj.a{area_number}.{o}", "number": f"{area_number}.{o}",
                         "title": writer.sentence(6, 16), "outcome": writer.sentence(20, 45),
                         "themes": [f"theme.t{rand.randrange(5)}"], "outputs": []}
            if rand.random() < 0.3:
                objective["pledges"] = [{"pledge": f"pledge.s{rand.randrange(3)}.{rand.randrange(30)}",
                                         "type": rand.choice(_LINKS)}]
            objective_ids.append(objective["id"])
            for letter in _LETTERS[: min(rand.randint(3, 7), outputs - made)]:
                output: dict = {"id": f"out.a{area_number}.{o}.{letter}", "number": letter, "text": writer.action()}
                if rand.random() < 0.25:
                    output["sub_items"] = [{"id": f"{output['id']}.{roman}", "number": roman,
                                            "text": writer.action()} for roman in _ROMAN[: rand.randint(1, 4)]]
                if rand.random() < 0.3:
                    output["owners"] = [{"ref": rand.choice((f"post.p{rand.randrange(40)}",
                                                             f"person.n{rand.randrange(40)}",
                                                             f"body.b{rand.randrange(12)}", "org.partner")),
                                         "role": rand.choice(_ROLES)}]
                if rand.random() < 0.3:
                    output["due"] = writer.due()
                if rand.random() < 0.1:
                    output["pledges"] = [{"pledge": f"pledge.s{rand.randrange(3)}.{rand.randrange(30)}",
                                          "type": rand.choice(_LINKS)}]
                objective["outputs"].append(output)
                output_ids.append(output["id"])
                made += 1
            area["objectives"].append(objective)
        data["areas"].append(area)
    for n in range(max(1, outputs // 5)):
        milestone: dict = {"id": f"ms.m{n}", "title": writer.sentence(5, 14),
                           "objectives": rand.sample(objective_ids, k=min(len(objective_ids), rand.randint(1, 4))),
                           "owners": [{"ref": f"post.p{rand.randrange(40)}", "role": "lead"}]}
        if rand.random() < 0.5:
            milestone["outputs"] = rand.sample(output_ids, k=min(len(output_ids), rand.randint(1, 2)))
        if rand.random() < 0.15:
            milestone["due"] = {"text": f"ahead of Spending Review {year}", "relative_to": f"event.e{rand.randrange(4)}",
                                "relation": "before"}
        else:
            milestone["due"] = writer.due()
        data["milestones"].append(milestone)
    return data


def write_registries(folder: Path) -> None:
    (folder / "registry.yaml").write_text(dump(registry()), encoding="utf-8")
    (folder / "pledges.yaml").write_text(dump(pledges()), encoding="utf-8")


def size_path(outputs: int, folder: Path = DATA) -> Path:
    return folder / "sizes" / f"plan-{outputs}.yaml"


def write_sizes(folder: Path = DATA, sizes=SIZES) -> list[Path]:
    target = folder / "sizes"
    target.mkdir(parents=True, exist_ok=True)
    (target / "openplan.toml").write_text("# project folder marker for the benchmark plans\n", encoding="utf-8")
    write_registries(target)
    paths = []
    for outputs in sizes:
        path = size_path(outputs, folder)
        if not path.exists():
            path.write_text(dump(plan(outputs, seed=outputs, name=f"synthetic-{outputs}")), encoding="utf-8")
        paths.append(path)
    return paths


def write_corpus(folder: Path = DATA, count: int = CORPUS_PLANS) -> Path:
    """``count`` plans the size of the examples (80 to 220 outputs, 40 to 140 KB), sharing two registries."""
    target = folder / "corpus"
    target.mkdir(parents=True, exist_ok=True)
    (target / "openplan.toml").write_text("# project folder marker for the benchmark corpus\n", encoding="utf-8")
    write_registries(target)
    for n in range(count):
        path = target / f"plan-{n:04d}.yaml"
        if not path.exists():
            outputs = random.Random(n).randint(80, 220)
            path.write_text(dump(plan(outputs, seed=10_000 + n, year=2015 + n % 10, name=f"corpus-{n:04d}")),
                            encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("what", choices=("sizes", "corpus", "all"))
    parser.add_argument("--out", type=Path, default=DATA)
    args = parser.parse_args(argv)
    if args.what in ("sizes", "all"):
        for path in write_sizes(args.out):
            print(f"{path}  {path.stat().st_size:,} bytes")
    if args.what in ("corpus", "all"):
        print(write_corpus(args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
