"""The analyst's brief: camps, changes, triads and a timeline, every sentence cited.

:func:`build_brief` reads the graph between two dates (``since`` = D1,
``until`` = D2) and returns a :class:`Brief`: a header (scope, period,
sources, generated date) and sections of :class:`Sentence` s. A sentence that
states a fact carries footnotes (:class:`Note`): the statement, event or
figure id, its stored quote (``ag:quote``, verbatim) and the source's full
citation. Sentences computed by the analysis (camps, frustration index,
balance predictions) say so and cite the ties they rest on. Nothing is
written that the graph does not hold.

Sides: institutions (a state's military, air force, government) fold into
their state through :mod:`actorgraph.analysis.sides`. Changes are always grouped by
pairs of sides; ``roll_up=True`` also computes camps, triads and enemies of
enemies over sides instead of single actors.

Big graphs are summarised: the heaviest changes (sign flips, then force and
alliance relations), triads and events first, with the number left out.
:mod:`actorgraph.exports.brief_doc` renders a brief as Markdown, HTML or PDF.

>>> from actorgraph import load
>>> b = build_brief(load(), since="2025-01-01", until="2026-03-31")
>>> b.until, all(n.quote for n in b.notes)
('2026-03-31', True)
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from ..analysis.sides import belongs_to_ties, side_map, side_members
from ..analysis.signed import best_partition, triad_balanced, triangles
from ..analysis.snapshot import default_as_of, signed_snapshot
from ..analysis.history import diff
from ..core.dates import parse_date, parse_day
from ..core.errors import ActorGraphError
from ..model.records import Event, Quantity, Relation, local_id
from ..model.names import actors, resolve
from ..model.reads import events, quantities, relations, sources
from ..store.graph import ActorGraph

__all__ = ["Note", "Sentence", "Section", "Brief", "build_brief", "figure_text", "LIMITS"]

#: how many rows each section shows before summarising ("and N more")
LIMITS = {"camp_members": 40, "change_pairs": 12, "changes_per_pair": 5, "triads": 10, "enemies": 10, "events": 30, "crossing": 12}
_CHANGE_WEIGHT = {"sign": 4, "began": 2, "ended": 2, "began and ended": 2}
_HEAVY = {"atWarWith", "armedConflictWith", "attacks", "fightsAgainst", "alliedWith", "defensePactWith",
          "supportsMilitarily", "harbors", "foughtAlongside"}
_POLARITY = {1: "friendly", -1: "hostile"}


@dataclass
class Note:
    """A footnote: the graph node a sentence rests on, its verbatim quote and source."""

    n: int
    id: str
    kind: str  # relation | event | figure
    quote: str | None
    source: str | None
    citation: str | None


@dataclass
class Sentence:
    """One sentence (plain text) with its footnote numbers; ``quote`` is shown after it."""

    text: str
    notes: list[int] = field(default_factory=list)
    quote: str | None = None


@dataclass
class Section:
    """A titled section: ``blocks`` are ``("p" | "ul" | "h3" | "map", payload)``."""

    key: str
    title: str
    blocks: list[tuple[str, Any]] = field(default_factory=list)

    def p(self, *sentences: Sentence) -> None:
        """Add a paragraph."""
        self.blocks.append(("p", list(sentences)))

    def ul(self, items: list[Sentence | list[Sentence]]) -> None:
        """Add a bullet list (an item is a sentence or a list of sentences)."""
        if items:
            self.blocks.append(("ul", [i if isinstance(i, list) else [i] for i in items]))

    def h3(self, text: str) -> None:
        """Add a sub-heading."""
        self.blocks.append(("h3", text))


@dataclass
class Brief:
    """A generated brief: header fields, sections and footnotes."""

    title: str
    scope: str
    since: str
    until: str
    generated: str
    roll_up: bool
    sources: list[dict[str, Any]]
    sections: list[Section]
    notes: list[Note]
    map_as_of: str
    actor: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        from dataclasses import asdict

        return asdict(self)


# ---------------------------------------------------------------------------
# Footnotes
# ---------------------------------------------------------------------------
class _Notes:
    """Numbers footnotes in order of first use (one note per node)."""

    def __init__(self, citations: dict[str, str]):
        self.citations = citations
        self.notes: list[Note] = []
        self.by_id: dict[str, int] = {}

    def cite(self, item: Relation | Event | Quantity) -> int:
        if item.id in self.by_id:
            return self.by_id[item.id]
        kind = "relation" if isinstance(item, Relation) else "event" if isinstance(item, Event) else "figure"
        n = len(self.notes) + 1
        self.notes.append(Note(n, item.id, kind, item.quote, item.source, self.citations.get(item.source or "")))
        self.by_id[item.id] = n
        return n


# ---------------------------------------------------------------------------
# Sides and the signed graph over them (as ``actorgraph analyze`` computes it)
# ---------------------------------------------------------------------------
def _snapshot(kg: ActorGraph, day: dt.date):
    """The signed snapshot over sides of the conflict's actors (the defaults of ``analyze blocs``)."""
    return signed_snapshot(kg, day, "possible", roll_up=True, all_actors=False)


_PRINCIPALS = {"State", "DeFactoRegime"}


def _camp_names(members: list[set[str]], g, label, kind) -> list[str]:
    """Each camp named after its best-connected side (a state first when two tie)."""
    names = []
    for camp in members:
        if not camp:
            names.append("an empty camp")
            continue
        head = max(camp, key=lambda a: (g.degree(a), kind(a) in _PRINCIPALS, label(a).lower()))
        names.append(f"the camp of {label(head)}")
    return names


def _rel_sentence(rel: Relation, label) -> str:
    ends = " and ".join(label(e) for e in rel.ends()) or rel.object_label
    return f"{label(rel.subject)} {rel.predicate_label} {ends}"


def _when(rel: Relation) -> str:
    if rel.start and rel.start == rel.end:
        return f"in {rel.start}"
    if rel.start and rel.end:
        return f"{rel.start} to {rel.end}"
    if rel.start:
        return f"since {rel.start}"
    return f"until {rel.end}" if rel.end else "undated"


def figure_text(q: Quantity) -> str:
    """A figure in the words the text uses: bounds and ranges kept ("more than 660", "several hundred").

    >>> figure_text(Quantity("q", "Fighters", 100, "several", "person", None, None, None, None))
    'several hundred people'
    >>> figure_text(Quantity("q", "Killed", 660, "more than", "person", None, None, None, None))
    'more than 660 people'
    """
    value = int(q.value) if float(q.value).is_integer() else q.value
    unit = q.unit or ""
    if unit == "ordinal":
        return q.label
    if unit == "percent":
        return (f"{q.bound} " if q.bound not in (None, "", "exactly") else "") + f"{value}%"
    plural = {"person": "people"}.get(unit, unit + "s" if unit else "")
    if q.bound in ("thousands", "hundreds", "dozens", "millions"):
        return f"{q.bound} of {plural}".strip()
    if q.bound == "several":
        words = {10: "several dozen", 100: "several hundred", 1000: "several thousand", 1_000_000: "several million"}
        return f"{words.get(value, f'several {value}')} {plural}".strip()
    shown = f"{value:,}" if isinstance(value, int) else str(value)
    number = shown if q.bound in (None, "", "exactly") else f"{q.bound} {shown}"
    return f"{number} {unit if value == 1 else plural}".strip()


# ---------------------------------------------------------------------------
# The brief
# ---------------------------------------------------------------------------
def _period(kg: ActorGraph, since, until) -> tuple[str, str, dt.date, dt.date]:
    d2_text = parse_date(until).text if until is not None else default_as_of(kg)
    d2 = parse_day(d2_text)
    if since is None:
        d1 = d2.replace(year=d2.year - 1) if not (d2.month == 2 and d2.day == 29) else d2.replace(year=d2.year - 1, day=28)
        d1_text = d1.isoformat()
    else:
        d1_text = parse_date(since).text
        d1 = parse_day(d1_text)
    if d2 < d1:
        raise ActorGraphError(f"brief: --until {d2_text} is before --since {d1_text}")
    return d1_text, d2_text, d1, d2


def build_brief(kg: ActorGraph, since: str | dt.date | None = None, until: str | dt.date | None = None,
                actor: str | None = None, roll_up: bool = False, today: dt.date | None = None) -> Brief:
    """Build the brief for D1 = ``since`` (default: a year before D2) → D2 = ``until`` (default: the newest source)."""
    d1_text, d2_text, d1, d2 = _period(kg, since, until)
    everyone = {a.id: a for a in actors(kg)}
    labels = {a: x.label for a, x in everyone.items()}
    focus = local_id(resolve(kg, actor)) if actor else None
    srcs = {s.id: s for s in sources(kg)}
    notes = _Notes({sid: s.citation or s.title or sid for sid, s in srcs.items()})
    sides_now = side_map(kg, as_of=d2)
    snap2, snap1 = _snapshot(kg, d2), _snapshot(kg, d1)
    labels.update({k: v for k, v in (snap1.labels | snap2.labels).items() if v})
    heads = set(sides_now.values())

    def label(node: str) -> str:
        return labels.get(node, node)

    def side_label(node: str) -> str:
        head = sides_now.get(node, node)
        return label(head) + (" side" if head in heads and any(h == head and a != head for a, h in sides_now.items())
                              else "")

    def kind(node: str) -> str:
        return everyone[node].type if node in everyone else ""

    focus_side = sides_now.get(focus, focus) if focus else None
    sections = [
        _camps_section(kg, snap1, snap2, label, kind, notes, focus_side),
        Section("map", f"The map on {d2_text}", [("map", d2_text)]),
        _changes_section(kg, d1_text, d2_text, sides_now, label, side_label, notes, focus, focus_side, roll_up),
        _triads_section(snap2, label, notes, focus_side),
        _timeline_section(kg, d1, d2, label, notes, focus, focus_side if roll_up else None),
    ]
    used = {n.source for n in notes.notes if n.source}
    cited = [{"id": s.id, "citation": s.citation or s.title or s.id, "date": s.date}
             for s in sorted(srcs.values(), key=lambda s: s.id) if s.id in used]
    scope = "the whole graph" if focus is None else f"{label(focus)} and its ties"
    scope += ("; camps, triads and enemies of enemies are computed over sides (institutions, officials and "
              "governments count as the state they act for) among the conflict's actors")
    if roll_up:
        scope += "; changes and events are rolled up to sides too"
    title = "Brief: " + (label(focus) if focus else "who is with or against whom") + f", {d1_text} to {d2_text}"
    return Brief(title=title, scope=scope, since=d1_text, until=d2_text,
                 generated=(today or dt.date.today()).isoformat(), roll_up=roll_up, sources=cited,
                 sections=sections, notes=notes.notes, map_as_of=d2_text, actor=focus)


def _camps_section(kg, snap1, snap2, label, kind, notes: _Notes, focus) -> Section:
    d1, d2 = snap1.day, snap2.day
    sec = Section("camps", f"Camps on {d2.isoformat()}")
    g2, g1 = snap2.signed, snap1.signed
    if g2.number_of_edges() == 0:
        sec.p(Sentence(f"No friendly or hostile tie is active on {d2.isoformat()}: there are no camps to compute."))
        return sec
    p2, p1 = best_partition(g2), best_partition(g1) if g1.number_of_edges() else None
    camps2 = [{a for a, c in p2.side.items() if c == k} for k in (0, 1)]
    names = _camp_names(camps2, g2, label, kind)
    method = "exactly, by branch and bound" if p2.exact else "by a heuristic, an upper bound"
    sec.p(Sentence(
        f"Analysis, not a statement of the source: splitting the {g2.number_of_nodes()} "
        f"sides with a friendly or hostile tie on {d2.isoformat()} into the two camps that "
        f"leave the fewest friendly ties across and hostile ties within gives a frustration index of "
        f"{p2.frustration} (found {method}; {p2.components} connected group{'s' if p2.components != 1 else ''})."))
    items = []
    for name, camp in zip(names, camps2, strict=True):
        members = sorted(camp, key=lambda a: (-g2.degree(a), label(a).lower()))
        if len(members) <= LIMITS["camp_members"]:
            members.sort(key=lambda a: label(a).lower())
        items.append(Sentence(f"{name[0].upper()}{name[1:]} ({len(members)}): " + ", ".join(label(a) for a in members) + "."))
    sec.ul(items)
    folded: dict[str, list[str]] = defaultdict(list)
    for member, head in snap2.side_of.items():
        if member != head and head in p2.side:
            folded[head].append(label(member))
    if folded:  # cited by the statements that make each member belong to its side
        ties = sorted({rel.id: rel for member, _, rel in belongs_to_ties(kg, d2) if member in snap2.side_of
                       and snap2.side_of[member] in folded}.values(), key=lambda r: r.id)
        sec.p(Sentence("Each side counts its institutions, officials and governments: " + "; ".join(
            f"{label(h)} (with {', '.join(sorted(folded[h], key=str.lower))})"
            for h in sorted(folded, key=lambda h: label(h).lower())) + ".", [notes.cite(r) for r in ties]))
    if p1 is not None:
        # align D1's camps on D2's (the camp sharing most members keeps the number)
        keep = sum(1 for a, c in p1.side.items() if a in p2.side and p2.side[a] == c)
        flip = sum(1 for a, c in p1.side.items() if a in p2.side and p2.side[a] != c)
        side1 = {a: (c if keep >= flip else 1 - c) for a, c in p1.side.items()}
        moved, joined, left = [], [], []
        for a in sorted(p2.side, key=lambda a: label(a).lower()):
            if a not in side1:
                joined.append(a)
            elif side1[a] != p2.side[a]:
                moved.append(a)
        left = sorted((a for a in side1 if a not in p2.side), key=lambda a: label(a).lower())
        sec.h3(f"Since {d1.isoformat()}")
        changes = []
        for a in moved:
            ties = [g2[a][b]["relation"] for b in g2[a]][:3]
            changes.append(Sentence(f"{label(a)} moved from {names[side1[a]]} to {names[p2.side[a]]}; "
                                    f"its ties on {d2.isoformat()}:", [notes.cite(r) for r in ties]))
        for a in joined:
            ties = [g2[a][b]["relation"] for b in g2[a]][:3]
            changes.append(Sentence(f"{label(a)} has a signed tie on {d2.isoformat()} but none on {d1.isoformat()}; "
                                    f"it is in {names[p2.side[a]]}.", [notes.cite(r) for r in ties]))
        for a in left:
            changes.append(Sentence(f"{label(a)} had a signed tie on {d1.isoformat()} and none on {d2.isoformat()}."))
        if not changes:
            changes.append(Sentence(f"Every side is in the same camp as on {d1.isoformat()}."))
        if p1 is not None:
            changes.append(Sentence(f"The frustration index was {p1.frustration} on {d1.isoformat()}."))
        sec.ul(changes)
    crossing = []
    for u, v, sign in p2.violations(g2):
        if focus and focus not in (u, v):
            continue
        rel = g2[u][v]["relation"]
        where = "across the camps" if sign > 0 else "inside " + names[p2.side[u]]
        crossing.append(Sentence(f"{_rel_sentence(rel, label)} ({rel.polarity}, {_when(rel)}), {where}.",
                                 [notes.cite(rel)], rel.quote))
    sec.h3("Ties that cross the camps")
    if crossing:
        extra = len(crossing) - LIMITS["crossing"]
        sec.ul(crossing[:LIMITS["crossing"]])
        if extra > 0:
            sec.p(Sentence(f"{extra} more tie{'s' if extra != 1 else ''} cross the camps (see actorgraph analyze blocs)."))
    else:
        sec.p(Sentence("None: the camps are balanced."))
    return sec


def _changes_section(kg, d1_text, d2_text, sides_now, label, side_label, notes: _Notes, focus, focus_side,
                     roll_up) -> Section:
    sec = Section("changes", f"What changed between {d1_text} and {d2_text}")
    by_id = {r.id: r for r in relations(kg)}
    rows = diff(kg, d1_text, d2_text, roll_up=roll_up)
    if focus:  # the actor's pairs, and its side's
        rows = [r for r in rows if focus in r["pair"] or any(sides_now.get(x, x) == focus_side for x in r["pair"])]
    both = {(r["statement"], tuple(r["pair"])) for r in rows if r["change"] == "began"} & \
        {(r["statement"], tuple(r["pair"])) for r in rows if r["change"] == "ended"}
    for row in rows:
        if (row["statement"], tuple(row["pair"])) in both and row["change"] in ("began", "ended"):
            row["change"] = "began and ended"
    seen: set[tuple] = set()
    rows = [r for r in rows if not ((r["statement"], tuple(r["pair"]), r["change"]) in seen
                                    or seen.add((r["statement"], tuple(r["pair"]), r["change"])))]
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for row in rows:
        a, b = (sides_now.get(x, x) for x in row["pair"])
        if a == b:
            continue  # inside one side (e.g. the army and its state)
        groups[(a, b) if a <= b else (b, a)].append(row)

    def weight(row) -> int:
        return _CHANGE_WEIGHT[row["change"]] + (1 if row["predicate"] in _HEAVY else 0)

    ranked = sorted(groups.items(), key=lambda kv: (-sum(weight(r) for r in kv[1]), side_label(kv[0][0]).lower(),
                                                    side_label(kv[0][1]).lower()))
    counts = defaultdict(int)
    for row in rows:
        counts[row["change"]] += 1
    if not rows:
        sec.p(Sentence("No relation began or ended and no pair changed sign in this period."))
        return sec
    began, ended = counts["began"] + counts["began and ended"], counts["ended"] + counts["began and ended"]
    sec.p(Sentence(f"From the graph: {began} relation{'s' if began != 1 else ''} began, "
                   f"{ended} ended and {counts['sign']} pair{'s' if counts['sign'] != 1 else ''} changed sign "
                   f"across {len(groups)} pair{'s' if len(groups) != 1 else ''} of sides; the heaviest changes come "
                   f"first (sign flips, then war, force and alliance)."))
    for (a, b), group in ranked[:LIMITS["change_pairs"]]:
        sec.h3(f"{side_label(a)} and {side_label(b)}")
        group.sort(key=lambda r: (-weight(r), r["date"] or "", r["statement"]))
        items = []
        for row in group[:LIMITS["changes_per_pair"]]:
            rel = by_id[row["statement"]]
            if row["change"] == "sign":
                text = (f"{label(row['pair'][0])} and {label(row['pair'][1])}: the tie turned from {row['before']} to "
                        f"{row['after']}, decided by: {_rel_sentence(rel, label)} ({_when(rel)}).")
            elif row["change"] == "began and ended":
                span = f"Began and ended {rel.start}" if rel.start == rel.end else f"Began {rel.start}, ended {rel.end}"
                text = f"{span}: {_rel_sentence(rel, label)} ({rel.polarity})."
            elif row["change"] == "began":
                text = f"Began {rel.start}: {_rel_sentence(rel, label)} ({rel.polarity})."
            else:
                since = f", since {rel.start}" if rel.start else ""
                text = f"Ended {rel.end}: {_rel_sentence(rel, label)} ({rel.polarity}{since})."
            if rel.claimed_by_label:
                text = text[:-1] + f", as claimed by {rel.claimed_by_label}."
            items.append(Sentence(text, [notes.cite(rel)], rel.quote))
        sec.ul(items)
        if len(group) > LIMITS["changes_per_pair"]:
            sec.p(Sentence(f"{len(group) - LIMITS['changes_per_pair']} more change(s) on this pair."))
    if len(ranked) > LIMITS["change_pairs"]:
        rest = ranked[LIMITS["change_pairs"]:]
        sec.p(Sentence(f"{len(rest)} more pair(s) of sides changed ({sum(len(g) for _, g in rest)} change(s)); "
                       f"actorgraph diff {d1_text} {d2_text} lists them all."))
    return sec


def _triads_section(snap, label, notes: _Notes, focus) -> Section:
    d2 = snap.day
    sec = Section("triads", f"Unbalanced triads and enemies of enemies on {d2.isoformat()}")
    g = snap.signed
    rows = []
    for a, b, c in triangles(g):
        signs = [g[a][b]["sign"], g[a][c]["sign"], g[b][c]["sign"]]
        if triad_balanced(signs) or (focus and focus not in (a, b, c)):
            continue
        rows.append(((a, b), (a, c), (b, c)))
    rows.sort(key=lambda t: (-sum(g.degree(x) for x in {t[0][0], t[0][1], t[2][1]}), [label(x).lower() for x in t[0]]))
    sec.p(Sentence(f"Analysis (balance theory: a triad is stable when the product of its three signs is friendly): "
                   f"{len(rows)} unbalanced triad{'s' if len(rows) != 1 else ''} on {d2.isoformat()}."))
    for pairs in rows[:LIMITS["triads"]]:
        names = sorted({x for p in pairs for x in p}, key=lambda x: label(x).lower())
        sec.h3(" / ".join(label(x) for x in names))
        items = []
        for u, v in pairs:
            rel = g[u][v]["relation"]
            items.append(Sentence(f"{label(u)} and {label(v)}: {_POLARITY[g[u][v]['sign']]} — {_rel_sentence(rel, label)} "
                                  f"({_when(rel)}).", [notes.cite(rel)], rel.quote))
        hostile = [p for p in pairs if g[p[0]][p[1]]["sign"] < 0]
        friendly = [p for p in pairs if g[p[0]][p[1]]["sign"] > 0]
        if len(hostile) == 3:
            fix = "It would balance if any one pair reconciled (two of them making common cause against the third)."
        else:
            h = hostile[0]
            fix = (f"It would balance if {label(h[0])} and {label(h[1])} reconciled, or if "
                   + " or ".join(f"{label(u)} and {label(v)} fell out" for u, v in friendly) + ".")
        items.append(Sentence("Analysis: " + fix))
        sec.ul(items)
    if len(rows) > LIMITS["triads"]:
        sec.p(Sentence(f"{len(rows) - LIMITS['triads']} more unbalanced triad(s): actorgraph analyze balance --unbalanced."))
    # enemies of enemies: two sides with a common enemy and no tie of their own
    sec.h3("Enemies of enemies")
    found: dict[tuple[str, str], list[str]] = defaultdict(list)
    for enemy in g:
        foes = sorted(x for x in g[enemy] if g[enemy][x]["sign"] < 0)
        for i, x in enumerate(foes):
            for y in foes[i + 1:]:
                if not g.has_edge(x, y) and (not focus or focus in (x, y)):
                    found[(x, y)].append(enemy)
    ties = snap.graph()  # direct ties of any polarity (neutral included) rule a pair out
    pairs = [(k, v) for k, v in found.items() if not ties.has_edge(*k)]
    pairs.sort(key=lambda kv: (-len(kv[1]), label(kv[0][0]).lower(), label(kv[0][1]).lower()))
    items = []
    for (x, y), enemies in pairs[:LIMITS["enemies"]]:
        cites = []
        for e in enemies[:3]:
            cites += [notes.cite(g[x][e]["relation"]), notes.cite(g[y][e]["relation"])]
        items.append(Sentence(f"{label(x)} and {label(y)} have no tie of their own but share "
                              f"{'an enemy' if len(enemies) == 1 else f'{len(enemies)} enemies'}: "
                              + ", ".join(label(e) for e in enemies) + "; balance theory predicts a friendly tie.",
                              sorted(set(cites))))
    if items:
        sec.ul(items)
        if len(pairs) > LIMITS["enemies"]:
            sec.p(Sentence(f"{len(pairs) - LIMITS['enemies']} more such pair(s)."))
    else:
        sec.p(Sentence("None on this date."))
    return sec


def _timeline_section(kg, d1, d2, label, notes: _Notes, focus, side) -> Section:
    """Dated events of the period (``side``: the focus's whole side) with the figures the text gives."""
    sec = Section("timeline", f"Timeline, {d1.isoformat()} to {d2.isoformat()}")
    if focus and side:
        members = set(side_members(kg, side, as_of=d2)) | {focus, side}
        evs = [e for e in events(kg, since=d1, until=d2) if e.date
               and members & set(e.agents + e.targets + e.victims + ([e.led_by] if e.led_by else []))]
    else:
        evs = [e for e in events(kg, actor=focus, since=d1, until=d2) if e.date]
    figures: dict[str, list[Quantity]] = defaultdict(list)
    loose: list[Quantity] = []
    ev_ids = {e.id for e in events(kg)}
    for q in quantities(kg):
        if q.of and q.of in ev_ids:
            figures[q.of].append(q)
        elif q.date and parse_date(q.date).latest >= d1 and parse_date(q.date).earliest <= d2 and \
                (not focus or q.of == focus):
            loose.append(q)
    if len(evs) > LIMITS["events"]:  # keep the events with figures and the most participants
        keep = sorted(evs, key=lambda e: (-len(figures.get(e.id, [])), -len(set(e.agents + e.targets + e.victims)),
                                          e.date))[:LIMITS["events"]]
        left_out = len(evs) - len(keep)
        evs = [e for e in evs if e in keep]
    else:
        left_out = 0
    evs.sort(key=lambda e: (parse_date(e.date).earliest, parse_date(e.date).latest, e.label.lower()))
    items = []
    for e in evs:
        when = e.date if not e.end or e.end == e.date else f"{e.date} to {e.end}"
        sentences = [Sentence(f"{when}: {e.label}.", [notes.cite(e)], e.quote)]
        for q in figures.get(e.id, []):
            text = f"Figure: {q.label}." if q.unit == "ordinal" else f"Figure: {q.label}: {figure_text(q)}."
            sentences.append(Sentence(text, [notes.cite(q)]))
        items.append(sentences)
    if items:
        sec.ul(items)
    else:
        sec.p(Sentence("No dated event in this period."))
    if left_out:
        sec.p(Sentence(f"{left_out} more event(s) in the period: actorgraph timeline lists them all."))
    if loose:
        sec.h3("Other figures dated in the period")
        sec.ul([Sentence(f"{q.date}: {q.label}: {figure_text(q)}.", [notes.cite(q)]) for q in loose])
    return sec
