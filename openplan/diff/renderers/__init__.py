"""Diff renderers turn a :class:`~openplan.diff.model.PlanDiff` into text, Markdown or JSON.

Renderers register by format name, through the same registry as the finding reporters; the CLI offers every
registered format. Each renderer is a module with a function ``render(diff, **options) -> str``.
"""

from __future__ import annotations

from ...reporters.registry import Formats, Renderer
from ..model import PlanDiff

__all__ = ["RENDERERS", "Renderer", "formats", "get", "register", "render"]

RENDERERS = Formats({
    "text": "openplan.diff.renderers.text",
    "markdown": "openplan.diff.renderers.markdown",
    "json": "openplan.diff.renderers.json",
}, what="diff format", sort=False)


def formats() -> list[str]:
    return RENDERERS.names()


def register(name: str, module: str) -> None:
    RENDERERS.register(name, module)


def get(name: str) -> Renderer:
    """The renderer for format ``name``; imported on first use."""
    return RENDERERS.get(name)


def render(diff: PlanDiff, name: str = "text", **options) -> str:
    return RENDERERS.render(diff, name, **options)
