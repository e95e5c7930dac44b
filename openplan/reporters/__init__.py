"""Reporters turn a :class:`~openplan.report.Result` into text for people or data for tools.

Reporters register by format name; the CLI offers every registered format.
Each reporter is a function ``render(result, **options) -> str``.
"""

from __future__ import annotations

from typing import Callable

from ..report import Result

Reporter = Callable[..., str]
_REPORTERS: dict[str, str] = {
    "text": "openplan.reporters.text",
    "json": "openplan.reporters.json",
    "sarif": "openplan.reporters.sarif",
    "github": "openplan.reporters.github",
    "gitlab": "openplan.reporters.gitlab",
    "junit": "openplan.reporters.junit",
}


def formats() -> list[str]:
    return sorted(_REPORTERS)


def register(name: str, module: str) -> None:
    _REPORTERS[name] = module


def get(name: str) -> Reporter:
    """The reporter for format ``name``; imported on first use to keep start-up fast."""
    from importlib import import_module

    if name not in _REPORTERS:
        raise KeyError(f"unknown format {name!r}; choose one of: {', '.join(formats())}")
    return import_module(_REPORTERS[name]).render


def render(result: Result, name: str, **options) -> str:
    return get(name)(result, **options)
