"""What `openplan init` raises when the answers cannot make a plan."""

from __future__ import annotations


class InitProblem(Exception):
    """The answers cannot make a plan, or the files exist already. Nothing was written."""
