"""`openplan diff`: a semantic diff of two plans, or of the progress two reports (or a plan and its report) show.

The library API::

    from openplan import diff
    result = diff.compare("draft.yaml", "final.yaml")   # a diff.PlanDiff; raises diff.DiffError
    print(diff.render(result, "markdown"))
    result.exit_code                                     # 0 same, 1 different, like diff(1)

It reports items added, removed, reworded (with word-level changes),
renumbered and moved, date slips and pull-ins, owner changes and status
changes, and shows the reasons the newer plan records in ``edition.changes``.
Items are matched by id, then (themes) by the recurring theme they continue,
then by the similarity of their wording; see :mod:`openplan.diff.matching`.

The library never prints and never exits.
"""

from __future__ import annotations

from pathlib import Path

from ..loader import paused_gc
from ..validation import Options
from .compare import compare_indexes, compare_sides
from .inputs import DiffError, load_sides, load_texts
from .matching import DEFAULT_THRESHOLD, MODES
from . import reports
from .model import Change, ChangeKind, DiffWarning, ItemRef, Match, PlanDiff, Recorded
from .report_model import ReportDiff

__all__ = ["compare", "compare_texts", "render", "formats", "DiffError", "PlanDiff", "Change", "ChangeKind",
           "Match", "ItemRef", "Recorded", "DiffWarning", "MODES", "DEFAULT_THRESHOLD", "ReportDiff"]


def _check_settings(mode: str, threshold: float) -> None:
    if mode not in MODES:
        raise DiffError(f"unknown match mode {mode!r}; choose one of: {', '.join(MODES)}")
    if not 0 < threshold <= 1:
        raise DiffError(f"the similarity threshold must be above 0 and at most 1 (100%), not {threshold}")


def compare(old: str | Path, new: str | Path, *, mode: str = "auto", threshold: float = DEFAULT_THRESHOLD,
            options: Options | None = None) -> PlanDiff | ReportDiff:
    """Compare two plan files. ``mode``: "auto" (ids, then wording), "id" (ids only) or "text" (wording only).

    When either file is a progress report, the result is a :class:`ReportDiff` of the progress instead."""
    _check_settings(mode, threshold)
    if reports.is_report_file(old) or reports.is_report_file(new):  # progress: compared figure by figure
        with paused_gc():
            return reports.compare(old, new, options)
    # Paused for the whole comparison, as lint does: both plans and their indexes stay in memory to the end,
    # and each collection would scan them all again. Nothing built here is cyclic.
    with paused_gc():
        old_side, new_side, warnings = load_sides(old, new, options)
        return compare_sides(old_side, new_side, mode=mode, threshold=threshold, warnings=warnings)


def compare_texts(old_text: str, new_text: str, *, old_name: str = "old.yaml", new_name: str = "new.yaml",
                  mode: str = "auto", threshold: float = DEFAULT_THRESHOLD,
                  options: Options | None = None) -> PlanDiff | ReportDiff:
    """Compare two plans (or progress reports) given as YAML or JSON text."""
    _check_settings(mode, threshold)
    if reports.is_report_text(old_text) or reports.is_report_text(new_text):
        with paused_gc():
            return reports.compare_texts(old_text, new_text, old_name, new_name, options)
    with paused_gc():  # see compare
        old_index, new_index, warnings = load_texts(old_text, new_text, old_name, new_name, options)
        return compare_indexes(old_index, new_index, mode=mode, threshold=threshold, warnings=warnings)


def formats() -> list[str]:
    from .renderers import formats as _formats

    return _formats()


def render(result: PlanDiff | ReportDiff, name: str = "text", **options) -> str:
    """The diff as text, Markdown or JSON."""
    if isinstance(result, ReportDiff):
        from .report_render import render as _render_progress

        return _render_progress(result, name, **options)
    from .renderers import render as _render

    return _render(result, name, **options)
