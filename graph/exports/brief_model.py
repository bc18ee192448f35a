"""The brief's appendix: the model's reading, worded as the model's, citing the ties it used.

Nothing here is the source's word. The tie model (:mod:`actorgraph.analysis.ties`,
read through :func:`actorgraph.analysis.snapshot.signed_snapshot` over sides)
reads each pair of sides as friendly or hostile on a day; structural balance
(:mod:`actorgraph.analysis.signed`) splits the sides into two camps, finds
unbalanced triads and enemies of enemies. Each reading is one sentence that
begins with "The model" and names the ties it used by number (``T1``,
``T2``…); the ties are listed once, at the end of the appendix, each with the
statements it was read from, footnoted to their quotes.

>>> from actorgraph import load
>>> from actorgraph.exports.brief import build_brief
>>> model = build_brief(load(), since="2025-01-01", until="2026-03-31").sections[-1]
>>> model.key, model.blocks[0][1][0].text.startswith("Computed by actorgraph")
('model', True)
"""

from __future__ import annotations

from collections import defaultdict

from ..analysis.signed import best_partition, triad_balanced, triangles
from ..analysis.ties import Tie
from ..core.prose import date_words
from .brief_parts import LIMITS, Notes, Section, Sentence, relation_words

__all__ = ["model_section", "TieList"]

_PRINCIPALS = {"State", "DeFactoRegime"}


class TieList:
    """The ties the readings use, numbered in order of first use (``T1``…), per day."""

    def __init__(self, label, notes: Notes):
        self.label, self.notes = label, notes
        self.order: list[tuple[str, Tie]] = []
        self.number: dict[tuple[str, tuple[str, str]], int] = {}

    def ref(self, day: str, tie: Tie) -> str:
        key = (day, tie.pair)
        if key not in self.number:
            self.order.append((day, tie))
            self.number[key] = len(self.order)
        return f"T{self.number[key]}"

    def refs(self, day: str, ties: list[Tie]) -> str:
        """The ties' numbers, runs of three or more as a range ("T1–T14", "T3, T5")."""
        numbers = sorted({int(self.ref(day, t)[1:]) for t in ties})
        runs: list[list[int]] = []
        for n in numbers:
            if runs and n == runs[-1][-1] + 1:
                runs[-1].append(n)
            else:
                runs.append([n])
        return ", ".join(f"T{r[0]}–T{r[-1]}" if len(r) > 2 else ", ".join(f"T{n}" for n in r) for r in runs)

    def sentences(self, until: str) -> list[Sentence]:
        out = []
        for i, (day, tie) in enumerate(self.order, start=1):
            shown = tie.relations[:2]
            more = len(tie.relations) - len(shown)
            # each statement in quotation marks: "read from India has…" reads as one run-on clause
            because = "; ".join(f"\u201c{_capital(relation_words(r, self.label))}\u201d" for r in shown) + (
                f"; and {more} more" if more else "")
            on = "" if day == until else f" on {date_words(day)}"
            out.append(Sentence(f"T{i}. {tie.labels[0]} and {tie.labels[1]}: {tie.sign}{on}, read from "
                                f"{because}.", [self.notes.cite(r) for r in shown]))
        return out


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _camp_names(camps: list[set[str]], g, label, kind) -> list[str]:
    """Each camp named after its best-connected side (a state first when two tie)."""
    names = []
    for camp in camps:
        if not camp:
            names.append("an empty camp")
            continue
        head = max(camp, key=lambda a: (g.degree(a), kind(a) in _PRINCIPALS, label(a).lower()))
        names.append(f"the model's camp of {label(head)}")
    return names


def _tie(snap, a: str, b: str) -> Tie:
    return snap.readings[(a, b) if a <= b else (b, a)]


def model_section(kg, snap1, snap2, label, kind, notes: Notes, focus) -> Section:
    """The appendix: camps on D2 and since D1, sign changes, crossing ties, triads, enemies of enemies, the ties."""
    d1, d2 = snap1.as_of, snap2.as_of
    sec = Section("model", "Appendix: the model's reading, not the source's")
    sec.p(Sentence("Computed by actorgraph, not stated by the source: the tie model reads each pair of sides as "
                   "friendly or hostile from the statements active on the day (weighed by their intensity and "
                   "recency), and structural balance groups the sides into two camps. Each reading names the ties "
                   "it used (T1, T2 and so on); the list at the end gives the statements each tie was read from."))
    ties = TieList(label, notes)
    g2, g1 = snap2.signed, snap1.signed
    if g2.number_of_edges() == 0:
        sec.p(Sentence(f"The model finds no friendly or hostile tie on {date_words(d2)}, so no camps."))
        return sec
    p2 = best_partition(g2)
    p1 = best_partition(g1) if g1.number_of_edges() else None
    camps2 = [{a for a, c in p2.side.items() if c == k} for k in (0, 1)]
    names = _camp_names(camps2, g2, label, kind)
    all_ties = [_tie(snap2, u, v) for u, v in g2.edges()]
    all_ties.sort(key=lambda t: (-abs(t.score), t.labels[0].lower(), t.labels[1].lower()))
    method = "exactly" if p2.exact else "by a heuristic (an upper bound)"
    sec.h3(f"Camps on {date_words(d2)}")
    members = []
    for name, camp in zip(names, camps2, strict=True):
        listed = sorted(camp, key=lambda a: label(a).lower())[:LIMITS["camp_members"]]
        extra = len(camp) - len(listed)
        members.append(f"{name} ({len(camp)}: {', '.join(label(a) for a in listed)}"
                       + (f" and {extra} more" if extra else "") + ")")
    sec.p(Sentence(f"The model splits the {g2.number_of_nodes()} sides with a friendly or hostile tie into "
                   f"{members[0]} and {members[1]}, with a frustration index of {p2.frustration} (found {method}: "
                   f"{'no tie' if p2.frustration == 0 else str(p2.frustration) + ' tie(s)'} friendly across or "
                   f"hostile within) from {ties.refs(d2, all_ties)}."))
    readings = []
    crossing = [(u, v, sign) for u, v, sign in p2.violations(g2) if not focus or focus in (u, v)]
    for u, v, sign in crossing[:LIMITS["crossing"]]:
        where = "across the camps" if sign > 0 else "inside " + names[p2.side[u]]
        readings.append(Sentence(f"The model finds the {'friendly' if sign > 0 else 'hostile'} tie of {label(u)} "
                                 f"and {label(v)} {where} ({ties.ref(d2, _tie(snap2, u, v))})."))
    if p1 is not None:
        # align D1's camps on D2's (the camp sharing most members keeps the number)
        keep = sum(1 for a, c in p1.side.items() if a in p2.side and p2.side[a] == c)
        flip = sum(1 for a, c in p1.side.items() if a in p2.side and p2.side[a] != c)
        side1 = {a: (c if keep >= flip else 1 - c) for a, c in p1.side.items()}
        for a in sorted(p2.side, key=lambda a: label(a).lower()):
            if focus and a != focus:
                continue
            if a in side1 and side1[a] != p2.side[a]:
                used1 = [_tie(snap1, a, b) for b in g1[a]]
                used2 = [_tie(snap2, a, b) for b in g2[a]]
                readings.append(Sentence(
                    f"The model moves {label(a)} from {names[side1[a]]} on {date_words(d1)} ({ties.refs(d1, used1)}) "
                    f"to {names[p2.side[a]]} on {date_words(d2)} ({ties.refs(d2, used2)})."))
        new = [a for a in sorted(p2.side, key=lambda a: label(a).lower()) if a not in side1 and (not focus or a == focus)]
        if new:
            readings.append(Sentence(f"The model has no tie on {date_words(d1)} for "
                                     f"{', '.join(label(a) for a in new)}; they enter the camps on {date_words(d2)}."))
        gone = [a for a in sorted(side1, key=lambda a: label(a).lower()) if a not in p2.side and (not focus or a == focus)]
        if gone:
            readings.append(Sentence(f"The model has a tie on {date_words(d1)} and none on {date_words(d2)} for "
                                     f"{', '.join(label(a) for a in gone)}."))
        readings.append(Sentence(f"The model's frustration index was {p1.frustration} on {date_words(d1)}."))
    # sign changes: a pair friendly on D1 and hostile on D2, or the reverse
    for (a, b), attrs in snap2.ties.items():
        before = snap1.ties.get((a, b))
        if before and before["sign"] != attrs["sign"] and (not focus or focus in (a, b)):
            t1, t2 = snap1.readings[(a, b)], snap2.readings[(a, b)]
            readings.append(Sentence(f"The model reads the tie of {label(a)} and {label(b)} as {t1.sign} on "
                                     f"{date_words(d1)} ({ties.ref(d1, t1)}) and {t2.sign} on {date_words(d2)} "
                                     f"({ties.ref(d2, t2)})."))
    if readings:
        sec.h3(f"Since {date_words(d1)}" if p1 is not None else "Readings")
        sec.ul(readings)
    _triads(sec, snap2, g2, label, ties, focus)
    sec.h3("The ties the model used")
    listed = ties.sentences(d2)
    sec.blocks.append(("ties", [[s] for s in listed]))
    return sec


def _triads(sec: Section, snap, g, label, ties: TieList, focus) -> None:
    d2 = snap.as_of
    items = []
    rows = []
    for a, b, c in triangles(g):
        signs = [g[a][b]["sign"], g[a][c]["sign"], g[b][c]["sign"]]
        if not triad_balanced(signs) and not (focus and focus not in (a, b, c)):
            rows.append(((a, b), (a, c), (b, c)))
    rows.sort(key=lambda t: (-sum(g.degree(x) for x in {t[0][0], t[0][1], t[2][1]}), [label(x).lower() for x in t[0]]))
    for pairs in rows[:LIMITS["triads"]]:
        hostile = [p for p in pairs if g[p[0]][p[1]]["sign"] < 0]
        friendly = [p for p in pairs if g[p[0]][p[1]]["sign"] > 0]
        names = sorted({x for p in pairs for x in p}, key=lambda x: label(x).lower())
        if len(hostile) == 3:
            fix = "it would balance if any one pair reconciled"
        else:
            h = hostile[0]
            fix = (f"it would balance if {label(h[0])} and {label(h[1])} reconciled, or if "
                   + " or ".join(f"{label(u)} and {label(v)} fell out" for u, v in friendly))
        refs = ties.refs(d2, [_tie(snap, u, v) for u, v in pairs])
        items.append(Sentence(f"The model finds the triad {', '.join(label(x) for x in names)} unbalanced ({refs}); "
                              f"by balance theory {fix}."))
    if len(rows) > LIMITS["triads"]:
        items.append(Sentence(f"The model finds {len(rows) - LIMITS['triads']} more unbalanced triad(s) "
                              "(actorgraph analyze balance --unbalanced lists them)."))
    # enemies of enemies: two sides with a common enemy and no tie of their own
    found: dict[tuple[str, str], list[str]] = defaultdict(list)
    for enemy in g:
        foes = sorted(x for x in g[enemy] if g[enemy][x]["sign"] < 0)
        for i, x in enumerate(foes):
            for y in foes[i + 1:]:
                if not g.has_edge(x, y) and (not focus or focus in (x, y)):
                    found[(x, y)].append(enemy)
    direct = snap.graph()  # direct ties of any polarity (neutral included) rule a pair out
    pairs = [(k, v) for k, v in found.items() if not direct.has_edge(*k)]
    pairs.sort(key=lambda kv: (-len(kv[1]), label(kv[0][0]).lower(), label(kv[0][1]).lower()))
    for (x, y), enemies in pairs[:LIMITS["enemies"]]:
        used = [_tie(snap, x, e) for e in enemies[:3]] + [_tie(snap, y, e) for e in enemies[:3]]
        foes = " and ".join(label(e) for e in enemies)
        items.append(Sentence(f"The model pairs {label(x)} and {label(y)}: no tie of their own, "
                              f"{'a common enemy' if len(enemies) == 1 else 'common enemies'} in {foes} "
                              f"({ties.refs(d2, used)})."))
    if len(pairs) > LIMITS["enemies"]:
        items.append(Sentence(f"The model finds {len(pairs) - LIMITS['enemies']} more such pair(s)."))
    sec.h3(f"Triads and enemies of enemies on {date_words(d2)}")
    if pairs:
        sec.p(Sentence("The model lists the pairs of sides that share an enemy and have no tie of their own: balance "
                       "theory would expect them to draw closer, which no source states."))
    if items:
        sec.ul(items)
    else:
        sec.p(Sentence("The model finds no unbalanced triad and no enemies of enemies."))
