"""Places and actors that share a name: which one a name means, and what happened at a place.

"Kabul" is a city and also an alias of the Taliban regime (the source says
"Kabul" for the government). The rule:

* a filter on actors (``--actor``, ``--with``, ``show``) takes the **actor**,
  and :func:`name_note` says so and offers the place;
* a filter on places (``events --place``) takes the **place** (a state is a
  place too: ``--place Afghanistan`` is the country);
* ``show NAME`` shows **both** when a name is both: the actor's record and
  relations, then the place — its type, where it lies, and the events and
  statements that happened there. A name that is only a place shows the place.

Events at a place include those at the places inside it (``ag:locatedIn``,
transitively): ``--place Afghanistan`` finds the strikes on Kabul.

>>> from actorgraph import load
>>> kg = load()
>>> name_note(load(), "Kabul")
"note: 'Kabul' is taken as the actor Taliban regime (DeFactoRegime); the place Kabul (City) is `show Kabul` or `events --place Kabul`"
>>> "event/2025-10-pakistan-airstrikes-kabul" in [e.id for e in events_at(kg, "Kabul")]
True
"""

from __future__ import annotations

from typing import Any

from ..core.errors import UnknownNameError
from ..core.vocab import AG
from ..store.graph import ActorGraph
from .names import (
    _lookup_name,
    _nodes,
    _norm,
    _record,
    label_of,
    node_records,
    places,
    resolve,
    resolve_place,
    suggest,
)
from .reads import events, relations, show
from .records import Actor, Event, iri, local_id

__all__ = ["find_place", "find_actor", "name_note", "place_not_actor", "place_info", "events_at", "show_name"]

_WITHIN = """
SELECT DISTINCT ?inside WHERE { ?inside ag:locatedIn* ?place }
"""


def _place_index(kg: ActorGraph) -> dict[str, Actor]:
    key = "places:index"
    if key not in kg._cache:
        index: dict[str, Actor] = {}
        found = places(kg)
        for place in found:
            for alias in place.aliases:
                index.setdefault(_norm(alias), place)
        for place in found:
            index[_norm(place.label)] = place
            index[_norm(place.id)] = place
        kg._cache[key] = index
    return kg._cache[key]


def find_place(kg: ActorGraph, name: str) -> Actor | None:
    """The place (not an actor) with this label, alias or id, or None.

    >>> from actorgraph import load
    >>> find_place(load(), "kabul").type
    'City'
    """
    if "places:index" not in kg._cache:  # through the store's index first: no scan of every place
        node = _lookup_name(kg, name, AG.Place)
        if node is not None:
            return _record(kg, node, _nodes(kg, only=[node])[node], AG.Place)
        if _lookup_name(kg, name, AG.Actor) is not None:
            return None  # spelled exactly as an actor's name and no place's: not a place
    return _place_index(kg).get(_norm(name))


def find_actor(kg: ActorGraph, name: str) -> Actor | None:
    """The actor with this label, alias or id, or None."""
    try:
        node = local_id(resolve(kg, name))
    except UnknownNameError:
        return None
    return node_records(kg, [node])[node]


def name_note(kg: ActorGraph, name: str, picked: str = "actor") -> str | None:
    """A one-line note when ``name`` is both an actor and a place: which was taken, and how to get the other.

    ``picked`` is what the command took (``"actor"`` or ``"place"``).
    """
    actor, place = find_actor(kg, name), find_place(kg, name)
    if actor is None or place is None or actor.id == place.id:
        return None
    if picked == "place":
        return (f"note: {name!r} is taken as the place {place.label} ({place.type}); "
                f"the actor {actor.label} ({actor.type}) is `--actor {actor.id}`")
    return (f"note: {name!r} is taken as the actor {actor.label} ({actor.type}); "
            f"the place {place.label} ({place.type}) is `show {name}` or `events --place {name}`")


def place_not_actor(kg: ActorGraph, name: str) -> str | None:
    """The error for a place given where an actor is wanted (``--actor Kandahar``), else None."""
    if find_actor(kg, name) is None and (place := find_place(kg, name)) is not None:
        return (f"{name!r} is a place ({place.type}), not an actor: use `show {name}` or `events --place {name}`")
    return None


def _within(kg: ActorGraph, node: Any) -> set[str]:
    return {local_id(row["inside"]) for row in kg.select(_WITHIN, place=node)} | {local_id(node)}


def events_at(kg: ActorGraph, name: str) -> list[Event]:
    """Events at a place or at a place inside it, in date order (a state counts as a place).

    >>> from actorgraph import load
    >>> any(e.id == "event/2025-10-pakistan-airstrikes-kabul" for e in events_at(load(), "Afghanistan"))
    True
    """
    place = find_place(kg, name)
    node = iri(place.id) if place is not None else resolve_place(kg, name)
    inside = _within(kg, node)
    return [e for e in events(kg) if inside.intersection(e.places)]


def place_info(kg: ActorGraph, name: str) -> dict[str, Any]:
    """A place: its record, where it lies, the events there and the statements located there.

    Keys ``place`` (``id, label, type, aliases, located_in, located_in_label``),
    ``events`` and ``relations``.
    """
    place = find_place(kg, name)
    if place is None:
        raise UnknownNameError(name, [p.label for p in places(kg) if _norm(name) in _norm(p.label)][:3]
                               or suggest(kg, name), "place")
    node = iri(place.id)
    located = [row["where"] for row in kg.select("SELECT ?where WHERE { ?place ag:locatedIn ?where }", place=node)]
    inside = _within(kg, node)
    return {
        "place": place.as_dict() | {
            "located_in": local_id(located[0]) if located else None,
            "located_in_label": label_of(kg, located[0]) if located else None,
        },
        "events": [e.as_dict() for e in events_at(kg, place.id)],
        "relations": [r.as_dict() for r in relations(kg) if r.place in inside],
    }


def show_name(kg: ActorGraph, name: str) -> dict[str, Any]:
    """``show``: the actor, the place, or both when the name is both (keys of :func:`graph.model.reads.show` + ``place``).

    >>> from actorgraph import load
    >>> out = show_name(load(), "Kabul")
    >>> out["actor"]["id"], out["place"]["place"]["id"], out["place"]["place"]["located_in"]
    ('taliban-regime', 'kabul', 'afghanistan')
    """
    place = find_place(kg, name)
    actor = find_actor(kg, name)
    if actor is None and place is None:
        raise UnknownNameError(name, suggest(kg, name) + [p.label for p in places(kg)
                                                          if _norm(p.label).startswith(_norm(name)[:3])][:2])
    out: dict[str, Any] = show(kg, name) if actor is not None else {}
    if place is not None:
        out["place"] = place_info(kg, place.id)
    return out
