"""Reporters turn a :class:`~openplan.report.Result` into text for people or data for tools.

Reporters register by format name; the CLI offers every registered format.
Each reporter is a function ``render(result, **options) -> str``.
"""

from __future__ import annotations

from ..report import Result
from .registry import Formats, Renderer

Reporter = Renderer
REPORTERS = Formats({
    "text": "openplan.reporters.text",
    "json": "openplan.reporters.json",
    "sarif": "openplan.reporters.sarif",
    "github": "openplan.reporters.github",
    "gitlab": "openplan.reporters.gitlab",
    "junit": "openplan.reporters.junit",
})


def formats() -> list[str]:
    return REPORTERS.names()


def register(name: str, module: str) -> None:
    REPORTERS.register(name, module)


def get(name: str) -> Reporter:
    """The reporter for format ``name``; imported on first use to keep start-up fast."""
    return REPORTERS.get(name)


def render(result: Result, name: str, **options) -> str:
    return REPORTERS.render(result, name, **options)
