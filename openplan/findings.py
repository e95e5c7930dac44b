"""Findings at a place in a document: the one way a check turns a path of keys into file, line and column.

Kept beside :mod:`openplan.report` rather than in it because it needs the loaded
:class:`~openplan.loader.Document`, and the loader itself reports with :mod:`openplan.report`.
"""

from __future__ import annotations

from typing import Any, Sequence

from .loader.document import Document, to_pointer
from .report import NO_VALUE, Finding
from .rules import Rule


def finding_at(rule: Rule, document: Document | None, parts: Sequence[str | int], message: str, *,
               value: Any = NO_VALUE, item: str | None = None, hint: str | None = None, key: bool = False,
               file: str | None = None, line: int | None = None, column: int | None = None,
               fix: Any = None) -> Finding:
    """A finding of ``rule`` at ``parts`` (keys and list positions) in ``document``.

    The position is that of the value at ``parts`` (of its key when ``key`` is set), or of its nearest parent.
    ``file`` replaces the document's name; ``line`` (and ``column``) give a place found otherwise: a word inside
    the text at ``parts``, or a line of a file that is not a document (a CSV codelist). The hint defaults to the
    rule's fix; ``fix`` is a repair `openplan lint --fix` can make.
    """
    if line is None and document is not None:
        line, column = document.position(parts, key=key)
    return Finding(code=rule.code, message=message, severity=rule.severity,
                   file=file if file is not None else (document.path if document is not None else None),
                   line=line, column=column, pointer=to_pointer(parts), value=value, hint=hint or rule.fix,
                   item=item, fix=fix)
