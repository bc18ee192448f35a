"""The ontology: parses, documents every term, carries polarity; AG matches it."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, SKOS, Graph, URIRef
from rdflib.namespace import DCTERMS

from actorgraph.core.ontology import load_ontology, ontology_path
from actorgraph.core.vocab import AG, ONTOLOGY_IRI

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def onto_graph() -> Graph:
    return Graph().parse(ROOT / "ontology.ttl", format="turtle")


def test_root_ontology_is_the_packaged_one():
    assert (ROOT / "ontology.ttl").read_bytes() == ontology_path().read_bytes()


def test_header_has_title_license_version_prefix(onto_graph):
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in onto_graph
    for prop in (DCTERMS.title, DCTERMS.license, DCTERMS.description, OWL.versionIRI, OWL.versionInfo):
        assert onto_graph.value(ONTOLOGY_IRI, prop) is not None, prop
    assert str(onto_graph.value(ONTOLOGY_IRI, URIRef("http://purl.org/vocab/vann/preferredNamespacePrefix"))) == "ag"


def test_every_term_has_label_and_definition(onto_graph):
    terms = {s for s in onto_graph.subjects() if isinstance(s, URIRef) and str(s).startswith(str(AG))}
    assert len(terms) > 150
    missing = [t for t in terms if onto_graph.value(t, RDFS.label) is None or onto_graph.value(t, SKOS.definition) is None]
    assert missing == []


def test_defined_namespace_lists_exactly_the_ontology_terms(onto_graph):
    terms = {str(s)[len(str(AG)):] for s in onto_graph.subjects() if str(s).startswith(str(AG))}
    declared = set(AG.__annotations__)
    assert terms == declared
    with pytest.raises(AttributeError):
        AG.atacks  # noqa: B018 — a typo must fail loudly


def test_required_actor_classes_exist(onto_graph):
    for name in ("State", "Government", "DeFactoRegime", "NonStateArmedGroup", "TerroristGroup",
                 "InsurgentGroup", "InternationalOrganization", "Person", "Place", "Country", "Province",
                 "City", "Port", "Region", "Event", "SourceDocument", "Statement", "Quantity"):
        assert (AG[name], RDF.type, OWL.Class) in onto_graph, name


@pytest.mark.parametrize(
    "name, polarity, symmetric",
    [
        ("alliedWith", "friendly", True), ("rapprochementWith", "friendly", True),
        ("supportsPolitically", "friendly", False), ("supportsMilitarily", "friendly", False),
        ("supportsFinancially", "friendly", False), ("harbors", "friendly", False),
        ("mediatesBetween", "neutral", False), ("negotiatesWith", "neutral", True),
        ("attacks", "hostile", False), ("atWarWith", "hostile", True), ("accuses", "hostile", False),
        ("rivalOf", "hostile", True), ("splinterOf", "neutral", False), ("formedFromDefectorsOf", "neutral", False),
        ("leaderOf", "neutral", False), ("memberOf", "neutral", False), ("ideologicalAffinityWith", "friendly", True),
        ("governs", "neutral", False), ("hosts", "friendly", False), ("defensePactWith", "friendly", True),
        ("tradingPartnerOf", "friendly", True), ("borderDisputeWith", "hostile", True),
    ],
)
def test_relation_types_carry_polarity_and_symmetry(name, polarity, symmetric):
    rel = load_ontology().relation(name)
    assert (rel.polarity, rel.symmetric) == (polarity, symmetric)


def test_inverses_are_declared_both_ways(onto_graph):
    for prop, inverse in onto_graph.subject_objects(OWL.inverseOf):
        assert (inverse, OWL.inverseOf, prop) in onto_graph


def test_alignments_to_public_vocabularies(onto_graph):
    assert (AG.leaderOf, SKOS.closeMatch, URIRef("http://www.w3.org/ns/org#headOf")) in onto_graph
    assert (AG.source, RDFS.subPropertyOf, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")) in onto_graph
    assert onto_graph.value(AG.mediatesBetween, SKOS.closeMatch) is not None


def test_ontology_usable_by_owlrl(onto_graph):
    import owlrl

    g = Graph()
    g += onto_graph
    g.add((URIRef("urn:a"), AG.rivalOf, URIRef("urn:b")))
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)
    assert (URIRef("urn:b"), AG.rivalOf, URIRef("urn:a")) in g  # symmetry inferred


def test_relation_lookup_by_label_and_suggestions():
    onto = load_ontology()
    assert onto.relation("at war with").name == "atWarWith"
    from actorgraph.core.errors import UnknownNameError

    with pytest.raises(UnknownNameError, match="did you mean: attacks"):
        onto.relation("atacks")
