"""Evidence integrity of the bundled graph (issue 11).

Every statement passes every rule of :mod:`actorgraph.write.audit`; each rule is
shown to catch the kind of statement the audit removed or corrected (the
planted statements below are the pre-audit ones, with their real quotes);
every waiver is needed and documented.
"""

from __future__ import annotations

import pytest
from rdflib import Literal

from actorgraph.core.vocab import AG, AGD
from actorgraph.write.audit import RULES, WAIVERS, Evidence, audit, evidence_records

S1 = ("Pakistan has historically maintained the closest ties to the Taliban movement and initially viewed its "
      "return to power in Afghanistan in the summer of 2021 with considerable optimism.")
S_ACCUSE = ("As the TTP intensified its attacks, Islamabad turned against the Taliban authorities, accusing them of "
            "harboring the group and facilitating its cross-border operations.")
S_ASSAULTS = ("For three weeks in February–March 2026, Afghanistan intensified ground assaults on the Pakistani side "
              "of the border as well as drone attacks on Islamabad and Rawalpindi.")
S_INFURIATES = "This support is part of the rapprochement that Washington and Islamabad began in May 2025, which infuriates New Delhi."
S_ISKP = ("Furthermore, they fear that by attacking TTP members, they might drive them toward the Islamic State "
          "Khorasan Province (ISKP), their main rival.")
S_STALLED = "Saudi Arabia joined the efforts, but negotiations stalled in late November 2025."
S_ALIGNMENT = ("Few developments could alarm Pakistan more than a potential alignment between India and Afghanistan—two "
               "neighbors with whom it maintains unresolved border disputes.")

NAMES = {
    "pakistan": ("Pakistan", "Islamabad"), "taliban": ("Taliban", "Afghan Taliban"),
    "taliban-regime": ("Taliban regime", "Taliban authorities", "Kabul"), "india": ("India", "Delhi", "New Delhi"),
    "united-states": ("United States", "Washington"), "iskp": ("ISKP",), "islamic-state": ("Islamic State",),
    "ttp": ("TTP",), "saudi-arabia": ("Saudi Arabia",),
}


def planted(subject, predicate, obj, quote, **kw) -> Evidence:
    objects = tuple(obj) if isinstance(obj, tuple) else (obj,)
    return Evidence(id="planted", subject=subject, predicate=predicate, objects=objects, quote=quote,
                    names={a: NAMES.get(a, (a,)) for a in (subject, *objects)}, **kw)


def test_every_bundled_statement_passes_every_rule(kg):
    assert audit(kg) == []


def test_the_audit_reads_every_quoted_statement(kg):
    records = evidence_records(kg)
    assert len(records) > 80
    assert all(r.quote for r in records)
    negotiations = next(r for r in records if r.predicate == "negotiatesWith" and r.end == "2022")
    assert negotiations.end_quote == "However, these negotiations failed by the end of 2022."


# Each case: (rule, a pre-audit statement with its real quote). The rule must flag it.
CAUGHT = [
    # an "ended" tie the text never says ended
    ("end", planted("pakistan", "closeTiesWith", "taliban", S1, end="2021-06/2025-10", status="Ended")),
    # a status Ended with no ending sentence
    ("end", planted("pakistan", "closeTiesWith", "taliban", S1, status="Ended")),
    # an interval invented from the window in which something else happened
    ("date-precision", planted("pakistan", "accuses", "taliban-regime", S_ACCUSE, start="2022/2025")),
    # a month the sentence does not give (the negotiations' start, borrowed from the airstrikes)
    ("date-precision", planted("pakistan", "negotiatesWith", "taliban-regime", S_STALLED, start="2025-10")),
    # a day where the sentence gives a month
    ("date-precision", planted("united-states", "rapprochementWith", "pakistan", S_INFURIATES, start="2025-05-01")),
    # a relation starting when it "intensified"
    ("intensification", planted("taliban-regime", "attacks", "pakistan", S_ASSAULTS, start="2026-02", end="2026-03")),
    # a hostile view of the US where the text is about resenting a rapprochement
    ("relation-stated", planted("india", "negativeViewOf", "united-states", S_INFURIATES, start="2025-05")),
    # branchOf with no sentence saying it
    ("relation-stated", planted("iskp", "branchOf", "islamic-state", S_ISKP)),
    # optimism modelled as political support
    ("relation-stated", planted("pakistan", "supportsPolitically", "taliban", S1, start="2021-06/2021-08")),
    # a quote that does not name an actor of the statement
    ("actors-named", planted("saudi-arabia", "pressures", "pakistan",
                             "In 2022, Prime Minister Imran Khan's government began negotiations with the TTP.")),
    # what an accusation is about, without its claimant
    ("claimant", planted("taliban-regime", "harbors", "ttp", S_ACCUSE, accused=True)),
    # a reported view without its claimant
    ("claimant", planted("taliban-regime", "supports", "ttp", S_ACCUSE)),
    # a hedge without a status, and a status without a hedge
    ("hedge", planted("india", "alliedWith", "taliban-regime", S_ALIGNMENT)),
    ("hedge", planted("united-states", "rapprochementWith", "pakistan", S_INFURIATES, status="Potential")),
]


@pytest.mark.parametrize("rule, statement", CAUGHT, ids=[f"{r}-{i}" for i, (r, _) in enumerate(CAUGHT)])
def test_each_rule_catches_a_planted_statement(rule, statement):
    check = RULES[rule]
    assert check(statement) is not None


@pytest.mark.parametrize("rule, statement", [
    ("end", planted("india", "hosts", "taliban-regime", "India hosted a high-level Taliban delegation in October 2025.",
                    start="2025-10", end="2025-10")),
    ("end", planted("ttp", "attacks", "pakistan", "The TTP carried out a series of deadly attacks in Pakistan, "
                    "particularly between 2008 and 2011, and in 2014.", start="2008", end="2011", status="Ended")),
    ("date-precision", planted("pakistan", "negotiatesWith", "taliban-regime", S_STALLED, end="2025-11")),
    ("date-precision", planted("taliban", "controls", "taliban-regime", S1, start="2021-06/2021-08")),
    ("intensification", planted("india", "tensionsWith", "pakistan", "its relationship with Pakistan has been at an "
                                "all-time low since May 2025", start="2025-05", role="all-time low")),
    ("hedge", planted("india", "alliedWith", "taliban-regime", S_ALIGNMENT, status="Potential")),
])
def test_rules_accept_what_the_sentence_states(rule, statement):
    assert RULES[rule](statement) is None


def test_an_end_stated_in_another_sentence_needs_its_end_quote():
    base = dict(start="2022", end="2022", status="Failed")
    quote = "In 2022, Prime Minister Imran Khan's government began negotiations with the TTP."
    # end == start is a punctual fact; a later end needs its sentence
    later = planted("pakistan", "negotiatesWith", "ttp", quote, **{**base, "end": "2023"})
    assert RULES["end"](later) is not None
    with_quote = planted("pakistan", "negotiatesWith", "ttp", quote,
                         **{**base, "end": "2022"}, end_quote="However, these negotiations failed by the end of 2022.")
    assert RULES["end"](with_quote) is None


def test_a_planted_statement_in_the_graph_fails_the_audit(kg, tmp_path):
    """End to end: the pre-audit India → United States statement, written
    through the library into a copy of the bundled graph, is reported."""
    from actorgraph import load
    from actorgraph.write.statements import add_statement

    graph = kg.data()  # a copy
    add_statement(graph, AGD.india, AG.negativeViewOf, AGD["united-states"], start="2025-05",
                  quote=S_INFURIATES, source=AGD["source/ifri-letter-116"])
    copy = tmp_path / "planted.ttl"
    graph.serialize(copy, format="turtle")
    problems = audit(load(copy))
    assert any("relation-stated" in p and "negativeViewOf" in p for p in problems), problems


@pytest.mark.parametrize("waiver", WAIVERS, ids=[f"{w.rule}:{w.subject}-{w.predicate}-{w.object}" for w in WAIVERS])
def test_every_waiver_is_documented_and_needed(kg, waiver):
    assert len(waiver.reason) > 20
    others = [w for w in WAIVERS if w is not waiver]
    assert any(waiver.rule in p and waiver.subject in p for p in audit(kg, waivers=others)), "waiver no longer needed"


def test_end_quote_is_checked_verbatim_by_validate(kg, source_text, tmp_path):
    from actorgraph import load
    from actorgraph.write.validate import validate

    graph = kg.data()  # a copy
    node = next(iter(graph.subjects(AG.endQuote, None)))
    graph.set((node, AG.endQuote, Literal("These negotiations ended in a signed peace.")))
    copy = tmp_path / "g.ttl"
    graph.serialize(copy, format="turtle")
    problems = [p for p in validate(load(copy), source_text) if "end quote" in p]
    assert problems and "not found verbatim" in problems[0]


# -- facts that were only in notes or descriptions, now reachable by query ----

def test_reactions_are_links_from_the_node_whose_quote_states_them(kg):
    rows = kg.select("""
        SELECT ?node ?who ?quote WHERE {
          { ?node ag:viewedNegativelyBy ?who } UNION { ?node ag:viewedPositivelyBy ?who }
          ?node ag:quote ?quote }""")
    found = {(str(r["who"]).rsplit("/", 1)[-1], str(r["quote"])) for r in rows}
    assert ("india", S_INFURIATES) in found          # the rapprochement infuriates New Delhi
    assert ("pakistan", S_ALIGNMENT) in found        # a potential alignment would alarm Pakistan
    assert ("pakistan", S1) in found                 # optimism at the Taliban's return to power
    # and India holds no hostile view of the United States
    assert not kg.select("SELECT ?s WHERE { ?s ag:subject agd:india ; ag:predicate ag:negativeViewOf ; "
                         "ag:object agd:united-states }")


def test_succession_of_ttp_leaders_is_an_order_not_invented_dates(kg):
    rows = kg.select("""
        SELECT ?later ?earlier WHERE {
          ?a ag:follows ?b . ?a ag:subject ?later . ?b ag:subject ?earlier }""")
    chain = {str(r["later"]).rsplit("/", 1)[-1]: str(r["earlier"]).rsplit("/", 1)[-1] for r in rows}
    assert chain == {"hakimullah-mehsud": "baitullah-mehsud", "mullah-fazlullah": "hakimullah-mehsud",
                     "noor-wali-mehsud": "mullah-fazlullah"}
    starts = kg.select("SELECT ?s WHERE { ?st ag:subject ?s ; ag:predicate ag:leaderOf ; ag:object agd:ttp ; "
                       "ag:start ?start }")
    assert starts == []


def test_where_pakistan_intensified_its_airstrikes_has_its_own_quote(kg):
    rows = kg.select("SELECT ?ev ?quote WHERE { ?ev ag:place agd:kandahar ; ag:quote ?quote }")
    assert [str(r["quote"]) for r in rows] == [
        "Pakistan, for its part, has intensified airstrikes on Afghan border areas, as well as on Kabul and Kandahar."]


def test_the_primary_driver_of_the_tensions_is_evidence_of_them(kg):
    rows = kg.select("""
        SELECT ?quote WHERE { ?st ag:subject agd:pakistan ; ag:predicate ag:tensionsWith ;
          ag:object agd:taliban-regime ; ag:evidencedBy ?event ; ag:quote ?quote }""", event=AGD["event/ttp-intensified-attacks"])
    assert rows and "primary driver of the escalating tensions" in str(rows[0]["quote"])


def test_cli_audit_passes_on_the_bundled_graph_and_fails_on_a_planted_statement(cli, kg, tmp_path):
    from actorgraph.write.statements import add_statement

    code, out, _ = cli("audit")
    assert code == 0 and "every statement is stated by its sentence" in out
    graph = kg.data()
    add_statement(graph, AGD.iskp, AG.branchOf, AGD["islamic-state"], quote=S_ISKP, source=AGD["source/ifri-letter-116"])
    planted_file = tmp_path / "planted.ttl"
    graph.serialize(planted_file, format="turtle")
    code, out, err = cli("--graph", str(planted_file), "audit")
    assert code == 1
    assert "relation-stated:" in out and "(iskp branchOf islamic-state)" in out
    assert "hedge:" in out  # "they fear that ..." with no status
    assert "Error: 2 statement problems" in err and "Traceback" not in err
    code, out, _ = cli("audit", "--no-waivers")
    assert code == 1 and "the two neighbors" not in out and "actors-named:" in out
