"""Places and actors sharing a name: Kabul the city vs Kabul the regime."""

from __future__ import annotations

import json

from actorgraph.model.places import events_at, find_place, name_note, place_info, show_name

STRIKES_ON_KABUL = "event/2025-10-pakistan-airstrikes-kabul"


def test_kabul_is_both_and_the_resolver_says_which_it_took(kg):
    assert find_place(kg, "Kabul").id == "kabul"
    note = name_note(kg, "Kabul")
    assert "actor Taliban regime" in note and "place Kabul (City)" in note and "events --place Kabul" in note
    assert "place Kabul (City)" in name_note(kg, "Kabul", picked="place")
    assert name_note(kg, "TTP") is None and name_note(kg, "Kandahar") is None


def test_the_place_kabul_its_location_and_what_happened_there(kg):
    info = place_info(kg, "Kabul")
    assert info["place"]["type"] == "City" and info["place"]["located_in"] == "afghanistan"
    assert STRIKES_ON_KABUL in [e["id"] for e in info["events"]]
    assert all("kabul" in e["places"] for e in info["events"])
    # the regime's events elsewhere are not the city's
    assert "event/2026-02-paf-airstrikes-ttp-camps-taliban-units" not in [e["id"] for e in info["events"]]
    assert [r["place"] for r in info["relations"]] == ["kabul"]


def test_events_at_a_country_include_its_cities(kg):
    at_afghanistan = {e.id for e in events_at(kg, "Afghanistan")}
    assert STRIKES_ON_KABUL in at_afghanistan and {e.id for e in events_at(kg, "Kabul")} <= at_afghanistan


def test_show_kabul_shows_both_and_kandahar_the_place(kg, cli):
    both = show_name(kg, "Kabul")
    assert both["actor"]["id"] == "taliban-regime" and both["place"]["place"]["id"] == "kabul"
    code, out, err = cli("show", "Kandahar", "--format", "json")
    only = json.loads(out)
    assert code == 0 and "actor" not in only and only["place"]["place"]["located_in_label"] == "Afghanistan"
    code, out, err = cli("show", "Kabul")
    assert code == 0 and out.startswith("Taliban regime (DeFactoRegime) [taliban-regime]\n")
    assert "Kabul (place: City, in Afghanistan) [kabul]" in out and "Events at Kabul" in out


def test_events_place_option_and_the_note_on_stderr(cli, cli_json):
    rows = cli_json("events", "--place", "Kabul")
    assert STRIKES_ON_KABUL in [r["id"] for r in rows] and all("kabul" in r["places"] for r in rows)
    code, out, err = cli("events", "--actor", "Kabul", "--format", "json")
    assert code == 0 and err.startswith("note: 'Kabul' is taken as the actor Taliban regime") and err.count("\n") == 1
    assert json.loads(out)  # stdout stays clean JSON
    code, out, err = cli("events", "--actor", "Kandahar")
    assert code == 2 and err == ("Error: 'Kandahar' is a place (City), not an actor: use `show Kandahar` or "
                                 "`events --place Kandahar`\n")
    code, out, err = cli("events", "--place", "Kandahr")
    assert code == 2 and "unknown place 'Kandahr'" in err and "Kandahar" in err
