"""Progress against a plan, computed: what the lint rules, `openplan diff` and `openplan stats` call for reports.

One module a job, all pure functions over plain data (the mappings a plan or report file holds):

* :mod:`.scale`: the council's status words (`status_scale`) in force, and what a word means;
* :mod:`.tolerance`: a RAG rating from an actual, its target and the tolerance (spec: distance from target,
  counted only in the bad direction);
* :mod:`.trend`: improving, worsening or no change, from this period's value and the previous one;
* :mod:`.rollup`: updates resolved to the plan's items, and counts by RAG and status per area, theme and plan;
* :mod:`.published`: published counts compared with the counts worked out from the updates.

Nothing here reads files, prints or exits.
"""
