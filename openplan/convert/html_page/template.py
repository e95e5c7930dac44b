"""The page's Jinja template: one self-contained, accessible HTML file."""

from __future__ import annotations

TEMPLATE = r"""<!DOCTYPE html>
<html lang="{{ plan.language }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="openplan {{ version }}">
<title>{{ plan.title }}{% if plan.organisation %} | {{ plan.organisation }}{% endif %}</title>
<style>
:root { --ink: #1b1b1b; --muted: #4a4a4a; --line: #b1b4b6; --accent: #1d4f91; --soft: #f3f2f1; --tbc: #8a4b00; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff; font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Arial, sans-serif; }
a { color: var(--accent); }
a:focus { outline: 3px solid #ffdd00; background: #ffdd00; color: #0b0c0c; }
.skip { position: absolute; left: -999em; }
.skip:focus { left: 1rem; top: 1rem; padding: .5rem; }
header, main, footer, nav { max-width: 72rem; margin: 0 auto; padding: 0 1.25rem; }
header { padding-top: 1.5rem; border-bottom: 4px solid var(--accent); }
header .org { margin: 0; font-weight: 600; color: var(--muted); }
h1 { font-size: 2rem; margin: .25rem 0 .5rem; }
h2 { font-size: 1.5rem; margin-top: 2.5rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
h3 { font-size: 1.25rem; margin-top: 2rem; }
h4 { font-size: 1.1rem; margin: 1.5rem 0 .25rem; }
.status { display: inline-block; padding: .1rem .5rem; border: 2px solid var(--ink); font-weight: 700; }
.status-draft, .status-consultation { border-color: var(--tbc); color: var(--tbc); }
.meta { color: var(--muted); font-size: .95rem; margin: .25rem 0; }
.outcome { font-style: italic; }
.tbc { color: var(--tbc); font-weight: 600; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
ol.outputs > li, ul.plain > li { margin-bottom: .75rem; }
ol.outputs { list-style: none; padding-left: 1.25rem; }  /* outputs carry their own letters */
table { border-collapse: collapse; width: 100%; margin: 1rem 0; font-size: .95rem; }
caption { text-align: left; font-weight: 700; padding: .25rem 0; }
th, td { border: 1px solid var(--line); padding: .35rem .5rem; text-align: left; vertical-align: top; }
th { background: var(--soft); }
.num { white-space: nowrap; }
figure { margin: 1rem 0; }
svg.timeline { width: 100%; height: auto; border: 1px solid var(--line); background: #fff; }
svg .label { font: 11px system-ui, Arial, sans-serif; fill: #1b1b1b; }
svg .tick { font: 10px system-ui, Arial, sans-serif; fill: #4a4a4a; }
svg .grid { stroke: #d8d8d8; stroke-width: 1; }
svg .span { fill: #1d4f91; }
svg .open { fill: #6f8fb8; stroke: #1d4f91; stroke-dasharray: 4 2; }
svg .day { fill: #1d4f91; stroke: #fff; }
svg .tbc-text { font: italic 11px system-ui, Arial, sans-serif; fill: #8a4b00; }
.none { color: var(--muted); }
footer { margin-top: 3rem; padding: 1rem 1.25rem 2rem; border-top: 1px solid var(--line); color: var(--muted); font-size: .9rem; }
@media print {
  .skip, nav { display: none; }
  body { font-size: 10.5pt; }
  header, main, footer { max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
  h2, h3, h4 { break-after: avoid; }
  table, figure, li { break-inside: avoid; }
  th { background: none; }
  svg.timeline { border: none; }
}
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
{%- if d.tbc and not d.span %}<span class="tbc">{{ d.label }}</span>{% if d.text and d.text != "TBC" %} (to be confirmed){% endif %}{% else %}{{ d.label }}{% if d.span_label and d.span_label != d.label %} <span class="meta">({{ d.span_label }})</span>{% endif %}{% endif %}{% if d.relation and d.text %} <span class="meta">({{ d.relation }})</span>{% endif %}{% if d.recurrence %} <span class="meta">({{ d.recurrence|lower }})</span>{% endif %}{% if d.note %} <span class="meta">Note: {{ d.note }}</span>{% endif -%}
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
{%- macro details(e) -%}
{%- if e.owners %}<p class="meta">Owners: {{ people(e.owners) }}</p>{% endif %}
{%- if e.due %}<p class="meta">Due: {{ when(e.due) }}</p>{% endif %}
{%- if e.themes %}<p class="meta">Themes: {% for t in e.themes %}{{ link(t) }}{% if not loop.last %}; {% endif %}{% endfor %}</p>{% endif %}
{%- if e.pledges %}<p class="meta">Pledges: {{ people(e.pledges) }}</p>{% endif %}
{%- if e.events %}<p class="meta">External events: {% for t in e.events %}{{ link(t) }}{% if not loop.last %}; {% endif %}{% endfor %}</p>{% endif %}
{%- if e.sub_items %}{{ statements(e.sub_items) }}{% endif %}
{%- for ind in e.indicators %}
<table>
<caption>Indicator: {{ ind.title }}{% if ind.unit %} ({{ ind.unit }}){% endif %}</caption>
<thead><tr><th scope="col">What</th><th scope="col">Value</th><th scope="col">When</th></tr></thead>
<tbody>
{%- if ind.baseline %}<tr><th scope="row">Baseline</th><td>{{ ind.baseline }}</td><td></td></tr>{% endif %}
{%- for value, due in ind.targets %}<tr><th scope="row">Target</th><td>{{ value }}</td><td>{{ due }}</td></tr>{% endfor %}
{%- for day, value, status in ind.actuals %}<tr><th scope="row">Actual{% if status %} ({{ status|lower }}){% endif %}</th><td>{{ value }}</td><td>{{ day }}</td></tr>{% endfor %}
</tbody>
</table>
{%- if ind.direction or ind.source %}<p class="meta">{% if ind.direction %}Direction: {{ ind.direction }}. {% endif %}{% if ind.source %}Source: {{ ind.source }}{% endif %}</p>{% endif %}
{%- endfor %}
{%- if e.progress %}
<table>
<caption>Progress</caption>
<thead><tr><th scope="col">Date</th><th scope="col">Status</th><th scope="col">RAG</th><th scope="col">Complete</th><th scope="col">Value</th><th scope="col">Note</th></tr></thead>
<tbody>{% for p in e.progress %}<tr><td>{{ p.date }}</td><td>{{ p.status }}</td><td>{{ p.rag }}</td><td>{{ p.percent }}</td><td>{{ p.value }}</td><td>{{ p.note }}</td></tr>{% endfor %}</tbody>
</table>
{%- endif %}
{%- for n in e.notes %}{{ note(n) }}{% endfor %}
{%- endmacro -%}
{%- macro note(n) -%}
<div class="note"><p><strong>{{ n.title or n.kind }}</strong>{% if n.title %} <span class="meta">({{ n.kind|lower }})</span>{% endif %}</p>
{{ paragraphs(n.text) }}{% if n.items %}{{ statements(n.items) }}{% endif %}
{%- if n.applies_to %}<p class="meta">Applies to: {% for t in n.applies_to %}{{ link(t) }}{% if not loop.last %}; {% endif %}{% endfor %}</p>{% endif %}</div>
{%- endmacro -%}
<header>
<a class="skip" href="#main">Skip to the plan</a>
{% if plan.organisation %}<p class="org">{{ plan.organisation }}</p>{% endif %}
<h1>{{ plan.title }}</h1>
<p class="meta">{% if plan.period %}{{ plan.period }}. {% endif %}<span class="status status-{{ plan.status_code }}">{{ plan.status }}</span></p>
</header>
<nav aria-label="Contents">
<h2 id="contents">Contents</h2>
<ol>
<li><a href="#about">About this edition</a></li>
{% if plan.summary or plan.recommendations or plan.implications %}<li><a href="#report">The report</a></li>{% endif %}
{% if plan.sections %}<li><a href="#sections">Foreword and context</a></li>{% endif %}
{% if plan.themes %}<li><a href="#themes">Themes</a></li>{% endif %}
{% if plan.areas %}<li><a href="#areas">The plan by area</a></li>{% endif %}
{% if plan.milestones %}<li><a href="#milestones">Milestones</a></li>{% endif %}
{% if plan.pledges or plan.plan_pledges %}<li><a href="#pledges">Pledge coverage</a></li>{% endif %}
{% if plan.events %}<li><a href="#events">External events</a></li>{% endif %}
{% if plan.principles %}<li><a href="#principles">Principles</a></li>{% endif %}
{% if plan.notes %}<li><a href="#notes">Notes and caveats</a></li>{% endif %}
{% if plan.glossary %}<li><a href="#glossary">Glossary</a></li>{% endif %}
<li><a href="#provenance">Sources and provenance</a></li>
</ol>
</nav>
<main id="main">
<section aria-labelledby="about">
<h2 id="about">About this edition</h2>
<dl class="facts">
{%- for f in plan.facts %}<dt>{{ f.label }}</dt><dd>{{ f.value }}</dd>{% endfor %}
</dl>
{%- if plan.changes %}
<table>
<caption>Changes from the previous edition</caption>
<thead><tr><th scope="col">Change</th><th scope="col">Items</th><th scope="col">Why</th></tr></thead>
<tbody>{% for kind, items, why in plan.changes %}<tr><td>{{ kind }}</td><td>{% for t in items %}{{ link(t) }}{% if not loop.last %}; {% endif %}{% endfor %}</td><td>{{ why }}</td></tr>{% endfor %}</tbody>
</table>
{%- endif %}
</section>
{% if plan.summary or plan.recommendations or plan.implications or plan.appendices %}
<section aria-labelledby="report">
<h2 id="report">The report</h2>
{% if plan.summary %}<h3>Summary</h3>{{ paragraphs(plan.summary) }}{% endif %}
{% if plan.recommendations %}<h3>Recommendations</h3>{{ statements(plan.recommendations) }}{% endif %}
{% if plan.implications %}<h3>Implications</h3>{% for heading, text in plan.implications %}<h4>{{ heading }}</h4>{{ paragraphs(text) }}{% endfor %}{% endif %}
{% if plan.appendices %}<h3>Appendices</h3><ul>{% for a in plan.appendices %}<li>{{ a }}</li>{% endfor %}</ul>{% endif %}
</section>
{% endif %}
{% if plan.sections %}
<section aria-labelledby="sections">
<h2 id="sections">Foreword and context</h2>
{% for s in plan.sections %}
<h3 id="item-{{ s.id }}">{{ s.heading }}</h3>
{% if s.authors %}<p class="meta">By {{ people(s.authors) }}</p>{% endif %}
{{ paragraphs(s.text) }}{% if s.items %}{{ statements(s.items) }}{% endif %}
{% endfor %}
</section>
{% endif %}
{% if plan.themes %}
<section aria-labelledby="themes">
<h2 id="themes">Themes</h2>
{% for t in plan.themes %}
<h3 id="item-{{ t.id }}">{% if t.number %}{{ t.number }} {% endif %}{{ t.title }}</h3>
{{ paragraphs(t.description) }}
{% if t.same_as %}<p class="meta">Continues the theme: {{ t.same_as.name }}</p>{% endif %}
{% if t.commitments %}{{ statements(t.commitments) }}{% endif %}
{% if t.related %}<p class="meta">Related work: {% for r in t.related %}{{ link(r) }}{% if not loop.last %}; {% endif %}{% endfor %}</p>{% endif %}
{% endfor %}
</section>
{% endif %}
{% if plan.areas %}
<section aria-labelledby="areas">
<h2 id="areas">The plan by area</h2>
{% for a in plan.areas %}
<section aria-labelledby="item-{{ a.id }}">
<h3 id="item-{{ a.id }}">{{ a.heading }}</h3>
{% if a.kind or a.parent %}<p class="meta">{{ a.kind }}{% if a.parent %}{% if a.kind %}, within {% else %}Within {% endif %}{{ link(a.parent) }}{% endif %}</p>{% endif %}
{% if a.owners %}<p class="meta">Owners: {{ people(a.owners) }}</p>{% endif %}
{{ paragraphs(a.description) }}
{% for n in a.notes %}{{ note(n) }}{% endfor %}
{% for o in a.objectives %}
<h4 id="item-{{ o.id }}">{{ o.heading }}</h4>
{% if o.parent %}<p class="meta">Part of {{ link(o.parent) }}</p>{% endif %}
{% if o.text %}<p class="outcome">Outcome: {{ o.text }}</p>{% endif %}
{{ paragraphs(o.description) }}
{{ details(o) }}
{% if o.children %}
<ol class="outputs" aria-label="Outputs of {{ o.heading }}">
{% for out in o.children %}
<li id="item-{{ out.id }}" value="{{ loop.index }}">{% if out.number %}<span class="num">{{ out.number }}.</span> {% endif %}{{ out.title }}
{{ details(out) }}</li>
{% endfor %}
</ol>
{% endif %}
{% endfor %}
</section>
{% endfor %}
</section>
{% endif %}
{% if plan.milestones %}
<section aria-labelledby="milestones">
<h2 id="milestones">Milestones</h2>
{% if timeline %}
<figure>
<svg class="timeline" viewBox="0 0 {{ width }} {{ timeline.height }}" role="img" aria-labelledby="timeline-title timeline-desc" xmlns="http://www.w3.org/2000/svg">
<title id="timeline-title">Milestone timeline{% if timeline.start %}, {{ timeline.start }} to {{ timeline.end }}{% endif %}</title>
<desc id="timeline-desc">Each bar spans the days a milestone's date covers; a diamond marks a single day; a dashed bar has an open start or end; milestones to be confirmed are listed below the line. The table after the timeline gives the same milestones as text.</desc>
{% for t in timeline.ticks %}<line class="grid" x1="{{ t.x }}" y1="18" x2="{{ t.x }}" y2="{{ timeline.height - 4 }}"/><text class="tick" x="{{ t.x + 2 }}" y="14">{{ t.label }}</text>
{% endfor %}
{% if timeline.tbc_y %}<line class="grid" x1="0" y1="{{ timeline.tbc_y }}" x2="{{ width }}" y2="{{ timeline.tbc_y }}"/>{% endif %}
{% for b in timeline.bars %}<g><title>{{ b.full }}: {{ b.when }}</title><text class="label" x="4" y="{{ b.y + 12 }}">{{ b.label }}</text>
{%- if b.kind == "day" %}<path class="day" d="M{{ b.x }} {{ b.y + 2 }} l7 7 l-7 7 l-7 -7 z"/>
{%- elif b.kind == "tbc" %}<text class="tbc-text" x="{{ b.x }}" y="{{ b.y + 12 }}">{{ b.when }}</text>
{%- else %}<rect class="{{ b.kind }}" x="{{ b.x }}" y="{{ b.y + 3 }}" width="{{ b.width }}" height="12" rx="2"/>{% endif %}</g>
{% endfor %}
</svg>
<figcaption>Milestone timeline. The table below gives the same information as text.</figcaption>
</figure>
{% endif %}
<table>
<caption>Milestones and their dates</caption>
<thead><tr><th scope="col">Milestone</th><th scope="col">Due</th><th scope="col">Serves</th><th scope="col">Owners</th></tr></thead>
<tbody>
{% for m in plan.milestones %}<tr id="item-{{ m.id }}"><th scope="row">{{ m.heading }}{% if m.parent %}<br><span class="meta">Part of {{ link(m.parent) }}</span>{% endif %}</th>
<td>{% if m.due %}{{ when(m.due) }}{% else %}<span class="none">No date given</span>{% endif %}</td>
<td>{% for s in m.serves %}{{ link(s) }}{% if not loop.last %}; {% endif %}{% endfor %}</td>
<td>{{ people(m.owners) }}</td></tr>
{% endfor %}
</tbody>
</table>
{% for m in plan.milestones if m.description or m.events or m.themes or m.pledges or m.indicators or m.progress or m.notes %}
{% if loop.first %}<h3>Milestone details</h3>{% endif %}
<h4>{{ m.heading }}</h4>
{{ paragraphs(m.description) }}
{{ details(m) }}
{% endfor %}
</section>
{% endif %}
{% if plan.pledges or plan.plan_pledges %}
<section aria-labelledby="pledges">
<h2 id="pledges">Pledge coverage</h2>
{% if plan.plan_pledges %}<p>The plan as a whole: {{ people(plan.plan_pledges) }}</p>{% endif %}
{% if plan.pledges %}
<table>
<caption>Pledges and the work in this plan linked to them</caption>
<thead><tr><th scope="col">Pledge set</th><th scope="col">Pledge</th><th scope="col">Linked work</th></tr></thead>
<tbody>
{% for row in plan.pledges %}<tr><td>{{ row.set_title }}</td><td>{% if row.pledge %}{{ row.pledge }}{% else %}<span class="meta">The set as a whole</span>{% endif %}</td>
<td>{% if row.links %}{{ people(row.links) }}{% else %}<span class="none">No work in this plan is linked</span>{% endif %}</td></tr>
{% endfor %}
</tbody>
</table>
{% endif %}
</section>
{% endif %}
{% if plan.events %}
<section aria-labelledby="events">
<h2 id="events">External events</h2>
<table>
<caption>Events the plan is timed around</caption>
<thead><tr><th scope="col">Event</th><th scope="col">Kind</th><th scope="col">Date</th></tr></thead>
<tbody>{% for e, d, kind, about in plan.events %}<tr id="item-{{ e.id }}"><th scope="row">{{ e.name }}{% if about %}<br><span class="meta">{{ about }}</span>{% endif %}</th><td>{{ kind }}</td><td>{{ when(d) }}</td></tr>
{% endfor %}</tbody>
</table>
</section>
{% endif %}
{% if plan.principles %}
<section aria-labelledby="principles">
<h2 id="principles">Principles</h2>
{{ statements(plan.principles) }}
</section>
{% endif %}
{% if plan.notes %}
<section aria-labelledby="notes">
<h2 id="notes">Notes and caveats</h2>
{% for n in plan.notes %}{{ note(n) }}{% endfor %}
</section>
{% endif %}
{% if plan.glossary %}
<section aria-labelledby="glossary">
<h2 id="glossary">Glossary</h2>
<dl class="facts">{% for term, meaning in plan.glossary %}<dt>{{ term }}</dt><dd>{{ meaning or "No expansion given" }}</dd>{% endfor %}</dl>
</section>
{% endif %}
<section aria-labelledby="provenance">
<h2 id="provenance">Sources and provenance</h2>
{% for facts in plan.sources %}
<h3>Source: {{ facts[0].value }}</h3>
<dl class="facts">{% for f in facts[1:] %}<dt>{{ f.label }}</dt><dd>{% if f.link and safe_url(f.link) %}<a href="{{ safe_url(f.link) }}">{{ f.value }}</a>{% else %}{{ f.value }}{% endif %}</dd>{% endfor %}</dl>
{% endfor %}
{% if plan.provenance %}<h3>How this file was made</h3>
<dl class="facts">{% for f in plan.provenance %}<dt>{{ f.label }}</dt><dd>{{ f.value }}</dd>{% endfor %}</dl>{% endif %}
{% if plan.repairs %}
<table>
<caption>Repairs made to damage in the source text</caption>
<thead><tr><th scope="col">Where</th><th scope="col">What was repaired</th></tr></thead>
<tbody>{% for where, what in plan.repairs %}<tr><td>{{ where }}</td><td>{{ what }}</td></tr>{% endfor %}</tbody>
</table>
{% endif %}
</section>
</main>
<footer>
<p>Published from the OpenPlan file <code>{{ plan.id }}</code> (OpenPlan {{ schema_version }}) by openplan {{ version }}.</p>
</footer>
</body>
</html>
"""
