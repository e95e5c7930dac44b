"""Every rule a person can look up, for `openplan rules` and `openplan rule CODE`.

The rule catalogue holds every code; the linter adds, for its own rules and third-party ones, the presets
that run them, their options and fixes. This module joins the two and says where each rule runs. It never
prints: it returns the listing as data or text and raises RuleLookupError (or the linter's PluginError).
"""

from __future__ import annotations

import difflib
from typing import Any, Optional

# Families raised by one command only, not by validation; the rest run always.
COMMAND_OF = {"convert": "convert", "convert-loss": "convert", "extension-schema": "lint-schema"}


class RuleLookupError(Exception):
    """No rule has this code, or no rule is in this family."""


def table() -> dict[str, tuple[Any, Any]]:
    """Code -> (rule, the linter's entry or None); raises PluginError when a third-party rule cannot load."""
    from . import catalogue as rule_catalogue
    from .lint.registry import catalogue

    lint_rules = catalogue()
    # Every rule of the catalogue, with the linter's entry (presets, options, fixes) for lint and plugin rules.
    return {**{rule.code: (rule, None) for rule in rule_catalogue.rules()},
            **{code: (entry.rule, entry) for code, entry in lint_rules.items()}}


def runs_in(rule, entry) -> list[str]:
    """The lint presets that run a lint rule, or the command that reports any other rule."""
    from .lint import presets

    if entry is None:
        return [COMMAND_OF.get(rule.family, "always")]
    return [name for name in presets.NAMES if name == "strict" or rule.code not in presets.STRICT_ONLY]


def listing(family: Optional[str] = None) -> list[tuple[Any, Any]]:
    chosen = [(rule, entry) for _, (rule, entry) in sorted(table().items()) if family in (None, rule.family)]
    if not chosen:
        raise RuleLookupError(f"no rules in the family {family!r}")
    return chosen


def listing_data(chosen: list[tuple[Any, Any]]) -> list[dict]:
    return [{"code": rule.code, "name": rule.name, "family": rule.family, "severity": rule.severity.value,
             "summary": rule.summary, "presets": runs_in(rule, entry), "fixes": entry.fixes if entry else None,
             "origin": entry.origin if entry else "openplan"}
            for rule, entry in chosen]


def listing_text(chosen: list[tuple[Any, Any]]) -> str:
    lines = []
    for rule, entry in chosen:
        where = ", ".join(runs_in(rule, entry))
        lines.append(f"{rule.code}  {rule.name:<30} {rule.family:<13} {rule.severity.value:<8} {where:<20} "
                     f"{rule.summary}")
    return "\n".join(lines) + f"\n{len(chosen)} rules. `openplan rule CODE` explains one.\n"


def lookup(code: str) -> tuple[Any, Any]:
    rules = table()
    key = code.strip().upper()
    if key not in rules:
        close = difflib.get_close_matches(key, list(rules), n=1, cutoff=0.6)
        hint = f' Did you mean "{close[0]}"?' if close else ""
        raise RuleLookupError(f"no rule {code!r}.{hint} `openplan rules` lists them.")
    return rules[key]


def explanation(code: str) -> str:
    """What `openplan rule CODE` shows: what the rule checks, why, how to fix it, its options and examples."""
    from .lint import presets
    from .lint.config import toml_value

    rule, entry = lookup(code)
    out = [f"{rule.code} {rule.name}", "", rule.summary, "",
           f"Family:    {rule.family}", f"Severity:  {rule.severity.value} (by default)"]
    if entry is None and rule.family in COMMAND_OF:
        out.append(f"Runs:      in `openplan {COMMAND_OF[rule.family]}`")
    elif entry is None:
        out.append("Runs:      always (validation; `openplan validate` reports it too)")
    else:
        out.append(f"Presets:   {', '.join(runs_in(rule, entry))}")
        if entry.fixes:
            unsafe = " --unsafe-fixes" if entry.fixes == "unsafe" else ""
            out.append(f"Fix:       {entry.fixes} (openplan lint --fix{unsafe})")
        if entry.origin != "openplan":
            out.append(f"From:      {entry.origin}")
    out += ["", "Why:", f"  {rule.rationale}", "", "How to fix:", f"  {rule.fix}"]
    if entry is not None and entry.options:
        out += ["", "Options (in [tool.openplan.lint.options." + rule.code + "]):"]
        for name, default in entry.options.items():
            strict = presets.STRICT_OPTIONS.get(rule.code, {}).get(name)
            extra = f" (strict: {toml_value(strict)})" if strict is not None else ""
            out.append(f"  {name} = {toml_value(default)}{extra}")
    if rule.failing:
        out += ["", "Fails:", *("  " + line for line in rule.failing.rstrip("\n").splitlines())]
    if rule.passing:
        out += ["", "Passes:", *("  " + line for line in rule.passing.rstrip("\n").splitlines())]
    out += ["", f"Reference: docs/{rule.doc_path}"]
    return "\n".join(out) + "\n"
