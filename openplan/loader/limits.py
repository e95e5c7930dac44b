"""Resource limits for reading one file, so hostile input (huge files, deep nesting, alias bombs) stays cheap."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """Resource limits for one file. Defaults suit any real plan with a wide margin."""

    max_bytes: int = 20 * 1024 * 1024
    max_depth: int = 100
    max_values: int = 2_000_000  # values after alias expansion
    max_files: int = 10_000


DEFAULT_LIMITS = Limits()
