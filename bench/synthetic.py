"""Synthetic actor graphs for benchmarks and backend tests.

``generate(n_actors, n_statements)`` builds a :class:`rdflib.Dataset` with
one named graph (one synthetic source), ``n_actors`` actors of several
classes and ``n_statements`` statements written through
:func:`actorgraph.write.statements.add_statement` — every qualifier is used (object or
two parties, start and end at year/month/day precision, quote, source,
claimant, status, about, evidencedBy, endCause, role, place, note), plus a
few events and figures. ``write(path, triples=...)`` writes an N-Quads (or
TriG) file of about that many triples; large files are written in chunks so
memory stays flat.

    python bench/synthetic.py 100000 /tmp/synthetic-100k.nq [--bundled]
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from rdflib import RDF, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, XSD

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from actorgraph.core.vocab import AG, AGD  # noqa: E402
from actorgraph.write.statements import add_actor, add_event, add_quantity, add_statement  # noqa: E402

__all__ = ["generate", "write", "SOURCE", "TRIPLES_PER_STATEMENT"]

SOURCE = AGD["source/synthetic"]
ACTOR_CLASSES = [AG.State, AG.DeFactoRegime, AG.TerroristGroup, AG.InsurgentGroup, AG.Person, AG.InternationalOrganization]
# (relation, symmetric) — hostile, friendly and neutral types, sub-properties included
RELATIONS = [
    (AG.attacks, False), (AG.rivalOf, True), (AG.opposes, False), (AG.fightsAgainst, False),
    (AG.supportsMilitarily, False), (AG.supportsPolitically, False), (AG.harbors, False),
    (AG.alliedWith, True), (AG.defensePactWith, True), (AG.agreementWith, True),
    (AG.splinterOf, False), (AG.memberOf, False), (AG.accuses, False),
]
STATUSES = [None, None, None, None, AG.Ongoing, AG.Failed, AG.Potential, AG.Ended]
#: Rough number of triples one statement adds (used to size files).
TRIPLES_PER_STATEMENT = 19
STATEMENTS_PER_ACTOR = 20


def _date(rng: random.Random, year_lo: int = 1990, year_hi: int = 2026) -> str:
    year = rng.randint(year_lo, year_hi)
    kind = rng.random()
    if kind < 0.3:
        return str(year)
    if kind < 0.6:
        return f"{year}-{rng.randint(1, 12):02d}"
    return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def actor_iri(i: int) -> URIRef:
    """IRI of synthetic actor ``i`` (``agd:actor-i``)."""
    return AGD[f"actor-{i}"]


def _fill(g: Graph, n_actors: int, first: int, count: int, rng: random.Random, with_header: bool) -> None:
    if with_header:
        g.add((SOURCE, RDF.type, AG.SourceDocument))
        g.add((SOURCE, DCTERMS.title, Literal("Synthetic benchmark source")))
        g.add((SOURCE, DCTERMS.issued, Literal("2026-03-31", datatype=XSD.date)))
        for i in range(n_actors):
            cls = ACTOR_CLASSES[i % len(ACTOR_CLASSES)]
            add_actor(g, actor_iri(i), f"Actor {i}", [cls], aliases=[f"A{i}", f"Akteur {i}"],
                      description=f"Synthetic actor number {i}.", role="leader" if cls == AG.Person else None)
        for i in range(max(1, n_actors // 10)):
            add_event(g, AGD[f"event/e{i}"], AG.Airstrike, f"Strike {i}", date=_date(rng),
                      agents=[actor_iri(rng.randrange(n_actors))], targets=[actor_iri(rng.randrange(n_actors))],
                      places=[actor_iri(rng.randrange(n_actors))], quote=f"Strike number {i} happened.", source=SOURCE)
            add_quantity(g, AGD[f"quantity/q{i}"], f"Casualties {i}", rng.randint(1, 500), "people",
                         bound=AG.MoreThan, date=_date(rng), of=AGD[f"event/e{i}"],
                         quote=f"More than {i} people.", source=SOURCE)
    n_events = max(1, n_actors // 10)
    previous: URIRef | None = None
    for k in range(first, first + count):
        s, o = rng.sample(range(n_actors), 2)
        start = _date(rng, 1990, 2020)
        end = _date(rng, int(start[:4]) + 1, 2030) if rng.random() < 0.5 else None
        quote = f"Synthetic quote number {k}: actor {s} and actor {o}."
        common = dict(
            start=start, end=end, quote=quote, source=SOURCE, claimed_by=[actor_iri(rng.randrange(n_actors))],
            status=rng.choice(STATUSES), about=[previous] if previous is not None else [],
            evidenced_by=[AGD[f"event/e{rng.randrange(n_events)}"]], place=actor_iri(rng.randrange(n_actors)),
            note=f"note {k}",
        )
        kind = k % 10
        if kind == 0:  # mediation: two parties
            p1, p2 = rng.sample(range(n_actors), 2)
            node = add_statement(g, actor_iri(s), AG.mediatesBetween, parties=[actor_iri(p1), actor_iri(p2)], **common)
        elif kind == 1:  # leadership: role and end cause
            node = add_statement(g, actor_iri(s), AG.leaderOf, actor_iri(o), role="emir", end_cause=AG.Killed, **common)
        else:
            predicate, symmetric = RELATIONS[k % len(RELATIONS)]
            node = add_statement(g, actor_iri(s), predicate, actor_iri(o), symmetric=symmetric, **common)
        previous = node


def generate(n_actors: int = 200, n_statements: int = 2000, seed: int = 116) -> Dataset:
    """A dataset of ``n_actors`` actors and ``n_statements`` statements (one named graph).

    >>> ds = generate(20, 50)
    >>> sum(1 for _ in ds.quads()) > 50 * 15
    True
    """
    ds = Dataset()
    ds.bind("ag", AG)
    ds.bind("agd", AGD)
    _fill(ds.graph(SOURCE), n_actors, 0, n_statements, random.Random(seed), with_header=True)
    return ds


def sizes_for(triples: int) -> tuple[int, int]:
    """(actors, statements) giving about ``triples`` triples."""
    n_statements = max(10, triples // TRIPLES_PER_STATEMENT)
    n_actors = max(10, n_statements // STATEMENTS_PER_ACTOR)
    return n_actors, n_statements


def bundled_nquads() -> list[str]:
    """The bundled graph (Ifri Letter 116) as N-Quads lines, so that benchmarks ask about real actors (Pakistan…)."""
    import pyoxigraph as ox

    from actorgraph.store.graph import bundled_graph_path

    store = ox.Store()
    store.load(path=str(bundled_graph_path()), format=ox.RdfFormat.TRIG)
    return [f"{q} .\n" for q in store]


def write(path: str | Path, triples: int = 100_000, seed: int = 116, chunk: int = 5000, bundled: bool = False) -> int:
    """Write about ``triples`` triples to ``path`` (``.nq`` streamed in chunks, or ``.trig``).

    ``bundled=True`` (``.nq`` only) writes the bundled graph first and fills
    the rest with synthetic actors: the bundled data replicated into a big
    store, so that questions about Pakistan have their real answers there.
    Returns the number of quads written.
    """
    path = Path(path)
    head = bundled_nquads() if bundled else []
    n_actors, n_statements = sizes_for(max(triples - len(head), 1000))
    if path.suffix != ".nq":
        ds = generate(n_actors, n_statements, seed)
        path.write_text(ds.serialize(format=path.suffix.lstrip(".") or "trig"), encoding="utf-8")
        return sum(1 for _ in ds.quads())
    rng = random.Random(seed)
    graph_name = SOURCE.n3()
    written = len(head)
    with path.open("w", encoding="utf-8") as out:
        out.writelines(head)
        for first in range(0, n_statements, chunk):
            g = Graph()
            _fill(g, n_actors, first, min(chunk, n_statements - first), rng, with_header=first == 0)
            lines = [f"{s.n3()} {p.n3()} {o.n3()} {graph_name} .\n" for s, p, o in g]
            out.writelines(lines)
            written += len(lines)
    return written


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4) or (len(sys.argv) == 4 and sys.argv[3] != "--bundled"):
        sys.exit("usage: python bench/synthetic.py TRIPLES OUT.nq [--bundled]")
    n = write(sys.argv[2], int(sys.argv[1]), bundled=len(sys.argv) == 4)
    print(f"wrote {n} quads to {sys.argv[2]}")
