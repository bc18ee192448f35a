"""The ontology stays consistent with the bundled data loaded.

OWL-RL closure (``owlrl``) of ontology + bundled graph raises no error and
types no individual both as an actor and as an event or a place; HermiT (the
OWL 2 DL reasoner shipped with owlready2, run on Debian's Java) finds the
whole consistent. Each check is also shown to fail on a planted mistake.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest
from rdflib import RDF, Graph, Literal, URIRef

from actorgraph.core.vocab import AG, AGD

owlrl = pytest.importorskip("owlrl")


def _ontology_and_data(kg) -> Graph:
    graph = Graph()
    graph += kg.ontology.graph
    graph += kg.data()
    return graph


def _owlrl_errors(graph: Graph) -> list[str]:
    """Close ``graph`` under OWL-RL (in place); return the reasoner's error messages."""
    from owlrl.Namespaces import ERRNS

    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    return sorted(str(message) for message in graph.objects(None, ERRNS.error))


def _actors_that_are_events_or_places(graph: Graph) -> set[URIRef]:
    actors = set(graph.subjects(RDF.type, AG.Actor))
    return {node for node in actors if (node, RDF.type, AG.Event) in graph or (node, RDF.type, AG.Place) in graph}


@pytest.fixture(scope="module")
def closed(kg) -> tuple[Graph, list[str]]:
    graph = _ontology_and_data(kg)
    return graph, _owlrl_errors(graph)


def test_owlrl_closure_of_ontology_and_bundled_data_raises_no_error(closed):
    _, errors = closed
    assert errors == []


def test_no_individual_is_both_an_actor_and_an_event_or_a_place(closed):
    graph, _ = closed
    assert _actors_that_are_events_or_places(graph) == set()
    # and the closure did type things: the TTP is an actor, its leaders' deaths are events
    assert (AGD.ttp, RDF.type, AG.Actor) in graph
    assert (AGD["event/2009-killing-baitullah-mehsud"], RDF.type, AG.Event) in graph


def test_an_event_leader_does_not_make_the_event_an_actor(closed):
    graph, _ = closed
    visit = AGD["event/2025-10-taliban-delegation-visit-india"]
    assert (visit, AG.headedBy, AGD["amir-muttaqi"]) in graph
    assert (visit, RDF.type, AG.Actor) not in graph
    assert (AGD["amir-muttaqi"], AG.leaderOf, visit) not in graph


def test_a_concern_about_a_place_leaves_the_place_a_place(closed):
    graph, _ = closed
    assert (AGD.china, AG.concernedAbout, AGD["af-pak-region"]) in graph
    assert (AGD["af-pak-region"], RDF.type, AG.Actor) not in graph


@pytest.mark.parametrize(
    "planted",
    [
        # a place used as the agent of an event becomes an actor: Actor ⊓ Place
        lambda: (AGD["event/2025-10-pakistan-airstrikes-kabul"], AG.agent, AGD.kabul),
        # the old bug: an actor typed as an event
        lambda: (AGD.ttp, RDF.type, AG.Airstrike),
        # an event given an actor's leader through ag:ledBy (inverse of leaderOf)
        lambda: (AGD["event/2025-10-taliban-delegation-visit-india"], AG.ledBy, AGD["amir-muttaqi"]),
    ],
)
def test_the_checks_catch_a_planted_inconsistency(kg, planted):
    graph = _ontology_and_data(kg)
    graph.add(planted())
    errors = _owlrl_errors(graph)
    assert errors and "Disjoint classes" in errors[0]
    assert _actors_that_are_events_or_places(graph)


# -- HermiT (OWL 2 DL) -----------------------------------------------------

def _hermit_consistent(graph: Graph, tmp_path) -> bool:
    """Run HermiT's consistency check (-k). Literals of datatypes outside the
    OWL 2 datatype map (EDTF strings, xsd:date day bounds) are ignored: the
    ontology puts no axiom on them."""
    reasoning = pytest.importorskip("owlready2.reasoning")
    java = shutil.which("java")
    if java is None:
        pytest.skip("java is not installed (Debian: apt-get install default-jre-headless)")
    path = tmp_path / "all.owl"
    graph.serialize(path, format="xml")
    result = subprocess.run(
        [java, "-Xmx1000M", "-cp", reasoning._HERMIT_CLASSPATH, "org.semanticweb.HermiT.cli.CommandLine",
         "-k", "--ignoreUnsupportedDatatypes", "-I", path.as_uri()],
        capture_output=True, text=True, timeout=300,
    )
    if result.returncode == 0:
        return True
    assert "InconsistentOntologyException" in result.stderr, result.stderr[-2000:]
    return False


def test_hermit_finds_ontology_and_bundled_data_consistent(kg, tmp_path):
    assert _hermit_consistent(_ontology_and_data(kg), tmp_path)


def test_hermit_finds_a_planted_contradiction(kg, tmp_path):
    graph = _ontology_and_data(kg)
    graph.add((AGD.ttp, RDF.type, AG.Airstrike))
    graph.add((AGD.ttp, AG.outcome, Literal("planted")))
    assert not _hermit_consistent(graph, tmp_path)
