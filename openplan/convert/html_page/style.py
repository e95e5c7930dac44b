"""The pages' style sheet: readable on a phone at 320 px with no sideways scrolling, and printable.

Colours are custom properties, so a site can set a council's own (checked for contrast first, in
:mod:`openplan.site.branding`). Status colours always come with words: a badge says "At risk", a bar's row
says its date and status.
"""

from __future__ import annotations

STYLE = """:root { --ink: #1b1b1b; --muted: #4a4a4a; --line: #b1b4b6; --accent: #1d4f91; --accent-ink: #ffffff;
  --soft: #f3f2f1; --tbc: #8a4b00; --link: #1d4f91;
  --good: #00703c; --good-bg: #e3f3e8; --good-ink: #0b3d1f; --warn: #b35900; --warn-bg: #fdf0df; --warn-ink: #5c2e00;
  --bad: #b00020; --bad-bg: #fbe4e6; --bad-ink: #6b0013; --done: #1d4f91; --done-bg: #e1ebf7; --done-ink: #0d2a52;
  --neutral: #505a5f; --neutral-bg: #eeefef; --neutral-ink: #1b1b1b; --today: #b00020; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: #fff; font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Arial, sans-serif;
  overflow-wrap: anywhere; }
a { color: var(--link); }
a:focus { outline: 3px solid #ffdd00; background: #ffdd00; color: #0b0c0c; }
.skip { position: absolute; left: -999em; }
.skip:focus { left: 1rem; top: 1rem; padding: .5rem; }
header, main, footer, nav { max-width: 72rem; margin: 0 auto; padding: 0 1.25rem; }
header.banner { padding-top: 1rem; padding-bottom: .75rem; border-bottom: 6px solid var(--accent); }
header .site { margin: 0 0 .5rem; font-weight: 700; display: flex; align-items: center; gap: .75rem; flex-wrap: wrap; }
header .logo { max-height: 3rem; max-width: 12rem; height: auto; }
header .org { margin: 0; font-weight: 600; color: var(--muted); }
h1 { font-size: 2rem; line-height: 1.2; margin: .25rem 0 .5rem; }
h2 { font-size: 1.5rem; margin-top: 2.5rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
h3 { font-size: 1.25rem; margin-top: 2rem; }
h4 { font-size: 1.1rem; margin: 1.5rem 0 .25rem; }
.lede { font-size: 1.1rem; }
.status { display: inline-block; padding: .1rem .5rem; border: 2px solid var(--ink); font-weight: 700; }
.status-draft, .status-consultation { border-color: var(--tbc); color: var(--tbc); }
.meta { color: var(--muted); font-size: .95rem; margin: .25rem 0; }
.outcome { font-style: italic; }
.tbc { color: var(--tbc); font-weight: 600; }
.num { white-space: nowrap; }
.none { color: var(--muted); }
dl.facts { display: grid; grid-template-columns: minmax(0, max-content) minmax(0, 1fr); gap: .25rem 1rem; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
ol.contents { columns: 2 16rem; }
ol.outputs > li, ul.plain > li { margin-bottom: .75rem; }
ol.outputs { list-style: none; padding-left: 1.25rem; }
.output-head { margin: 0; }
.badge { display: inline-block; margin-left: .35rem; padding: 0 .45rem; border: 2px solid; border-radius: .25rem;
  font-size: .875rem; font-weight: 700; line-height: 1.5; vertical-align: middle; font-style: normal; }
.badge.tone-good { background: var(--good-bg); color: var(--good-ink); border-color: var(--good); }
.badge.tone-warn { background: var(--warn-bg); color: var(--warn-ink); border-color: var(--warn); }
.badge.tone-bad { background: var(--bad-bg); color: var(--bad-ink); border-color: var(--bad); }
.badge.tone-done { background: var(--done-bg); color: var(--done-ink); border-color: var(--done); }
.badge.tone-neutral { background: var(--neutral-bg); color: var(--neutral-ink); border-color: var(--neutral); }
.meter { display: flex; align-items: center; gap: .5rem; margin: .25rem 0; font-size: .95rem; }
.meter-track { display: inline-block; width: 10rem; max-width: 50%; height: .75rem; background: var(--soft);
  border: 1px solid var(--neutral); border-radius: .375rem; overflow: hidden; }
.meter-fill { display: block; height: 100%; }
.meter-fill.tone-good, .stack .tone-good, .tl-bar.tone-good, .tl-day.tone-good { background: var(--good); }
.meter-fill.tone-warn, .stack .tone-warn, .tl-bar.tone-warn, .tl-day.tone-warn { background: var(--warn); }
.meter-fill.tone-bad, .stack .tone-bad, .tl-bar.tone-bad, .tl-day.tone-bad { background: var(--bad); }
.meter-fill.tone-done, .stack .tone-done, .tl-bar.tone-done, .tl-day.tone-done { background: var(--done); }
.meter-fill.tone-neutral, .stack .tone-neutral, .tl-bar.tone-neutral, .tl-day.tone-neutral { background: var(--neutral); }
.stack { display: flex; height: 1.25rem; margin: 1rem 0 .25rem; border: 1px solid var(--ink); max-width: 40rem; }
.stack span { display: block; height: 100%; }
.stack span + span { border-left: 2px solid #fff; }
ul.sizes { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; }
ul.sizes .size { font-size: 1.5rem; font-weight: 700; }
.commentary { border-left: 4px solid var(--line); padding-left: .75rem; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; font-size: .95rem; }
table.counts { max-width: 40rem; }
caption { text-align: left; font-weight: 700; padding: .25rem 0; }
th, td { border: 1px solid var(--line); padding: .35rem .5rem; text-align: left; vertical-align: top; }
th { background: var(--soft); }
td th, tbody th { font-weight: 600; }
figure { margin: 1rem 0; }
figure.chart svg { display: block; width: 100%; max-width: 30rem; height: auto; border: 1px solid var(--line); }
svg .chart-text { fill: #1b1b1b; font-family: system-ui, Arial, sans-serif; }
svg .axis { stroke: #4a4a4a; stroke-width: 1; }
svg .band { fill: #f6d9a8; }
svg .target { stroke: #b00020; stroke-width: 2; stroke-dasharray: 6 4; }
svg .actual { fill: none; stroke: #1d4f91; stroke-width: 3; }
svg .point { fill: #1d4f91; stroke: #fff; stroke-width: 1; }
.key > span { display: inline-block; width: 1.5rem; height: .6rem; margin-left: .5rem; vertical-align: middle; }
.key-actual { background: #1d4f91; }
.key-target { border-top: 3px dashed #b00020; }
.key-band { background: #f6d9a8; border: 1px solid #b35900; }
.today-key { display: inline-block; width: 0; height: 1rem; border-left: 3px solid var(--today); vertical-align: middle; }
.tl-scale, ol.tl > li { display: grid; grid-template-columns: minmax(0, 2fr) minmax(0, 3fr); gap: .75rem; }
.tl-scale { position: sticky; top: 0; background: #fff; font-size: .8125rem; color: var(--muted); }
.tl-ticks { position: relative; height: 1.5rem; }
.tl-ticks span { position: absolute; top: 0; white-space: nowrap; padding-left: 2px; border-left: 1px solid var(--line); }
h3.tl-group { font-size: 1.1rem; margin: 1.25rem 0 .25rem; }
ol.tl { list-style: none; padding: 0; margin: 0; }
ol.tl > li { align-items: center; border-bottom: 1px solid #e3e3e3; padding: .25rem 0; }
.tl-when { display: block; color: var(--muted); font-size: .875rem; }
.tl-track { position: relative; height: 1.5rem; background: var(--soft); }
.tl-bar { position: absolute; top: .35rem; height: .8rem; border-radius: 2px; min-width: 3px; }
.tl-open { opacity: .7; border: 2px dashed var(--ink); }
.tl-day { position: absolute; top: .3rem; width: .9rem; height: .9rem; margin-left: -.45rem; transform: rotate(45deg); }
.tl-tbc { position: absolute; left: .25rem; top: .1rem; font-size: .8125rem; font-style: italic; color: var(--tbc); }
.tl-today { position: absolute; top: -.25rem; bottom: -.25rem; border-left: 3px solid var(--today); z-index: 1; }
.internal { border-top: 4px double var(--line); margin-top: 3rem; }
ul.downloads, ul.footer-links { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; }
footer { margin-top: 3rem; padding: 1rem 1.25rem 2rem; border-top: 1px solid var(--line); color: var(--muted); font-size: .9rem; }
@media (max-width: 40rem) {
  h1 { font-size: 1.6rem; }
  header, main, footer, nav { padding-left: 1.25rem; padding-right: 1.25rem; }
  table { table-layout: fixed; font-size: .875rem; }
  th, td { padding: .25rem .3rem; }
  dl.facts { grid-template-columns: minmax(0, 1fr); }
  dl.facts dd { margin-bottom: .5rem; }
  ol.outputs { padding-left: 0; }
  .tl-scale, .tl-track { display: none; }
  ol.tl > li { display: block; }
}
@media print {
  .skip, nav, .tl-scale { display: none; }
  body { font-size: 10.5pt; }
  header, main, footer { max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
  h1, h2, h3, h4, caption, .tl-group { break-after: avoid; page-break-after: avoid; }
  h2 + *, h3 + *, h4 + * { break-before: avoid; page-break-before: avoid; }
  table, figure, li, dl, .stack { break-inside: avoid; page-break-inside: avoid; }
  tr { break-inside: avoid; }
  th { background: none; }
  .badge, .meter-fill, .stack span, .tl-bar, .tl-day { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""
