"""Building the site: read every plan (in parallel), write every page and download into a new folder, then put
that folder in place of the old one in one rename, so that a reader never sees half a site."""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Callable, Sequence

from ..report import EXIT_INVALID, EXIT_OK, Result
from ..validation.discovery import discover
from ..validation.parallel import jobs_for, run_in_parallel
from . import pages
from .branding import CONFIG_NAME, Branding, SiteConfigError, load as load_branding
from .collect import Failure, Summary, render_batch, same_id, start_worker, summarise_batch


class SiteError(ValueError):
    """The site cannot be built (a bad configuration, an output folder inside the plans); the message says why."""


@dataclass
class SiteResult:
    output: Path
    plans: list[Summary] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)  # every page written, relative to the output folder
    notes: list[str] = field(default_factory=list)  # colours adjusted for contrast, and the like
    jobs: int = 1

    @property
    def report(self) -> Result:
        """The errors of every file left out, each once (a registry's errors reach every plan that uses it), for
        the reporters that `openplan validate` prints with."""
        found = Result(files=sorted({f.path for f in self.failures}))
        seen: set[tuple] = set()
        for failure in self.failures:
            for finding in failure.findings:
                if finding.key not in seen:
                    seen.add(finding.key)
                    found.findings.append(finding)
        return found

    @property
    def exit_code(self) -> int:
        """As validate's: 2 when a file could not be read at all, 1 when some file was left out, else 0."""
        return max(self.report.exit_code, EXIT_INVALID if self.failures else EXIT_OK)


def _parallel(items: Sequence[str], work: Callable, state: dict[str, Any], jobs: int) -> list:
    if jobs > 1:
        try:
            return run_in_parallel(items, start_worker, (state,), work, jobs)
        except (OSError, ImportError, RuntimeError):  # no processes here (a sandbox): do the work in this one
            pass
    start_worker(state)
    return work(list(items))


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _state(branding: Branding, summaries: list[Summary], root: Path, today: date) -> dict[str, Any]:
    titles = {s.id: s.title for s in summaries}
    served_by: dict[str, list[tuple[str, str, str, str, str]]] = {}
    for child in summaries:
        for item, name, links in child.serves:
            for link in links:
                parent = str(link.get("plan", ""))
                if parent in titles and parent != child.id:
                    target = str(link.get("item", ""))
                    here = next((s.names.get(target, target) for s in summaries if s.id == parent), target)
                    served_by.setdefault(parent, []).append((here, name, child.title, child.id, item))
    # Without a name in the configuration, the site takes the name of the council most of its plans are by.
    organisations = [s.organisation for s in summaries if s.organisation]
    name = branding.name or (max(organisations, key=organisations.count) if organisations else "")
    return {"root": str(root), "languages": branding.languages, "today": today.isoformat(),
            "include_internal": branding.include_internal, "name": name, "logo": branding.logo,
            "logo_alt": branding.logo_alt, "css": branding.css(), "footer": branding.footer,
            "plans": {s.id: s.folder for s in summaries}, "titles": titles, "served_by": served_by}


def build_site(source: str | os.PathLike, output: str | os.PathLike, *, config: str | os.PathLike | None = None,
               jobs: int | None = None, today: date | None = None,
               include_internal: bool | None = None) -> SiteResult:
    """Build the static site for the plans under ``source`` into the folder ``output``.

    ``config`` is the branding file (default: ``openplan-site.yaml`` in ``source`` when there is one). Invalid
    plans are listed on the index with their errors; the valid ones are built. Raises :class:`SiteError` when
    nothing can be built (a bad configuration, an output folder inside ``source``)."""
    source = Path(source)
    target = Path(output).resolve()
    folder = (source if source.is_dir() else source.parent).resolve()
    if _inside(target, folder):
        raise SiteError(f"{output}: the site must be written outside the folder of plans ({source}), so that "
                        "building it never touches the plans; choose another output folder")
    if target.exists() and not target.is_dir():
        raise SiteError(f"{output}: exists and is not a folder")
    config_path = Path(config) if config is not None else (folder / CONFIG_NAME if (folder / CONFIG_NAME).is_file()
                                                           else None)
    try:
        branding = load_branding(config_path)
    except SiteConfigError as problem:
        raise SiteError(str(problem)) from None
    if include_internal is not None:
        branding.include_internal = include_internal
    files, _ = discover([source])
    paths = [display for _, display in files if Path(display).name != CONFIG_NAME]
    count = jobs_for(jobs, [Path(p) for p in paths])
    result = SiteResult(target, jobs=count, notes=list(branding.adjusted))
    for found in _parallel(paths, summarise_batch, {}, count):
        if isinstance(found, Failure):
            result.failures.append(found)
        elif found is not None and found.kind in ("plan", "report"):
            result.plans.append(found)
    seen: dict[str, Summary] = {}
    for summary in list(result.plans):  # two files with one id would share a page: keep the first
        if summary.id in seen:
            result.plans.remove(summary)
            result.failures.append(same_id(summary, seen[summary.id]))
        else:
            seen[summary.id] = summary
    target.parent.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        state = _state(branding, result.plans, building, today or date.today())
        for problem in _parallel([s.path for s in result.plans], render_batch, state, count):
            if problem is not None:
                result.failures.append(problem)
        result.pages = _site_pages(state, result, building)
        _replace(building, target)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    for summary in result.plans:
        for language in branding.languages:
            prefix = "" if language == branding.languages[0] else f"{language}/"
            result.pages.append(f"{prefix}{summary.folder}/index.html")
    return result


def _site_pages(state: dict[str, Any], result: SiteResult, root: Path) -> list[str]:
    written = []
    failures = sorted(result.failures, key=lambda f: f.path)
    plans = [s for s in result.plans if s.kind == "plan"]
    known = {s.id for s in plans}
    reports: dict[str, list[Summary]] = {}
    for summary in sorted((s for s in result.plans if s.kind == "report"), key=lambda s: (s.start, s.title)):
        if summary.plan in known:
            reports.setdefault(summary.plan, []).append(summary)
        else:  # a report on a plan not published here is listed on its own
            plans.append(summary)
    for language in state["languages"]:
        for name, key, body, values in (
                ("index.html", "site_home", pages.INDEX, {"years": pages.years(plans), "failures": failures,
                                                          "reports": reports}),
                ("pledges.html", "pledge_tracker", pages.PLEDGES, {"pledges": pages.pledge_rows(plans)}),
                ("themes.html", "themes_over_years", pages.THEMES, {"themes": pages.theme_rows(plans)}),
                ("cascade.html", "linked_plans", pages.CASCADE,
                 {"links": pages.cascade_rows(plans, state, language)})):
            where, html = pages.page(state, name, key, body, language, **values)
            path = root / where
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(html, encoding="utf-8")
            written.append(where)
    return written


def _replace(building: Path, target: Path) -> None:
    """Put the new site in place of the old in one rename; the old one is removed only after."""
    os.chmod(building, 0o755)  # mkdtemp makes the folder private; a site is for publishing
    if not target.exists():
        os.replace(building, target)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old.", dir=target.parent))
    os.rmdir(old)
    os.replace(target, old)
    try:
        os.replace(building, target)
    except OSError:
        os.replace(old, target)
        raise
    shutil.rmtree(old, ignore_errors=True)
