"""Rendering the page from the view of a plan, and what it leaves out."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from ...index import PlanIndex
from ...version import SCHEMA_VERSION, __version__
from .. import view as views
from ..losses import LossReport
from .chart import WIDTH, timeline
from .template import TEMPLATE


@lru_cache(maxsize=1)
def _template():
    from jinja2 import Environment, StrictUndefined

    environment = Environment(autoescape=True, undefined=StrictUndefined, trim_blocks=False, lstrip_blocks=False)
    return environment.from_string(TEMPLATE)


def render(data: dict[str, Any], index: PlanIndex | None = None) -> str:
    """The plan as one self-contained HTML page."""
    plan = views.build(data, index)
    return _template().render(plan=plan, timeline=timeline(plan), width=WIDTH, version=__version__,
                              schema_version=SCHEMA_VERSION, safe_url=views.safe_url)


def losses(data: dict[str, Any], index: PlanIndex | None = None, document=None) -> LossReport:
    return views.page_losses(data, "html", document)
