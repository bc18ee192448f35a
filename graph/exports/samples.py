"""Small and synthetic graphs for tests and benchmarks of the exports.

:func:`hostile_graph` holds every hostile string the exports must display as
text (markup, ``</script>``, ``javascript:`` links, formulas);
:func:`synthetic_graph` makes a graph of any size (the benchmark's 2,000
actors and 10,000 relations).
"""

from __future__ import annotations

import random
from pathlib import Path

from rdflib import RDF, Dataset, Literal
from rdflib.namespace import DCTERMS, XSD

from ..core.vocab import AG, AGD
from ..write.statements import add_actor, add_statement

__all__ = ["HOSTILE", "hostile_graph", "synthetic_graph", "write_trig"]

HOSTILE = {
    "img": "<img src=x onerror=alert(1)>",
    "script": "</script><script>alert(1)</script>",
    "js": "javascript:alert(1)",
    "comment": "<!-- x",
    "formula": "=HYPERLINK(\"http://example.invalid\",\"x\")",
    "href": '<a href="javascript:alert(1)">click</a>',
}

_SOURCE = AGD["source/test-doc"]


def _dataset() -> tuple[Dataset, object]:
    ds = Dataset()
    ds.bind("ag", AG)
    ds.bind("agd", AGD)
    g = ds.graph(_SOURCE)
    g.add((_SOURCE, RDF.type, AG.SourceDocument))
    g.add((_SOURCE, DCTERMS.title, Literal("Test document " + HOSTILE["img"])))
    g.add((_SOURCE, DCTERMS.issued, Literal("2026-03-31", datatype=XSD.date)))
    g.add((_SOURCE, DCTERMS.bibliographicCitation, Literal("Test, Doc. " + HOSTILE["script"] + " (2026)")))
    return ds, g


def hostile_graph() -> Dataset:
    """Eight actors and ten relations whose texts are hostile strings."""
    ds, g = _dataset()
    actors = {
        "alpha": ("Alpha " + HOSTILE["img"], AG.State, [HOSTILE["script"]]),
        "beta": ("Beta " + HOSTILE["script"], AG.State, [HOSTILE["js"]]),
        "gamma": (HOSTILE["formula"], AG.TerroristGroup, ["@SUM(1+1)", "-2+3"]),
        "delta": ("Delta " + HOSTILE["href"], AG.InternationalOrganization, []),
        "epsilon": ("Epsilon", AG.Person, ["+cmd|' /C calc'!A0"]),
        "zeta": ("Zeta " + HOSTILE["comment"], AG.DeFactoRegime, []),
        "eta": ("Eta", AG.PopulationGroup, []),
        "theta": ("Theta \u2028 line $x$ \\N", AG.InsurgentGroup, []),
    }
    for key, (label, cls, aliases) in actors.items():
        add_actor(g, AGD[key], label, [cls], aliases, description="Desc " + HOSTILE["img"])
    q = "Quote " + HOSTILE["script"] + " " + HOSTILE["href"]
    add_statement(g, AGD.alpha, AG.atWarWith, AGD.beta, start="2025-10", quote=q, source=_SOURCE, symmetric=True)
    add_statement(g, AGD.alpha, AG.alliedWith, AGD.zeta, start="2021", end="2024-06", quote=HOSTILE["img"],
                  source=_SOURCE, symmetric=True)
    add_statement(g, AGD.gamma, AG.attacks, AGD.alpha, start="2022-03-15", quote=HOSTILE["formula"], source=_SOURCE,
                  claimed_by=[AGD.alpha])
    add_statement(g, AGD.zeta, AG.harbors, AGD.gamma, start="2021-08", quote=HOSTILE["js"], source=_SOURCE)
    add_statement(g, AGD.delta, AG.mediatesBetween, parties=[AGD.alpha, AGD.zeta], start="2026-02", source=_SOURCE,
                  quote="mediation")
    add_statement(g, AGD.epsilon, AG.leaderOf, AGD.beta, start="2014/2015", source=_SOURCE, quote="leader")
    add_statement(g, AGD.beta, AG.targets, AGD.eta, start="2023", end="2025", source=_SOURCE, quote="targets")
    add_statement(g, AGD.theta, AG.fightsAgainst, AGD.beta, source=_SOURCE, quote="undated")
    add_statement(g, AGD.beta, AG.alliedWith, AGD.theta, status=AG.Potential, source=_SOURCE, quote="feared",
                  symmetric=True)
    add_statement(g, AGD.alpha, AG.accuses, AGD.zeta, start="2025-10-12", end="2026-01", source=_SOURCE,
                  quote="accuses")
    return ds


_TYPES = [AG.State, AG.Government, AG.TerroristGroup, AG.InsurgentGroup, AG.InternationalOrganization,
          AG.Person, AG.DeFactoRegime, AG.PopulationGroup]
_RELS = [(AG.alliedWith, True), (AG.attacks, False), (AG.supports, False), (AG.rivalOf, True),
         (AG.accuses, False), (AG.cooperatesWith, True), (AG.tensionsWith, True), (AG.negotiatesWith, True),
         (AG.harbors, False), (AG.atWarWith, True)]


def synthetic_graph(n_actors: int = 2000, n_relations: int = 10000, seed: int = 1) -> Dataset:
    """A random graph with dated relations spread over 2015–2026 (clustered, like real data)."""
    rng = random.Random(seed)
    ds, g = _dataset()
    ids = [AGD[f"actor-{i}"] for i in range(n_actors)]
    for i, node in enumerate(ids):
        add_actor(g, node, f"Actor {i}", [_TYPES[i % len(_TYPES)]], [f"A{i}"])
    made = 0
    while made < n_relations:
        a = rng.randrange(n_actors)
        # mostly local links, so the graph has communities
        b = (a + rng.choice([1, 2, 3, 5, 8, 13, 21, rng.randrange(n_actors)])) % n_actors
        if a == b:
            continue
        pred, sym = rng.choice(_RELS)
        year = rng.randrange(2015, 2027)
        start = f"{year}-{rng.randrange(1, 13):02d}" if rng.random() < 0.7 else str(year)
        end = None
        if rng.random() < 0.3:
            end = str(min(year + rng.randrange(0, 4), 2026))
        add_statement(g, ids[a], pred, ids[b], start=start, end=end, quote=f"Quote {made}", source=_SOURCE,
                      symmetric=sym)
        made += 1
    return ds


def write_trig(ds: Dataset, path: str | Path) -> Path:
    """Save a dataset as TriG (what :func:`graph.load` reads)."""
    path = Path(path)
    path.write_text(ds.serialize(format="trig"), encoding="utf-8")
    return path
