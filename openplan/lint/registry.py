"""The catalogue of lint rules: the built-in rule modules and third-party ones.

Built-in rules live one per module in :mod:`openplan.lint.rules`. A package
of further rules registers them through the ``openplan.lint_rules`` entry
point group; each entry point names a module (or a list of modules) shaped
like a built-in rule module: a ``RULE`` made with
:func:`openplan.lint.rules.lint_rule`, a ``check(ctx)`` or
``check_project(project)``, and optionally ``OPTIONS`` (option names and
defaults) and ``FIXES`` ("safe" or "unsafe", when findings carry a fix)::

    [project.entry-points."openplan.lint_rules"]
    camden = "camden_openplan_rules.ward_named"
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import import_module
from types import ModuleType
from typing import Any, Callable, Mapping

from ..rules import Rule

ENTRY_POINT_GROUP = "openplan.lint_rules"


class PluginError(Exception):
    """A third-party rule package could not be loaded, or declares a rule badly."""


@dataclass(frozen=True)
class LintRule:
    """A rule the linter can run: its data, its check, its options and where it came from."""

    rule: Rule
    check: Callable | None = None
    check_project: Callable | None = None
    options: Mapping[str, Any] = field(default_factory=dict)
    doc: str | None = None
    origin: str = "openplan"
    fixes: str | None = None  # "safe" or "unsafe" when the rule's findings can carry a fix

    @property
    def code(self) -> str:
        return self.rule.code


def from_module(module: ModuleType, origin: str = "openplan") -> LintRule:
    rule = getattr(module, "RULE", None)
    check = getattr(module, "check", None)
    project = getattr(module, "check_project", None)
    if not isinstance(rule, Rule):
        raise PluginError(f"{module.__name__} has no RULE (an openplan.rules.Rule)")
    if not callable(check) and not callable(project) and not getattr(module, "RAISED_BY_ENGINE", False):
        raise PluginError(f"{module.__name__} defines neither check(ctx) nor check_project(project)")
    options = getattr(module, "OPTIONS", {})
    if not isinstance(options, dict):
        raise PluginError(f"{module.__name__}.OPTIONS must be a dict of option names and defaults")
    fixes = getattr(module, "FIXES", None)
    if fixes not in (None, "safe", "unsafe"):
        raise PluginError(f'{module.__name__}.FIXES must be "safe" or "unsafe"')
    return LintRule(rule, check if callable(check) else None, project if callable(project) else None,
                    dict(options), module.__doc__, origin, fixes)


@lru_cache(maxsize=None)
def builtin() -> tuple[LintRule, ...]:
    from ..catalogue import lint_modules

    # Listed in the catalogue, not discovered, so the linter runs exactly the rules `openplan rules` lists.
    return tuple(from_module(import_module(name)) for name in sorted(lint_modules()))


@lru_cache(maxsize=None)
def plugins() -> tuple[LintRule, ...]:
    """Rules from installed packages; a broken package is an error naming it, never a traceback."""
    from importlib.metadata import entry_points

    found: list[LintRule] = []
    for point in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda p: p.name):
        origin = f"{point.dist.name if point.dist else 'plugin'} ({point.name})"
        try:
            loaded = point.load()
        except Exception as exc:  # a third party's import error must not become a traceback
            raise PluginError(f"the rule package {origin} cannot be loaded: {type(exc).__name__}: {exc}") from None
        modules = loaded if isinstance(loaded, (list, tuple)) else [loaded]
        for module in modules:
            if not isinstance(module, ModuleType):
                raise PluginError(f"the entry point {point.value} of {origin} must name a module")
            try:
                found.append(from_module(module, origin))
            except ValueError as exc:  # register() refuses a code declared twice
                raise PluginError(f"{origin}: {exc}") from None
    return tuple(found)


def catalogue(with_plugins: bool = True) -> dict[str, LintRule]:
    """Every lint rule by code, built-in first. Raises :class:`PluginError` for a broken rule package."""
    table = {entry.code: entry for entry in builtin()}
    if with_plugins:
        for entry in plugins():
            if entry.code in table:
                raise PluginError(f"{entry.origin} declares {entry.code}, which OpenPlan already uses")
            table[entry.code] = entry
    return table


@lru_cache(maxsize=None)
def validation_rules() -> dict[str, Rule]:
    """The rules `openplan validate` raises (load, schema, integrity and the rest); lint reports them first.

    Every catalogue rule that is not a lint rule (not one of the built-in rule modules, not from a rule
    package) and not one of `openplan convert`."""
    from ..catalogue import CHECK_FAMILIES, rules

    lint = {entry.code for entry in builtin()}
    try:
        lint.update(entry.code for entry in plugins())
    except PluginError:
        pass  # reported when the catalogue is built
    return {rule.code: rule for rule in rules(CHECK_FAMILIES) if rule.code not in lint}
