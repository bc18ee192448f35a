"""Inputs that used to give silently wrong answers: a missing named-query parameter, an empty window."""

from __future__ import annotations

import pytest

import actorgraph
from actorgraph.core.errors import DateError, QueryError
from actorgraph.model import query_library as queries
from actorgraph.model.query_library import named_queries, param_default


def test_missing_parameter_is_an_error_naming_it(cli, kg):
    code, out, err = cli("query", "hostile-to", "-p", "actor=Pakistan")
    assert code != 0 and out == ""
    assert err.startswith("Error: query 'hostile-to' needs parameter 'asof' (date:") and err.count("\n") == 1
    assert "-p asof=VALUE" in err
    with pytest.raises(QueryError, match="needs parameter 'actor'"):
        actorgraph.query(kg, "hostile-to", {"asof": "2026-03-15"})


def test_every_shipped_parameter_is_required_or_documents_its_default(kg):
    for named in named_queries():
        required = [p for p, _, help_text in named.params if not param_default(help_text)[0]]
        if required:
            with pytest.raises(QueryError, match=f"needs parameter '{required[0]}'"):
                actorgraph.query(kg, named.name, {})


def test_a_documented_default_of_none_leaves_the_variable_unbound(kg):
    assert param_default(dict((p, h) for p, _, h in queries.get_query("mediators").params)["since"]) == (True, None)
    everything = actorgraph.query(kg, "mediators", {"a": "Pakistan", "b": "Taliban regime"})
    recent = actorgraph.query(kg, "mediators", {"a": "Pakistan", "b": "Taliban regime", "since": "2026-01-01"})
    assert len(everything) >= len(recent) > 0


def test_a_documented_default_value_is_bound(kg, tmp_path, monkeypatch):
    (tmp_path / "state-label.rq").write_text(
        "# description: The label of an actor.\n"
        "# param: actor actor  The actor. [default: Pakistan]\n"
        "SELECT ?label WHERE { ?actor rdfs:label ?label }\n", encoding="utf-8")
    monkeypatch.setattr(queries, "_queries_dir", lambda: tmp_path)
    queries._all.cache_clear()
    try:
        assert [str(r["label"]) for r in actorgraph.query(kg, "state-label")] == ["Pakistan"]
        assert [str(r["label"]) for r in actorgraph.query(kg, "state-label", {"actor": "India"})] == ["India"]
    finally:
        queries._all.cache_clear()


def test_since_after_until_is_an_error(cli, kg):
    code, out, err = cli("relations", "--since", "2026", "--until", "2021")
    assert code != 0 and out == ""
    assert err == "Error: since 2026 is after until 2021: the window is empty\n"
    with pytest.raises(DateError):
        actorgraph.relations(kg, since="2026-03-02", until="2026-03-01")
    # a window inside one year, given at two precisions, is not empty
    assert actorgraph.relations(kg, since="2026-03", until="2026")
