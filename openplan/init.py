"""``openplan init``: start a council's plan, with the registries it needs, ready to fill in.

Three files are written into a folder:

* ``plan.yaml``: the plan (title, period, a draft edition) with the shape of an area, objective and output shown
  in comments;
* ``registry.yaml``: the organisation, its full council and executive, and the leader's and chief executive's
  posts (posts are kept apart from the people who hold them);
* ``pledges.yaml``: the council's pledge set, to fill with its pledges.

Beside them, ``.openplan/schema/<version>/`` holds a copy of the schema, which the files' first lines point
editors at, so they check the files offline. Every file validates as written. Nothing is ever overwritten: if any of the three exists, nothing is written.
The questions are data (:data:`QUESTIONS`), so the command can ask them interactively or take them as flags.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .atomic import WriteRefused, write_atomic
from .codelists import codes
from .resources import schema_path
from .version import SCHEMA_VERSION

# Where a project keeps its copy of the schema, so an editor checks its plans offline (yaml-language-server
# cannot load the schema's https://w3id.org address). A hidden folder: `openplan validate` passes over it.
SCHEMA_COPY = f".openplan/schema/{SCHEMA_VERSION}"


def schema_copies() -> dict[str, str]:
    """The schema files a project keeps, by path relative to the project folder."""
    return {f"{SCHEMA_COPY}/{kind}.schema.json": schema_path(kind).read_text(encoding="utf-8")
            for kind in ("plan", "registry")}


def modeline(kind: str, prefix: str = "") -> str:
    """The first line that points editors at the project's copy of the schema, ``prefix`` being the path from the
    file's folder to the project folder ("" when they are the same, else ending in "/")."""
    return f"# yaml-language-server: $schema={prefix}{SCHEMA_COPY}/{kind}.schema.json"

FILES = ("plan.yaml", "registry.yaml", "pledges.yaml")
_PERIOD = re.compile(r"^(\d{4})\s*/\s*(\d{2}|\d{4})$")
_SPAN = re.compile(r"^(\d{4}-\d{2}-\d{2})\s*(?:/|\.\.|to)\s*(\d{4}-\d{2}-\d{2})$")


class InitProblem(Exception):
    """The answers cannot make a plan, or the files exist already. Nothing was written."""


def this_financial_year(today: _dt.date | None = None) -> str:
    today = today or _dt.date.today()
    start = today.year if today.month >= 4 else today.year - 1
    return f"{start}/{(start + 1) % 100:02d}"


@dataclass(frozen=True)
class Question:
    name: str
    prompt: str
    default: Callable[[dict[str, str]], str] | None
    help: str
    choices: tuple[str, ...] = ()


QUESTIONS: tuple[Question, ...] = (
    Question("council", "Name of the council", None, "The organisation's name, as it publishes it."),
    Question("abbreviation", "Short name the plan uses (empty for none)", lambda a: "",
             "An abbreviation, such as LBC."),
    Question("kind", "Kind of organisation", lambda a: "local-authority",
             "A code from the organisation-kind codelist.", codes("organisation-kind")),
    Question("period", "Financial year the plan covers", lambda a: this_financial_year(),
             'A financial year such as 2025/26, or two days: "2025-04-01/2026-09-30".'),
    Question("title", "Title of the plan", lambda a: f"{a['council']} Plan {a['period']}",
             "The plan's title, as it will be published."),
    Question("executive", "Body that approves the plan", lambda a: "Cabinet",
             "The committee that approves the plan, such as Cabinet or Executive."),
    Question("leader", "Title of the political leader's post", lambda a: "Leader of the Council",
             "The post, not the person: people change, posts remain."),
    Question("chief_executive", "Title of the most senior officer's post", lambda a: "Chief Executive",
             "The post, not the person."),
    Question("pledges", "Title of the council's pledges (empty for none yet)", lambda a: "",
             "Political commitments agreed outside any one plan, such as a manifesto's pledges."),
)


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text)) or "council"


def period(text: str) -> tuple[str, str, str]:
    """Start, end and wording of a period given as "2025/26" (April to March) or two days."""
    text = text.strip()
    match = _PERIOD.match(text)
    if match:
        start = int(match.group(1))
        end = int(match.group(2)) if len(match.group(2)) == 4 else start // 100 * 100 + int(match.group(2))
        if end != start + 1:
            raise InitProblem(f'"{text}" is not one financial year; write it as {start}/{(start + 1) % 100:02d}')
        return f"{start}-04-01", f"{end}-03-31", text
    match = _SPAN.match(text)
    if match:
        try:
            first, last = (_dt.date.fromisoformat(day) for day in match.groups())
        except ValueError:
            raise InitProblem(f'"{text}" holds a day that does not exist') from None
        if last <= first:
            raise InitProblem(f'"{text}" ends before it starts')
        return match.group(1), match.group(2), text
    raise InitProblem(f'"{text}" is not a period openplan understands; write a financial year such as 2025/26, or '
                      "two days such as 2025-04-01/2026-09-30")


def _unwritable(character: str) -> bool:
    """A character no YAML file can hold, not even in a comment: a control character, a lone surrogate (an
    undecodable byte on the command line) or one of the two non-characters."""
    return unicodedata.category(character) in ("Cc", "Cs") or character in "\ufffe\uffff"


def answer(question: Question, value: str) -> str:
    """An answer as the files will hold it: runs of spaces and line breaks made one space. Refuses (InitProblem)
    what a plan cannot hold, and a code that is not one of the question's choices."""
    value = " ".join(str(value).split())
    bad = next((character for character in value if _unwritable(character)), None)
    if bad is not None:
        raise InitProblem(f"the answer to \"{question.prompt}\" holds the control character U+{ord(bad):04X}, "
                          "which a plan cannot hold; give it without that character")
    if question.choices and value not in question.choices:
        raise InitProblem(f'"{value}" is not a {question.name}; choose one of {", ".join(question.choices)}')
    return value


def answers_with_defaults(given: dict[str, str | None]) -> dict[str, str]:
    """Fill in the defaults of unanswered questions, in order (a default may use earlier answers)."""
    answers: dict[str, str] = {}
    for question in QUESTIONS:
        value = given.get(question.name)
        if value is None:
            if question.default is None:
                raise InitProblem(f"no answer for {question.name.replace('_', ' ')}: {question.help}")
            value = question.default(answers)
        answers[question.name] = answer(question, value)
    if not answers["council"]:
        raise InitProblem("the council's name cannot be empty")
    return answers


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid double-quoted YAML scalar


def scaffold(given: dict[str, str | None]) -> dict[str, str]:
    """The three files, by name, for these answers, and the project's copy of the schema."""
    a = answers_with_defaults(given)
    start, end, wording = period(a["period"])
    council = slug(a["abbreviation"] or a["council"])
    org = f"org.{council}"
    executive = f"body.{slug(a['executive'])}"
    plan_id = slug(a["title"])
    # Written unquoted, so never a word YAML reads as true, false or null.
    plan_id = plan_id if plan_id[:1].isalpha() and plan_id not in ("true", "false", "null") else f"plan-{plan_id}"
    pledge_set = f"pledges.{slug(a['pledges'])}" if a["pledges"] else None
    month = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December")[int(end[5:7]) - 1]
    plan = f"""{modeline("plan")}
# {a["title"]}: made with `openplan init`. Encode the plan as published: docs/encoding-guide.md explains
# every part, and `openplan validate plan.yaml` checks your work.
openplan: "{SCHEMA_VERSION}"
id: {plan_id}
title: {_q(a["title"])}
organisation: {org}
registries: [registry.yaml, pledges.yaml]
period: {{start: "{start}", end: "{end}", text: {_q(wording)}}}
calendar: financial-april
language: en-GB
edition:
  status: draft
  approved_by: {executive}  # the body that will approve the plan
provenance:
  method: Started with `openplan init`.

# Areas group objectives: portfolios, directorates or services. Each area, objective and output has a stable
# id that never changes, and the number the document shows. For example:
#
#   - id: area.housing
#     number: "1"
#     title: Housing
#     owners: [{{ref: post.leader, role: accountable}}]
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
    abbreviation = f"\n    abbreviation: {_q(a['abbreviation'])}" if a["abbreviation"] else ""
    full_council = "body.full-council"
    bodies = [f"  - {{id: {full_council}, name: Full Council, kind: committee, organisation: {org}}}"]
    if executive != full_council:
        bodies.append(f"  - {{id: {executive}, name: {_q(a['executive'])}, kind: committee, organisation: {org}}}")
    registry = f"""{modeline("registry")}
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
bodies:
{chr(10).join(bodies)}
posts:
  - {{id: post.leader, title: {_q(a["leader"])}, organisation: {org}}}
  - {{id: post.chief-executive, title: {_q(a["chief_executive"])}, organisation: {org}}}
"""
    if pledge_set:
        sets = f"""pledge_sets:
  - id: {pledge_set}
    title: {_q(a["pledges"])}
    agreed_by: {full_council}
    # One entry a pledge, numbered as published: - {{id: {pledge_set}.1, number: "1", text: "..."}}
    pledges: []
"""
    else:
        sets = """# Pledge sets are political commitments agreed outside any one plan, linked to from objectives and outputs:
#   - {id: pledges.manifesto, title: Our pledges, agreed_by: body.full-council, pledges: [...]}
pledge_sets: []
"""
    pledges = f"""{modeline("registry")}
# {a["council"]}: its pledge sets, shared by all its plans.
openplan: "{SCHEMA_VERSION}"
kind: registry
id: registry.{council}-pledges
title: {_q(a["council"] + ": pledges")}
registries: [registry.yaml]
{sets}"""
    return {"plan.yaml": plan, "registry.yaml": registry, "pledges.yaml": pledges, **schema_copies()}


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
