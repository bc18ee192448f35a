"""The library read API: names, filters, the as-of rule on real data, networkx."""

from __future__ import annotations

import networkx as nx
import pytest

import actorgraph
from actorgraph.core.errors import UnknownNameError
from actorgraph.model.records import local_id


def test_resolve_ignores_case_accents_and_articles(kg):
    assert local_id(actorgraph.resolve(kg, "the taliban regime")) == "taliban-regime"
    assert local_id(actorgraph.resolve(kg, "isabelle saint-mezard")) == "isabelle-saint-mezard"


def test_unknown_name_suggests_close_matches(kg):
    with pytest.raises(UnknownNameError) as info:
        actorgraph.resolve(kg, "Qatr")
    assert info.value.suggestions[0] == "Qatar"


def test_type_filter_includes_subproperties(kg):
    preds = {r.predicate for r in actorgraph.relations(kg, type="supports")}
    assert {"supportsPolitically", "harbors"} <= preds


def test_as_of_rule_on_real_data(kg):
    # China's mediation between Pakistan and the Taliban regime starts "2025"
    def active(day, rule):
        return any(r.predicate == "mediatesBetween" and r.subject == "china"
                   for r in actorgraph.relations(kg, actor="China", with_="Kabul", as_of=day, rule=rule))
    assert active("2025-03-15", "possible") and not active("2025-03-15", "certain")
    assert active("2025-12-31", "certain") and not active("2024-12-31", "possible")


def test_potential_relations_are_listed_but_never_active(kg):
    potential = [r for r in actorgraph.relations(kg) if r.status == "Potential"]
    assert potential
    active_ids = {r.id for r in actorgraph.relations(kg, as_of="2026-03-31")}
    assert not {r.id for r in potential} & active_ids


def test_window_filter_overlaps(kg):
    rels = actorgraph.relations(kg, actor="TTP", type="attacks", since="2008", until="2011")
    assert any(r.start == "2008" for r in rels)
    assert all(r.start_date is None or r.start_date.earliest.year <= 2011 for r in rels)


def test_to_networkx_edges_carry_the_statement(kg):
    g = actorgraph.to_networkx(kg, as_of="2026-03-15")
    assert isinstance(g, nx.MultiDiGraph)
    war = [d for _, _, d in g.edges("pakistan", data=True) if d["predicate"] == "atWarWith"]
    assert war and war[0]["polarity"] == "hostile" and war[0]["sign"] == -1 and war[0]["start"] == "2026-02-27"
    assert war[0]["statement"].startswith("statement/") and war[0]["quote"]
    assert g.nodes["ttp"]["label"] == "Tehrik-i-Taliban Pakistan"
    # a mediation is one edge per party
    china = {v for _, v, d in g.out_edges("china", data=True) if d["predicate"] == "mediatesBetween"}
    assert china == {"pakistan", "taliban-regime"}


def test_to_networkx_as_of_drops_later_relations(kg):
    g = actorgraph.to_networkx(kg, as_of="2024-12-31")
    assert not any(d["predicate"] == "atWarWith" for _, _, d in g.edges(data=True))


def test_sources_have_a_full_bibliographic_record(kg):
    (src,) = actorgraph.sources(kg)
    assert (src.author, src.publisher, src.number, src.date, src.isbn) == (
        "Isabelle Saint-Mézard", "Ifri", "116", "2026-03-31", "979-10-373-1200-6")
    assert src.series == "Letter from the Center for Asian Studies"


def test_events_have_types_dates_and_places(kg):
    evs = {e.date: e for e in actorgraph.events(kg) if e.type == "WarDeclaration"}
    assert evs["2026-02-27"].agents and evs["2026-02-27"].quote.startswith("On February 27, 2026")


def test_show_collects_relations_and_events(kg):
    info = actorgraph.show(kg, "Noor Wali Mehsud")
    assert info["actor"]["type"] == "Person"
    assert any(r["predicate"] == "leaderOf" for r in info["relations"])
