"""What a reader of a published plan sees: the content the HTML page and the Markdown file share.

:func:`build` turns validated plan data and its index into plain view objects:
references resolved to names, codes to their titles, fuzzy dates to the spans
of days they cover, and the pledge coverage worked out. The HTML and Markdown
converters only lay these objects out, so both carry the same content.

:mod:`.model` holds the view objects, :mod:`.builder` makes them, :mod:`.placing` puts the plan's own
objectives beside the areas they serve, :mod:`.losses` says what a page leaves out.
"""

from __future__ import annotations

from .builder import build
from .losses import LOSSES, NOT_ON_PAGE, NOT_SHOWN, REGISTRY_DETAIL, page_losses
from .model import (AreaView, DateView, Entry, Fact, Indicator, Link, NoteView, PlanView, PledgeRow, Progress,
                    SectionView, Statement, ThemeView, code_title, day_text, safe_url, span_text)

__all__ = ["build", "LOSSES", "NOT_ON_PAGE", "NOT_SHOWN", "REGISTRY_DETAIL", "page_losses", "AreaView", "DateView",
           "Entry", "Fact", "Indicator", "Link", "NoteView", "PlanView", "PledgeRow", "Progress", "SectionView",
           "Statement", "ThemeView", "code_title", "day_text", "safe_url", "span_text"]
