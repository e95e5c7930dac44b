"""Output formats by name: the one registry mechanism for the finding reporters and the diff renderers.

Each format is a module with a function ``render(subject, **options) -> str``, imported on first use to keep
start-up fast. Another package may register its own module under a new name.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any, Callable

Renderer = Callable[..., str]


class Formats:
    def __init__(self, modules: dict[str, str], *, what: str = "format", sort: bool = True):
        self._modules = dict(modules)
        self._what = what  # the noun in the error for an unknown name ("format", "diff format")
        self._sort = sort

    def names(self) -> list[str]:
        return sorted(self._modules) if self._sort else list(self._modules)

    def register(self, name: str, module: str) -> None:
        self._modules[name] = module

    def get(self, name: str) -> Renderer:
        if name not in self._modules:
            raise KeyError(f"unknown {self._what} {name!r}; choose one of: {', '.join(self.names())}")
        return import_module(self._modules[name]).render

    def render(self, subject: Any, name: str, **options) -> str:
        return self.get(name)(subject, **options)
