"""Figures are ranges, shown as the text states them (issue 11).

"Several hundred", "nearly a million", "over 4 million" are bounds, not
numbers: each figure carries ``min``/``max`` (``ag:minimum``/``ag:maximum``),
its qualifier (``ag:bound``) and the words of the text (``ag:statedAs``).
"""

from __future__ import annotations

import pytest
import yaml

from actorgraph.core.errors import ValidationError
from actorgraph.ingest.build import compile_dataset
from actorgraph.model.queries import query
from actorgraph.model.reads import quantities


@pytest.fixture(scope="module")
def figures(kg):
    return {q.stated_as: q for q in quantities(kg)}


def test_bounded_figures_are_ranges(figures):
    nearly = figures["nearly a million"]
    assert (nearly.min, nearly.max, nearly.qualifier) == (None, 1_000_000, "nearly")
    over = figures["estimated at over 4 million"]
    assert (over.min, over.max, over.qualifier) == (4_000_000, None, "estimated at over")
    several = figures["several hundred"]
    assert (several.min, several.max, several.qualifier) == (300, 999, "several")
    more = figures["more than 660"]
    assert (more.min, more.max, more.qualifier) == (660, None, "more than")
    thousands = figures["thousands"]
    assert (thousands.min, thousands.max) == (2000, None)


def test_exact_figures_are_a_one_point_range(figures):
    for stated in ("580", "15%", "four-day", "five-day", "three weeks"):
        figure = figures[stated]
        assert figure.qualifier == "exactly"
        assert figure.min == figure.max == figure.value, stated


def test_every_figure_is_stated_in_its_quote_and_bounded_consistently(kg):
    rows = quantities(kg)
    assert len(rows) == 14
    for q in rows:
        assert q.stated_as and q.stated_as.lower() in q.quote.lower(), q.id
        assert q.min is not None or q.max is not None, q.id
        if q.min is not None and q.max is not None:
            assert q.min <= q.max, q.id


def test_cli_figures_shows_the_text_and_the_range(cli, cli_json):
    rows = cli_json("figures")
    deported = next(r for r in rows if r["stated_as"] == "nearly a million")
    assert (deported["min"], deported["max"], deported["qualifier"]) == (None, 1_000_000, "nearly")
    code, out, _ = cli("figures", "--format", "table", "--wide")
    assert code == 0
    assert "nearly a million" in out and "several hundred" in out and "estimated at over 4 million" in out


def test_named_query_figures_returns_the_range(kg):
    rows = query(kg, "figures", {})
    by_text = {str(r["statedAs"]): r for r in rows if r.get("statedAs") is not None}
    assert float(by_text["nearly a million"]["max"]) == 1_000_000 and by_text["nearly a million"].get("min") is None
    assert float(by_text["several hundred"]["min"]) == 300 and float(by_text["several hundred"]["max"]) == 999
    assert str(by_text["more than 660"]["bound"]) == "more than"


def _mini(tmp_path, **quantity):
    doc = {
        "source": {"id": "mini", "title": "Mini", "date": "2026-03-31"},
        "actors": [{"id": "pakistan", "label": "Pakistan", "type": "State"}],
        "quantities": [{"id": "q", "label": "deported", "value": 1000000, "bound": "Nearly", "unit": "person",
                        "of": "pakistan", "quote": "has deported nearly a million of them", **quantity}],
    }
    path = tmp_path / "mini.yaml"
    path.write_text(yaml.safe_dump(doc), encoding="utf-8")
    return path


def test_build_rejects_words_the_quote_does_not_contain(tmp_path):
    with pytest.raises(ValidationError) as info:
        compile_dataset(_mini(tmp_path, max=1000000, stated_as="about a million"))
    assert any("stated_as 'about a million' is not in its quote" in p for p in info.value.problems)


def test_build_rejects_an_inverted_range(tmp_path):
    with pytest.raises(ValidationError) as info:
        compile_dataset(_mini(tmp_path, min=2000000, max=1000000, stated_as="nearly a million"))
    assert any("min 2000000 is above max 1000000" in p for p in info.value.problems)


def test_build_accepts_a_well_formed_range(tmp_path):
    ds = compile_dataset(_mini(tmp_path, max=1000000, stated_as="nearly a million"))
    assert sum(1 for _ in ds.quads()) > 5
