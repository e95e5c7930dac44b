"""Published counts ("Green 11, Amber 5, Red 2") checked against the counts worked out from the updates."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any, Iterable, Mapping

from .rollup import Rated, count


@dataclass(frozen=True)
class Disagreement:
    """One published number that the updates do not bear out."""

    position: int  # in the report's `counts`
    scope: str
    of: str  # "updates" or "observations"
    by: str  # "rag" or "status"
    code: str | None  # the rag or status code; None for the total
    published: int
    computed: int


def compare(report: Mapping[str, Any], updates: Iterable[Rated], observations: Iterable[Rated]) -> list[Disagreement]:
    """Every published count of ``report`` (its `counts`) that differs from the count of the rated updates or
    observations in the same scope; a published `total` is compared with the number counted in the scope."""
    rated = {"updates": list(updates), "observations": list(observations)}
    worked: dict[tuple[str, str], dict[str, Counter]] = {}
    found: list[Disagreement] = []
    entries = report.get("counts")
    for position, entry in enumerate(entries if isinstance(entries, list) else ()):
        if not isinstance(entry, Mapping) or entry.get("of") not in rated or entry.get("by") not in ("rag", "status"):
            continue
        of, by, scope = entry["of"], entry["by"], entry.get("scope")
        key = (of, by)
        if key not in worked:
            worked[key] = count(rated[of], by)
        here = worked[key].get(scope, Counter())
        published = entry.get("counts") if isinstance(entry.get("counts"), Mapping) else {}
        for code, number in published.items():
            if here[code] != number:
                found.append(Disagreement(position, scope, of, by, code, number, here[code]))
        total = entry.get("total")
        if isinstance(total, int) and not isinstance(total, bool):
            counted = sum(1 for one in rated[of] if scope in one.scopes)
            if total != counted:
                found.append(Disagreement(position, scope, of, by, None, total, counted))
    return found
