"""`openplan site`: a static site of a council's plans, for residents and as its open-data release.

:func:`build_site` reads every plan under a folder and writes a site that works from the file system, with no
server and no JavaScript: an index of plans and editions by year, the page of each plan (with downloads of it
as YAML, JSON, CSV and XLSX beside it), a pledge tracker across plans and years, themes followed across the
years, and the cascade of linked plans. Invalid plans are listed with their errors; the valid ones are built.

Branding (name, logo, colours, footer links, languages) comes from ``openplan-site.yaml``
(:mod:`.branding`, which keeps WCAG contrast whatever colours are chosen); every text the site adds comes from
the message catalogue (:mod:`openplan.convert.html_page.messages`), in English and Welsh.

:mod:`.collect` reads each plan (in worker processes), :mod:`.pages` lays out the site's own pages and
:mod:`.build` puts it all in place in one rename. The library never prints and never exits.
"""

from __future__ import annotations

from .branding import Branding, SiteConfigError, contrast
from .build import SiteError, SiteResult, build_site

__all__ = ["Branding", "SiteConfigError", "SiteError", "SiteResult", "build_site", "contrast"]
