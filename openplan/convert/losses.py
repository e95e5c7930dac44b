"""The loss report: what a target format cannot carry, item by item.

Every converter declares the kinds of loss it can cause (a :class:`LossKind`
each, as data) and records every occurrence as a :class:`~openplan.report.Finding`
of severity info, with the file, line, column and JSON pointer of the value
that the target leaves out. Nothing is dropped without a line in this report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

from ..loader import Document, to_pointer
from ..report import _NO_VALUE as NO_VALUE  # the spelling every version of report.py has
from ..report import Finding
from ..rules import Severity
from ..wording import counted


@dataclass(frozen=True)
class LossKind:
    """One kind of thing a format cannot carry, declared once by its converter."""

    code: str
    name: str
    summary: str
    hint: str | None = None


@dataclass
class Loss:
    kind: LossKind
    findings: list[Finding] = field(default_factory=list)


class LossReport:
    """The losses of one conversion, grouped by kind, in the order they were found."""

    def __init__(self, target: str, document: Document | None = None):
        self.target = target
        self.document = document
        self._losses: dict[str, Loss] = {}

    def add(self, kind: LossKind, parts: Sequence[str | int], message: str, *, item: str | None = None,
            value: Any = NO_VALUE) -> None:
        line = column = None
        file = None
        if self.document is not None:
            file = self.document.path
            if self.document.node is not None:
                line, column = self.document.position(parts)
        finding = Finding(code=kind.code, message=message, severity=Severity.INFO, file=file, line=line,
                          column=column, pointer=to_pointer(parts), value=value, hint=kind.hint, item=item)
        self._losses.setdefault(kind.code, Loss(kind)).findings.append(finding)

    def extend(self, other: "LossReport") -> None:
        for loss in other.losses:
            self._losses.setdefault(loss.kind.code, Loss(loss.kind)).findings.extend(loss.findings)

    @property
    def losses(self) -> list[Loss]:
        return list(self._losses.values())

    @property
    def findings(self) -> list[Finding]:
        return [finding for loss in self._losses.values() for finding in loss.findings]

    @property
    def lossless(self) -> bool:
        return not self._losses

    def codes(self) -> set[str]:
        return set(self._losses)

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": self.target,
            "lossless": self.lossless,
            "losses": [{"code": loss.kind.code, "name": loss.kind.name, "summary": loss.kind.summary,
                        "count": len(loss.findings), "occurrences": [f.to_dict() for f in loss.findings]}
                       for loss in self._losses.values()],
        }

    def render_text(self, shown: int = 3) -> str:
        if self.lossless:
            return f"{self.target}: nothing in the plan was left out\n"
        lines = [f"{self.target}: this format cannot carry everything in the plan:"]
        for loss in self._losses.values():
            count = len(loss.findings)
            lines.append(f"  {loss.kind.code} {loss.kind.summary} ({counted(count, 'place')})")
            for finding in loss.findings[:shown]:
                where = finding.item or finding.pointer or "the plan"
                at = f" [{finding.location()}]" if finding.line is not None else ""
                lines.append(f"      {where}: {finding.message}{at}")
            if count > shown:
                lines.append(f"      ... and {count - shown} more")
        return "\n".join(lines) + "\n"


def item_of(parts: Sequence[str | int], data: dict[str, Any]) -> str | None:
    """The id of the nearest object with an id on the way to ``parts``."""
    found = data.get("id") if isinstance(data.get("id"), str) else None
    node: Any = data
    for part in parts:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict) and isinstance(node.get("id"), str):
            found = node["id"]
    return found
