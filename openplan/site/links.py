"""Where the site's pages are, and the addresses between them: relative, so the site works from a disk."""

from __future__ import annotations

import os
from typing import Any

from ..convert.html_page.chrome import Chrome
from ..convert.html_page.messages import Messages

# Downloads beside each plan's page: (file suffix, format shown to readers).
DOWNLOADS = ((".yaml", "YAML"), (".json", "JSON"), ("-csv.zip", "CSV"), (".xlsx", "XLSX"))


def relative(page: str, target: str) -> str:
    """The address of ``target`` from ``page`` (both relative to the site's root)."""
    return os.path.relpath(target, os.path.dirname(page) or ".").replace(os.sep, "/")


SITE_PAGES = (("index.html", "site_home"), ("pledges.html", "pledge_tracker"), ("themes.html", "themes_over_years"),
              ("cascade.html", "linked_plans"))


def prefix_of(state: dict[str, Any], language: str) -> str:
    return "" if language == state["languages"][0] else f"{language}/"


def nav_links(state: dict[str, Any], page: str, language: str, t: Messages) -> list[tuple[str, str]]:
    prefix = prefix_of(state, language)
    return [(relative(page, prefix + name), t[key]) for name, key in SITE_PAGES]


def alternate_of(state: dict[str, Any], page: str, language: str) -> tuple[str, str] | None:
    """The same page in the site's other language, when it has two."""
    if len(state["languages"]) < 2:
        return None
    prefix = prefix_of(state, language)
    bare = page[len(prefix):]
    other = next(code for code in state["languages"] if code != language)
    return relative(page, prefix_of(state, other) + bare), Messages(language).language_switch


def plan_chrome(state: dict[str, Any], ident: str, page: str, language: str, report: bool = False) -> Chrome:
    t = Messages(language)
    prefix = prefix_of(state, language)
    own = state["plans"][ident]
    name = own.rsplit("/", 1)[-1]
    offered = DOWNLOADS[:2] if report else DOWNLOADS  # a report: YAML and JSON
    downloads = [(relative(page, f"{own}/{name}{suffix}"), label) for suffix, label in offered]
    plans = {other: relative(page, f"{prefix}{folder}/index.html") for other, folder in state["plans"].items()}
    served = [(here, work, title, f"{plans[child]}#item-{item}")
              for here, work, title, child, item in state["served_by"].get(ident, ())]
    return Chrome(site_name=state["name"], logo=state["logo"], logo_alt=state["logo_alt"], css=state["css"],
                  home=relative(page, prefix + "index.html"), nav=nav_links(state, page, language, t),
                  footer=state["footer"], downloads=downloads, plans=plans, plan_titles=state["titles"],
                  served_by=served, alternate=alternate_of(state, page, language))
