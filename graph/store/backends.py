"""Which backend a ``--graph`` value opens; importing this module registers the openers.

:func:`actorgraph.store.graph.load` picks one from the ``--graph`` value:

* a file → rdflib in memory (:class:`actorgraph.store.graph.ActorGraph`, the default);
* ``oxigraph:DIR`` → :class:`~actorgraph.store.oxigraph.OxigraphGraph`;
* ``http://…`` / ``https://…`` → :class:`~actorgraph.store.endpoint.EndpointGraph`;
* nothing → the bundled graph, read-only, in an in-memory Oxigraph store.
"""

from __future__ import annotations

from ..core.errors import GraphFileError
from .endpoint import EndpointGraph
from .graph import (
    ActorGraph,
    bundled_graph_path,
    register_opener,
)
from .oxigraph import OXIGRAPH_SCHEME, OxigraphGraph

__all__ = ["open_graph", "open_bundled"]


def open_graph(spec: str) -> ActorGraph:
    """Open a non-file ``--graph`` value (``oxigraph:DIR`` or an endpoint URL)."""
    if spec.startswith(OXIGRAPH_SCHEME):
        return OxigraphGraph.open(spec)
    if spec.startswith(("http://", "https://")):
        kg = EndpointGraph(spec)
        if not kg.ask("ASK { ?p ag:polarity ?x }"):
            raise GraphFileError(
                f"{spec}: the endpoint has no actorgraph ontology; load the data with `actorgraph load` "
                "(which adds the ontology) and serve it with a union default graph"
            )
        return kg
    raise GraphFileError(f"unknown graph location: {spec}")


def open_bundled() -> OxigraphGraph:
    """The bundled graph (read-only) in an in-memory Oxigraph store."""
    kg = OxigraphGraph.in_memory(bundled_graph_path())
    kg.read_only = True
    return kg


register_opener(OXIGRAPH_SCHEME, open_graph)
register_opener("http://", open_graph)
register_opener("https://", open_graph)
register_opener(None, open_bundled)
