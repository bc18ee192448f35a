"""Parse a user's RDF file with rdflib without reaching the network or other files.

One function, :func:`parse_rdf`, parses every RDF file a user names
(``--graph FILE``, ``import FILE``, ``import --dry-run``). Only JSON-LD can
make rdflib fetch something: a string ``@context`` (or ``@import``) is
loaded by rdflib's context loader, over HTTP(S) or from disk (``file:``, or
a relative path next to the document). Here that loader answers only from
:data:`LOCAL_CONTEXTS`, contexts shipped in the package; any other context
is refused with :class:`ContextRefused` before anything is opened. The check
sits where rdflib fetches, so it sees exactly the IRIs rdflib would fetch
(nested, scoped and imported contexts included), resolved as rdflib
resolves them.

RDF/XML: rdflib's SAX parser leaves external entities unexpanded (never
opened); Turtle, TriG, N-Triples and N-Quads name IRIs, they never load them.

>>> from rdflib import Graph
>>> doc = '{"@context": "http://127.0.0.1:9/ctx.jsonld", "@id": "http://x/a", "name": "A"}'
>>> parse_rdf(Graph(), data=doc, format="json-ld")
Traceback (most recent call last):
actorgraph.store.rdfparse.ContextRefused: JSON-LD @context <http://127.0.0.1:9/ctx.jsonld> refused: contexts are never fetched from the network or read from files; inline it (or use one shipped with actorgraph: https://w3id.org/actorgraph/context.jsonld)
>>> g = parse_rdf(Graph(), data='{"@context": "https://w3id.org/actorgraph/context.jsonld", '
...               '"@id": "agd:pakistan", "label": "Pakistan"}', format="json-ld")
>>> [str(o) for o in g.objects()]
['Pakistan']
"""

from __future__ import annotations

import json
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..core.errors import GraphFileError

__all__ = ["LOCAL_CONTEXTS", "ContextRefused", "parse_rdf", "local_contexts_only"]

#: The only JSON-LD contexts a document may name by IRI: shipped in the package, read from there.
LOCAL_CONTEXTS: dict[str, Path] = {
    "https://w3id.org/actorgraph/context.jsonld": Path(__file__).resolve().parent.parent / "data" / "context.jsonld",
}


class ContextRefused(GraphFileError):
    """A JSON-LD document names a context that is neither inline nor shipped (it is not fetched)."""


_LOCK = threading.RLock()


def _local_only(url: Any, *args: Any, **kwargs: Any):
    """Stands in for rdflib's ``source_to_json`` inside its context loader (and only there)."""
    local = LOCAL_CONTEXTS.get(str(url))
    if local is None:
        raise ContextRefused(
            f"JSON-LD @context <{url}> refused: contexts are never fetched from the network or read from files; "
            f"inline it (or use one shipped with actorgraph: {', '.join(sorted(LOCAL_CONTEXTS))})"
        )
    return json.loads(local.read_text(encoding="utf-8")), None


@contextmanager
def local_contexts_only():
    """While active, rdflib's JSON-LD context loader reads only :data:`LOCAL_CONTEXTS`."""
    from rdflib.plugins.shared.jsonld import context

    with _LOCK:  # one swap at a time; re-entrant
        saved = context.source_to_json
        context.source_to_json = _local_only
        try:
            yield
        finally:
            context.source_to_json = saved


def parse_rdf(target, source: Any = None, *, data: str | None = None, format: str):  # noqa: A002 - rdflib's name
    """``target.parse(source or data, format=format)`` with JSON-LD contexts resolved only locally.

    Raises :class:`ContextRefused` (one line) for a remote or file context;
    other parse errors are rdflib's, as ``target.parse`` raises them.
    """
    if format != "json-ld":
        return target.parse(source, data=data, format=format)
    with local_contexts_only():
        return target.parse(source, data=data, format=format)
