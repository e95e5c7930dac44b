"""``openplan init``: start a council's plan, with the registries it needs, ready to fill in.

Three files are written into a folder:

* ``plan.yaml``: the plan (title, period, a draft edition, and where the council is and how its year runs, when
  given) with the shape of an area, objective and output shown in comments;
* ``registry.yaml``: the organisation, and the body and posts the officer named (posts are kept apart from the
  people who hold them);
* ``pledges.yaml``: the council's pledge set, to fill with its pledges.

Only what the officer gave is written: no body, post, language or published wording is made up. Beside the
files, ``.openplan/schema/<version>/`` holds a copy of the schema, which the files' first lines point editors at,
so they check the files offline. Every file validates as written. Nothing is ever overwritten: if any of the
three exists, nothing is written. The questions are data (:mod:`.questions`), so the command can ask them
interactively or take them as flags; :mod:`.periods` reads the period in the plan's calendar.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

from ..atomic import WriteRefused, write_atomic
from ..dates import MONTHS
from ..resources import schema_path
from ..version import SCHEMA_VERSION
from .periods import describe, period
from .problem import InitProblem
from .questions import QUESTIONS, Question, answer, answers_with_defaults, calendar_of, check_given, unwritable

__all__ = ["FILES", "QUESTIONS", "SCHEMA_COPY", "InitProblem", "Question", "answer", "answers_with_defaults",
           "check_given", "modeline", "period", "period_in_words", "scaffold", "schema_copies", "slug", "unwritable",
           "write"]

# Where a project keeps its copy of the schema, so an editor checks its plans offline (yaml-language-server
# cannot load the schema's https://w3id.org address). A hidden folder: `openplan validate` passes over it.
SCHEMA_COPY = f".openplan/schema/{SCHEMA_VERSION}"
FILES = ("plan.yaml", "registry.yaml", "pledges.yaml")


def schema_copies() -> dict[str, str]:
    """The schema files a project keeps, by path relative to the project folder."""
    return {f"{SCHEMA_COPY}/{kind}.schema.json": schema_path(kind).read_text(encoding="utf-8")
            for kind in ("plan", "registry")}


def modeline(kind: str, prefix: str = "") -> str:
    """The first line that points editors at the project's copy of the schema, ``prefix`` being the path from the
    file's folder to the project folder ("" when they are the same, else ending in "/")."""
    return f"# yaml-language-server: $schema={prefix}{SCHEMA_COPY}/{kind}.schema.json"


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text)) or "council"


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid double-quoted YAML scalar


def period_in_words(given: dict[str, str | None]) -> str:
    """The period the answers give, in words, with the calendar it was read in: for telling the officer."""
    a = answers_with_defaults(given)
    how = f"calendar {a['calendar']}" if a["calendar"] else "no calendar declared, so April years"
    return f"{describe(*period(a['period'], calendar_of(a)))} ({how})"


def _plan(a: dict[str, str], org: str, executive: str | None) -> str:
    start, end = period(a["period"], calendar_of(a))
    plan_id = slug(a["title"])
    # Written unquoted, so never a word YAML reads as true, false or null.
    plan_id = plan_id if plan_id[:1].isalpha() and plan_id not in ("true", "false", "null") else f"plan-{plan_id}"
    wording = f", text: {_q(a['period_text'])}" if a["period_text"] else ""
    place = ", ".join(f"{key}: {a[key]}" for key in ("country", "hemisphere") if a[key])
    lines = [f'period: {{start: "{start}", end: "{end}"{wording}}}',
             *([f"calendar: {a['calendar']}"] if a["calendar"] else []),
             *([f"jurisdiction: {{{place}}}"] if place else []),
             *([f"language: {_q(a['language'])}"] if a["language"] else []),
             "edition:", "  status: draft",
             *([f"  approved_by: {executive}  # the body that will approve the plan"] if executive else [])]
    if not a["period_text"]:
        lines.insert(0, '# If the plan prints its period in words, add them: period: {start: ..., end: ..., text: "..."}')
    month = MONTHS[int(end[5:7]) - 1].capitalize()
    header = "\n".join(lines)
    return f"""{modeline("plan")}
# {a["title"]}: made with `openplan init`. Encode the plan as published: docs/encoding-guide.md explains
# every part, and `openplan validate plan.yaml` checks your work.
openplan: "{SCHEMA_VERSION}"
id: {plan_id}
title: {_q(a["title"])}
organisation: {org}
registries: [registry.yaml, pledges.yaml]
{header}
provenance:
  method: Started with `openplan init`.

# Areas group objectives: portfolios, directorates or services. Each area, objective and output has a stable
# id that never changes, and the number the document shows. For example:
#
#   - id: area.housing
#     number: "1"
#     title: Housing
#     objectives:
#       - id: obj.more-homes
#         number: "1.1"
#         title: More homes that local people can afford
#         outcome: Every household has a decent home it can afford.
#         outputs:
#           - id: out.more-homes.new-sites
#             number: a
#             text: Start building on three council-owned sites.
#             due: {{text: "{month} {end[:4]}", value: "{end[:7]}"}}
areas: []
"""


def _registry(a: dict[str, str], council: str, org: str, executive: str | None) -> str:
    abbreviation = f"\n    abbreviation: {_q(a['abbreviation'])}" if a["abbreviation"] else ""
    if executive:
        bodies = f"bodies:\n  - {{id: {executive}, name: {_q(a['executive'])}, kind: committee, organisation: {org}}}"
    else:
        bodies = (f"# Committees and boards, such as: - {{id: body.council, name: Council, kind: committee, "
                  f"organisation: {org}}}\nbodies: []")
    posts = [f"  - {{id: post.{key.replace('_', '-')}, title: {_q(a[key])}, organisation: {org}}}"
             for key in ("leader", "chief_executive") if a[key]]
    if posts:
        posts_block = "posts:\n" + "\n".join(posts)
    else:
        posts_block = f"# Posts, such as: - {{id: post.mayor, title: Mayor, organisation: {org}}}\nposts: []"
    return f"""{modeline("registry")}
# {a["council"]}: the organisation, its committees and its posts, shared by all its plans.
# Posts are kept apart from the people who hold them: add people under `people:` and name them as `holders`.
openplan: "{SCHEMA_VERSION}"
kind: registry
id: registry.{council}
title: {_q(a["council"] + ": organisation, committees and posts")}
organisations:
  - id: {org}
    name: {_q(a["council"])}{abbreviation}
    kind: {a["kind"]}
{bodies}
{posts_block}
"""


def _pledges(a: dict[str, str], council: str, pledge_set: str | None) -> str:
    if pledge_set:
        sets = f"""pledge_sets:
  - id: {pledge_set}
    title: {_q(a["pledges"])}
    # The body that agreed them, if the council says: agreed_by: body.council
    # One entry a pledge, numbered as published: - {{id: {pledge_set}.1, number: "1", text: "..."}}
    pledges: []
"""
    else:
        sets = """# Pledge sets are political commitments agreed outside any one plan, linked to from objectives and outputs:
#   - {id: pledges.manifesto, title: Our pledges, pledges: [...]}
pledge_sets: []
"""
    return f"""{modeline("registry")}
# {a["council"]}: its pledge sets, shared by all its plans.
openplan: "{SCHEMA_VERSION}"
kind: registry
id: registry.{council}-pledges
title: {_q(a["council"] + ": pledges")}
registries: [registry.yaml]
{sets}"""


def scaffold(given: dict[str, str | None]) -> dict[str, str]:
    """The three files, by name, for these answers, and the project's copy of the schema. InitProblem if an
    answer cannot be used."""
    a = answers_with_defaults(given)
    council = slug(a["abbreviation"] or a["council"])
    org = f"org.{council}"
    executive = f"body.{slug(a['executive'])}" if a["executive"] else None
    pledge_set = f"pledges.{slug(a['pledges'])}" if a["pledges"] else None
    return {"plan.yaml": _plan(a, org, executive), "registry.yaml": _registry(a, council, org, executive),
            "pledges.yaml": _pledges(a, council, pledge_set), **schema_copies()}


def write(folder: str | Path, files: dict[str, str]) -> list[Path]:
    """Write the files into ``folder`` atomically; refuse, writing nothing, if any of them exists."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise InitProblem(f"{folder} is a file, not a folder")
    # A symbolic link counts as a file, even one pointing at nothing: init writes through no link.
    existing = [folder / name for name in files if (folder / name).exists() or (folder / name).is_symlink()]
    if existing:
        raise InitProblem(f"{', '.join(str(path) for path in existing)} already exist{'s' if len(existing) == 1 else ''}"
                          "; openplan init never overwrites a file. Choose an empty folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        for name, text in files.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)  # the schema copy's folders
            write_atomic(folder / name, text)
            written.append(folder / name)
    except WriteRefused as refused:
        raise InitProblem(str(refused)) from None
    except OSError as exc:
        raise InitProblem(f"cannot write in {folder} ({exc.strerror or exc})") from None
    return written
