"""Import an existing plan from Word (.docx) or Markdown (.md) as a draft OpenPlan file.

``openplan import plan.docx`` reads the document's headings and numbered or lettered lists
(:mod:`.blocks`), recognises areas, objectives, outputs and sub-items in them (:mod:`.recognise`), and writes a
plan that validates, with everything it guessed marked:

* the edition's status is ``draft``, and ``provenance`` says how the file was made;
* every area, objective, output, note and section carries ``draft:guessed``, the fields that were guessed
  (``id`` always, ``number`` when a lost letter was restored, ``outcome`` when a paragraph was taken as the
  outcome statement ...), and ``draft:source``, where in the document it came from.

An officer checks each marked item against the document and deletes its two ``draft:`` fields; what still
carries them has not been checked. A document with no numbered objectives is refused, and nothing is written.
"""

from __future__ import annotations

import datetime as _dt
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..atomic import WriteRefused, write_atomic
from ..loader import LoadError, decode
from ..version import SCHEMA_VERSION
from .blocks import MAX_BYTES, Block, ReadProblem, read_docx, read_markdown
from .recognise import GUESSED, SOURCE, Draft, recognise, slug

FORMATS = {".docx": "Word", ".md": "Markdown", ".markdown": "Markdown"}
_YEAR = re.compile(r"\b(20\d{2})\s*[/-]\s*(\d{2}|20\d{2})\b")
_OWNER_WORDS = re.compile(r"\s+(?:business|corporate|council|service|strategic|annual|delivery)?\s*plan\b.*$",
                          re.IGNORECASE)


# Fields in the order the encoding guide writes them.
_ORDER = {key: rank for rank, key in enumerate(
    ("id", "number", "kind", "title", "name", "parent", "outcome", "text", "description", "sub_items", "items",
     "objectives", "outputs", "notes"))}


class ImportProblem(Exception):
    """The document cannot be imported; nothing was written. ``exit_code`` is 2 if it could not be read."""

    def __init__(self, message: str, exit_code: int = 1):
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code


@dataclass
class Imported:
    """A draft plan made from a document: its data, its YAML text, and what was found."""

    source: Path
    data: dict[str, Any]
    text: str
    draft: Draft

    @property
    def counts(self) -> dict[str, int]:
        return dict(self.draft.counts)


def read_blocks(path: Path) -> tuple[list[Block], str | None]:
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ImportProblem(f"{path}: cannot import {suffix or 'a file without an extension'}; openplan imports "
                            "Word (.docx) and Markdown (.md) documents. Save other formats as .docx first",
                            exit_code=2)
    if not path.is_file():
        raise ImportProblem(f"{path}: no such file", exit_code=2)
    try:
        if suffix == ".docx":
            return read_docx(path)
        if path.stat().st_size > MAX_BYTES:
            raise ReadProblem(f"the file is larger than {MAX_BYTES:,} bytes")
        text = decode(path.read_bytes(), str(path))
    except ReadProblem as problem:
        raise ImportProblem(f"{path}: {problem}", exit_code=2) from None
    except LoadError as error:
        raise ImportProblem(f"{error.finding.location()}: {error.finding.message}", exit_code=2) from None
    except OSError as exc:
        raise ImportProblem(f"{path}: it cannot be read ({exc.strerror or exc})", exit_code=2) from None
    return read_markdown(text), None


def _period(text: str) -> dict[str, str] | None:
    """The plan's period from wording such as "2020/21" (a UK financial year, April to March)."""
    match = _YEAR.search(text)
    if match is None:
        return None
    start = int(match.group(1))
    end = int(match.group(2)) if len(match.group(2)) == 4 else start // 100 * 100 + int(match.group(2))
    if end <= start:
        end = start + 1
    return {"start": f"{start}-04-01", "end": f"{end}-03-31", "text": match.group(0)}


def _this_year() -> dict[str, str]:
    today = _dt.date.today()
    start = today.year if today.month >= 4 else today.year - 1
    return {"start": f"{start}-04-01", "end": f"{start + 1}-03-31"}


def build(path: Path, blocks: list[Block], title: str | None, *, organisation: str | None = None,
          period: str | None = None) -> tuple[dict[str, Any], Draft]:
    draft = recognise(blocks, title)
    if not draft.counts["objectives"]:
        raise ImportProblem(f"{path}: no plan structure recognised: found no numbered objectives (\"2.1 ...\", or "
                            "\"1.\" followed by lettered outputs \"a.\", \"b.\"), so there is nothing to import and "
                            "nothing was written. Number the document's objectives, or start from `openplan init`")
    plan_title = draft.title or path.stem
    guessed_plan = ["id"] + (["title"] if title is None else [])
    owner = organisation
    if owner is None:
        owner = _OWNER_WORDS.sub("", plan_title).strip() or "Council"
        guessed_plan.append("organisation")
    if period is not None:
        dates = _period(period)
        if dates is None:
            raise ImportProblem(f'the period "{period}" is not understood; write the financial year as 2025/26',
                                exit_code=2)
    else:
        dates = _period(" ".join([plan_title] + [block.text for block in blocks[:20]])) or _this_year()
        guessed_plan.append("period")
    org_id = f"org.{slug(owner, 4)}"
    plan_id = slug(plan_title, 8)
    plan_id = plan_id if plan_id[:1].isalpha() else f"plan-{plan_id}"
    kind = FORMATS[path.suffix.lower()]
    data: dict[str, Any] = {
        "openplan": SCHEMA_VERSION,
        "id": plan_id,
        "title": plan_title,
        "organisation": org_id,
        "period": dates,
        "calendar": "financial-april",
        "edition": {"status": "draft", "label": "Imported draft"},
        "sources": [{"title": plan_title, "file": path.name, "format": kind}],
        "provenance": {
            "method": f"Imported with `openplan import` from {path.name}: areas, objectives, outputs and sub-items "
                      "were recognised from the document's headings and list numbering.",
            "note": "Every recognised item carries draft:guessed (the fields that were guessed) and draft:source "
                    "(where in the document it came from). Check each item against the document, then delete its "
                    "draft: fields." + (f" Running headers dropped: {'; '.join(sorted(draft.headers))}."
                                        if draft.headers else ""),
        },
        GUESSED: guessed_plan,
        "organisations": [{"id": org_id, "name": owner, GUESSED: ["id"] + (["name"] if organisation is None
                                                                             else [])}],
    }
    if draft.sections:
        data["sections"] = draft.sections
    data["areas"] = draft.areas
    return data, draft


def render(data: dict[str, Any], source: Path) -> str:
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedSeq
    from ruamel.yaml.scalarstring import LiteralScalarString

    def tidy(node: Any, top: bool = False) -> Any:
        if isinstance(node, dict):  # an item's draft: fields go last, after what they are about
            keys = node if top else sorted(node, key=lambda key: (key.startswith("draft:"), _ORDER.get(key, 50)))
            return {key: tidy(node[key]) for key in keys}
        if isinstance(node, str) and "\n" in node:
            return LiteralScalarString(node)  # paragraphs stay paragraphs
        if isinstance(node, list):
            out = CommentedSeq(tidy(value) for value in node)
            if all(isinstance(value, str) and len(value) < 20 for value in node):
                out.fa.set_flow_style()  # draft:guessed: [id, number]
            return out
        return node

    yaml = YAML(typ="rt")
    yaml.width = 4096  # one line per text: folding would leave trailing spaces
    yaml.indent(mapping=2, sequence=4, offset=2)
    stream = io.StringIO()
    stream.write(f"# yaml-language-server: $schema=https://w3id.org/openplan/schema/{SCHEMA_VERSION}/plan.schema.json\n"
                 f"# A DRAFT imported by `openplan import` from {source.name}.\n"
                 "# Everything in it was guessed from the document's headings and numbering: check every item\n"
                 "# marked draft:guessed against the document, then delete its draft: fields.\n"
                 "# `openplan validate` checks the file.\n")
    yaml.dump(tidy(data, top=True), stream)
    return stream.getvalue()


def import_document(path: str | Path, *, organisation: str | None = None, period: str | None = None) -> Imported:
    """Read a .docx or .md plan and make a draft OpenPlan plan of it. Raises :class:`ImportProblem`."""
    path = Path(path)
    blocks, title = read_blocks(path)
    data, draft = build(path, blocks, title, organisation=organisation, period=period)
    return Imported(path, data, render(data, path), draft)


def write(imported: Imported, target: str | Path, *, overwrite: bool = False) -> Path:
    """Write the draft atomically to ``target``; never over the source document, nor over a file unless told."""
    target = Path(target)
    if target.exists() and not overwrite:
        raise ImportProblem(f"{target} already exists; choose another name with --output, or pass --force to "
                            "replace it", exit_code=2)
    try:
        write_atomic(target, imported.text, protect=(imported.source,))
    except WriteRefused as refused:
        raise ImportProblem(str(refused), exit_code=2) from None
    except OSError as exc:
        raise ImportProblem(f"{target}: cannot write ({exc.strerror or exc})", exit_code=2) from None
    return target
