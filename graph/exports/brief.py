"""The analyst's brief: the author's judgements, what changed, a timeline, a map, and the model's reading.

:func:`build_brief` reads the graph between two dates (``since`` = D1,
``until`` = D2) and returns a :class:`Brief`: a header (scope, period,
sources, generated date) and sections of :class:`Sentence` s, in the order
an analyst reads them:

1. **Key judgements** — the source's own assessments (``ag:Assessment``),
   in the order the author makes them, each footnoted to its sentence;
2. **What changed** — relations that began or ended, by pair of sides;
3. **Timeline** — the dated events with the figures the text gives;
4. **The map** on D2 (drawn by :mod:`actorgraph.exports.brief_map`);
5. **Appendix: the model's reading** (:mod:`actorgraph.exports.brief_model`)
   — camps, moves, sign changes, triads and enemies of enemies, worded as
   the model's and listing the ties (:mod:`actorgraph.analysis.ties`) each
   reading used.

Every factual sentence carries footnotes (:class:`Note`): one note per
quoted sentence of the source (several statements may rest on one
sentence), so each quote is printed once. Dates are written as a person
writes them (:mod:`actorgraph.core.prose`). Nothing is written that the
graph does not hold. :mod:`actorgraph.exports.brief_doc` renders a brief as
Markdown, HTML or PDF.

>>> from actorgraph import load
>>> b = build_brief(load(), since="2025-01-01", until="2026-03-31")
>>> b.until, b.sections[0].title, all(n.quote for n in b.notes)
('2026-03-31', 'Key judgements', True)
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from ..analysis.history import diff
from ..analysis.sides import side_map, side_members
from ..analysis.snapshot import default_as_of, signed_snapshot
from ..core.dates import DEFAULT_RULE, parse_date, parse_day
from ..core.errors import ActorGraphError
from ..core.prose import date_words, event_when, period, when, with_article
from ..model.assessments import assessments
from ..model.names import actors, resolve
from ..model.reads import _all_relations, events, quantities, relations, sources
from ..model.records import Event, Quantity, Relation, local_id
from ..store.graph import ActorGraph
from .brief_parts import LIMITS, Note, Notes, Section, Sentence, cap, relation_words

__all__ = ["Note", "Sentence", "Section", "Brief", "build_brief", "figure_text", "relation_words", "LIMITS"]

_CHANGE_WEIGHT = {"began": 2, "ended": 2, "began and ended": 2}
_HEAVY = {"atWarWith", "armedConflictWith", "attacks", "fightsAgainst", "alliedWith", "defensePactWith",
          "supportsMilitarily", "harbors", "foughtAlongside"}


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
    from .brief_model import model_section

    d1_text, d2_text, d1, d2 = _period(kg, since, until)
    if kg.backend == "rdflib":  # the brief reads relations a dozen ways: build them once, filter in Python
        _all_relations(kg)
    everyone = {a.id: a for a in actors(kg)}
    labels = {a: x.label for a, x in everyone.items()}
    focus = local_id(resolve(kg, actor)) if actor else None
    srcs = {s.id: s for s in sources(kg)}
    notes = Notes({sid: s.citation or s.title or sid for sid, s in srcs.items()})
    sides_now = side_map(kg, as_of=d2)
    # the tie model over sides of the conflict's actors (the defaults of `analyze blocs`)
    snap2 = signed_snapshot(kg, d2, DEFAULT_RULE, roll_up=True, all_actors=False)
    snap1 = signed_snapshot(kg, d1, DEFAULT_RULE, roll_up=True, all_actors=False)
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
    scope_ids = (set(side_members(kg, focus_side, as_of=d2)) | {focus, focus_side}) if focus else None
    sections = [
        _judgements_section(kg, d2, label, notes, scope_ids),
        _changes_section(kg, d1_text, d2_text, sides_now, label, side_label, notes, focus, focus_side, roll_up),
        _timeline_section(kg, d1, d2, label, notes, focus, focus_side if roll_up else None),
        Section("map", f"The map on {date_words(d2_text)}", [("map", d2_text)]),
        model_section(kg, snap1, snap2, label, kind, notes, focus_side),
    ]
    used = {n.source for n in notes.notes if n.source}
    cited = [{"id": s.id, "citation": s.citation or s.title or s.id, "date": s.date}
             for s in sorted(srcs.values(), key=lambda s: s.id) if s.id in used]
    scope = "the whole graph" if focus is None else f"{label(focus)} and its ties"
    scope += ("; the model's reading (appendix) is computed over sides (institutions, officials and "
              "governments count as the state they act for) among the conflict's actors")
    if roll_up:
        scope += "; changes and events are rolled up to sides too"
    title = ("Brief: " + (label(focus) if focus else "who is with or against whom")
             + f", {date_words(d1_text)} to {date_words(d2_text)}")
    return Brief(title=title, scope=scope, since=d1_text, until=d2_text,
                 generated=(today or dt.date.today()).isoformat(), roll_up=roll_up, sources=cited,
                 sections=sections, notes=notes.notes, map_as_of=d2_text, actor=focus)


def _judgements_section(kg, d2: dt.date, label, notes: Notes, scope_ids: set[str] | None) -> Section:
    """The source's own assessments, in the author's order (those of sources issued by D2)."""
    sec = Section("judgements", "Key judgements")
    issued = {s.id: s.date for s in sources(kg)}
    found = [a for a in assessments(kg)
             if (scope_ids is None or scope_ids & set(a.concerns))
             and (not issued.get(a.source or "") or parse_date(str(issued[a.source])).earliest <= d2)]
    if not found:
        sec.p(Sentence("The sources hold no assessment of their own for this scope and period."))
        return sec
    judges = sorted({a.assessed_by_label or a.assessed_by or "the source" for a in found})
    sec.blocks.append(("box", {
        "lead": "The author's own judgements" if len(judges) == 1 else "The sources' own judgements",
        "by": ", ".join(judges),
        "items": [Sentence(cap(a.label.rstrip(".")) + ".", [notes.cite(a)]) for a in found[:LIMITS["judgements"]]],
    }))
    if len(found) > LIMITS["judgements"]:
        sec.p(Sentence(f"{len(found) - LIMITS['judgements']} more assessment(s) in the graph."))
    return sec


def _change_text(change: str, rel: Relation, label) -> str:
    """A change as a sentence with its date in words."""
    words = relation_words(rel, label)
    if change == "began and ended":
        lead = f"Began and ended {when(rel.start)}" if rel.start == rel.end else \
            f"Began {when(rel.start)} and ended {when(rel.end)}"
    elif change == "began":
        lead = f"Began {when(rel.start)}"
    else:
        lead = f"Ended {when(rel.end)}" if rel.end else "Ended by the source's date"
        if rel.start:
            words += f", {period(rel.start, None)}"
    text = f"{lead}: {words} ({rel.polarity})"
    if rel.claimed_by_label:
        text += f", as claimed by {with_article(rel.claimed_by_label)}"
    return text + "."


def _changes_section(kg, d1_text, d2_text, sides_now, label, side_label, notes: Notes, focus, focus_side,
                     roll_up) -> Section:
    """Relations that began or ended between D1 and D2, each once, under the pair of sides it is about."""
    sec = Section("changes", f"What changed between {date_words(d1_text)} and {date_words(d2_text)}")
    by_id = {r.id: r for r in relations(kg)}
    rows = [r for r in diff(kg, d1_text, d2_text, roll_up=roll_up) if r["change"] in ("began", "ended")]
    if focus:  # the actor's pairs, and its side's
        rows = [r for r in rows if focus in r["pair"] or any(sides_now.get(x, x) == focus_side for x in r["pair"])]
    changes: dict[str, set[str]] = defaultdict(set)  # statement → began/ended
    for row in rows:
        changes[row["statement"]].add(row["change"])
    groups: dict[tuple[str, str], list[tuple[str, Relation]]] = defaultdict(list)
    for sid, kinds in changes.items():
        rel = by_id[sid]
        change = "began and ended" if kinds == {"began", "ended"} else next(iter(kinds))
        # a mediation is about its two parties; any other relation about its subject and object
        ends = rel.parties if len(rel.parties) == 2 else [rel.subject, *rel.ends()[:1]]
        a, b = (sides_now.get(x, x) for x in ends[:2]) if len(ends) >= 2 else (ends[0], ends[0])
        if a == b:
            continue  # inside one side (e.g. the army and its state)
        groups[(a, b) if a <= b else (b, a)].append((change, rel))
    if not groups:
        sec.p(Sentence("No relation began or ended in this period."))
        return sec

    def weight(item) -> int:
        return _CHANGE_WEIGHT[item[0]] + (1 if item[1].predicate in _HEAVY else 0)

    ranked = sorted(groups.items(), key=lambda kv: (-sum(weight(i) for i in kv[1]), side_label(kv[0][0]).lower(),
                                                    side_label(kv[0][1]).lower()))
    for (a, b), group in ranked[:LIMITS["change_pairs"]]:
        sec.h3(f"{side_label(a)} and {side_label(b)}")
        group.sort(key=lambda i: (-weight(i), parse_date(i[1].start).earliest if i[1].start else dt.date.min,
                                  i[1].id))
        sec.ul([Sentence(_change_text(change, rel, label), [notes.cite(rel)])
                for change, rel in group[:LIMITS["changes_per_pair"]]])
        if len(group) > LIMITS["changes_per_pair"]:
            sec.p(Sentence(f"{len(group) - LIMITS['changes_per_pair']} more change(s) on this pair."))
    if len(ranked) > LIMITS["change_pairs"]:
        rest = ranked[LIMITS["change_pairs"]:]
        sec.p(Sentence(f"{len(rest)} more pair(s) of sides changed ({sum(len(g) for _, g in rest)} change(s)); "
                       f"actorgraph diff {d1_text} {d2_text} lists them all."))
    return sec


_NUMBER_WORDS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine"}


def _shown_figure(q: Quantity, event: Event) -> bool:
    """Figures that add to the event's words: counts of people and shares, or large numbers.

    An ordinal ("first") or a small count or duration ("five-day", "three weeks", "the three states") is
    already in the event's label or sentence.
    """
    if q.unit == "ordinal":
        return False
    return q.unit in ("person", "percent") or float(q.value) >= 10


def _timeline_section(kg, d1, d2, label, notes: Notes, focus, side) -> Section:
    """Dated events of the period (``side``: the focus's whole side) with the figures the text gives."""
    sec = Section("timeline", f"Timeline, {date_words(d1)} to {date_words(d2)}")
    if focus and side:
        members = set(side_members(kg, side, as_of=d2)) | {focus, side}
        evs = [e for e in events(kg, since=d1, until=d2) if e.date
               and members & set(e.agents + e.targets + e.victims + ([e.led_by] if e.led_by else []))]
    else:
        evs = [e for e in events(kg, actor=focus, since=d1, until=d2) if e.date]
    # an open "on or after" date that begins before the period ([2015..]) is not dated to the period
    evs = [e for e in evs if not (parse_date(e.date).open_after and parse_date(e.date).earliest < d1)]
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
        span = event_when(e.date, e.end)
        sentences = [Sentence(f"{cap(span)}: {e.label.rstrip('.')}.", [notes.cite(e)])]
        shown = [q for q in figures.get(e.id, []) if _shown_figure(q, e)]
        if shown:
            sentences.append(Sentence("; ".join(f"{q.label}, {figure_text(q)}" for q in shown) + ".",
                                      [notes.cite(q) for q in shown]))
        items.append(sentences)
    if items:
        sec.ul(items)
    else:
        sec.p(Sentence("No dated event in this period."))
    if left_out:
        sec.p(Sentence(f"{left_out} more event(s) in the period: actorgraph timeline lists them all."))
    if loose:
        sec.h3("Other figures dated in the period")
        sec.ul([Sentence(f"{cap(when(q.date))}, {q.label[:1].lower() + q.label[1:]}: {figure_text(q)}.",
                         [notes.cite(q)]) for q in loose])
    return sec
