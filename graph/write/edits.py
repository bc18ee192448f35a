"""Edits: add, remove and merge — the writes every workspace runs the same way.

Each function builds its change inside ``ws.transaction()`` (a TriG file, an
Oxigraph store or a SPARQL endpoint: see :mod:`graph.write.change`), reading the
graph as it stands through ``change.kg`` (SPARQL) and ``change.kg.dataset``
(rdflib's triple-pattern API) and touching only the nodes it changes.
Statements, actors and events are built by :mod:`graph.write.statements` with
content-derived ids, so writing the same fact twice adds nothing.

Defaults (see ``docs/workspaces.md``):

* a relation needs a verbatim ``quote`` of at least 10 characters and a
  source (the shapes require both); without ``--source`` it goes to the
  workspace's own source document ``source/user`` ("Workspace notes"),
  created on first use, in its own named graph;
* actors and events added by hand also go to the ``source/user`` graph.

>>> import tempfile, pathlib
>>> from actorgraph.write.workspace import init
>>> ws = init(pathlib.Path(tempfile.mkdtemp()) / "mine.trig", empty=True)
>>> add_actor(ws, "Example Front", "NonStateArmedGroup", aliases=["EF"]).status
'added'
>>> add_actor(ws, "Example Front", "NonStateArmedGroup", aliases=["EF"]).status
'unchanged'
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Iterable

from rdflib import RDF, RDFS, SKOS, Literal, URIRef
from rdflib.namespace import DCTERMS, XSD

from ..core.errors import UnknownNameError, ValidationError
from ..core.vocab import AG, AGD, ONTOLOGY_IRI
from ..model.names import resolve_place
from ..store.graph import ActorGraph
from .change import MIN_QUOTE, Change, WorkspaceBase, WriteResult

__all__ = [
    "slug",
    "source_iri",
    "ensure_user_source",
    "known_source",
    "add_actor",
    "add_source",
    "add_relation",
    "add_event",
    "remove",
    "merge",
    "primary_direction",
    "USER_SOURCE_ID",
    "GEO",
    "MIN_QUOTE",
]

#: Id of the workspace's own source document (``agd:source/user``).
USER_SOURCE_ID = "user"
USER_SOURCE_TITLE = "Workspace notes (added with actorgraph add/import)"
GEO = "http://www.w3.org/2003/01/geo/wgs84_pos#"


def source_iri(source_id: str) -> URIRef:
    """IRI of a source document (also the name of its named graph).

    >>> source_iri("user")
    rdflib.term.URIRef('https://w3id.org/actorgraph/id/source/user')
    """
    return AGD["source/" + source_id]


def slug(text: str, fallback: str = "item") -> str:
    """A short, IRI-safe id from a label.

    >>> slug("Tehrik-i-Taliban Pakistan (TTP)")
    'tehrik-i-taliban-pakistan-ttp'
    >>> slug("بلوچستان")[:5]
    'item-'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    out = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60].strip("-")
    if not out:
        out = f"{fallback}-{hashlib.sha1(text.encode('utf-8')).hexdigest()[:10]}"
    return out


def ensure_user_source(change: Change) -> URIRef:
    """The workspace's own source document, created (with today's date) on first use."""
    src = source_iri(USER_SOURCE_ID)
    if not change.exists((src, RDF.type, AG.SourceDocument)) and (src, RDF.type, AG.SourceDocument) not in change.graph(src):
        g = change.graph(src)
        g.add((src, RDF.type, AG.SourceDocument))
        g.add((src, DCTERMS.title, Literal(USER_SOURCE_TITLE)))
        g.add((src, DCTERMS.issued, Literal(dt.date.today().isoformat(), datatype=XSD.date)))
    return src


def known_source(change: Change, source_id: str | None) -> URIRef:
    """Resolve a source id (``None`` → the user source); unknown ids raise with suggestions."""
    import difflib

    if not source_id:
        return ensure_user_source(change)
    sid = source_id.removeprefix("source/")
    src = source_iri(sid)
    if change.exists((src, RDF.type, AG.SourceDocument)) or (src, RDF.type, AG.SourceDocument) in change.graph(src):
        return src
    if sid == USER_SOURCE_ID:
        return ensure_user_source(change)
    ids = [str(s)[len(str(AGD)) + len("source/"):] for s in change.kg.dataset.subjects(RDF.type, AG.SourceDocument)]
    raise UnknownNameError(source_id, difflib.get_close_matches(sid, ids, n=3), "source")


# ---------------------------------------------------------------------------
# add / remove / merge
# ---------------------------------------------------------------------------
def _result(change: Change, node: URIRef, detail: str = "") -> WriteResult:
    from ..model.records import local_id

    change.net()
    return WriteResult("added" if change.size else "unchanged", local_id(node), change.counts(), detail)


def _finish(ws: WorkspaceBase, build, dry_run: bool = False) -> WriteResult:
    with ws.transaction(dry_run=dry_run) as change:
        result = build(change)
    if result.status == "added" and dry_run:
        result.status = "would add"
    return result


def add_actor(
    ws: WorkspaceBase,
    label: str,
    type: str,
    aliases: Iterable[str] = (),
    description: str | None = None,
    id: str | None = None,
    dry_run: bool = False,
) -> WriteResult:
    """Add an actor (or extend the one with that exact label: new aliases).

    The id is ``slug(label)`` unless ``id`` is given. A label that is already
    another actor's alias is refused (it would make names ambiguous).
    """
    from ..model.names import _kind_nodes, _norm, resolve
    from ..model.records import local_id
    from .statements import add_actor as write_actor

    if not label.strip():
        raise ValidationError(["an actor needs a non-empty label"])

    def build(change: Change) -> WriteResult:
        kg = change.kg
        cls = kg.ontology.resolve_class(type, AG.Actor)
        nodes = _kind_nodes(kg, AG.Actor)
        node = None
        try:
            found = resolve(kg, label)
        except UnknownNameError:
            found = None
        if found is not None:
            rec = nodes.get(found, {})
            if _norm(rec.get("label", "")) != _norm(label) and _norm(local_id(found)) != _norm(label):
                raise ValidationError([f"{label!r} is already a name of {rec.get('label')} ({local_id(found)}); use that actor or merge"])
            node = found
            if cls not in rec.get("types", set()):
                have = ", ".join(sorted(local_id(t) for t in rec.get("types", set())))
                raise ValidationError([f"{label!r} already exists ({local_id(found)}) with type {have}, not {local_id(cls)}"])
        if node is None:
            node = AGD[id] if id else AGD[slug(label, "actor")]
            if (node, None, None) in kg.dataset:
                raise ValidationError([f"id {local_id(node)!r} is taken by {local_id(node)}; pass another --id"])
        src = ensure_user_source(change)
        rec = nodes.get(node)
        if rec is None:
            write_actor(change.graph(src), node, label, [cls], aliases, description)
        else:
            g = change.graph(src)
            for alias in aliases:
                g.add((node, SKOS.altLabel, Literal(alias)))
            if description and not rec.get("description"):
                g.add((node, AG.description, Literal(description)))
        return _result(change, node)

    return _finish(ws, build, dry_run)


def add_source(
    ws: WorkspaceBase,
    source_id: str,
    title: str,
    date: str,
    author: str | None = None,
    publisher: str | None = None,
    series: str | None = None,
    number: str | None = None,
    isbn: str | None = None,
    url: str | None = None,
    citation: str | None = None,
    dry_run: bool = False,
) -> WriteResult:
    """Add a source document (its own named graph) with a bibliographic record.

    ``date`` must be a full day (``dcterms:issued`` is an ``xsd:date``).
    """
    from ..core.dates import parse_date

    if slug(source_id) != source_id:
        raise ValidationError([f"source id {source_id!r} must be lowercase letters, digits and dashes (e.g. {slug(source_id)!r})"])
    day = parse_date(date)
    if day.precision != "day":
        raise ValidationError([f"--date {date!r}: a source's date must be a full day YYYY-MM-DD (dcterms:issued is an xsd:date)"])
    if not title.strip():
        raise ValidationError(["a source needs a non-empty --title"])

    from .statements import add_source as write_source

    def build(change: Change) -> WriteResult:
        src = source_iri(source_id)
        existing_title = change.kg.dataset.value(src, DCTERMS.title)
        if existing_title is not None and str(existing_title) != title:
            raise ValidationError([f"source {source_id!r} exists with another title ({existing_title!s}); pick another id"])
        write_source(
            change.graph(src), src, title, day.text if existing_title is None else None,
            series=series, number=number, isbn=isbn, citation=citation, url=url,
            creators=[_actor_or_literal(change, author)] if author else (),
            publishers=[_actor_or_literal(change, publisher)] if publisher else (),
        )
        return _result(change, src)

    return _finish(ws, build, dry_run)


def _actor_or_literal(change: Change, name: str):
    from ..model.names import resolve

    try:
        return resolve(change.kg, name)
    except UnknownNameError:
        return Literal(name)


def add_relation(
    ws: WorkspaceBase,
    subject: str,
    relation: str,
    obj: str,
    start: str | None = None,
    end: str | None = None,
    quote: str | None = None,
    source: str | None = None,
    claimed_by: str | None = None,
    dry_run: bool = False,
) -> WriteResult:
    """Add a relation statement; names resolve through labels and aliases.

    ``quote`` is required (≥ 10 characters, stored verbatim); ``source``
    defaults to the workspace's own source ``source/user``.
    """
    from ..core.dates import parse_date
    from ..model.names import resolve

    if not quote or len(quote.strip()) < MIN_QUOTE:
        raise ValidationError([
            f"a relation needs --quote TEXT (at least {MIN_QUOTE} characters): the verbatim passage that supports it"
        ])
    s_date = parse_date(start) if start else None
    e_date = parse_date(end) if end else None
    if s_date and e_date and e_date.latest < s_date.earliest:
        raise ValidationError([f"--end {end} is before --start {start}"])

    def build(change: Change) -> WriteResult:
        from .statements import add_statement

        kg = change.kg
        rtype = kg.ontology.relation(relation)
        subj, other = resolve(kg, subject), resolve(kg, obj)
        rtype, subj, other = primary_direction(kg, rtype, subj, other)
        claimants = [resolve(kg, claimed_by)] if claimed_by else []
        src = known_source(change, source)
        node = add_statement(change.graph(src), subj, rtype.iri, other, start=start, end=end, quote=quote,
                             source=src, claimed_by=claimants, symmetric=rtype.symmetric)
        return _result(change, node)

    return _finish(ws, build, dry_run)


def primary_direction(kg: ActorGraph, rtype, subj: URIRef, obj: URIRef):
    """Turn a declared inverse ("attacked by") into its forward type, swapping the ends."""
    onto = kg.ontology
    primary = {r.iri for r in onto.primary_relations()}
    if rtype.iri in primary:
        return rtype, subj, obj
    for r in onto.relations.values():
        if r.iri in primary and (r.inverse == rtype.iri or rtype.inverse == r.iri):
            return r, obj, subj
    return rtype, subj, obj


def add_event(
    ws: WorkspaceBase,
    label: str,
    type: str,
    date: str,
    end: str | None = None,
    agents: Iterable[str] = (),
    targets: Iterable[str] = (),
    places: Iterable[str] = (),
    quote: str | None = None,
    source: str | None = None,
    dry_run: bool = False,
) -> WriteResult:
    """Add an event (id derived from type, label and date)."""
    from ..core.dates import parse_date
    from ..model.names import resolve
    from ..model.records import local_id
    from .statements import add_event as write_event

    first = parse_date(date)
    if end and parse_date(end).latest < first.earliest:
        raise ValidationError([f"--end {end} is before --date {date}"])

    def build(change: Change) -> WriteResult:
        kg = change.kg
        cls = kg.ontology.resolve_class(type, AG.Event)
        src = known_source(change, source)
        key = "|".join([local_id(cls), label, first.text])
        node = AGD[f"event/{slug(label, 'event')[:40]}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:8]}"]
        write_event(change.graph(src), node, cls, label, date=first.text, end=end,
                    agents=[resolve(kg, a) for a in agents], targets=[resolve(kg, t) for t in targets],
                    places=[resolve_place(kg, p) for p in places], quote=quote, source=src)
        return _result(change, node)

    return _finish(ws, build, dry_run)




def data_quads(kg: ActorGraph, pattern: tuple) -> list[tuple]:
    """``(s, p, o, graph)`` matching a triple pattern in the data graphs (not the ontology)."""
    return [(s, p, o, g) for s, p, o, g in kg.dataset.quads((*pattern, None)) if g != ONTOLOGY_IRI]


def _referrers(kg: ActorGraph, node: URIRef) -> list[tuple]:
    return [(s, p) for s, p in kg.dataset.subject_predicates(node) if s != node]


def remove(ws: WorkspaceBase, identifier: str, dry_run: bool = False) -> WriteResult:
    """Remove a statement, actor, place, event, figure or source by id (or actor name).

    Refuses to remove a node that other nodes still refer to (a statement's
    subject, an event's agent, a statement's source…) and lists them; merge
    or remove those first. A statement's direct triple goes too unless
    another statement still asserts it.
    """
    from ..model.names import resolve
    from ..model.records import iri, local_id

    def build(change: Change) -> WriteResult:
        kg = change.kg
        node = iri(identifier)
        if (node, None, None) not in kg.dataset:
            try:
                node = resolve(kg, identifier)
            except UnknownNameError as exc:
                raise UnknownNameError(identifier, exc.suggestions, "id") from None
        refs = _referrers(kg, node)
        is_statement = (node, RDF.type, AG.Statement) in kg.dataset
        if is_statement:
            refs = [(s, p) for s, p in refs if (s, RDF.type, AG.Statement) in kg.dataset and p == AG.about]
        else:
            refs = [(s, p) for s, p in refs if not _is_direct(kg, s, p)]
        if refs:
            refs = sorted(refs, key=lambda sp: (str(sp[0]), str(sp[1])))  # the same message from every store
            shown = ", ".join(f"{local_id(s)} ({local_id(p)})" for s, p in refs[:5])
            raise ValidationError([
                f"{local_id(node)} is still referred to by {len(refs)} node(s): {shown}"
                f"{' …' if len(refs) > 5 else ''}; remove or merge those first"
            ])
        for s, p, o, g in data_quads(kg, (node, None, None)):
            change.remove(g, (s, p, o))
        if not is_statement:
            for s, p, o, g in data_quads(kg, (None, None, node)):  # direct triples of removed statements only
                change.remove(g, (s, p, o))
        if is_statement:
            _remove_direct_triples(change, node)
        change.net()
        if not change.size:
            return WriteResult("unchanged", local_id(node))
        return WriteResult("removed", local_id(node), change.counts())

    return _finish(ws, build, dry_run)


def _is_direct(kg: ActorGraph, s, p) -> bool:
    """Whether (s p node) is a direct relation triple (not a statement's qualifier)."""
    return p in kg.ontology.relations and (s, RDF.type, AG.Statement) not in kg.dataset


def _remove_direct_triples(change: Change, st: URIRef) -> None:
    from .statements import HYPOTHETICAL_STATUSES

    kg = change.kg
    ds = kg.dataset
    subj, pred = ds.value(st, AG.subject), ds.value(st, AG.predicate)
    ends = [o for o in ds.objects(st, AG.object)] or list(ds.objects(st, AG.party))
    rtype = kg.ontology.relations.get(pred)
    for other in ends:
        pairs = [(subj, other)] + ([(other, subj)] if rtype is not None and rtype.symmetric else [])
        for a, b in pairs:
            still = False
            # statements whose subject is a or b (the only ones that can assert a pred b)
            candidates = dict.fromkeys([*ds.subjects(AG.subject, a), *ds.subjects(AG.subject, b)])
            for other_st in candidates:
                if other_st == st or ds.value(other_st, AG.predicate) != pred:
                    continue
                if ds.value(other_st, AG.status) in HYPOTHETICAL_STATUSES:
                    continue
                s2 = ds.value(other_st, AG.subject)
                e2 = set(ds.objects(other_st, AG.object)) | set(ds.objects(other_st, AG.party))
                if ({s2} | e2) >= {a, b} and (s2 in (a, b)):
                    still = True
                    break
            if not still:
                for s, p, o, g in data_quads(kg, (a, pred, b)):
                    change.remove(g, (s, p, o))


def merge(ws: WorkspaceBase, duplicate: str, into: str, dry_run: bool = False) -> WriteResult:
    """Merge actor ``duplicate`` into ``into``: names, statements and events move over.

    The duplicate's label and aliases become aliases of ``into``; every
    triple pointing at it is rewritten; statements are re-identified from
    their new content (references via ``ag:about`` follow). Nothing else is
    lost: a second description is kept as an ``ag:note``.
    """
    from ..model.names import resolve
    from ..model.records import local_id
    from .statements import statement_id

    def build(change: Change) -> WriteResult:
        kg = change.kg
        ds = kg.dataset
        dup, target = resolve(kg, duplicate), resolve(kg, into)
        if dup == target:
            raise ValidationError([f"{duplicate!r} and {into!r} are the same actor ({local_id(dup)})"])
        onto = kg.ontology
        statements = set()
        for _s, p, o, name in data_quads(kg, (dup, None, None)):
            change.remove(name, (dup, p, o))
            if p == RDF.type:
                continue
            if p == RDFS.label or p == SKOS.altLabel:
                change.graph(name).add((target, SKOS.altLabel, o))
            elif p == AG.description:
                if ds.value(target, AG.description) is None:
                    change.graph(name).add((target, AG.description, o))
                else:
                    change.graph(name).add((target, AG.note, Literal(f"merged from {local_id(dup)}: {o}")))
            else:
                change.graph(name).add((target, p, o))
        for s, p, _o, name in data_quads(kg, (None, None, dup)):
            change.remove(name, (s, p, dup))
            if (s, RDF.type, AG.Statement) in ds:
                statements.add(s)
            else:
                change.graph(name).add((s if s != dup else target, p, target))
        # re-identify rewritten statements from their new content
        renamed: dict[URIRef, URIRef] = {}
        ends: dict[URIRef, tuple] = {}

        def sub(x):
            return target if x == dup else x

        def lit(st, p):
            value = ds.value(st, p)
            return str(value) if value is not None else None

        for st in statements:
            pred = ds.value(st, AG.predicate)
            rtype = onto.relations.get(pred)
            subj, obj = sub(ds.value(st, AG.subject)), ds.value(st, AG.object)
            obj = sub(obj) if obj is not None else None
            if rtype is not None and rtype.symmetric and obj is not None and str(obj) < str(subj):
                subj, obj = obj, subj
            ends[st] = (subj, obj)
            renamed[st] = statement_id(
                subj, pred, obj, [sub(x) for x in ds.objects(st, AG.party)], lit(st, AG.start), lit(st, AG.end),
                [sub(x) for x in ds.objects(st, AG.claimedBy)], ds.value(st, AG.source), lit(st, AG.quote),
                ds.value(st, AG.status),
            )
        for st, new in renamed.items():
            for _s, p, o, name in data_quads(kg, (st, None, None)):
                change.remove(name, (st, p, o))
                if p == AG.subject:
                    o = ends[st][0]
                elif p == AG.object:
                    o = ends[st][1]
                else:
                    o = renamed.get(o, sub(o))
                change.graph(name).add((new, p, o))
            for s, p, _o, name in data_quads(kg, (None, None, st)):
                change.remove(name, (s, p, st))
                change.graph(name).add((renamed.get(s, s), p, new))
        change.net()
        return WriteResult("merged", local_id(target), change.counts(),
                           f"{local_id(dup)} → {local_id(target)}: {len(statements)} statement(s) moved")

    return _finish(ws, build, dry_run)
