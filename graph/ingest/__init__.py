"""Ingest: files, datasets and reports turned into statements of a workspace.

Owns :mod:`.importers` (``import``: CSV, YAML, RDF, ACLED, UCDP — all or
nothing) with :mod:`.row_builder` (checking and building plain rows),
:mod:`.tabular` (reading CSV safely), :mod:`.import_rdf`, :mod:`.dedupe`,
:mod:`.actor_names` (matching a dataset's actor names to ours), :mod:`.build`
(compiling the bundled YAML dataset), :mod:`.datasets` (ACLED and UCDP GED
rows as their codebooks mean them) and :mod:`.extract` (a report → candidate
statements for review).

May import: core, store, model, write. Never analysis, exports, serve or the CLI.
"""
