"""JSON for tools: one stable document per diff, described by ``schema/output/<diff_version>/diff.schema.json``.

The shape (``diff_version`` "1.0"; fields are only ever added, never renamed
or removed, within a major version)::

    {
      "diff_version": "1.0",
      "tool": {"name": "openplan", "version": "1.0.0"},
      "same": false,                 # true when the plans are the same
      "exit_code": 1,                # 0 same, 1 different (2, an error, prints no JSON)
      "old": PLAN,
      "new": PLAN,
      "previous_edition": true,      # the new plan names the old one as its previous edition
      "matching": {"mode": "auto", "threshold": 0.6},
      "summary": {"added": 0, "removed": 0, "reworded": 0, "renumbered": 0,
                  "moved": 0, "date": 0, "owners": 0, "status": 0, "links": 0},
      "warnings": [{"code": "different-organisations", "message": "..."}],
      "changes": [CHANGE, ...],      # ordered by kind of change, then document order
      "matches": [MATCH, ...],       # every pair of items taken to be the same item
      "unexplained_records": [RECORD, ...]
    }

    PLAN   = {"path", "id", "title", "organisation", "edition_status", "edition_label", "openplan"}
    ITEM   = {"kind", "key", "id", "number", "text", "file", "line", "column", "pointer", "parent"}
             # kind: plan, theme, commitment, principle, area, objective, output, sub-item, milestone, event,
             #       report (the committee report), section, note
             # key: the id, or for a statement without an id a key made from its place
    MATCH  = {"kind", "method", "confidence", "old": ITEM, "new": ITEM}
             # method: plan, id, same-theme (same recurring theme) or text; confidence from 0 to 1
    RECORD = {"kind", "items", "previous_items", "from_number", "to_number", "reason", "note",
              "line", "pointer"}   # one entry of the new plan's edition.changes
    CHANGE = {"change", "item_kind", "old": ITEM|null, "new": ITEM|null, "field",
              "before", "after", "matched_by": {"method", "confidence"}|null, "recorded": [RECORD]}
             # change: added, removed, reworded, renumbered, moved, date, owners, status, links
             # reworded: field is title, outcome, text or description; before/after are the texts;
             #           plus "words": [{"op": "equal"|"delete"|"insert", "text"}]
             # renumbered: before/after are the display numbers
             # moved: before/after are the parent ITEMs (null at the top level)
             # date: field is due, date or period; before/after are {"text", "value", "tbc",
             #       "relative_to", "relation", "recurrence", "earliest", "latest"} (only those
             #       given, plus the resolved span); plus "direction": slipped, pulled-in, added,
             #       removed or restated
             # owners: before/after are [{"ref", "role", "name"}]; plus "owners_added", "owners_removed"
             # links: field is parents (the plan's, [{"id", "relation"}]) or serves (an item's, [{"plan",
             #        "item", "relation"}]); plus "links_added", "links_removed"
             # status: field is edition, status (progress) or rag; before/after are the codes
"""

from __future__ import annotations

import json

from ...version import __version__
from ..model import PlanDiff

DIFF_FORMAT_VERSION = "1.0"


def as_data(diff: PlanDiff) -> dict:
    return {
        "diff_version": DIFF_FORMAT_VERSION,
        "tool": {"name": "openplan", "version": __version__},
        "same": diff.same,
        "exit_code": diff.exit_code,
        "old": diff.old.to_dict(),
        "new": diff.new.to_dict(),
        "previous_edition": diff.previous_edition,
        "matching": {"mode": diff.match_mode, "threshold": diff.threshold},
        "summary": diff.counts(),
        "warnings": [warning.to_dict() for warning in diff.warnings],
        "changes": [change.to_dict() for change in diff.changes],
        "matches": [match.to_dict() for match in diff.matches],
        "unexplained_records": [record.to_dict() for record in diff.unexplained],
    }


def render(diff: PlanDiff, **_options) -> str:
    return json.dumps(as_data(diff), indent=2, ensure_ascii=False) + "\n"
