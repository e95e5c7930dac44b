"""`openplan site`: a static site of the plans in a folder."""

from __future__ import annotations

from typing import Optional

import typer

from .output import emit, emit_error, fail


def site(
    source: str = typer.Argument(..., help="The folder of plans (and their registries) to publish."),
    output: str = typer.Option(..., "--output", "-o", help="The folder to write the site into, outside the "
                               "folder of plans; it is replaced as a whole when the site is ready."),
    config: Optional[str] = typer.Option(None, "--config", help="Branding: name, logo, colours, footer links, "
                                         "languages (default: openplan-site.yaml in the folder of plans)."),
    include_internal: Optional[bool] = typer.Option(None, "--include-internal/--no-include-internal",
                                                    help="Add each file's provenance and repairs to its page as an "
                                                    "appendix (default: as the configuration says; off)."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, help="Worker processes (default: one per "
                                       "core, when there are enough plans to be worth it)."),
) -> None:
    """Build a static site of a council's plans: an index by year, a page and downloads for each plan, a pledge
    tracker, themes across the years and the cascade of linked plans. Works from the file system, no server.

    Exit codes: 0 built; 1 built, but some files were invalid and are listed on the index instead; 2 nothing
    was built (a bad configuration, an output folder inside the plans, no such folder), or a file could not be
    read at all (it is listed on the index too).
    """
    from pathlib import Path

    from ..reporters import render
    from ..site import SiteError, build_site

    try:
        found = Path(source).exists()
    except OSError as problem:  # a name too long for the file system, a loop of links
        fail("site", f"{source}: {problem.strerror or problem}")
    if not found:
        fail("site", f"{source}: no such file or folder")
    try:
        result = build_site(source, output, config=config, jobs=jobs, include_internal=include_internal)
    except SiteError as problem:
        fail("site", str(problem))
    except OSError as problem:
        fail("site", f"{problem.filename or output}: {problem.strerror or problem}")
    for note in result.notes:
        emit_error(f"openplan site: note: {note}\n")
    if result.failures:  # each error as validate prints it: file:line:col, the line, a hint
        emit_error(render(result.report, "text", summary=False))
    plans = sum(1 for s in result.plans if s.kind == "plan")
    reports = len(result.plans) - plans
    emit(f"{output}: {plans} plan{'s' if plans != 1 else ''}"
         + (f" and {reports} progress report{'s' if reports != 1 else ''}" if reports else "")
         + f" published, {len(result.pages)} pages"
         + (f"; {len(result.failures)} file{'s' if len(result.failures) != 1 else ''} not published, with "
            "errors (listed on the index)" if result.failures else "") + "\n")
    raise typer.Exit(result.exit_code)
