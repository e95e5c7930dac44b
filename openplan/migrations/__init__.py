"""Versioning: deprecations reported by the validator, and migrations kept as data.

* :mod:`.deprecation` reports fields the schema marks ``"deprecated": true`` (a warning, U001).
* :mod:`.upgrade` rewrites a file from the version it declares to the version this package reads, by applying
  the migration files in ``data/`` (read by :mod:`.migration_files`) one version step at a time, keeping comments
  and formatting (:mod:`.changes` makes each change on a round-trip copy that :mod:`.layout` reads and writes).

A migration file (``data/<from>-to-<to>.yaml``) lists changes of four kinds, each applied to every object an
``at`` pattern matches (``/`` is the top of the file, ``*`` any one key or list position, ``**`` any depth)::

    from: "1.0"
    to: "2.0"
    summary: What changed.
    changes:
      - rename: {at: /areas/*/objectives/*, from: outcome_statement, to: outcome}
      - move: {at: /, from: approved_by, to: edition/approved_by}
      - split: {at: /, from: period, pattern: '^(?P<start>.+)/(?P<end>.+)$', to: {start: period/start, end: period/end}}
      - codes: {at: /edition, field: status, map: {final: approved}}

This package reads only the versions in :data:`openplan.version.SUPPORTED_SCHEMA_VERSIONS`; every schema change
that is not additive ships with its migration file here (see ``docs/versioning.md``).
"""
