"""Frictionless Data Package: CSV tables with a Table Schema each, for open-data portals.

The package is for analysis, so it is laid out as a relational database
rather than as the officer's workbook: one table per kind of thing, one row
per thing, snake_case column names, typed columns (dates, numbers, booleans),
primary keys, and foreign keys between the tables. Fuzzy dates carry their
published wording, their value and the first and last day they cover, so a
portal can sort and filter by date.

``items.csv`` lists every area, objective, output, milestone, section and
indicator (and the plan itself) once, so that the link tables (owners,
themes, pledge links, events, indicators, progress) can point at any of them
with one foreign key. Organisations, bodies, posts and people are together in
``parties.csv``; pledge sets and their pledges in ``pledges.csv``. Things the
plan refers to from its registries are included, so every foreign key
resolves inside the package.

What the package does not carry (narrative sections, notes, the report,
provenance, extension fields ...) is listed in the loss report.

Text in any table that starts with ``=``, ``+``, ``-``, ``@``, a tab, a
carriage return or an apostrophe is written with one more apostrophe in front
(``'=HYPERLINK(...)``), as in the CSV export, so that a spreadsheet program
opening a table shows the text instead of running it as a formula. Remove one
leading apostrophe from a text cell to get the plan's text; the package's
description and ``README.md`` say so too.

:mod:`.schema` lays out the tables, :mod:`.rows` fills them, :mod:`.writing` writes the files and
:mod:`.losses` says what the tables do not carry.
"""

from __future__ import annotations

from .losses import CARRIED, LOSSES, NOT_CARRIED, losses
from .writing import GUARD_NOTE, package_name, render

__all__ = ["CARRIED", "LOSSES", "NOT_CARRIED", "losses", "GUARD_NOTE", "package_name", "render"]
