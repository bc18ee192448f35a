"""Store layer: where the triples live and how SPARQL reaches them.

Owns :mod:`.graph` (:class:`~actorgraph.store.graph.ActorGraph`, the in-memory
rdflib store and :func:`~actorgraph.store.graph.load`), the backends
:mod:`.oxigraph` (a pyoxigraph store directory) and :mod:`.endpoint` (a SPARQL
1.1 server) with what they share (:mod:`.remote`), :mod:`.backends` (which
``--graph`` value opens which backend), :mod:`.sparqlguard` (the one guard every
query passes), :mod:`.journal` (all-or-nothing big writes into Oxigraph) and
:mod:`.safeio` (atomic file writes that never replace what is not ours).

May import: core. Never model, write, ingest, analysis, exports, serve or the CLI.
Importing any module of this package registers the backends' openers (so
``load("oxigraph:DIR")`` works however the store was reached).
"""

from . import backends as _backends  # noqa: F401 - registers the oxigraph:, http(s): and bundled-graph openers
