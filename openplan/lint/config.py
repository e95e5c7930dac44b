"""Configuration of ``openplan lint``: where it is found, what it may say, and what it means for one file.

For each plan, the linter searches upward from the plan's folder for the
first folder holding one of:

* ``openplan.toml`` or ``.openplan.toml``, with a ``[lint]`` table;
* ``pyproject.toml`` with a ``[tool.openplan]`` table, read from
  ``[tool.openplan.lint]``.

Everything is optional::

    [tool.openplan.lint]
    preset = "recommended"          # or "strict"
    select = ["P404"]               # codes, code prefixes ("W5"), families ("language") or "ALL"
    ignore = ["W507"]
    fail-on = "error"               # error, warning, info or never
    baseline = ".openplan-baseline.jsonl"
    today = 2025-06-30              # the day overdue and stale dates are measured from

    [tool.openplan.lint.severity]
    W501 = "error"

    [tool.openplan.lint.options.W502]
    max-length = 100

    [[tool.openplan.lint.overrides]]
    files = ["drafts/*.yaml"]       # relative to the configuration file's folder
    ignore = ["D302"]

    [[tool.openplan.lint.local-rules]]   # see openplan.lint.local_rules
    ...

Paths in the file are relative to its folder. A configuration the linter
cannot use is a :class:`ConfigError` naming the file and the key; the
command exits 2.
"""

from __future__ import annotations

import difflib
import fnmatch
import os
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Mapping

from ..loader import LoadError, decode, read_limited
from ..rules import Severity
from . import presets
from .config_schema import Section, problems, section
from .local_rules import LocalRuleError, build
from .registry import LintRule, validation_rules

CONFIG_FILES = ("openplan.toml", ".openplan.toml", "pyproject.toml")
_CODE = re.compile(r"^[A-Z][A-Z0-9]{1,9}$")
_NAME = re.compile(r"^[a-z][a-z0-9-]*$")


class ConfigError(Exception):
    """A configuration the linter cannot use. The message names the file and the key."""


@dataclass(frozen=True)
class CommandLine:
    """Settings given on the command line; they win over the configuration file."""

    preset: str | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    fail_on: str | None = None


@dataclass(frozen=True)
class Settings:
    """What the linter does for one file."""

    enabled: frozenset[str]
    ignored_validation: frozenset[str]
    severity: Mapping[str, Severity]
    options: Mapping[str, Mapping[str, Any]]
    fail_on: Severity | None
    rules: Mapping[str, LintRule]  # every lint rule known for this file, enabled or not
    baseline: Path | None = None
    today: date | None = None
    source: Path | None = None


def toml_value(value: Any) -> str:
    """A default option value as it is written in a TOML configuration file."""
    import json

    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(key)} = {toml_value(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    return json.dumps(value)


def fail_on_level(name: str) -> Severity | None:
    """The lowest severity that fails a run; None for never."""
    return None if name == "never" else Severity(name)


@dataclass
class Config:
    """One configuration file, read and checked against the rules it names."""

    section: Section = field(default_factory=Section)
    path: Path | None = None
    local: dict[str, LintRule] = field(default_factory=dict)

    @property
    def root(self) -> Path:
        return self.path.parent if self.path else Path.cwd()

    def where(self, key: str) -> str:
        prefix = "[tool.openplan.lint]" if self.path and self.path.name == "pyproject.toml" else "[lint]"
        return f"{self.path or 'configuration'}: {prefix} {key}"


def find(start: Path) -> Path | None:
    """The configuration that applies to files in ``start``: the nearest one above it."""
    folder = start if start.is_dir() else start.parent
    folder = folder.resolve()
    for candidate in (folder, *folder.parents):
        for name in CONFIG_FILES:
            path = candidate / name
            if not path.exists() or path.is_dir():
                continue  # a named pipe or a link to a device is found, so that reading it reports it
            if name != "pyproject.toml":
                return path
            try:
                if "openplan" in _read(path).get("tool", {}):
                    return path
            except ConfigError:
                return path  # a broken pyproject.toml is reported when it is loaded
    return None


def _read(path: Path) -> dict[str, Any]:
    try:  # bounded, regular files only: a configuration linked to /dev/zero or a named pipe is refused
        text = decode(read_limited(path, str(path)), str(path))
    except LoadError as error:
        raise ConfigError(f"{error.finding.location()}: cannot be read: {error.finding.message}") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    except RecursionError:  # tomllib recurses once per level of nested arrays and tables
        raise ConfigError(f"{path}: not valid TOML: it nests too deeply to be read") from None
    except ValueError:  # Python's limit on turning text into an integer
        raise ConfigError(f"{path}: not valid TOML: a number has more than 4,300 digits; quote it to keep it "
                          "as text") from None


def _section(path: Path) -> dict[str, Any]:
    data = _read(path)
    if path.name == "pyproject.toml":
        tool = data.get("tool", {}).get("openplan", {})
        if not isinstance(tool, dict):
            raise ConfigError(f"{path}: [tool.openplan] must be a table")
        section = tool.get("lint", {})  # other openplan commands may keep their own tables beside it
    else:
        unknown = sorted(set(data) - {"lint"})
        if unknown:
            raise ConfigError(f"{path}: unknown table or key {unknown[0]!r}; lint settings go under [lint]")
        section = data.get("lint", {})
    if not isinstance(section, dict):
        raise ConfigError(f"{path}: the lint settings must be a table")
    return section


def load(path: Path | None, catalogue: Mapping[str, LintRule]) -> Config:
    """Read and check a configuration file (``None``: the defaults). Raises :class:`ConfigError`."""
    config = Config(Section(), path)
    if path is None:
        return config
    raw = _section(path)
    found = problems(raw)
    if found:
        raise ConfigError("\n".join(f"{config.where(key)}: {problem}" for key, problem in found))
    config.section = section(raw)
    _check(config, catalogue)
    return config


def _check(config: Config, catalogue: Mapping[str, LintRule]) -> None:
    section = config.section
    known = set(catalogue) | set(validation_rules())
    for number, spec in enumerate(section.local_rules):
        where = config.where(f"local-rules[{number}]")
        if not _CODE.match(spec.code):
            raise ConfigError(f"{where}: the code {spec.code!r} must be capital letters then digits, like LBC101")
        if spec.code in known or spec.code in config.local:
            raise ConfigError(f"{where}: the code {spec.code} is already used by another rule")
        if not _NAME.match(spec.name):
            raise ConfigError(f"{where}: the name {spec.name!r} must be lower-case words joined by hyphens")
        try:
            config.local[spec.code] = build(spec)
        except LocalRuleError as exc:
            raise ConfigError(f"{where}: {exc}") from None
    rules = {**catalogue, **config.local}
    _selectors(config, "select", section.select, rules)
    _selectors(config, "ignore", section.ignore, rules, ignoring=True)
    _severities(config, "severity", section.severity, rules)
    _options(config, "options", section.options, rules)
    if section.baseline is not None and not section.baseline.strip():
        raise ConfigError(f"{config.where('baseline')}: give the path of a baseline file")
    for number, override in enumerate(section.overrides):
        key = f"overrides[{number}]"
        if not override.files:
            raise ConfigError(f"{config.where(key + '.files')}: list at least one file pattern")
        _selectors(config, key + ".select", override.select, rules)
        _selectors(config, key + ".ignore", override.ignore, rules, ignoring=True)
        _severities(config, key + ".severity", override.severity, rules)
        _options(config, key + ".options", override.options, rules)


def resolve(selector: str, rules: Mapping[str, LintRule], validation: Mapping[str, Any] | None = None) -> set[str]:
    """The codes a selector names: "ALL", a family, a code, or a code prefix. Empty if it names nothing."""
    validation = validation if validation is not None else validation_rules()
    every = {**{code: entry.rule for code, entry in rules.items()}, **validation}
    if selector.upper() == "ALL":
        return set(rules)
    family = {code for code, rule in every.items() if rule.family == selector.lower()}
    if family:
        return family
    token = selector.upper()
    return {code for code in every if code == token or (len(token) < len(code) and code.startswith(token))}


def _unknown(config: Config, key: str, selector: str, rules: Mapping[str, LintRule]) -> ConfigError:
    names = list(rules) + list(validation_rules()) + sorted({entry.rule.family for entry in rules.values()})
    close = difflib.get_close_matches(selector, names, n=1, cutoff=0.6)
    hint = f' (did you mean "{close[0]}"?)' if close else ""
    return ConfigError(f'{config.where(key)}: "{selector}" is not a rule code, code prefix or family{hint}; '
                       "`openplan rules` lists them")


def _selectors(config: Config, key: str, selectors: list[str], rules: Mapping[str, LintRule],
               ignoring: bool = False) -> None:
    validation = validation_rules()
    for selector in selectors:
        codes = resolve(selector, rules, validation)
        if not codes:
            raise _unknown(config, key, selector, rules)
        if ignoring and all(code in validation and validation[code].severity is Severity.ERROR for code in codes):
            raise ConfigError(f"{config.where(key)}: {selector} is a validation error and cannot be ignored; "
                              "a plan with it does not validate")


def _severities(config: Config, key: str, table: Mapping[str, str], rules: Mapping[str, LintRule]) -> None:
    for selector in table:
        codes = resolve(selector, rules, {})
        if not codes:
            raise _unknown(config, f"{key}.{selector}", selector, rules)


def _options(config: Config, key: str, table: Mapping[str, Mapping[str, Any]], rules: Mapping[str, LintRule]) -> None:
    for code, values in table.items():
        if code not in rules:
            raise _unknown(config, f"{key}.{code}", code, rules)
        defaults = rules[code].options
        if not defaults:
            raise ConfigError(f"{config.where(f'{key}.{code}')}: {code} has no options")
        for name, value in values.items():
            if name not in defaults:
                close = difflib.get_close_matches(name, list(defaults), n=1)
                hint = f' (did you mean "{close[0]}"?)' if close else f"; its options are: {', '.join(defaults)}"
                raise ConfigError(f'{config.where(f"{key}.{code}")}: {code} has no option "{name}"{hint}')
            problem = _type_problem(defaults[name], value)
            if problem:
                raise ConfigError(f"{config.where(f'{key}.{code}.{name}')}: {problem}")


def _type_problem(default: Any, value: Any) -> str | None:
    if isinstance(default, bool):
        return None if isinstance(value, bool) else "must be true or false"
    if isinstance(default, int):
        return None if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else \
            "must be a whole number, zero or more"
    if isinstance(default, float):
        return None if isinstance(value, (int, float)) and not isinstance(value, bool) else "must be a number"
    if isinstance(default, list):
        return None if isinstance(value, list) and all(isinstance(v, str) for v in value) else \
            "must be a list of text"
    if isinstance(default, dict):
        return None if isinstance(value, dict) and all(isinstance(v, str) for v in value.values()) else \
            "must be a table of text"
    if isinstance(default, str):
        return None if isinstance(value, str) else "must be text"
    return None


def _matches(pattern: str, relative: str) -> bool:
    if fnmatch.fnmatchcase(relative, pattern):
        return True
    return pattern.startswith("**/") and fnmatch.fnmatchcase(relative, pattern[3:])


def settings(config: Config, file: Path | None, catalogue: Mapping[str, LintRule],
             command_line: CommandLine = CommandLine()) -> Settings:
    """The settings for one file: preset, then the file's select and ignore, then matching overrides,
    then the command line."""
    section = config.section
    rules = {**catalogue, **config.local}
    validation = validation_rules()
    preset = command_line.preset or section.preset
    builtin = [code for code, entry in rules.items() if entry.origin == "openplan"]
    enabled = presets.enabled(preset, builtin) | {code for code, entry in rules.items() if entry.origin != "openplan"}
    ignored: set[str] = set()
    severity: dict[str, Severity] = {}
    options: dict[str, dict[str, Any]] = {code: {**entry.options, **presets.options(preset).get(code, {})}
                                          for code, entry in rules.items() if entry.options}

    def apply(select: list[str] | tuple[str, ...], ignore: list[str] | tuple[str, ...],
              levels: Mapping[str, str], values: Mapping[str, Mapping[str, Any]]) -> None:
        for selector in select:
            enabled.update(code for code in resolve(selector, rules, validation) if code in rules)
        for selector in ignore:
            for code in resolve(selector, rules, validation):
                enabled.discard(code)
                if code in validation and validation[code].severity is not Severity.ERROR:
                    ignored.add(code)
        for selector, level in levels.items():
            for code in resolve(selector, rules, {}):
                severity[code] = Severity(level)
        for code, table in values.items():
            options.setdefault(code, {}).update(table)

    apply(section.select, section.ignore, section.severity, section.options)
    if file is not None and section.overrides:
        try:
            relative = Path(os.path.relpath(file.resolve(), config.root)).as_posix()
        except ValueError:
            relative = file.as_posix()
        for override in section.overrides:
            if any(_matches(pattern, relative) for pattern in override.files):
                apply(override.select, override.ignore, override.severity, override.options)
    if command_line.select is not None:
        enabled.clear()
        apply(command_line.select, (), {}, {})
    apply((), command_line.ignore, {}, {})
    baseline = None
    if section.baseline:
        baseline = (config.root / section.baseline) if config.path else Path(section.baseline)
    return Settings(frozenset(enabled), frozenset(ignored), severity, options,
                    fail_on_level(command_line.fail_on or section.fail_on), rules, baseline, section.today, config.path)


def check_command_line(command_line: CommandLine, catalogue: Mapping[str, LintRule]) -> None:
    """Selectors given on the command line name real rules; raises :class:`ConfigError` otherwise."""
    for option, selectors in (("--select", command_line.select or ()), ("--ignore", command_line.ignore)):
        for selector in selectors:
            if selector.upper() == "NONE" and option == "--select":
                continue
            if not resolve(selector, catalogue):
                close = difflib.get_close_matches(selector.upper(), list(catalogue), n=1, cutoff=0.6)
                hint = f' (did you mean "{close[0]}"?)' if close else ""
                raise ConfigError(f'{option}: "{selector}" is not a rule code, code prefix or family{hint}; '
                                  "`openplan rules` lists them")
    if command_line.preset is not None and command_line.preset not in presets.NAMES:
        raise ConfigError(f"--preset: choose one of {', '.join(presets.NAMES)}")
