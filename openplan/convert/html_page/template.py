"""The page's Jinja template: one self-contained, accessible HTML file that residents read first.

Order: what the plan is and how it is going, then the plan by area (the plan's own objectives beside the areas
they serve), the timeline, indicators, pledges and the rest; the edition's history condensed; internal material
only when asked for, as an appendix. Every text the page adds comes from the message catalogue ``t``.
"""

from __future__ import annotations

from .chart import CHART_MACRO
from .style import STYLE

TEMPLATE = r"""<!DOCTYPE html>
<html lang="{{ page_language }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="openplan {{ version }}">
<title>{{ plan.title }}{% if plan.organisation %} | {{ plan.organisation }}{% endif %}</title>
<style>
""" + STYLE + r"""{% if chrome.css %}{{ chrome.css|safe }}{% endif %}
</style>
</head>
<body>
{%- macro link(l) -%}
{%- if l.local %}<a href="#item-{{ l.id }}">{{ l.name }}</a>{% else %}{{ l.name }}{% endif -%}
{%- endmacro -%}
{%- macro people(links) -%}
{%- for l in links %}{{ link(l) }}{% if l.detail %} ({{ l.detail|lower }}){% endif %}{% if l.note %}: {{ l.note }}{% endif %}{% if not loop.last %}; {% endif %}{% endfor -%}
{%- endmacro -%}
{%- macro when(d) -%}
{%- if d.tbc and not d.span %}<span class="tbc">{{ d.label }}</span>{% if d.text and d.text != "TBC" %} ({{ t.to_be_confirmed|lower }}){% endif %}{% else %}{{ d.label }}{% if d.span_label and d.span_label != d.label %} <span class="meta">({{ d.span_label }})</span>{% endif %}{% endif %}{% if d.relation and d.text %} <span class="meta">({{ d.relation }})</span>{% endif %}{% if d.recurrence %} <span class="meta">({{ d.recurrence|lower }})</span>{% endif %}{% if d.note %} <span class="meta">{{ d.note }}</span>{% endif -%}
{%- endmacro -%}
{%- macro paragraphs(text) -%}
{%- for para in text.split("\n\n") if para.strip() %}<p>{% for line in para.strip().split("\n") %}{{ line }}{% if not loop.last %}<br>{% endif %}{% endfor %}</p>
{% endfor -%}
{%- endmacro -%}
{%- macro statements(items) -%}
<ul class="plain">
{%- for s in items %}
<li{% if s.id %} id="item-{{ s.id }}"{% endif %}>{% if s.number %}<span class="num">{{ s.number }}</span> {% endif %}{{ s.text }}{% if s.items %}{{ statements(s.items) }}{% endif %}</li>
{%- endfor %}
</ul>
{%- endmacro -%}
{%- macro badge(s) -%}
{%- if s.reported and s.label %} <span class="badge tone-{{ s.tone }}">{{ s.label }}</span>{% endif -%}
{%- endmacro -%}
{%- macro meter(s) -%}
{%- if s.percent is not none %}<p class="meter"><span class="meter-track" aria-hidden="true"><span class="meter-fill tone-{{ s.tone }}" style="width: {{ s.bar }}%"></span></span> {{ s.percent_text }} {{ t.complete }}</p>{% endif -%}
{%- endmacro -%}
""" + CHART_MACRO + r"""
{%- macro indicator_table(ind) -%}
{%- if charts.get(ind.id) %}{{ chart(charts[ind.id]) }}{% else %}
<table>
<caption>{{ t.indicator }}: {{ ind.title }}{% if ind.unit %} ({{ ind.unit }}){% endif %}</caption>
<thead><tr><th scope="col">{{ t.what }}</th><th scope="col">{{ t.value }}</th><th scope="col">{{ t.when }}</th></tr></thead>
<tbody>
{%- if ind.baseline %}<tr><th scope="row">{{ t.baseline }}</th><td>{{ ind.baseline }}</td><td></td></tr>{% endif %}
{%- for value, due in ind.targets %}<tr><th scope="row">{{ t.target }}</th><td>{{ value }}</td><td>{{ due }}</td></tr>{% endfor %}
{%- for day, value, status in ind.actuals %}<tr><th scope="row">{{ t.actual }}{% if status %} ({{ status|lower }}){% endif %}</th><td>{{ value }}</td><td>{{ day }}</td></tr>{% endfor %}
</tbody>
</table>{% endif %}
{%- if ind.direction or ind.source %}<p class="meta">{% if ind.direction %}{{ ind.direction }}. {% endif %}{% if ind.source %}{{ t.source }}: {{ ind.source }}{% endif %}</p>{% endif %}
{%- endmacro -%}
{%- macro details(e) -%}
{%- set s = status.get(e.id, no_status) -%}
{{ meter(s) }}
{%- if e.due %}<p class="meta">{{ t.due }}: {{ when(e.due) }}</p>{% endif %}
{%- if s.revised_due %}<p class="meta">{{ t.revised_due }}: {{ when(s.revised_due) }}</p>{% endif %}
{%- if e.owners %}<p class="meta">{{ t.owners }}: {{ people(e.owners) }}</p>{% endif %}
{%- if s.commentary %}<p class="commentary">{{ t.latest_update }}{% if s.when %} ({{ s.when }}){% endif %}: {{ s.commentary }}</p>{% endif %}
{%- if e.serves_plans %}<p class="meta">{{ t.serves }}: {{ people(e.serves_plans) }}</p>{% endif %}
{%- if e.beneficiaries %}<p class="meta">{{ t.beneficiaries }}: {{ e.beneficiaries|join("; ") }}</p>{% endif %}
{%- if e.locations %}<p class="meta">{{ t.locations }}: {{ e.locations|join("; ") }}</p>{% endif %}
{%- if e.tags %}<p class="meta">{{ t.tags }}: {{ e.tags|join("; ") }}</p>{% endif %}
{%- if e.confidence %}<p class="meta">{{ e.confidence }}</p>{% endif %}
{%- if e.themes %}<p class="meta">{{ t.themes }}: {% for x in e.themes %}{{ link(x) }}{% if not loop.last %}; {% endif %}{% endfor %}</p>{% endif %}
{%- if e.pledges %}<p class="meta">{{ t.pledges }}: {{ people(e.pledges) }}</p>{% endif %}
{%- if e.events %}<p class="meta">{{ t.events }}: {% for x in e.events %}{{ link(x) }}{% if not loop.last %}; {% endif %}{% endfor %}</p>{% endif %}
{%- if e.sub_items %}{{ statements(e.sub_items) }}{% endif %}
{%- for ind in e.indicators %}{{ indicator_table(ind) }}{% endfor %}
{%- if e.progress|length > 1 %}
<table>
<caption>{{ t.progress_updates }}: {{ e.heading|truncate(80, true, "\u2026", 0) }}</caption>
<thead><tr><th scope="col">{{ t.date }}</th><th scope="col">{{ t.status }}</th><th scope="col">{{ t.rag }}</th><th scope="col">{{ t.complete|capitalize }}</th><th scope="col">{{ t.commentary }}</th></tr></thead>
<tbody>{% for p in e.progress %}<tr><td>{{ p.date }}</td><td>{{ p.status }}</td><td>{{ p.rag }}</td><td>{{ p.percent }}</td><td>{{ p.value }}{% if p.value and p.note %}; {% endif %}{{ p.note }}</td></tr>{% endfor %}</tbody>
</table>
{%- endif %}
{%- for n in e.notes %}{{ note(n) }}{% endfor %}
{%- endmacro -%}
{%- macro note(n) -%}
<div class="note"><p><strong>{{ n.title or n.kind }}</strong>{% if n.title %} <span class="meta">({{ n.kind|lower }})</span>{% endif %}</p>
{{ paragraphs(n.text) }}{% if n.items %}{{ statements(n.items) }}{% endif %}
{%- if n.applies_to %}<p class="meta">{% for x in n.applies_to %}{{ link(x) }}{% if not loop.last %}; {% endif %}{% endfor %}</p>{% endif %}</div>
{%- endmacro -%}
{%- macro objective(o, level=4) -%}
<h{{ level }} id="item-{{ o.id }}">{{ o.heading }}{{ badge(status.get(o.id, no_status)) }}</h{{ level }}>
{% if o.parent %}<p class="meta">{{ t.part_of }} {{ link(o.parent) }}</p>{% endif %}
{% if o.text %}<p class="outcome">{{ t.outcome }}: {{ o.text }}</p>{% endif %}
{{ paragraphs(o.description) }}
{{ details(o) }}
{% if o.children %}
<ol class="outputs" aria-label="{{ levels.name('output', raw.get(o.children[0].id), true) }}: {{ o.heading|truncate(80, true, '\u2026', 0) }}">
{% for out in o.children %}
<li id="item-{{ out.id }}" value="{{ loop.index }}"><p class="output-head">{% if out.number %}<span class="num">{{ out.number }}.</span> {% endif %}{% if out.text %}<strong>{{ out.title }}</strong>{% else %}{{ out.title }}{% endif %}{{ badge(status.get(out.id, no_status)) }}</p>
{% if out.text %}<p>{{ out.text }}</p>{% endif %}
{{ details(out) }}</li>
{% endfor %}
</ol>
{% endif %}
{%- endmacro -%}
{%- macro apart() -%}{# the plan's own objectives that relate to no area: a part of their own beside the areas #}
{%- if plan.areas %}<section aria-labelledby="plan-wide"><h3 id="plan-wide">{{ t.across_plan }}</h3>
{% for o in plan.objectives_apart %}{{ objective(o) }}{% endfor %}</section>{% else %}{% for o in plan.objectives_apart %}{{ objective(o, 3) }}{% endfor %}{% endif %}
{%- endmacro -%}
<header class="banner">
<a class="skip" href="#main">{{ t.skip }}</a>
{% if chrome.site_name or chrome.logo %}<p class="site">{% if chrome.logo %}<img class="logo" src="{{ chrome.logo }}" alt="{{ chrome.logo_alt or chrome.site_name }}">{% endif %}{% if chrome.home %}<a href="{{ chrome.home }}">{{ chrome.site_name or t.site_home }}</a>{% else %}{{ chrome.site_name }}{% endif %}</p>{% endif %}
{% if chrome.nav %}<nav aria-label="{{ chrome.site_name or t.site_home }}"><ul class="downloads">{% for href, text in chrome.nav %}<li><a href="{{ href }}">{{ text }}</a></li>{% endfor %}</ul></nav>{% endif %}
{% if plan.organisation %}<p class="org">{{ plan.organisation }}</p>{% endif %}
<h1>{{ plan.title }}</h1>
<p class="lede">{% if plan.period %}{{ plan.period }}. {% endif %}<span class="status status-{{ plan.status_code }}">{{ plan.status }}</span></p>
{% if chrome.alternate %}<p><a href="{{ chrome.alternate[0] }}" lang="{{ 'en' if page_language == 'cy' else 'cy' }}">{{ chrome.alternate[1] }}</a></p>{% endif %}
</header>
<nav aria-label="{{ t.contents }}">
<h2 id="contents">{{ t.contents }}</h2>
<ol class="contents">
<li><a href="#summary">{{ t.at_a_glance }}</a></li>
{% if chrome.downloads %}<li><a href="#downloads">{{ t.downloads }}</a></li>{% endif %}
{% if plan.areas or plan_objectives %}<li><a href="#areas">{{ areas_heading }}</a></li>{% endif %}
{% if timeline %}<li><a href="#timeline">{{ t.timeline }}</a></li>{% endif %}
{% if top_indicators %}<li><a href="#indicators">{{ t.indicators }}</a></li>{% endif %}
{% if plan.milestones %}<li><a href="#milestones">{{ levels.name("milestone", none, true) }}</a></li>{% endif %}
{% if plan.pledges or plan.plan_pledges %}<li><a href="#pledges">{{ t.pledge_coverage }}</a></li>{% endif %}
{% if parents or serves or chrome.served_by %}<li><a href="#cascade">{{ t.cascade }}</a></li>{% endif %}
{% if plan.summary or plan.recommendations or plan.implications %}<li><a href="#report">{{ t.report }}</a></li>{% endif %}
{% if plan.sections %}<li><a href="#sections">{{ t.foreword }}</a></li>{% endif %}
{% if plan.themes %}<li><a href="#themes">{{ t.themes }}</a></li>{% endif %}
{% if plan.events %}<li><a href="#events">{{ t.events }}</a></li>{% endif %}
{% if plan.principles %}<li><a href="#principles">{{ t.principles }}</a></li>{% endif %}
{% if plan.notes %}<li><a href="#notes">{{ t.notes }}</a></li>{% endif %}
{% if plan.glossary %}<li><a href="#glossary">{{ t.glossary }}</a></li>{% endif %}
<li><a href="#about">{{ t.about }}</a></li>
{% if include_internal %}<li><a href="#internal">{{ t.internal }}</a></li>{% endif %}
</ol>
</nav>
<main id="main"{% if page_language != plan.language %} lang="{{ plan.language }}"{% endif %}>
<section aria-labelledby="summary" class="summary">
<h2 id="summary">{{ t.at_a_glance }}</h2>
<dl class="facts">
{% if plan.organisation %}<dt>{{ t.what_this_is }}</dt><dd>{{ plan.title }}, {{ plan.organisation }}</dd>{% endif %}
{% if plan.period %}<dt>{{ t.period }}</dt><dd>{{ plan.period }}</dd>{% endif %}
<dt>{{ t.status }}</dt><dd>{{ plan.status }}{% for f in plan.facts if f.label == "Edition" %}, {{ f.value }}{% endfor %}</dd>
</dl>
{% if overview.sizes %}<h3>{{ t.in_numbers }}</h3>
<ul class="sizes">{% for name, count in overview.sizes %}<li><span class="size">{{ count }}</span> {{ name|lower }}</li>{% endfor %}</ul>{% endif %}
<h3>{{ t.status_overview }}</h3>
{% if overview.reported %}
{% for title, counts in ((t.by_status, overview.by_status), (t.by_rag, overview.by_rag)) if counts %}
<div class="stack" aria-hidden="true">{% for c in counts %}<span class="tone-{{ c.tone }}" style="width: {{ c.share }}%"></span>{% endfor %}</div>
<table class="counts">
<caption>{{ title }}</caption>
<thead><tr><th scope="col">{{ t.status }}</th><th scope="col">{{ t.count }}</th><th scope="col">{{ t.share }}</th></tr></thead>
<tbody>{% for c in counts %}<tr><th scope="row"><span class="badge tone-{{ c.tone }}">{{ c.label }}</span></th><td>{{ c.count }}</td><td>{{ c.share }}%</td></tr>{% endfor %}</tbody>
</table>
{% endfor %}
{% else %}<p>{{ t.no_status }}</p>{% endif %}
</section>
{% if chrome.downloads %}
<section aria-labelledby="downloads">
<h2 id="downloads">{{ t.downloads }}</h2>
<ul class="downloads">{% for href, fmt in chrome.downloads %}<li><a href="{{ href }}" download>{{ t.f("download_as", format=fmt) }}</a></li>{% endfor %}</ul>
</section>
{% endif %}
{% if plan.areas or plan_objectives %}
<section aria-labelledby="areas">
<h2 id="areas">{{ areas_heading }}</h2>
{% if plan.objectives_apart and (plan.objectives_first or not plan.areas) %}{{ apart() }}{% endif %}
{% for a in plan.areas %}
<section aria-labelledby="item-{{ a.id }}">
<h3 id="item-{{ a.id }}">{{ a.heading }}{{ badge(status.get(a.id, no_status)) }}</h3>
<p class="meta">{{ levels.name("area", raw.get(a.id)) }}{% if a.kind and a.kind != levels.name("area", raw.get(a.id)) %} ({{ a.kind|lower }}){% endif %}{% if a.parent %}, {{ t.within }} {{ link(a.parent) }}{% endif %}</p>
{% if a.owners %}<p class="meta">{{ t.owners }}: {{ people(a.owners) }}</p>{% endif %}
{{ paragraphs(a.description) }}
{% for n in a.notes %}{{ note(n) }}{% endfor %}
{% if a.also_served_by %}<p class="meta">{{ t.also_served_by }}: {% for x in a.also_served_by %}{{ link(x) }}{% if not loop.last %}; {% endif %}{% endfor %}</p>{% endif %}
{% for o in a.objectives + a.beside %}{{ objective(o) }}{% endfor %}
</section>
{% endfor %}
{% if plan.objectives_apart and plan.areas and not plan.objectives_first %}{{ apart() }}{% endif %}
</section>
{% endif %}
{% if timeline %}
<section aria-labelledby="timeline">
<h2 id="timeline">{{ t.timeline }}</h2>
<p>{{ t.f("timeline_intro", level=levels.name("area").lower()) }}{% if timeline.today is not none %} <span class="today-key" aria-hidden="true"></span> {{ t.today }}: {{ timeline.today_label }}.{% endif %}</p>
{% if timeline.ticks %}<div class="tl-scale" aria-hidden="true"><span></span><span class="tl-ticks">{% for k in timeline.ticks %}<span style="left: {{ k.x }}%">{{ k.label }}</span>{% endfor %}</span></div>{% endif %}
{% for g in timeline.groups %}
<h3 class="tl-group">{% if g.id %}<a href="#item-{{ g.id }}">{{ g.heading }}</a>{% else %}{{ g.heading }}{% endif %}</h3>
<ol class="tl">
{% for b in g.bars %}<li><span class="tl-label"><a href="#item-{{ b.id }}">{{ b.heading|truncate(120, true, "\u2026", 0) }}</a> <span class="tl-when">{{ b.kind }}: {% if b.when %}{{ b.when.label }}{% else %}{{ t.no_date }}{% endif %}{% if b.status.reported %}. {{ b.status.label }}{% endif %}</span></span>
<span class="tl-track" aria-hidden="true">{% if timeline.today is not none %}<span class="tl-today" style="left: {{ timeline.today }}%"></span>{% endif %}{% if b.shape == "day" %}<span class="tl-day tone-{{ b.status.tone }}" style="left: {{ b.x }}%"></span>{% elif b.shape == "tbc" %}<span class="tl-tbc">{{ t.to_be_confirmed }}</span>{% else %}<span class="tl-bar tl-{{ b.shape }} tone-{{ b.status.tone }}" style="left: {{ b.x }}%; width: {{ b.width }}%"></span>{% endif %}</span></li>
{% endfor %}
</ol>
{% endfor %}
</section>
{% endif %}
{% if top_indicators %}
<section aria-labelledby="indicators">
<h2 id="indicators">{{ t.indicators }}</h2>
{% for ind in indicator_view(top_indicators) %}
<h3 id="item-{{ ind.id }}">{{ ind.title }}</h3>
{{ indicator_table(ind) }}
{% endfor %}
</section>
{% endif %}
{% if plan.milestones %}
<section aria-labelledby="milestones">
<h2 id="milestones">{{ levels.name("milestone", none, true) }}</h2>
<table>
<caption>{{ levels.name("milestone", none, true) }}</caption>
<thead><tr><th scope="col">{{ t.milestone }}</th><th scope="col">{{ t.due }}</th><th scope="col">{{ t.serves }}</th><th scope="col">{{ t.owners }}</th></tr></thead>
<tbody>
{% for m in plan.milestones %}<tr id="item-{{ m.id }}"><th scope="row">{{ m.heading }}{{ badge(status.get(m.id, no_status)) }}{% if m.parent %}<br><span class="meta">{{ t.part_of }} {{ link(m.parent) }}</span>{% endif %}</th>
<td>{% if m.due %}{{ when(m.due) }}{% else %}<span class="none">{{ t.no_date }}</span>{% endif %}{% set s = status.get(m.id, no_status) %}{% if s.revised_due %}<br>{{ t.revised_due }}: {{ when(s.revised_due) }}{% endif %}</td>
<td>{% for x in m.serves %}{{ link(x) }}{% if not loop.last %}; {% endif %}{% endfor %}</td>
<td>{{ people(m.owners) }}</td></tr>
{% endfor %}
</tbody>
</table>
{% for m in plan.milestones if m.description or m.events or m.themes or m.pledges or m.indicators or m.progress or m.notes %}
<h3>{{ m.heading }}</h3>
{{ paragraphs(m.description) }}
{{ details(m) }}
{% endfor %}
</section>
{% endif %}
{% if plan.pledges or plan.plan_pledges %}
<section aria-labelledby="pledges">
<h2 id="pledges">{{ t.pledge_coverage }}</h2>
{% if plan.plan_pledges %}<p>{{ t.plan_as_whole }}: {{ people(plan.plan_pledges) }}</p>{% endif %}
{% if plan.pledges %}
<table>
<caption>{{ t.pledge_coverage }}</caption>
<thead><tr><th scope="col">{{ t.pledge_set }}</th><th scope="col">{{ t.pledge }}</th><th scope="col">{{ t.linked_work }}</th></tr></thead>
<tbody>
{% for row in plan.pledges %}<tr><td>{{ row.set_title }}</td><td>{% if row.pledge %}{{ row.pledge }}{% else %}<span class="meta">{{ t.whole_set }}</span>{% endif %}</td>
<td>{% if row.links %}{{ people(row.links) }}{% else %}<span class="none">{{ t.not_linked }}</span>{% endif %}</td></tr>
{% endfor %}
</tbody>
</table>
{% endif %}
</section>
{% endif %}
{% if parents or serves or chrome.served_by %}
<section aria-labelledby="cascade">
<h2 id="cascade">{{ t.cascade }}</h2>
{% if parents %}<h3>{{ t.sits_under }}</h3>
<ul class="plain">{% for p in parents %}{% set href = chrome.plans.get(p.get("id")) %}{% set url = safe_url(p.get("url") or "") %}
<li>{% if href %}<a href="{{ href }}">{% elif url %}<a href="{{ url }}">{% endif %}{{ p.get("title") or chrome.plan_titles.get(p.get("id")) or p.get("id") }}{% if href or url %}</a>{% endif %}{% if p.get("relation") %} <span class="meta">({{ p.get("relation")|replace("-", " ") }})</span>{% endif %}{% if p.get("note") %}: {{ p.get("note") }}{% endif %}</li>
{% endfor %}</ul>{% endif %}
{% if serves %}<table>
<caption>{{ t.serves_parent }}</caption>
<thead><tr><th scope="col">{{ t.what }}</th><th scope="col">{{ t.serves }}</th></tr></thead>
<tbody>{% for ident, name, links in serves %}<tr><th scope="row"><a href="#item-{{ ident }}">{{ name }}</a></th><td>{% for s in links %}{% set href = chrome.plans.get(s.get("plan")) %}{% if href %}<a href="{{ href }}#item-{{ s.get('item') }}">{% endif %}{{ chrome.plan_titles.get(s.get("plan")) or s.get("plan") }}: {% if s.get("number") %}{{ s.get("number") }} {% endif %}{{ s.get("item") }}{% if href %}</a>{% endif %}{% if s.get("relation") %} <span class="meta">({{ s.get("relation")|replace("-", " ") }})</span>{% endif %}{% if not loop.last %}; {% endif %}{% endfor %}</td></tr>{% endfor %}</tbody>
</table>{% endif %}
{% if chrome.served_by %}<table>
<caption>{{ t.served_by }}</caption>
<thead><tr><th scope="col">{{ t.what }}</th><th scope="col">{{ t.delivered_by }}</th></tr></thead>
<tbody>{% for here, work, title, href in chrome.served_by %}<tr><th scope="row">{{ here }}</th><td><a href="{{ href }}">{{ title }}: {{ work }}</a></td></tr>{% endfor %}</tbody>
</table>{% endif %}
</section>
{% endif %}
{% if plan.summary or plan.recommendations or plan.implications or plan.appendices %}
<section aria-labelledby="report">
<h2 id="report">{{ t.report }}</h2>
{% if plan.summary %}<h3>{{ t.summary }}</h3>{{ paragraphs(plan.summary) }}{% endif %}
{% if plan.recommendations %}<h3>{{ t.recommendations }}</h3>{{ statements(plan.recommendations) }}{% endif %}
{% if plan.implications %}<h3>{{ t.implications }}</h3>{% for heading, text in plan.implications %}<h4>{{ heading }}</h4>{{ paragraphs(text) }}{% endfor %}{% endif %}
{% if plan.appendices %}<h3>{{ t.appendices }}</h3><ul>{% for a in plan.appendices %}<li>{{ a }}</li>{% endfor %}</ul>{% endif %}
</section>
{% endif %}
{% if plan.sections %}
<section aria-labelledby="sections">
<h2 id="sections">{{ t.foreword }}</h2>
{% for s in plan.sections %}
<h3 id="item-{{ s.id }}">{{ s.heading }}</h3>
{% if s.authors %}<p class="meta">{{ people(s.authors) }}</p>{% endif %}
{{ paragraphs(s.text) }}{% if s.items %}{{ statements(s.items) }}{% endif %}
{% endfor %}
</section>
{% endif %}
{% if plan.themes %}
<section aria-labelledby="themes">
<h2 id="themes">{{ t.themes }}</h2>
{% for th in plan.themes %}
<h3 id="item-{{ th.id }}">{% if th.number %}{{ th.number }} {% endif %}{{ th.title }}</h3>
{{ paragraphs(th.description) }}
{% if th.same_as %}<p class="meta">{{ t.continues }}: {{ th.same_as.name }}</p>{% endif %}
{% if th.commitments %}{{ statements(th.commitments) }}{% endif %}
{% if th.related %}<p class="meta">{{ t.linked_work }}: {% for r in th.related %}{{ link(r) }}{% if not loop.last %}; {% endif %}{% endfor %}</p>{% endif %}
{% endfor %}
</section>
{% endif %}
{% if plan.events %}
<section aria-labelledby="events">
<h2 id="events">{{ t.events }}</h2>
<table>
<caption>{{ t.events }}</caption>
<thead><tr><th scope="col">{{ t.event }}</th><th scope="col">{{ t.kind }}</th><th scope="col">{{ t.date }}</th></tr></thead>
<tbody>{% for e, d, kind, about in plan.events %}<tr id="item-{{ e.id }}"><th scope="row">{{ e.name }}{% if about %}<br><span class="meta">{{ about }}</span>{% endif %}</th><td>{{ kind }}</td><td>{{ when(d) }}</td></tr>
{% endfor %}</tbody>
</table>
</section>
{% endif %}
{% if plan.principles %}
<section aria-labelledby="principles">
<h2 id="principles">{{ t.principles }}</h2>
{{ statements(plan.principles) }}
</section>
{% endif %}
{% if plan.notes %}
<section aria-labelledby="notes">
<h2 id="notes">{{ t.notes }}</h2>
{% for n in plan.notes %}{{ note(n) }}{% endfor %}
</section>
{% endif %}
{% if plan.glossary %}
<section aria-labelledby="glossary">
<h2 id="glossary">{{ t.glossary }}</h2>
<dl class="facts">{% for term, meaning in plan.glossary %}<dt>{{ term }}</dt><dd>{{ meaning or t.no_expansion }}</dd>{% endfor %}</dl>
</section>
{% endif %}
<section aria-labelledby="about">
<h2 id="about">{{ t.about }}</h2>
<dl class="facts">
{%- for f in public_facts %}<dt>{{ f.label }}</dt><dd>{{ f.value }}</dd>{% endfor %}
</dl>
{% if changes %}
<h3>{{ t.changes }}</h3>
<ul class="sizes">{% for kind, count in changes.counts %}<li><span class="size">{{ count }}</span> {{ kind|lower }}</li>{% endfor %}</ul>
{% if changes.listed %}
<table>
<caption>{{ t.substantive_changes }}</caption>
<thead><tr><th scope="col">{{ t.change }}</th><th scope="col">{{ t.what }}</th><th scope="col">{{ t.why }}</th></tr></thead>
<tbody>{% for kind, items, why in changes.listed %}<tr><td>{{ kind }}</td><td>{% for x in items %}{{ link(x) }}{% if not loop.last %}; {% endif %}{% endfor %}</td><td>{{ why }}</td></tr>{% endfor %}</tbody>
</table>
{% endif %}
{% endif %}
{% if public_sources %}<h3>{{ t.sources }}</h3>
<ul class="plain">{% for s in public_sources %}<li>{% if s.url %}<a href="{{ s.url }}">{{ s.title }}</a>{% else %}{{ s.title }}{% endif %}{% if s.detail %} <span class="meta">({{ s.detail }})</span>{% endif %}</li>{% endfor %}</ul>{% endif %}
</section>
{% if include_internal %}
<section aria-labelledby="internal" class="internal">
<h2 id="internal">{{ t.internal }}</h2>
<p>{{ t.internal_intro }}</p>
{% if internal_facts %}<dl class="facts">{% for f in internal_facts %}<dt>{{ f.label }}</dt><dd>{{ f.value }}</dd>{% endfor %}</dl>{% endif %}
{% for facts in plan.sources %}
<h3>{{ t.source }}: {{ facts[0].value }}</h3>
<dl class="facts">{% for f in facts[1:] %}<dt>{{ f.label }}</dt><dd>{% if f.link and safe_url(f.link) %}<a href="{{ safe_url(f.link) }}">{{ f.value }}</a>{% else %}{{ f.value }}{% endif %}</dd>{% endfor %}</dl>
{% endfor %}
{% if plan.provenance %}<h3>{{ t.provenance }}</h3>
<dl class="facts">{% for f in plan.provenance %}<dt>{{ f.label }}</dt><dd>{{ f.value }}</dd>{% endfor %}</dl>{% endif %}
{% if plan.repairs %}
<table>
<caption>{{ t.repairs }}</caption>
<thead><tr><th scope="col">{{ t.where }}</th><th scope="col">{{ t.what_repaired }}</th></tr></thead>
<tbody>{% for where, what in plan.repairs %}<tr><td>{{ where }}</td><td>{{ what }}</td></tr>{% endfor %}</tbody>
</table>
{% endif %}
</section>
{% endif %}
</main>
<footer>
{% if chrome.footer %}<ul class="footer-links">{% for href, text in chrome.footer %}<li><a href="{{ href }}">{{ text }}</a></li>{% endfor %}</ul>{% endif %}
<p>{{ t.f("generated", id=plan.id, schema=schema_version, version=version) }}</p>
</footer>
</body>
</html>
"""
