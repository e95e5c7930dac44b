"""HTML: one self-contained page a council can publish.

Residents read it first: what the plan is and how it is going (counts by
status and RAG), then the plan by area (each item with a status badge in
words, a progress bar, due and revised dates, owners), a timeline of
milestones and dated outputs by area with a "today" line, indicator charts
with their data tables, pledges, linked plans, and the edition's history
condensed. Internal material (provenance, repairs, file names) is an appendix
only when asked for.

It loads nothing: no scripts, no fonts, no images, no style sheets from
elsewhere, and a Content-Security-Policy that forbids them. All text is
escaped by Jinja2's autoescaping, and web addresses are links only when they
are http or https. The page uses landmarks, headings in order, captions and
header cells on tables, colours with enough contrast, and print styles.

:mod:`.page` renders, :mod:`.template` and :mod:`.style` are the page's template and style sheet,
:mod:`.overview` works out statuses, counts and the condensed history, :mod:`.chart` the timeline and indicator
charts, and :mod:`.messages` holds every text the page adds, in English and Welsh.
"""

from __future__ import annotations

from .chart import Bar, IndicatorChart, Tick, Timeline, indicator_chart, timeline
from .messages import Messages, messages
from .chrome import Chrome
from .page import losses, render
from .template import TEMPLATE

__all__ = ["Bar", "IndicatorChart", "Tick", "Timeline", "indicator_chart", "timeline", "Messages", "messages",
           "Chrome", "losses", "render", "TEMPLATE"]
