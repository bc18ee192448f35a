"""The guard against the engines: whatever an engine would send or fetch, the guard refuses first.

Hypothesis writes queries around a ``SERVICE`` (or a ``FROM``) out of the
pieces two SPARQL parsers can disagree on — comments, every line end
(``\\r``, ``\\r\\n``, ``\\u2028``, ``\\u0085``…), ``\\u`` escapes, quotes,
long strings, IRIs, escaped local names, nested groups. Each query goes
through the guard exactly as a backend does it; whenever the guard lets it
pass, the text the backend would run (:attr:`GuardedQuery.text`) is run on the
real engine — pyoxigraph, and rdflib for ``FROM`` — and a loopback listener
must get no request. ``test_the_oracle_sees_a_bypass`` shows the listener
does get one when the raw text reaches the engine, so the property can fail.
"""

from __future__ import annotations

import time

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from test_guard import Listener

from actorgraph.errors import QueryError
from actorgraph.sparqlguard import BASE_IRI, PREFIXES, guard

PIECES = [
    "#", "\r", "\n", "\r\n", "\u2028", "\u2029", "\u0085", "\x0b", "\x0c", " ", "\t",
    '"', "'", '"""', "'''", "\\", '\\"', "\\'", "\\n",
    "\\u005C", "\\u005c", "\\u000D", "\\u000d", "\\u000A", "\\u0022", "\\u0027", "\\u0023", "\\u003E", "\\u007B",
    "\\u007D", "\\U0000000D", "\\u005Cu0041",
    "<", ">", "<urn:x:a>", "{", "}", "(", ")", ".", ";", ",",
    "BIND(", ' AS ?a)', "OPTIONAL {", "FILTER(", "FILTER NOT EXISTS {", "ag:x\\#", "ag:x\\.", "?v", '"s"', "'s'",
    "SELECT * WHERE {", "UNION {", "GRAPH ?g {",
]
filler = st.lists(st.sampled_from(PIECES), max_size=7).map("".join)

SERVICE_TEMPLATES = [
    "SELECT * WHERE { {a} SERVICE <{url}x> { ?x ?p ?o } {b} }",
    "SELECT * WHERE { ?s ?p ?o {a} SERVICE SILENT <{url}x> { ?x ?p ?o } {b} }",
    "SELECT * WHERE { { {a} SERVICE <{url}x> { ?x ?p ?o } } {b} }",
    "SELECT * WHERE { ?s ?p ?o FILTER EXISTS { {a} SERVICE <{url}x> { ?x ?p ?o } {b} } }",
    "SELECT * WHERE { {a} {b} SERVICE <{url}x> { ?x ?p ?o } }",
]
FROM_TEMPLATES = [
    "SELECT * {a} FROM <{url}g> {b} WHERE { ?s ?p ?o }",
    "SELECT * WHERE { ?s ?p ?o } {a} FROM <{url}g> {b}",
    "ASK {a} FROM NAMED <{url}g> {b} { GRAPH ?g { ?s ?p ?o } }",
]
QUICK = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def listener():
    return Listener()


@pytest.fixture(scope="module")
def engine():
    store = ox.Store()  # one triple: SERVICE joins something, answers come back at once
    store.add(ox.Quad(ox.NamedNode("urn:x:a"), ox.NamedNode("urn:x:b"), ox.NamedNode("urn:x:c")))
    return store


def _fill(template: str, a: str, b: str, listener) -> str:
    return template.replace("{url}", f"http://127.0.0.1:{listener.port}/").replace("{a}", a).replace("{b}", b)


def _hits_after(listener, run) -> int:
    before = listener.hits
    try:
        run()
    except (SyntaxError, OSError, RuntimeError, ValueError):  # the engine refusing the text is fine
        pass
    time.sleep(0.002)
    return listener.hits - before


def _oxigraph(store, text: str):
    return lambda: list(store.query(text, prefixes=PREFIXES, base_iri=BASE_IRI, use_default_graph_as_union=True))


@QUICK
@given(template=st.sampled_from(SERVICE_TEMPLATES), a=filler, b=filler)
@example(template=SERVICE_TEMPLATES[0], a="#\r", b="#\n")  # issue 18: Oxigraph ends a comment at \r
@example(template=SERVICE_TEMPLATES[0], a='BIND("\\u005C" AS ?a)', b='#" AS ?a)\n')  # rdflib's \u expansion
@example(template=SERVICE_TEMPLATES[0], a="BIND('\\u005C' AS ?a)", b="#' AS ?a)\n")
@example(template=SERVICE_TEMPLATES[0], a="#\\u000D", b="#\n")
def test_what_oxigraph_runs_never_calls_a_service(template, a, b, listener, engine):
    text = _fill(template, a, b, listener)
    try:
        checked = guard(text, set)
    except QueryError:  # refused or malformed: nothing runs
        return
    assert _hits_after(listener, _oxigraph(engine, checked.text)) == 0, repr(text)


@QUICK
@given(template=st.sampled_from(FROM_TEMPLATES), a=filler, b=filler)
@example(template=FROM_TEMPLATES[0], a="#\r", b="\n")
def test_what_rdflib_runs_never_fetches_a_from(template, a, b, listener):
    from rdflib import Dataset

    text = _fill(template, a, b, listener)
    try:
        checked = guard(text, set)
    except QueryError:
        return
    assert _hits_after(listener, lambda: list(Dataset().query(checked.prepared))) == 0, repr(text)
    assert _hits_after(listener, _oxigraph(ox.Store(), checked.text)) == 0, repr(text)


@pytest.mark.parametrize("a, b", [("#\r", "#\n"), ('BIND("\\u005C" AS ?a)', '#" AS ?a)\n')])
def test_the_oracle_sees_a_bypass(a, b, listener, engine):
    # the raw text (what the backends ran before issue 18) does reach the listener: the property above can fail
    text = _fill(SERVICE_TEMPLATES[0], a, b, listener)
    assert _hits_after(listener, _oxigraph(engine, text)) == 1
