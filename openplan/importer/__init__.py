"""Import an existing plan from Word (.docx), PDF (.pdf) or Markdown (.md) as a draft OpenPlan file.

``openplan import plan.docx`` reads the document's headings and numbered or lettered lists as blocks
(:mod:`.blocks`, read by :mod:`.word`, :mod:`.pdf` or :mod:`.markdown`), recognises areas, objectives, outputs
and sub-items in them (:mod:`.recognise`, by the numbering of :mod:`.markers`, into a :mod:`.draft`), and writes
a plan that validates, with everything it guessed marked:

* the edition's status is ``draft``, and ``provenance`` says how the file was made;
* every area, objective, output, note and section carries ``draft:guessed``, the fields that were guessed
  (``id`` always, ``number`` when a lost letter was restored, ``outcome`` when a paragraph was taken as the
  outcome statement ...), and ``draft:source``, where in the document it came from;
* rows of action tables become outputs whose leads are matched in the registries and whose due dates are read
  from their wording (:mod:`.enrich`); what could not be read stays in ``draft:lead`` or ``draft:due`` and is
  listed in :attr:`Imported.report`.

An officer checks each marked item against the document and deletes its two ``draft:`` fields; what still
carries them has not been checked. A document with no numbered objectives is refused, and nothing is written.
"""

from __future__ import annotations

import datetime as _dt
import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..atomic import ReadOnly, WriteRefused, is_stream, write_atomic
from ..loader import LoadError, decode, read_limited
from ..version import SCHEMA_VERSION
from .blocks import MAX_BLOCKS, MAX_BYTES, Block, ReadProblem
from .draft import GUESSED, SOURCE, Draft, slug
from .enrich import NotARegistry, Owners, enrich, load_owners, registry_files, registry_paths
from .markdown import read_markdown
from .recognise import recognise
from .word import read_docx

FORMATS = {".docx": "Word", ".pdf": "PDF", ".md": "Markdown", ".markdown": "Markdown"}
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
    report: list[str] = field(default_factory=list)  # what was read from leads and due dates, and what was not

    @property
    def counts(self) -> dict[str, int]:
        return dict(self.draft.counts)


def read_blocks(path: Path, dropped: list[str] | None = None) -> tuple[list[Block], str | None]:
    """The document's blocks and title; what a PDF's reading dropped (page furniture) is added to ``dropped``."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ImportProblem(f"{path}: cannot import {suffix or 'a file without an extension'}; openplan imports "
                            "Word (.docx), PDF (.pdf) and Markdown (.md) documents. Save other formats as .docx "
                            "first", exit_code=2)
    if not path.is_file():
        raise ImportProblem(f"{path}: no such file", exit_code=2)
    try:
        if suffix == ".docx":
            return read_docx(path)
        if suffix == ".pdf":
            from .pdf import read_pdf

            pdf = read_pdf(path)
            if dropped is not None:
                dropped.extend(pdf.dropped)
            return pdf.blocks, pdf.title
        text = decode(read_limited(path, str(path), MAX_BYTES), str(path))  # bounded, regular files only
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
          period: str | None = None, owners: Owners | None = None,
          target: Path | None = None) -> tuple[dict[str, Any], Draft]:
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
    known = owners.organisation(org_id, owner) if owners is not None else None
    draft.enriched = enrich(draft.areas, dates, data["calendar"], owners)
    if draft.enriched.registries:
        if known is not None:  # the organisation is the registry's: named, not defined again
            data["organisation"] = known
            del data["organisations"]
        ordered = {}
        for key, value in data.items():
            if key in ("organisations", "sections", "areas") and "registries" not in ordered:
                ordered["registries"] = registry_paths(draft.enriched.registries, target)
            ordered[key] = value
        data = ordered
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


def import_document(path: str | Path, *, organisation: str | None = None, period: str | None = None,
                    registries: list[str | Path] | None = None, output: str | Path | None = None) -> Imported:
    """Read a .docx or .md plan and make a draft OpenPlan plan of it. Raises :class:`ImportProblem`.

    Leads in action tables are matched against ``registries``, or else against the registry files in the folder
    of ``output`` (where the draft will be written), which the draft then names."""
    path = Path(path)
    target = Path(output) if output is not None else None
    dropped: list[str] = []
    blocks, title = read_blocks(path, dropped)
    if len(blocks) > MAX_BLOCKS:  # writing the draft costs about a millisecond an item: bounded here
        raise ImportProblem(f"{path}: it has {len(blocks):,} headings, paragraphs, list items and table rows, more "
                            f"than the limit of {MAX_BLOCKS:,} for a plan; import it in parts", exit_code=2)
    given = [Path(registry) for registry in registries or []]
    try:
        owners = load_owners(registry_files(given, target.parent if target is not None else None),
                             required=bool(given))
    except LoadError as error:
        raise ImportProblem(f"{error.finding.location()}: {error.finding.message}", exit_code=2) from None
    except NotARegistry as problem:
        raise ImportProblem(str(problem), exit_code=2) from None
    data, draft = build(path, blocks, title, organisation=organisation, period=period, owners=owners,
                        target=target)
    if dropped:  # kept in the draft too, so that a reviewer can see what the PDF's reading left out
        data["provenance"]["note"] += "".join(f" {line}." for line in dropped)
    return Imported(path, data, render(data, path), draft, dropped + draft.enriched.report(target))


def _offline_schema(text: str, target: Path) -> tuple[str, dict[Path, str]]:
    """Point the draft's first line at a copy of the schema an editor can load offline (yaml-language-server
    cannot load the schema's w3id.org address): the project's copy, kept by `openplan init` in the draft's folder
    or a folder above it, or else a new copy beside the draft. Returns the text and the copy to write, if any."""
    from ..init import SCHEMA_COPY, modeline, schema_copies

    folder = target.resolve().parent
    project = next((candidate for candidate in (folder, *folder.parents)
                    if (candidate / SCHEMA_COPY / "plan.schema.json").is_file()), None)
    copies = {}
    if project is None:
        project = folder
        copies = {folder / name: schema for name, schema in schema_copies().items() if not (folder / name).exists()}
    prefix = Path(os.path.relpath(project, folder)).as_posix()
    rest = text.partition("\n")[2]  # render() wrote the modeline as the first line
    return modeline("plan", "" if prefix == "." else prefix + "/") + "\n" + rest, copies


def write(imported: Imported, target: str | Path, *, overwrite: bool = False) -> Path:
    """Write the draft atomically to ``target``; never over the source document, nor over a file unless told."""
    target = Path(target)
    if target.exists() and not overwrite and not is_stream(target):
        raise ImportProblem(f"{target} already exists; choose another name with --output, or pass --force to "
                            "replace it", exit_code=2)
    text, copies = (imported.text, {}) if is_stream(target) else _offline_schema(imported.text, target)
    try:
        write_atomic(target, text, protect=(imported.source,), force=overwrite)
        for path, schema in copies.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, schema)
    except ReadOnly as refused:
        raise ImportProblem(f"{refused} (or pass --force to replace it anyway)", exit_code=2) from None
    except WriteRefused as refused:
        raise ImportProblem(str(refused), exit_code=2) from None
    except OSError as exc:
        raise ImportProblem(f"{target}: cannot write ({exc.strerror or exc})", exit_code=2) from None
    return target
