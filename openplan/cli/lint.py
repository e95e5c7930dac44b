"""`openplan lint`, and `openplan rules` and `openplan rule` that explain its rules."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from ..report import EXIT_ERROR
from .output import Format, emit, emit_error, stdin


class LintFormat(str, Enum):
    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"
    gitlab = "gitlab"
    junit = "junit"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


class Preset(str, Enum):
    recommended = "recommended"
    strict = "strict"


def _codes(text: Optional[str]) -> Optional[tuple]:
    return None if text is None else tuple(code.strip() for code in text.split(",") if code.strip())


def _lint_fail(message: str) -> None:
    emit_error(f"openplan lint: {message}\n")
    raise typer.Exit(EXIT_ERROR)


def lint(
    paths: List[str] = typer.Argument(..., help="Plan or registry files, or folders to search; '-' reads stdin."),
    output_format: Optional[LintFormat] = typer.Option(
        None, "--format", "-f", help="text (the default), json, sarif, github, gitlab or junit. "
        "github is chosen by itself when GITHUB_ACTIONS=true."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the report to this file."),
    fail_on: Optional[FailOn] = typer.Option(None, "--fail-on",
                                             help="Exit 1 on findings at or above this level (default: error)."),
    preset: Optional[Preset] = typer.Option(None, "--preset", help="recommended (the default) or strict."),
    select: Optional[str] = typer.Option(None, "--select", help="Only these rules: codes, code prefixes or families, "
                                         "separated by commas. NONE runs validation only."),
    ignore: Optional[str] = typer.Option(None, "--ignore", help="Rules to leave out, separated by commas."),
    config: Optional[Path] = typer.Option(None, "--config", help="A configuration file to use instead of searching "
                                          "upward from each plan."),
    isolated: bool = typer.Option(False, "--isolated", help="Use no configuration file."),
    baseline: Optional[Path] = typer.Option(None, "--baseline", help="Accept the findings listed in this baseline."),
    no_baseline: bool = typer.Option(False, "--no-baseline", help="Ignore the baseline named in the configuration."),
    write_baseline: Optional[Path] = typer.Option(None, "--write-baseline",
                                                  help="Write every current finding to this baseline file and exit."),
    reason: Optional[str] = typer.Option(None, "--reason", help="The reason recorded for new baseline entries."),
    fix: bool = typer.Option(False, "--fix", help="Apply safe fixes, then report what is left."),
    unsafe_fixes: bool = typer.Option(False, "--unsafe-fixes", help="With --fix or --diff, apply unsafe fixes too."),
    show_diff: bool = typer.Option(False, "--diff", help="Show what --fix would change, and change nothing."),
    force: bool = typer.Option(False, "--force", help="Write over read-only files too (with --fix, --output or "
                               "--write-baseline)."),
    skip_non_plans: bool = typer.Option(False, "--skip-non-plans",
                                        help="Pass over files with no `openplan:` key, such as other YAML files."),
    dependents: bool = typer.Option(False, "--dependents",
                                    help="With a registry file, also lint the plans in its project that use it "
                                         "(as the pre-commit hooks do)."),
    allow_outside: bool = typer.Option(False, "--allow-outside",
                                       help="Let registries and previous editions lie outside the project folder."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1,
                                       help="Worker processes for many files (default: one per core when it pays; "
                                            "never more than one per core or one per file). A large file's rules "
                                            "are shared with a second process unless this is 1."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print findings only, without hints and source lines."),
    max_per_rule: int = typer.Option(100, "--max-per-rule", min=0,
                                     help="Show at most this many findings of one rule in one file, and count the "
                                          "rest in an X905 note (0 shows every finding)."),
) -> None:
    """Lint plans: validate them, then check what makes a valid plan a good one.

    Exit codes: 0 clean; 1 findings at or above --fail-on; 2 a usage, input or configuration error.
    """
    import os

    from ..atomic import ReadOnly, WriteRefused, write_atomic
    from ..lint import engine, run
    from ..lint.baseline import BaselineError
    from ..lint.config import CommandLine, ConfigError
    from ..lint.registry import PluginError
    from ..reporters import render
    from ..validation import Options

    asked = run.Asked(paths=paths, stream=stdin() if paths == ["-"] else None, write_baseline=write_baseline,
                      baseline=baseline, reason=reason, fix=fix, unsafe_fixes=unsafe_fixes, show_diff=show_diff,
                      force=force)
    problem = run.usage_problem(asked)
    if problem:
        _lint_fail(problem)
    options = engine.LintOptions(
        validation=Options(allow_outside=allow_outside, jobs=jobs), config=config, isolated=isolated,
        command_line=CommandLine(preset=preset.value if preset else None, select=_codes(select),
                                 ignore=_codes(ignore) or (), fail_on=fail_on.value if fail_on else None),
        baseline=baseline, use_baseline=not no_baseline and write_baseline is None,
        skip_non_plans=skip_non_plans, dependents=dependents, max_per_rule=max_per_rule)
    try:
        outcome = run.run(options, asked, tell=lambda note: emit_error(f"openplan lint: {note}\n"))
    except (ConfigError, BaselineError, PluginError, engine.RuleFailed) as exc:
        _lint_fail(str(exc))
    except ReadOnly as exc:
        _lint_fail(f"cannot write: {exc} (or pass --force to write it anyway)")
    except WriteRefused as exc:
        _lint_fail(f"cannot write: {exc}")
    except OSError as exc:
        _lint_fail(f"cannot write {exc.filename} ({exc.strerror})" if exc.filename and exc.strerror
                   else f"cannot write: {exc}")
    if not outcome.report:
        emit(outcome.diff)
        raise typer.Exit(outcome.exit_code)
    result = outcome.result

    chosen = output_format or (LintFormat.github if os.environ.get("GITHUB_ACTIONS") == "true" else LintFormat.text)
    if chosen is LintFormat.text:
        report = (render(result, "text", snippets=not quiet, hints=not quiet, summary=False) + result.summary()
                  + "\n" + run.fixable_note(result))
        if report.startswith("\n"):
            report = report[1:]
    else:
        report = render(result, chosen.value)
    if chosen is LintFormat.github:
        from ..reporters.github import log

        emit_error(log(result))  # the annotations' plain-text twin, for the job log
    if chosen is LintFormat.github and os.environ.get("GITHUB_STEP_SUMMARY"):
        from ..reporters.github import append_summary, summary

        try:
            append_summary(os.environ["GITHUB_STEP_SUMMARY"], summary(result))
        except (OSError, ValueError) as exc:  # ValueError: a NUL in the variable
            emit_error(f"openplan lint: cannot write the job summary: {getattr(exc, 'strerror', None) or exc}\n")
    if output is not None:
        try:  # never over a file the run read: a plan, a registry, the configuration or the baseline
            write_atomic(output, report, protect=result.inputs, force=force)
        except ReadOnly as exc:
            _lint_fail(f"cannot write the report: {exc} (or pass --force to write it anyway)")
        except WriteRefused as exc:
            _lint_fail(f"cannot write the report: {exc}")
        except OSError as exc:
            _lint_fail(f"cannot write the report to {output} ({exc.strerror or exc})")
    else:
        emit(report)
    raise typer.Exit(result.exit_code)


def _rulebook_fail(message: str) -> None:
    emit_error(f"openplan: {message}\n")
    raise typer.Exit(EXIT_ERROR)


def list_rules(
    family: Optional[str] = typer.Option(None, "--family", help="Only rules of this family."),
    output_format: Format = typer.Option(Format.text, "--format", "-f", help="Output format."),
) -> None:
    """List every rule: validation (L, S, I, U, X), lint and convert (V) rules, with where they run."""
    import json

    from .. import rulebook
    from ..lint.registry import PluginError

    try:
        chosen = rulebook.listing(family)
    except (PluginError, rulebook.RuleLookupError) as exc:
        _rulebook_fail(str(exc))
    if output_format is Format.json:
        emit(json.dumps(rulebook.listing_data(chosen), indent=2) + "\n")
    else:
        emit(rulebook.listing_text(chosen))


def explain_rule(code: str = typer.Argument(..., help="A rule code, such as W501.")) -> None:
    """Explain one rule: what it checks, why, how to fix it, its options, and examples."""
    from .. import rulebook
    from ..lint.registry import PluginError

    try:
        emit(rulebook.explanation(code))
    except (PluginError, rulebook.RuleLookupError) as exc:
        _rulebook_fail(str(exc))
