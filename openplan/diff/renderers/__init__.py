"""Diff renderers turn a :class:`~openplan.diff.model.PlanDiff` into text, Markdown or JSON.

Renderers register by format name; the CLI offers every registered format.
Each renderer is a module with a function ``render(diff, **options) -> str``.
"""

from __future__ import annotations

from typing import Callable

from ..model import PlanDiff

Renderer = Callable[..., str]
_RENDERERS: dict[str, str] = {
    "text": "openplan.diff.renderers.text",
    "markdown": "openplan.diff.renderers.markdown",
    "json": "openplan.diff.renderers.json",
}


def formats() -> list[str]:
    return list(_RENDERERS)


def register(name: str, module: str) -> None:
    _RENDERERS[name] = module


def get(name: str) -> Renderer:
    """The renderer for format ``name``; imported on first use."""
    from importlib import import_module

    if name not in _RENDERERS:
        raise KeyError(f"unknown diff format {name!r}; choose one of: {', '.join(formats())}")
    return import_module(_RENDERERS[name]).render


def render(diff: PlanDiff, name: str = "text", **options) -> str:
    return get(name)(diff, **options)
