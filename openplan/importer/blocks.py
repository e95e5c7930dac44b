"""The blocks every reader of a document gives: headings, paragraphs, list items and the rows of action tables.

A block keeps what structure recognition needs and nothing else: its text, its heading level or list depth,
the list number Word or Markdown generated (which is not part of the text), and where it is in the document.
Word is read by :mod:`.word`, Markdown by :mod:`.markdown` and PDF by :mod:`.pdf`; nothing is executed and
nothing is fetched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_BYTES = 50 * 1024 * 1024  # the document file itself
# What the parts of a .docx may expand to, together: a long plan's XML is a few megabytes, and a parsed part
# takes many times its size in memory. Checked from the sizes the zip declares, and again while reading (zipfile
# also stops a part at its declared size and refuses it if its checksum then fails).
MAX_UNPACKED = 50 * 1024 * 1024
MAX_XML = 20 * 1024 * 1024  # the XML parts read (document, styles, numbering ...); images are never inflated
MAX_PARTS = 5000
# Headings, paragraphs, list items and table rows one import takes: a long plan has a few thousand.
MAX_BLOCKS = 10_000


class ReadProblem(Exception):
    """The document cannot be read at all."""


@dataclass
class Block:
    kind: str  # "heading", "paragraph", "item", or "row" (a row of an action table)
    text: str
    level: int  # heading level (1 is the top), or list depth (0 is the outer list)
    marker: str | None  # a generated list number such as "a", "2" or "iv"; None for bullets and plain text
    where: str  # "line 12" or "paragraph 40"
    fields: dict[str, str] | None = None  # a row's other columns: "ref", "lead", "due"


# Column headings of an action table: a table whose first row names an action column and at least one other.
ACTION_COLUMNS = {
    "ref": re.compile(r"^(?:ref\.?|reference|no\.?|number|#|id)$"),
    "action": re.compile(r"^(?:actions?|outputs?|deliverables?|activit(?:y|ies)|tasks?|commitments?|milestones?|"
                         r"what we will do|key actions?|description)$"),
    "lead": re.compile(r"^(?:lead|leads|owner|owners|lead officer|lead member|responsible|responsibility|"
                       r"accountable|who|lead directorate|directorate|portfolio holder)$"),
    "due": re.compile(r"^(?:due|due date|deadline|by when|when|timescales?|target date|date|completion date|"
                      r"delivery date|timing|target)$"),
}
