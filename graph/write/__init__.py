"""Writes: building statements and changing a workspace, all or nothing, validated.

Owns :mod:`.statements` (one relation, event, figure or actor → its triples:
the statement model built in one place), :mod:`.change` (a validated change
under the write lock), :mod:`.edits` (add, remove, merge), :mod:`.workspace`
(init/open a writable graph: TriG file, Oxigraph directory or SPARQL server)
with :mod:`.workspace_oxigraph` and :mod:`.endpoint_writes`, the checks
:mod:`.validate` (SHACL and the model checks) and :mod:`.shacl_lite` (the
per-write SHACL subset), and :mod:`.audit` (the evidence audit).

May import: core, store, model. Never ingest, analysis, exports, serve or the CLI.
"""
