"""Loading the plan a conversion starts from, and refusing plans that are not valid.

A converter works on validated data and its index. :func:`load` reads and
validates a YAML or JSON file with :class:`openplan.validation.Validator`;
:func:`from_data` validates data imported from another format (a workbook,
CSV files, StratML), with findings placed back on the sheet, row and column
the value came from. Both raise :class:`~openplan.convert.errors.ConvertError`
when the plan has errors; warnings are kept on the result.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..index import PlanIndex
from ..loader import Document, LoadError, parse
from ..report import Finding
from ..rules import Severity
from ..validation import Options, Validator
from .errors import ConvertError
from .imported import Locator


@dataclass
class Source:
    """A validated plan or registry: its data, its index, and the files it was read from."""

    data: dict[str, Any]
    index: PlanIndex
    document: Document
    findings: list[Finding] = field(default_factory=list)  # warnings and notes; never errors
    inputs: list[Path] = field(default_factory=list)  # every file read: never to be overwritten
    import_losses: Any = None  # a LossReport of what an import (from StratML) could not bring in

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is not Severity.INFO]


def _finish(validator: Validator, document: Document, locate: Locator | None = None) -> Source:
    findings, index = validator.check_document(document)
    if locate is not None:
        findings = [relocate(finding, locate) for finding in findings]
    errors = [f for f in findings if f.severity is Severity.ERROR]
    if errors or index is None:
        raise ConvertError(findings, f"{document.path} is not a valid OpenPlan file, so it was not converted")
    inputs = [doc.resolved for doc in index.documents if doc.resolved is not None]
    return Source(document.data, index, document, findings, inputs)


def relocate(finding: Finding, locate: Locator) -> Finding:
    """Put a finding about imported data on the sheet, row and column its value came from."""
    place = locate(finding.pointer) if finding.pointer is not None else None
    if place is None:
        return finding
    file, line, column, prefix = place
    return replace(finding, file=file, line=line, column=column, message=f"{prefix}: {finding.message}")


def load(path: str | Path, *, display: str | None = None, options: Options | None = None) -> Source:
    """Read and validate a plan or registry file (YAML or JSON)."""
    validator = Validator(options)
    try:
        document = validator.workspace.load(Path(path), display or str(path))
    except LoadError as exc:
        raise ConvertError([exc.finding]) from None
    return _finish(validator, document)


def load_text(text: str, display: str = "<stdin>", *, options: Options | None = None,
              json: bool = False) -> Source:
    """Validate a plan given as text, such as standard input. Registries are found from the current folder."""
    validator = Validator(options)
    try:
        document = parse(text, display, validator.options.limits, json=json)
    except LoadError as exc:
        raise ConvertError([exc.finding]) from None
    document.resolved = Path.cwd() / display
    return _finish(validator, document)


def from_data(data: dict[str, Any], display: str, *, at: Path | None = None, locate: Locator | None = None,
              options: Options | None = None) -> Source:
    """Validate imported data. ``at`` is where the imported file lies, for finding the registries it names."""
    validator = Validator(options)
    document = Document(path=display, data=data, node=None, text="")
    document.resolved = (at.resolve() if at is not None else Path.cwd() / display)
    return _finish(validator, document, locate)


def _named_paths(data: dict[str, Any]) -> list[tuple[str, str]]:
    """(field, path) for each file a plan or progress report names by a relative path."""
    named: list[tuple[str, str]] = [("registries", name) for name in data.get("registries", [])
                                    if isinstance(name, str)]
    edition = data.get("edition")
    holders = [("edition: previous: path", edition.get("previous") if isinstance(edition, dict) else None)]
    parents = data.get("parents")
    holders += [("parents: path", parent) for parent in (parents if isinstance(parents, list) else ())]
    if data.get("kind") == "report":  # the plan it reports on, and the report before it
        holders += [("plan: path", data.get("plan")), ("previous: path", data.get("previous"))]
    named += [(field_name, holder["path"]) for field_name, holder in holders
              if isinstance(holder, dict) and isinstance(holder.get("path"), str)]
    return named


def unresolved_from(data: dict[str, Any], output: str | Path) -> list[Finding]:
    """Files the plan names (registries, a previous edition, parent plans; a report's plan and previous report)
    that are not where it names them, seen from the folder ``output`` is written to. The conversion is written
    anyway: these are warnings saying what to do."""
    from . import errors as rules
    from .errors import error

    base = Path(output).resolve().parent
    named = _named_paths(data)
    found = []
    naming = "report" if data.get("kind") == "report" else "plan"
    for field_name, name in named:
        if not (base / name).is_file():
            found.append(error(rules.NOT_BESIDE_OUTPUT, f'the {naming} names "{name}" under {field_name}, but from '
                               f"{base} that file is not there: a tool reading {Path(output).name} there will not "
                               "find it", str(output)))
    return found
