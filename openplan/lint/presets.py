"""The two presets: ``recommended`` (the default) and ``strict``.

``recommended`` runs every rule except a few that ask more than most
published plans give. ``strict`` runs every rule, and tightens options:
owners on every output, outcomes on sub-objectives, shorter titles.
Third-party rules are on in both presets; a configuration can ignore them.
"""

from __future__ import annotations

from typing import Any

NAMES = ("recommended", "strict")

# Rules only the strict preset runs.
STRICT_ONLY = frozenset({"P404", "P405", "W508"})

STRICT_OPTIONS: dict[str, dict[str, Any]] = {
    "C102": {"inherit": False},
    "C103": {"inherit": False},
    "C105": {"include-sub-objectives": True},
    "W502": {"max-length": 100},
    "D305": {"threshold": 4},
}


def enabled(name: str, codes: list[str]) -> set[str]:
    """The codes preset ``name`` turns on, out of all lint codes known."""
    if name == "strict":
        return set(codes)
    return {code for code in codes if code not in STRICT_ONLY}


def options(name: str) -> dict[str, dict[str, Any]]:
    return STRICT_OPTIONS if name == "strict" else {}
