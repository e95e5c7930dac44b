"""What a site puts around a page: branding, navigation, downloads and links to its other plans."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Chrome:
    """What a site puts around a page: branding, navigation, downloads, and links to the other plans."""

    site_name: str = ""
    logo: str = ""  # a data: URI, so the page still loads nothing from elsewhere
    logo_alt: str = ""
    css: str = ""  # custom properties for the council's colours (already checked for contrast)
    home: str = ""  # relative address of the site's index
    nav: list[tuple[str, str]] = field(default_factory=list)  # (address, text)
    footer: list[tuple[str, str]] = field(default_factory=list)
    downloads: list[tuple[str, str]] = field(default_factory=list)  # (address, format)
    plans: dict[str, str] = field(default_factory=dict)  # plan id -> address of its page
    plan_titles: dict[str, str] = field(default_factory=dict)
    served_by: list[tuple[str, str, str, str]] = field(default_factory=list)  # (item here, work, plan title, addr)
    alternate: tuple[str, str] | None = None  # (address, text): the page in the other language


def shown(value):
    """Every value a template prints, through the one escaper: control and bidi characters from a plan are shown
    as \\uXXXX, so that they can neither hide nor reorder the text around them. Markup the page made itself (its
    style sheet) is left alone."""
    from ...visible import visible

    return value if hasattr(value, "__html__") or not isinstance(value, str) else visible(value)
