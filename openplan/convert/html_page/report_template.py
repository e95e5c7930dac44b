"""The Jinja template of a progress report's page (see :mod:`.report`)."""

from __future__ import annotations

from .style import STYLE

REPORT_TEMPLATE = r"""<!DOCTYPE html>
<html lang="{{ page_language }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="openplan {{ version }}">
<title>{{ title }}{% if organisation %} | {{ organisation }}{% endif %}</title>
<style>
""" + STYLE + r"""{% if chrome.css %}{{ chrome.css|safe }}{% endif %}
</style>
</head>
<body>
{%- macro badge(s) -%}
{%- if s.reported and s.label %} <span class="badge tone-{{ s.tone }}">{{ s.label }}</span>{% endif -%}
{%- endmacro -%}
<header class="banner">
<a class="skip" href="#main">{{ t.skip }}</a>
{% if chrome.site_name or chrome.logo %}<p class="site">{% if chrome.logo %}<img class="logo" src="{{ chrome.logo }}" alt="{{ chrome.logo_alt or chrome.site_name }}">{% endif %}{% if chrome.home %}<a href="{{ chrome.home }}">{{ chrome.site_name or t.site_home }}</a>{% else %}{{ chrome.site_name }}{% endif %}</p>{% endif %}
{% if chrome.nav %}<nav aria-label="{{ chrome.site_name or t.site_home }}"><ul class="downloads">{% for href, text in chrome.nav %}<li><a href="{{ href }}">{{ text }}</a></li>{% endfor %}</ul></nav>{% endif %}
{% if organisation %}<p class="org">{{ organisation }}</p>{% endif %}
<h1>{{ title }}</h1>
<p class="lede">{{ t.f("report_on", plan=plan_title) }}{% if period %}. {{ t.report_period }}: {{ period }}{% endif %}{% if as_of %}. {{ t.as_of }} {{ as_of }}{% endif %}{% if published %}. {{ t.published }}: {{ published }}{% endif %}</p>
</header>
<main id="main">
<section aria-labelledby="summary">
<h2 id="summary">{{ t.at_a_glance }}</h2>
{% set rated = areas|selectattr("counts")|list %}
{% if rated %}
<h3>{{ t.f("rag_by_area", level=levels.name("area").lower()) }}</h3>
<ul class="plain rag-chart" aria-hidden="true">{% for a in rated %}<li><span class="meta">{{ a.name }}</span><div class="stack">{% for c in a.counts %}<span class="tone-{{ c.tone }}" style="width: {{ c.share }}%"></span>{% endfor %}</div></li>{% endfor %}</ul>
<table>
<caption>{{ t.f("rag_by_area", level=levels.name("area").lower()) }}</caption>
<thead><tr><th scope="col">{{ levels.name("area") }}</th><th scope="col">{{ t.rag }}</th></tr></thead>
<tbody>{% for a in rated %}<tr><th scope="row">{{ a.name }}</th><td>{% for c in a.counts %}<span class="badge tone-{{ c.tone }}">{{ c.label }}: {{ c.count }}</span> {% endfor %}</td></tr>{% endfor %}</tbody>
</table>
{% endif %}
<h3>{{ t.moved }}</h3>
{% if moved %}<ul class="plain">{% for u in moved %}<li><a href="#update-{{ u.id }}">{{ u.name }}</a>: {{ t.was }} {{ u.before.label }}, {{ t.now }}{{ badge(u.status) }}</li>{% endfor %}</ul>
{% else %}<p>{{ t.moved_none }}</p>{% endif %}
</section>
{% if areas %}
<section aria-labelledby="updates">
<h2 id="updates">{{ t.updates }}</h2>
{% for a in areas %}
<h3>{{ a.name }}</h3>
<ul class="plain">
{% for u in a.updates %}<li id="update-{{ u.id }}"><p class="output-head"><strong>{{ u.name }}</strong>{{ badge(u.status) }}</p>
{% if u.status.percent is not none %}<p class="meter"><span class="meter-track" aria-hidden="true"><span class="meter-fill tone-{{ u.status.tone }}" style="width: {{ u.status.bar }}%"></span></span> {{ u.status.percent_text }} {{ t.complete }}</p>{% endif %}
{% if u.status.revised_due %}<p class="meta">{{ t.revised_due }}: {{ u.status.revised_due.label }}</p>{% endif %}
{% if u.status.commentary %}<p class="commentary">{{ u.status.commentary }}</p>{% endif %}
{% if u.reason %}<p class="meta">{{ u.reason }}</p>{% endif %}</li>
{% endfor %}
</ul>
{% endfor %}
</section>
{% endif %}
{% if results %}
<section aria-labelledby="results">
<h2 id="results">{{ t.results }}</h2>
<table>
<caption>{{ t.results }}</caption>
<thead><tr><th scope="col">{{ t.indicator }}</th><th scope="col">{{ t.result }}</th><th scope="col">{{ t.target }}</th><th scope="col">{{ t.rag }}</th><th scope="col">{{ t.trend }}</th></tr></thead>
<tbody>{% for r in results %}<tr><th scope="row">{{ r.name }}{% if r.note %}<br><span class="meta">{{ r.note }}</span>{% endif %}</th><td>{{ r.value }}</td><td>{{ r.target }}</td>
<td>{% if r.rag %}<span class="badge tone-{{ rag_tone.get(r.rag_code, 'neutral') }}">{{ r.rag }}</span>{% if r.worked_out %} <span class="meta">({{ t.worked_out }})</span>{% endif %}{% else %}<span class="none">{{ t.no_rating }}</span>{% endif %}</td><td>{{ r.trend }}</td></tr>{% endfor %}</tbody>
</table>
</section>
{% endif %}
</main>
<footer>
{% if chrome.footer %}<ul class="footer-links">{% for href, text in chrome.footer %}<li><a href="{{ href }}">{{ text }}</a></li>{% endfor %}</ul>{% endif %}
<p>{{ t.f("generated", id=report.get("id", ""), schema=schema_version, version=version) }}</p>
</footer>
</body>
</html>
"""
