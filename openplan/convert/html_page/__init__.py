"""HTML: one self-contained page a council can publish.

The page holds the plan by area (each objective's outcome statement and
outputs, with owners and dates), a milestone timeline drawn as inline SVG with
a table as its text alternative, a pledge coverage table, themes, the
glossary, the edition's status and the plan's provenance.

It loads nothing: no scripts, no fonts, no images, no style sheets from
elsewhere, and a Content-Security-Policy that forbids them. All text is
escaped by Jinja2's autoescaping, and web addresses are links only when they
are http or https. The page uses landmarks, headings in order, captions and
header cells on tables, colours with enough contrast, and print styles.

:mod:`.page` renders, :mod:`.template` is the page's template and :mod:`.chart` draws the timeline.
"""

from __future__ import annotations

from .chart import Bar, Tick, Timeline, timeline
from .page import losses, render
from .template import TEMPLATE

__all__ = ["Bar", "Tick", "Timeline", "timeline", "losses", "render", "TEMPLATE"]
