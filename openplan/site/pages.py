"""The site's own pages: the index of plans by year, the pledge tracker, themes across the years and the
cascade of linked plans; and what a plan's page carries of the site (its chrome)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from ..convert.html_page.chrome import shown
from ..convert.html_page.messages import Messages
from ..convert.html_page.style import STYLE
from .collect import Summary
from .links import alternate_of, nav_links, prefix_of, relative

LAYOUT = r"""<!DOCTYPE html>
<html lang="{{ t.language }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>{{ heading }}{% if site.name %} | {{ site.name }}{% endif %}</title>
<style>
""" + STYLE + r"""{{ site.css|safe }}
</style>
</head>
<body>
<header class="banner">
<a class="skip" href="#main">{{ t.skip }}</a>
<p class="site">{% if site.logo %}<img class="logo" src="{{ site.logo }}" alt="{{ site.logo_alt }}">{% endif %}{{ site.name }}</p>
<h1>{{ heading }}</h1>
{% if alternate %}<p><a href="{{ alternate[0] }}" lang="{{ other_language }}">{{ alternate[1] }}</a></p>{% endif %}
</header>
<nav aria-label="{{ t.contents }}">
<ul class="downloads">{% for href, text in nav %}<li>{% if text == heading %}<span aria-current="page">{{ text }}</span>{% else %}<a href="{{ href }}">{{ text }}</a>{% endif %}</li>{% endfor %}</ul>
</nav>
<main id="main">
{{ body|safe }}
</main>
<footer>
{% if site.footer %}<ul class="footer-links">{% for href, text in site.footer %}<li><a href="{{ href }}">{{ text }}</a></li>{% endfor %}</ul>{% endif %}
</footer>
</body>
</html>
"""

INDEX = r"""
{% if not years %}<p>{{ t.no_plans }}</p>{% endif %}
{% for year, plans in years %}
<section aria-labelledby="year-{{ loop.index }}">
<h2 id="year-{{ loop.index }}">{{ year }}</h2>
<ul class="plain">
{% for p in plans %}<li><a href="{{ href(p) }}">{{ p.title }}</a>{% if p.edition %} <span class="badge tone-neutral">{{ p.edition }}</span>{% endif %} <span class="meta">{{ p.status }}{% if p.organisation %}, {{ p.organisation }}{% endif %}{% if p.period %}. {{ p.period }}{% endif %}</span>
{% if reports.get(p.id) %}<p class="meta">{{ t.reports }}:</p><ul>{% for r in reports[p.id] %}<li><a href="{{ href(r) }}">{{ r.title }}</a>{% if r.period %} <span class="meta">({{ r.period }})</span>{% endif %}</li>{% endfor %}</ul>{% endif %}</li>
{% endfor %}
</ul>
</section>
{% endfor %}
{% if failures %}
<section aria-labelledby="not-built">
<h2 id="not-built">{{ t.not_built }}</h2>
<p>{{ t.not_built_intro }}</p>
<table>
<caption>{{ t.not_built }}</caption>
<thead><tr><th scope="col">{{ t.file }}</th><th scope="col">{{ t.errors }}</th></tr></thead>
<tbody>{% for f in failures %}<tr><th scope="row">{{ f.path }}</th><td><ul class="plain">{% for m in f.findings[:20] %}<li>{{ m.location() }}: {{ m.severity.value }} {{ m.code }} {{ m.message }}</li>{% endfor %}{% if f.findings|length > 20 %}<li>&hellip;</li>{% endif %}</ul></td></tr>{% endfor %}</tbody>
</table>
</section>
{% endif %}
"""

PLEDGES = r"""
<p>{{ t.pledge_tracker_intro }}</p>
{% for (set_title, pledge, ident), rows in pledges %}
<section aria-labelledby="pledge-{{ loop.index }}">
<h2 id="pledge-{{ loop.index }}">{% if pledge %}{{ pledge }}{% else %}{{ set_title }}{% endif %}</h2>
{% if pledge %}<p class="meta">{{ t.pledge_set }}: {{ set_title }}</p>{% endif %}
<table>
<caption>{{ t.delivered_by }}</caption>
<thead><tr><th scope="col">{{ t.plan }}</th><th scope="col">{{ t.linked_work }}</th><th scope="col">{{ t.latest_status }}</th></tr></thead>
<tbody>{% for p, d in rows %}<tr><th scope="row"><a href="{{ href(p) }}">{{ p.title }}</a>{% if p.edition %} ({{ p.edition }}){% endif %}</th>
<td>{% if d %}<a href="{{ href(p) }}#item-{{ d.item }}">{{ d.name }}</a>{% if d.link_type %} <span class="meta">({{ d.link_type|lower }})</span>{% endif %}{% else %}<span class="none">{{ t.not_linked }}</span>{% endif %}</td>
<td>{% if d and d.status %}<span class="badge tone-{{ d.tone }}">{{ d.status }}</span>{% elif d %}<span class="none">{{ t.no_status_badge }}</span>{% endif %}</td></tr>{% endfor %}</tbody>
</table>
</section>
{% endfor %}
"""

THEMES = r"""
<p>{{ t.themes_intro }}</p>
{% for title, rows in themes %}
<section aria-labelledby="theme-{{ loop.index }}">
<h2 id="theme-{{ loop.index }}">{{ title }}</h2>
<ul class="plain">{% for p, ident, name in rows %}<li><a href="{{ href(p) }}#item-{{ ident }}">{{ name }}</a> <span class="meta">({{ p.title }}{% if p.edition %}, {{ p.edition }}{% endif %})</span></li>{% endfor %}</ul>
</section>
{% endfor %}
"""

CASCADE = r"""
{% if not links %}<p>{{ t.no_plans }}</p>{% endif %}
{% for child, parent, relation, rows in links %}
<section aria-labelledby="link-{{ loop.index }}">
<h2 id="link-{{ loop.index }}"><a href="{{ href(child) }}">{{ child.title }}</a></h2>
<p>{{ t.sits_under }}: {% if parent.page %}<a href="{{ parent.page }}">{{ parent.title }}</a>{% else %}{{ parent.title }} <span class="meta">({{ t.not_on_site }})</span>{% endif %}{% if relation %} <span class="meta">({{ relation|replace("-", " ") }})</span>{% endif %}</p>
{% if rows %}<table>
<caption>{{ t.serves_parent }}</caption>
<thead><tr><th scope="col">{{ t.what }}</th><th scope="col">{{ t.serves }}</th></tr></thead>
<tbody>{% for ident, name, target, target_href in rows %}<tr><th scope="row"><a href="{{ href(child) }}#item-{{ ident }}">{{ name }}</a></th><td>{% if target_href %}<a href="{{ target_href }}">{{ target }}</a>{% else %}{{ target }}{% endif %}</td></tr>{% endfor %}</tbody>
</table>{% endif %}
</section>
{% endfor %}
"""


@lru_cache(maxsize=None)
def _template(text: str):
    from jinja2 import Environment, StrictUndefined

    return Environment(autoescape=True, undefined=StrictUndefined, finalize=shown).from_string(text)


def page(state: dict[str, Any], name: str, key: str, body: str, language: str, **values: Any) -> tuple[str, str]:
    """One of the site's pages in ``language``: (where it goes, its HTML)."""
    t = Messages(language)
    where = prefix_of(state, language) + name

    def href(summary: Summary) -> str:
        return relative(where, f"{prefix_of(state, language)}{summary.folder}/index.html")

    inner = _template(body).render(t=t, href=href, **values)
    site = {k: state[k] for k in ("name", "logo", "logo_alt", "css", "footer")}
    alternate = alternate_of(state, where, language)
    other = next((code for code in state["languages"] if code != language), "en")
    return where, _template(LAYOUT).render(t=t, heading=t[key], site=site, nav=nav_links(state, where, language, t),
                                           body=inner, alternate=alternate, other_language=other)


def years(summaries: list[Summary]) -> list[tuple[str, list[Summary]]]:
    """Plans grouped by the year they start, newest first; editions of a year together."""
    groups: dict[str, list[Summary]] = {}
    for summary in sorted(summaries, key=lambda s: (s.start, s.title, s.edition)):
        groups.setdefault(summary.year or summary.start[:4] or "", []).append(summary)
    return sorted(groups.items(), key=lambda pair: min(s.start for s in pair[1]), reverse=True)


def pledge_rows(summaries: list[Summary]) -> list[tuple[tuple[str, str, str], list[tuple[Summary, Any]]]]:
    """Each pledge (and pledge set), with every plan that knows it and the work in it that delivers it."""
    found: dict[str, tuple[tuple[str, str, str], list]] = {}
    for summary in sorted(summaries, key=lambda s: (s.start, s.edition)):
        for set_title, pledge, ident, work in summary.pledges:
            entry = found.setdefault(ident, ((set_title, pledge, ident), []))
            entry[1].extend((summary, d) for d in work) if work else entry[1].append((summary, None))
    return list(found.values())


def theme_rows(summaries: list[Summary]) -> list[tuple[str, list[tuple[Summary, str, str]]]]:
    """Themes followed across the plans: the same id, or a theme that says it continues another (same_as)."""
    root: dict[str, str] = {}
    titles: dict[str, str] = {}
    for summary in summaries:
        for ident, title, same_as in summary.themes:
            if same_as:
                root[ident] = same_as
            titles.setdefault(ident, title)

    def home(ident: str) -> str:
        seen = set()
        while ident in root and ident not in seen:
            seen.add(ident)
            ident = root[ident]
        return ident

    groups: dict[str, list] = {}
    for summary in sorted(summaries, key=lambda s: (s.start, s.edition)):
        for ident, title, _ in summary.themes:
            groups.setdefault(home(ident), []).append((summary, ident, title))
    return [(rows[-1][2] or titles.get(key, key), rows) for key, rows in groups.items()]


def cascade_rows(summaries: list[Summary], state: dict[str, Any], language: str):
    """Each plan that sits under another, and the work in it that serves the other's items."""
    by_id = {s.id: s for s in summaries}
    where = prefix_of(state, language) + "cascade.html"
    found = []
    for child in summaries:
        for parent in child.parents:
            ident = str(parent.get("id", ""))
            known = by_id.get(ident)
            page = relative(where, f"{prefix_of(state, language)}{known.folder}/index.html") if known else ""
            shown = {"title": (known.title if known else "") or str(parent.get("title") or ident), "page": page}
            rows = []
            for item, name, links in child.serves:
                for link in links:
                    if link.get("plan") != ident:
                        continue
                    target_item = str(link.get("item", ""))
                    label = known.names.get(target_item, target_item) if known else target_item
                    if link.get("number") and not known:
                        label = f"{link['number']} ({target_item})"
                    rows.append((item, name, label, f"{page}#item-{target_item}" if known else ""))
            found.append((child, shown, str(parent.get("relation") or ""), rows))
    return found
