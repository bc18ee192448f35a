"""The ontology is OWL 2 DL, alone and with the bundled data: OWLAPI's profile check.

OWLAPI (Debian's libowlapi-java; the library ROBOT's ``validate-profile``
runs) checks a document against the OWL 2 DL profile; a tiny Java program
compiled here prints one line per violation (its kind, the offending IRI and
the axiom), so a term added later without a declaration names itself. The
check is shown to fail on planted mistakes. Skipped (with the reason) only
when java/javac or the jars are absent
(apt-get install -y default-jdk-headless libowlapi-java).

How to add a term so it stays DL: see docs/security.md, "The ontology stays OWL 2 DL".
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from java_tool import java_program
from rdflib import RDFS, Graph, URIRef

from actorgraph.core.vocab import AG

ROOT = Path(__file__).resolve().parent.parent
# owlapi-distribution bundles the OWLAPI modules; the rest are its Debian dependencies the parsers and the profile need
NEEDED = ["owlapi-distribution.jar", "guava.jar", "caffeine.jar", "commons-io.jar", "commons-codec.jar",
          "commons-rdf-api.jar", "slf4j-api.jar", "slf4j-nop.jar", "xz.jar", "hppcrt.jar", "jsr305.jar",
          "atinject-jsr330-api.jar", "guice.jar"]

CHECKER = r"""
import java.io.File;
import java.util.*;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.model.*;
import org.semanticweb.owlapi.profiles.*;

public class DLProfile {
    public static void main(String[] args) throws Exception {
        OWLOntologyManager manager = OWLManager.createOWLOntologyManager();
        // Debian's jar carries no service files: name the parsers read with
        manager.getOntologyParsers().add(new org.semanticweb.owlapi.rdf.turtle.parser.TurtleOntologyParserFactory());
        manager.getOntologyParsers().add(new org.semanticweb.owlapi.rdf.rdfxml.parser.RDFXMLParserFactory());
        OWLOntology ontology = manager.loadOntologyFromOntologyDocument(new File(args[0]));
        OWLProfileReport report = new OWL2DLProfile().checkOntology(ontology);
        Set<String> lines = new TreeSet<>();
        for (OWLProfileViolation v : report.getViolations()) {
            String text = v.toString().replaceAll("\\s+", " ").replaceAll(" in OntologyID\\(.*?\\)+\\]$", "]");
            lines.add(v.getClass().getSimpleName() + " | " + text);
        }
        System.out.println("axioms " + ontology.getAxiomCount());
        for (String line : lines) System.out.println(line);
    }
}
"""


@pytest.fixture(scope="module")
def dl_violations(tmp_path_factory):
    """Run OWLAPI's OWL 2 DL profile check on a Turtle file: (axiom count, one line per violation)."""
    run = java_program(tmp_path_factory, "DLProfile", CHECKER, NEEDED, "OWLAPI profile checker",
                       "default-jdk-headless libowlapi-java")

    def check(path: Path) -> tuple[int, list[str]]:
        proc = run(str(path))
        assert proc.returncode == 0, f"OWLAPI could not read {path.name}: {proc.stderr[-1500:]}"
        first, *lines = proc.stdout.splitlines()
        return int(first.split()[1]), lines

    return check


def _report(lines: list[str]) -> str:
    return (f"{len(lines)} OWL 2 DL violation(s) — declare each term's kind "
            "(docs/security.md, 'The ontology stays OWL 2 DL'):\n" + "\n".join(lines))


def test_ontology_alone_is_owl2_dl(dl_violations):
    axioms, lines = dl_violations(ROOT / "ontology.ttl")
    assert axioms > 1000  # the whole ontology was read, not an empty document
    assert lines == [], _report(lines)


def test_ontology_with_the_bundled_data_is_owl2_dl(kg, dl_violations, tmp_path):
    graph = Graph()
    graph.parse(ROOT / "ontology.ttl", format="turtle")
    graph += kg.data()
    path = tmp_path / "ontology-and-data.ttl"
    graph.serialize(path, format="turtle")
    axioms, lines = dl_violations(path)
    assert axioms > 3000  # statements, events, sources and figures were all read
    assert lines == [], _report(lines)


PLANTED = """
@prefix ag: <https://w3id.org/actorgraph/ontology#> .
@prefix agd: <https://w3id.org/actorgraph/id/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ex: <https://example.org/later#> .

# a new annotation on relation types, never declared
ag:attacks ex:intensity "high" .
# a range on a reserved term
ex:relationType a owl:ObjectProperty ; rdfs:range owl:ObjectProperty .
# a datatype property holding xsd:date, outside the OWL 2 datatype map
ex:bornOn a owl:DatatypeProperty .
agd:someone ex:bornOn "1950-01-01"^^xsd:date .
# a data property under an annotation property
ex:summary a owl:DatatypeProperty ; rdfs:subPropertyOf <http://purl.org/dc/terms/abstract> .
"""


def test_the_check_names_each_planted_violation_in_one_line(dl_violations, tmp_path):
    path = tmp_path / "planted.ttl"
    path.write_text((ROOT / "ontology.ttl").read_text(encoding="utf-8") + PLANTED, encoding="utf-8")
    _, lines = dl_violations(path)
    kinds = defaultdict(list)
    for line in lines:
        kind, _, text = line.partition(" | ")
        kinds[kind].append(text)
    assert any("<https://example.org/later#intensity>" in t for t in kinds["UseOfUndeclaredAnnotationProperty"])
    assert any("owl:ObjectProperty" in t for t in kinds["UseOfReservedVocabularyForClassIRI"])
    assert any("1950-01-01" in t for t in kinds["UseOfDefinedDatatypeInLiteral"])
    assert any("<http://purl.org/dc/terms/abstract>" in t for t in kinds["UseOfUndeclaredDataProperty"])
    assert all("\n" not in line and "OntologyID" not in line for line in lines)


def test_no_two_terms_share_a_label():
    """One meaning per term: a class and its property (ag:Place, ag:place) read differently."""
    graph = Graph().parse(ROOT / "ontology.ttl", format="turtle")
    by_label = defaultdict(set)
    for term, label in graph.subject_objects(RDFS.label):
        if isinstance(term, URIRef) and str(term).startswith(str(AG)):
            by_label[str(label).casefold()].add(term.n3(graph.namespace_manager))
    shared = {label: sorted(terms) for label, terms in by_label.items() if len(terms) > 1}
    assert shared == {}
