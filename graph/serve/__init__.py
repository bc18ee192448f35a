"""Serving: ``actorgraph serve``, a read-only SPARQL 1.1 Protocol endpoint (:mod:`.server`),
its query worker processes (:mod:`.workers`) and the limits a worker sets on itself (:mod:`.sandbox`).

May import: core, store, model, write, ingest, analysis (the outputs layer, beside exports).
Never the CLI.
"""
