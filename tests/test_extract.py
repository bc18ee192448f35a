"""`actorgraph extract`: reading, dates, actors, rules, claims, denials, output, bad input, goals."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml
from rdflib import Graph

import actorgraph
from actorgraph.core.ontology import load_ontology, ontology_path
from actorgraph.core.vocab import AG
from actorgraph.ingest.extract import OUTPUT_COLUMNS, extract_text, write_candidates
from actorgraph.ingest.extract.cues import load_cues
from actorgraph.ingest.extract.evaluate import date_precision_problems, quote_problems, score, unattributed_claims
from actorgraph.ingest.extract.reading import html_to_text, markdown_to_text, read_document
from actorgraph.ingest.extract.timex import document_date, find_times
from actorgraph.model.names import resolve
from actorgraph.model.records import local_id

DATA = Path(__file__).resolve().parent / "data" / "extract"
NEWS = DATA / "news"
MARCH_31 = dt.date(2026, 3, 31)  # a Tuesday


@pytest.fixture(scope="module")
def kg_():
    return actorgraph.load()


def triples(ex):
    return [(c.subject, c.relation, c.object or tuple(c.parties), c.start, c.end, c.claimed_by, c.status)
            for c in ex.candidates]


# -- the cue lexicon is data in the ontology ------------------------------------------------------
def test_cues_are_annotations_on_relation_types_of_the_ontology():
    onto = load_ontology()
    graph = Graph().parse(ontology_path(), format="turtle")
    cued = {local_id(s) for s in graph.subjects(AG.cue, None)}
    assert {"attacks", "mediatesBetween", "accuses", "harbors", "tensionsWith", "supports"} <= cued
    assert cued <= {r.name for r in onto.primary_relations()}  # only relation types carry cues
    lexicon = load_cues()
    assert {c.relation for c in lexicon.cues} == cued
    assert [c.relation for c in lexicon.find("Islamabad launched airstrikes on Kabul.")] == ["attacks"]


# -- reading -------------------------------------------------------------------------------------
def test_html_is_read_with_a_parser_scripts_and_styles_dropped():
    text, title = html_to_text("<html><head><title>T &amp; U</title><style>p{}</style></head><body>"
                               "<p>Pakistan <b>struck</b> Kabul.</p><script>alert(1)</script><p>Next &lt;b&gt;</p>")
    assert title == "T & U"
    assert text == "Pakistan struck Kabul.\n\nNext <b>"


def test_markdown_loses_its_markup():
    assert markdown_to_text("# Head\n\n**Pakistan** struck [Kabul](http://x.invalid) *again*.") == \
        "Head\n\nPakistan struck Kabul again."


def test_reading_the_news_html_fixture_keeps_the_article_only():
    doc = read_document(NEWS / "2026-01-15-waziristan.html")
    assert doc.kind == "html" and doc.title == "Suicide attack kills soldiers in North Waziristan"
    assert "alert" not in doc.text and "Home | World" not in doc.text
    assert "The Tehrik-i-Taliban Pakistan claimed responsibility for the attack." in doc.text


# -- dates ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("sentence, expected", [
    ("Pakistan struck Kabul on Friday.", [("point", "2026-03-27", None)]),
    ("Talks began two weeks ago.", [("point", "2026-03-14/2026-03-20", None)]),
    ("Talks stalled in late November.", [("point", "2025-11", None)]),
    ("Tensions have grown since last fall.", [("since", "2025-09/2025-11", None)]),
    ("The TTP has attacked Pakistan since 2021.", [("since", "2021", None)]),
    ("Negotiations failed by the end of 2022.", [("until", "2022", None)]),
    ("Attacks peaked between 2008 and 2011.", [("range", "2008", "2011")]),
    ("For three weeks in February–March 2026, Afghanistan attacked.", [("range", "2026-02", "2026-03")]),
    ("It happened in the second half of the 2010s.", [("point", "2015/2019", None)]),
    ("On February 27, 2026, the minister spoke.", [("point", "2026-02-27", None)]),
    ("Pakistan may retaliate; 2025 soldiers were deployed.", []),
])
def test_dates_resolve_against_the_document_date_at_the_texts_precision(sentence, expected):
    assert [(t.role, t.start, t.end) for t in find_times(sentence, MARCH_31)] == expected


def test_relative_dates_without_a_document_date_are_left_out():
    assert find_times("Pakistan struck Kabul on Friday, two weeks ago.", None) == []
    assert [t.start for t in find_times("It began in October 2025.", None)] == ["2025-10"]


def test_the_document_date_is_read_from_a_dateline():
    assert document_date("Islamabad, 10 October 2025 — Explosions shook Kabul.") == dt.date(2025, 10, 10)
    assert document_date("No date here.") is None


# -- actors, relations, claims -------------------------------------------------------------------
def test_metonyms_possessives_and_a_weekday(kg_):
    ex = extract_text("Islamabad's jets struck Kabul on Friday.", kg_, MARCH_31)
    assert triples(ex) == [("Pakistan", "attacks", "Taliban regime", "2026-03-27", None, None, None)]


def test_a_state_governed_by_a_regime_acts_through_it(kg_):
    ex = extract_text("In 2026, Afghanistan launched drone attacks on Pakistan.", kg_)
    assert triples(ex) == [("Taliban regime", "attacks", "Pakistan", "2026", None, None, None)]


def test_they_points_to_the_previous_sentences_subject(kg_):
    ex = extract_text("The TTP is a terrorist group. Their proximity to the Afghan Taliban is ideological.", kg_)
    assert [(c.subject, c.relation, c.object) for c in ex.candidates] == [
        ("Tehrik-i-Taliban Pakistan", "closeTiesWith", "Taliban")]


def test_a_denial_states_nothing(kg_):
    assert extract_text("Kabul denies harbouring the TTP.", kg_).candidates == []
    ex = extract_text("Islamabad accuses Kabul of harbouring the TTP, a charge Kabul denies.", kg_)
    assert set(triples(ex)) == {
        ("Pakistan", "accuses", "Taliban regime", None, None, None, None),
        ("Taliban regime", "harbors", "Tehrik-i-Taliban Pakistan", None, None, "Pakistan", None),
    }


def test_a_negation_states_nothing(kg_):
    assert extract_text("The Taliban have not turned against the TTP.", kg_).candidates == []
    assert extract_text("India is making no mediation efforts between Pakistan and Iran.", kg_).candidates == []


def test_claims_carry_their_claimant_and_anonymous_claims_are_left_out(kg_):
    ex = extract_text("According to Pakistan, the Taliban government harbours the TTP.", kg_)
    assert triples(ex) == [("Taliban regime", "harbors", "Tehrik-i-Taliban Pakistan", None, None, "Pakistan", None)]
    ex = extract_text("India said Pakistan attacked Kabul in May 2025.", kg_)
    assert triples(ex) == [("Pakistan", "attacks", "Taliban regime", "2025-05", None, "India", None)]
    assert extract_text("Officials said Pakistan attacked Kabul.", kg_).candidates == []


def test_hedges_and_failures_set_the_status(kg_):
    ex = extract_text("India could form an alliance with the Taliban government.", kg_)
    assert [(c.relation, c.status) for c in ex.candidates] == [("alliedWith", "Potential")]
    ex = extract_text("Pakistan offered to mediate between Iran and the United States.", kg_)
    assert [(c.subject, c.parties, c.status) for c in ex.candidates] == [
        ("Pakistan", ["Iran", "United States"], "Proposed")]
    ex = extract_text("Talks between Pakistan and the Taliban government, mediated by Qatar, stalled in "
                      "late November.", kg_, MARCH_31)
    assert [(c.subject, sorted(c.parties), c.start, c.status) for c in ex.candidates
            if c.relation == "mediatesBetween"] == [("Qatar", ["Pakistan", "Taliban regime"], "2025-11", "Stalled")]


def test_mediators_and_parties(kg_):
    ex = extract_text("Qatar and Turkey urged Pakistan and the Taliban to negotiate a ceasefire in October 2025.",
                      kg_)
    found = {(c.subject, tuple(c.parties), c.start) for c in ex.candidates if c.relation == "mediatesBetween"}
    assert found == {("Qatar", ("Pakistan", "Taliban regime"), "2025-10"),
                     ("Turkey", ("Pakistan", "Taliban regime"), "2025-10")}


def test_unknown_names_are_proposed_with_a_class_guess(kg_):
    ex = extract_text("Defence Minister Khawaja Asif said Jaish al-Adl attacked Iran in 2025.", kg_)
    assert {(p.label, p.type) for p in ex.proposed} == {("Khawaja Asif", "Person"),
                                                        ("Jaish al-Adl", "NonStateArmedGroup")}
    assert triples(ex) == [("Jaish al-Adl", "attacks", "Iran", "2025", None, "Khawaja Asif", None)]


def test_mentions_keep_their_place_after_ligatures_and_ellipses(kg_):
    from actorgraph.ingest.extract.mentions import Gazetteer

    sentence = "Le ﬁnal … Saint-Mézard wrote that Türkiye and Pakistan’s army clashed."
    found = Gazetteer.from_graph(kg_).find(sentence)
    assert [sentence[m.start:m.end] for m in found] == [m.text for m in found]
    assert [m.actor for m in found] == ["isabelle-saint-mezard", "turkey", "pakistani-military"]


def test_acled_spellings_of_state_forces(kg_):
    ex = extract_text("Military Forces of Pakistan (2018-) attacked Tehrik-i-Taliban Pakistan in 2025.", kg_)
    assert [(c.subject, c.relation, c.object) for c in ex.candidates] == [
        ("Pakistani military", "attacks", "Tehrik-i-Taliban Pakistan")]


def test_a_spelling_variant_is_the_known_actor(kg_):
    ex = extract_text("The Tehreek-i-Taliban Pakistan attacked Pakistani soldiers in 2025.", kg_)
    assert [(c.subject, c.relation, c.object) for c in ex.candidates] == [
        ("Tehrik-i-Taliban Pakistan", "attacks", "Pakistan")]
    assert ex.proposed == []


# -- output: the import format -------------------------------------------------------------------
def test_output_is_the_import_format_and_imports_unchanged(cli, tmp_path):
    out = tmp_path / "c.csv"
    code, _, err = cli("extract", str(NEWS / "2026-01-15-waziristan.html"), "--source-id", "waz", "-o", str(out))
    assert code == 0, err
    header = out.read_text(encoding="utf-8").splitlines()[0]
    assert header.split(",") == OUTPUT_COLUMNS
    ws = tmp_path / "ws.trig"
    assert cli("init", str(ws))[0] == 0
    assert cli("--graph", str(ws), "add", "source", "waz", "--title", "Waziristan", "--date", "2026-01-15")[0] == 0
    code, stdout, err = cli("--graph", str(ws), "import", str(out))
    assert code == 0, err
    code, stdout, _ = cli("--graph", str(ws), "query", "accusations", "--param", "accuser=Pakistan")
    assert code == 0
    assert any("allowing the group" in r.get("quote", "") for r in json.loads(stdout))


def test_yaml_output_with_proposed_actors_imports(cli, tmp_path):
    report = tmp_path / "r.txt"
    report.write_text("Defence Minister Khawaja Asif said Jaish al-Adl attacked Iran in 2025.\n", encoding="utf-8")
    out = tmp_path / "c.yaml"
    assert cli("extract", str(report), "-o", str(out))[0] == 0
    doc = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert [a["label"] for a in doc["actors"]] == ["Khawaja Asif", "Jaish al-Adl"]
    ws = tmp_path / "ws.trig"
    assert cli("init", str(ws), "--empty")[0] == 0
    assert cli("--graph", str(ws), "add", "actor", "Iran", "--type", "State")[0] == 0
    code, _, err = cli("--graph", str(ws), "import", str(out))
    assert code == 0, err
    code, stdout, _ = cli("--graph", str(ws), "relations", "--actor", "Jaish al-Adl", "--format", "json")
    rows = json.loads(stdout)
    assert [(r["predicate"], r["object_label"], r["claimed_by_label"], r["start"]) for r in rows] == [
        ("attacks", "Iran", "Khawaja Asif", "2025")]


def test_the_output_never_replaces_what_is_not_a_regular_file(kg_, tmp_path):
    target = tmp_path / "elsewhere.yaml"
    target.write_text("keep me", encoding="utf-8")
    link = tmp_path / "c.yaml"
    link.symlink_to(target)
    with pytest.raises(actorgraph.ActorGraphError, match="not a regular file"):
        write_candidates(extract_text("Pakistan struck Kabul in 2025.", kg_), link)
    assert target.read_text(encoding="utf-8") == "keep me"


# -- bad input: one line, non-zero exit ----------------------------------------------------------
@pytest.mark.parametrize("name, content, message", [
    ("empty.txt", b"   \n", "empty file"),
    ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file"),
    ("latin1.txt", "Pakistan struck Kabul in März 2025.".encode("latin-1"), "unknown encoding"),
    ("nobody.txt", b"The weather was fine and the markets were calm on Friday.", "no known actor"),
    ("quiet.txt", b"Pakistan and India held elections in 2024.", "no sentence states a relation"),
    ("broken.pdf", b"%PDF-1.4\nnot really a pdf", "unreadable PDF"),
    ("missing.txt", None, "no such file"),
])
def test_bad_input_gets_one_line_and_a_non_zero_exit(cli, tmp_path, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    code, out, err = cli("extract", str(path), "-o", str(tmp_path / "out.yaml"))
    assert code != 0
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error:") and message in lines[0], err
    assert not (tmp_path / "out.yaml").exists()


def test_review_refuses_a_file_that_is_not_candidates(cli, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("just: [a, mapping]\n", encoding="utf-8")
    code, _, err = cli("review", str(bad))
    assert code != 0 and len(err.strip().splitlines()) == 1 and "candidate" in err


# -- the goals on our news set -------------------------------------------------------------------
def _news():
    gold = yaml.safe_load((NEWS / "gold.yaml").read_text(encoding="utf-8"))
    for doc in gold["documents"]:
        yield NEWS / doc["file"], doc["date"], doc["statements"]


def _ids(rows, kg):
    out = []
    for r in rows:
        def ident(name):
            try:
                return local_id(resolve(kg, name))
            except actorgraph.ActorGraphError:
                return name
        row = dict(r, subject=ident(r["subject"]))
        if r["relation"] == "mediatesBetween":
            row["parties"], row["object"] = [ident(p.strip()) for p in r["object"].split(";")], None
        else:
            row["object"] = ident(r["object"])
        out.append(row)
    return out


def test_news_set_goals_quotes_dates_claims(kg_):
    from actorgraph.ingest.extract import candidate_rows

    recall_hits = gold_total = good = total = 0
    for path, date, gold in _news():
        text = read_document(path).text
        rows = candidate_rows(extract_text(text, kg_, str(date)))
        assert quote_problems([r["quote"] for r in rows], text) == []  # 100 % verbatim
        assert date_precision_problems(rows) == []  # no date finer than its sentence
        assert unattributed_claims(rows) == []  # every reported claim names its claimant
        result = score(_ids(rows, kg_), [dict(g, start=str(g.get("start") or ""), end=str(g.get("end") or ""))
                                         for g in gold])
        gold_total += result["gold"]
        recall_hits += result["gold"] - len(result["missed"])
        total += result["candidates"]
        good += result["candidates"] - len(result["wrong"])
    assert recall_hits / gold_total >= 0.6
    assert good / total >= 0.7


def test_letter_goals(kg_, source_text):
    from actorgraph.ingest.extract import candidate_rows

    text = read_document(source_text).text
    rows = candidate_rows(extract_text(text, kg_, "2026-03-31"))
    assert quote_problems([r["quote"] for r in rows], text) == []
    assert date_precision_problems(rows) == [] and unattributed_claims(rows) == []
    data = yaml.safe_load((Path(actorgraph.__file__).parent / "data" / "ifri-letter-116.yaml").read_text("utf-8"))
    gold = [dict(r, relation=r["predicate"], start=str(r.get("start") or ""), end=str(r.get("end") or ""))
            for r in data["relations"]]
    result = score(_ids(rows, kg_), gold)
    assert result["recall"] >= 0.6 and result["precision"] >= 0.7, result


def _tiny_pdf(text: str) -> bytes:
    """A one-page PDF whose page draws ``text`` in Helvetica (built by hand: no writer library needed)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def test_a_pdf_report_is_read_with_pypdf(cli, tmp_path):
    pytest.importorskip("pypdf")
    report = tmp_path / "r.pdf"
    report.write_bytes(_tiny_pdf("Pakistan launched airstrikes on Kabul in October 2025."))
    out = tmp_path / "c.csv"
    code, _, err = cli("extract", str(report), "-o", str(out))
    assert code == 0, err
    rows = out.read_text(encoding="utf-8").splitlines()
    assert rows[1].startswith("Pakistan,attacks,Taliban regime,2025-10,")
