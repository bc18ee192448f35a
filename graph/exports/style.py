"""Colours, shapes and line styles shared by the HTML map and the static diagrams.

Actor types get a colour and a shape (the most specific mapped class wins,
walking up ``rdfs:subClassOf`` for types added later); polarities get a
colour; relation types get a line style from their kind: *material*
relations (force, support, shelter, alliance) are solid, *diplomatic or
verbal* ones dashed, *attitudes, ties and structure* dotted.
"""

from __future__ import annotations

from rdflib import RDFS

from ..core.vocab import AG

__all__ = [
    "POLARITY_COLORS",
    "CAMP_COLORS",
    "TYPE_STYLES",
    "type_style",
    "relation_style",
    "type_label",
]

POLARITY_COLORS = {"friendly": "#1a9850", "hostile": "#d73027", "neutral": "#7a7a7a"}
#: camp colours: no red, green or grey (a camp never reads as a polarity), and far (CIE76 delta E >= 35) from
#: every actor type's colour, so a camp never reads as a type: magenta, yellow, violet, lavender, cream
CAMP_COLORS = ("#f032e6", "#f0e442", "#6a00ff", "#dcbeff", "#fffac8")

#: type → (colour, vis-network shape, matplotlib marker)
TYPE_STYLES: dict[str, tuple[str, str, str]] = {
    "State": ("#2166ac", "dot", "o"),
    "Government": ("#4393c3", "square", "s"),
    "DeFactoRegime": ("#762a83", "square", "s"),
    "StateInstitution": ("#5ab4ac", "square", "s"),
    "NonStateArmedGroup": ("#b2182b", "diamond", "D"),
    "TerroristGroup": ("#67001f", "diamond", "D"),
    "InsurgentGroup": ("#e08214", "diamond", "D"),
    "InternationalOrganization": ("#1b7837", "triangle", "^"),
    "ResearchInstitute": ("#878787", "hexagon", "h"),
    "Person": ("#f1a340", "star", "*"),
    "PopulationGroup": ("#bf812d", "triangleDown", "v"),
    "Place": ("#a6a6a6", "dot", "o"),
    "Actor": ("#999999", "dot", "o"),
}
_UNKNOWN = ("#999999", "dot", "o")

SOLID = "solid"
DASHED = "dashed"
DOTTED = "dotted"

_MATERIAL = {
    "atWarWith", "armedConflictWith", "attacks", "fightsAgainst", "alliedWith", "supports",
    "supportsMilitarily", "supportsFinancially", "supportsPolitically", "defensePactWith",
    "foughtAlongside", "harbors", "hosts", "controls",
}
_DIPLOMATIC = {
    "accuses", "opposes", "pressures", "targets", "rivalOf", "borderDisputeWith", "agreementWith",
    "cooperatesWith", "tradingPartnerOf", "rapprochementWith", "mediatesBetween", "negotiatesWith",
}
_HEAVY = {"atWarWith", "armedConflictWith", "attacks", "alliedWith", "defensePactWith", "fightsAgainst"}


def type_style(actor_type: str, ontology=None) -> tuple[str, str, str]:
    """(colour, vis shape, matplotlib marker) of an actor type (walks up superclasses)."""
    if actor_type in TYPE_STYLES:
        return TYPE_STYLES[actor_type]
    if ontology is not None and actor_type:
        seen = set()
        frontier = [AG[actor_type]] if actor_type.isidentifier() else []
        while frontier:
            cls = frontier.pop(0)
            for sup in ontology.graph.objects(cls, RDFS.subClassOf):
                name = str(sup).rsplit("#", 1)[-1]
                if name in TYPE_STYLES and name != "Actor":
                    return TYPE_STYLES[name]
                if sup not in seen:
                    seen.add(sup)
                    frontier.append(sup)
    return _UNKNOWN


def relation_style(predicate: str) -> dict:
    """Line style of a relation type: ``{"line": solid|dashed|dotted, "width": float}``."""
    if predicate in _MATERIAL:
        line = SOLID
    elif predicate in _DIPLOMATIC:
        line = DASHED
    else:
        line = DOTTED
    return {"line": line, "width": 3.0 if predicate in _HEAVY else 1.6}


def type_label(actor_type: str) -> str:
    """Readable label of a class name, from the ontology's ``rdfs:label``
    (``NonStateArmedGroup`` → ``Non-state armed group``); split camel case for
    classes the ontology does not know."""
    if not actor_type:
        return "Other"
    from rdflib import URIRef

    from ..core.ontology import load_ontology
    from ..core.vocab import AG

    label = load_ontology().classes.get(URIRef(str(AG._NS) + actor_type))
    if label:
        return label[0].upper() + label[1:]
    words = []
    for ch in actor_type:
        if ch.isupper() and words:
            words.append(" ")
        words.append(ch)
    text = "".join(words)
    return text[0] + text[1:].lower()
