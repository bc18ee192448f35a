"""Serving: ``actorgraph serve``, a read-only SPARQL 1.1 Protocol endpoint (:mod:`.server`).

May import: core, store, model, write, ingest, analysis (the outputs layer, beside exports).
Never the CLI.
"""
