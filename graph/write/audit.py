"""Evidence rules a statement must meet, checked against its own quote.

The rule of the project: a relation exists only where a sentence states it;
an inference goes into a note, never into a relation, a date, an end or a
status. Each function below checks one class of error on one statement and
returns a problem line (or ``None``); :func:`audit` runs them all over a
graph. They read only what the statement carries (quote, end quote, dates,
status, claimant) and the names of its actors, so a planted bad statement is
caught as surely as a real one.

>>> from actorgraph import load
>>> audit(load())
[]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from ..core.dates import parse_date

__all__ = [
    "Evidence",
    "RULES",
    "WAIVERS",
    "Waiver",
    "CONVENTIONAL_NAMES",
    "audit",
    "evidence_records",
    "RELATION_CUES",
    "relation_stated",
    "end_has_ending_sentence",
    "date_no_finer_than_quote",
    "no_start_at_intensification",
    "actors_named_in_quote",
    "claims_carry_claimant",
    "hedges_carry_status",
]


@dataclass(frozen=True)
class Evidence:
    """What a rule needs to know about one statement."""

    id: str
    subject: str
    predicate: str
    objects: tuple[str, ...]
    quote: str
    start: str | None = None
    end: str | None = None
    end_quote: str | None = None
    status: str | None = None
    claimed_by: tuple[str, ...] = ()
    role: str | None = None
    accused: bool = False  # an accusation is about this statement
    issued: str | None = None  # the source's date (YYYY-MM-DD)
    names: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # actor id -> label and aliases

    def __str__(self) -> str:
        return f"{self.id} ({self.subject} {self.predicate} {' & '.join(self.objects)})"


# -- cues ------------------------------------------------------------------

_ENDING = re.compile(
    r"\b(ended|end of|failed|stalled|eliminated|killed|until|no longer|"
    r"between \d{4} and \d{4}|\w+-day|for (?:\w+) (?:days|weeks|months|years)|during)\b",
    re.IGNORECASE,
)
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_DAY = re.compile(rf"\b(?:(?:{_MONTHS}) \d{{1,2}}, \d{{4}}|\d{{1,2}} (?:{_MONTHS}) \d{{4}})\b")
_MONTH = re.compile(rf"\b(?:{_MONTHS}|summer|spring|autumn|winter|fall)\b", re.IGNORECASE)
_YEAR = re.compile(r"\b(1[89]|20)\d\d(?:s\b)?")
_INTENSIFIED = re.compile(r"intensif|escalat|all-time", re.IGNORECASE)
_EXPLICIT_START = re.compile(r"\b(beginning|starting|began|begun|since)\b", re.IGNORECASE)
# case-sensitive: "May 2025" is a month, "may" a hedge
_HEDGE = re.compile(r"\b(could|might|may|would|potential|likely|fear|[Ii]f|offered|suggest)\b")
_CLAIM = re.compile(r"\b(accusing|accuses|accused of|consider them|perspective|perceived|claims?|declared)\b",
                    re.IGNORECASE)
_MONTH_NUMBER = {name.lower(): index for index, name in enumerate(_MONTHS.split("|"), start=1)}
_SEASON_MONTHS = {"spring": {3, 4, 5}, "summer": {6, 7, 8}, "fall": {9, 10, 11}, "autumn": {9, 10, 11},
                  "winter": {12, 1, 2}}

#: Words that must appear in a sentence for it to state a relation of a type
#: (regular expressions, case-insensitive). A relation type absent from the
#: table is not checked.
RELATION_CUES: dict[str, str] = {
    "accuses": r"accus",
    "agreementWith": r"agree",
    "alliedWith": r"alli|align|toward",
    "armedConflictWith": r"armed conflict|war\b|fight",
    "atWarWith": r"\bwar\b",
    "attacks": r"attack|assault|strik|struck|drone",
    "borderDisputeWith": r"border dispute",
    "branchOf": r"branch|affiliate|\bwing\b",
    "closeTiesWith": r"ties|close|brothers",
    "composedOf": r"composed|made up",
    "concernedAbout": r"concern",
    "controls": r"power|control|\bruns?\b",
    "cooperatesWith": r"ties|cooperat",
    "defensePactWith": r"defen[cs]e agreement|pact",
    "ethnicTiesWith": r"ethnic",
    "fightsAgainst": r"fought|fight|counterterrorism",
    "formedFromDefectorsOf": r"defect",
    "foughtAlongside": r"alongside",
    "governs": r"power|govern",
    "harbors": r"refuge|harbo|sanctuary",
    "hosts": r"host",
    "ideologicalAffinityWith": r"ideolog|jihadism|modeled on",
    "leaderOf": r"leader|commander|prime minister",
    "mediatesBetween": r"mediat|facilitate negotiations|to negotiate|efforts",
    "memberOf": r"member|fellow|minister",
    "negativeViewOf": r"negative view|hostile|distrust",
    "negotiatesWith": r"negotiat",
    "neighborOf": r"neighbo|border",
    "opposes": r"oppos|against",
    "partOf": r"'s\b|pakistani|army|government|military",
    "perceivesThreatFrom": r"threat",
    "positiveViewOf": r"optimis|positive view|welcom",
    "pressures": r"pressure|compel",
    "rapprochementWith": r"rapprochement",
    "rivalOf": r"rival",
    "splinterOf": r"splinter|defect",
    "supports": r"support|facilitat|\bback",
    "supportsFinancially": r"financ|assistance|fund",
    "supportsMilitarily": r"\barms\b|weapon|military support|train",
    "supportsPolitically": r"support|back",
    "targets": r"target|deport",
    "tensionsWith": r"tension|deteriorat|at odds|all-time low",
    "tradingPartnerOf": r"trad",
}

#: Statuses that mark a hedge; a statement under a hedge carries one of them.
HEDGED_STATUSES = frozenset({"Potential", "Proposed"})


def _years_named(text: str) -> set[int]:
    """Years a text names: "2025", "2014–15" (both), "the 2010s" (the decade)."""
    years: set[int] = set()
    for match in re.finditer(r"\b((?:1[89]|20)\d\d)(s\b|[–-](\d\d)\b)?", text):
        first = int(match.group(1))
        if match.group(2) == "s":
            years.update(range(first, first + 10))
        elif match.group(3):
            years.update(range(first, first // 100 * 100 + int(match.group(3)) + 1))
        else:
            years.add(first)
    return years


def _finest(text: str) -> int:
    """Rank of the finest date expression in ``text`` (0: none, 1 year, 2 month, 3 day)."""
    if _DAY.search(text):
        return 3
    if _MONTH.search(text) and _YEAR.search(text):
        return 2
    return 1 if _YEAR.search(text) else 0


def _points(text: str) -> list[tuple[int, int, int | None]]:
    """(precision rank, year, month or None) of each end point of an EDTF date or interval."""
    out = []
    for part in text.split("/"):
        out.append((part.count("-") + 1, int(part[:4]), int(part[5:7]) if len(part) >= 7 else None))
    return out


def _months_named(text: str) -> set[int]:
    """Months a text names, a season standing for its three months."""
    months: set[int] = set()
    for word in re.findall(r"[A-Za-z]+", text):
        word = word.lower()
        if word in _MONTH_NUMBER and word != "may" or word == "may" and re.search(r"\bMay \d{4}", text):
            months.add(_MONTH_NUMBER[word])
        months |= _SEASON_MONTHS.get(word, set())
    return months


# -- the rules ---------------------------------------------------------------

def end_has_ending_sentence(ev: Evidence) -> str | None:
    """An ``end`` (or status Ended) needs a sentence that says it ended: an
    ending cue in the quote or an explicit end quote. A punctual fact (end =
    start, "hosted ... in October 2025") ends when it happens."""
    if not ev.end and ev.status != "Ended":
        return None
    if ev.end and ev.end == ev.start:
        return None
    if _ENDING.search(ev.quote) or (ev.end_quote and _ENDING.search(ev.end_quote)):
        return None
    return f"{ev}: ends ({ev.end or ev.status}) but no sentence says it ended"


def date_no_finer_than_quote(ev: Evidence) -> str | None:
    """A start or end is no more precise than the sentence that gives it, and
    names only years that sentence names. The upper bound of an interval may
    be the source's own date ("following October 2025" = 2025-10 to the
    letter's month)."""
    for label, value, text in (("start", ev.start, ev.quote), ("end", ev.end, ev.end_quote or ev.quote)):
        if not value:
            continue
        finest = _finest(text)
        named = _years_named(text)
        months = _months_named(text)
        points = _points(parse_date(value).text)
        for index, (rank, year, month) in enumerate(points):
            is_issue_bound = index == 1 and ev.issued is not None and parse_date(value).text.split("/")[1] == ev.issued[:7]
            if is_issue_bound:
                continue
            if rank > finest:
                return f"{ev}: {label} {value} is more precise than its sentence"
            if year not in named:
                return f"{ev}: {label} {value} names a year its sentence does not"
            if month is not None and month not in months:
                return f"{ev}: {label} {value} names a month its sentence does not"
    return None


def relation_stated(ev: Evidence) -> str | None:
    """The sentence uses words that state the relation's type
    (:data:`RELATION_CUES`): "infuriates" is not "a negative view of", a name
    is not a "branch of"."""
    cue = RELATION_CUES.get(ev.predicate)
    if cue and not re.search(cue, ev.quote, re.IGNORECASE):
        return f"{ev}: its sentence does not state a {ev.predicate} relation"
    return None


def no_start_at_intensification(ev: Evidence) -> str | None:
    """A relation does not start when it "intensified" or "escalated": that
    date belongs to the intensification (an event), unless the sentence says
    the relation began then or a role qualifies what the start dates."""
    if ev.start and _INTENSIFIED.search(ev.quote) and not _EXPLICIT_START.search(ev.quote) and not ev.role:
        return f"{ev}: starts ({ev.start}) when it intensified, not when it began"
    return None


#: Names the source uses for an actor beyond its aliases (the README's
#: convention: when "Afghanistan" acts, the actor is the Taliban regime, the
#: movement in power).
CONVENTIONAL_NAMES: dict[str, tuple[str, ...]] = {
    "taliban-regime": ("Afghanistan", "Afghan", "Taliban"),
    "afghanistan": ("Afghan",),
}


def actors_named_in_quote(ev: Evidence) -> str | None:
    """Every actor of the statement is named in its quote: label, alias, its
    adjective ("Pakistani", "Iranian") or a :data:`CONVENTIONAL_NAMES` name."""
    for actor in (ev.subject, *ev.objects):
        names = (*ev.names.get(actor, ()), *CONVENTIONAL_NAMES.get(actor, ()))
        quote = re.sub("[“”\"]", "", ev.quote)
        if not any(re.search(rf"(?<!\w){re.escape(name)}(?:i|ian|'s)?(?!\w)", quote, re.IGNORECASE)
                   for name in names):
            return f"{ev}: its quote does not name {actor}"
    return None


def claims_carry_claimant(ev: Evidence) -> str | None:
    """What an accusation is about, or a sentence reports as someone's view,
    carries who claims it."""
    if ev.claimed_by or ev.predicate == "accuses":
        return None
    if ev.accused:
        return f"{ev}: an accusation is about it but it has no claimant"
    if _CLAIM.search(ev.quote):
        return f"{ev}: its sentence reports a claim ({_CLAIM.search(ev.quote).group(0)!r}) but it has no claimant"
    return None


def hedges_carry_status(ev: Evidence) -> str | None:
    """A hedged sentence ("could", "potential", "offered") gives a status, and
    a Potential/Proposed status needs a hedge in its sentence."""
    hedge = _HEDGE.search(ev.quote)
    if ev.status in HEDGED_STATUSES and not hedge:
        return f"{ev}: status {ev.status} but its sentence has no hedge"
    if hedge and ev.status not in HEDGED_STATUSES:
        return f"{ev}: its sentence is hedged ({hedge.group(0)!r}) but it has no Potential/Proposed status"
    return None


RULES: dict[str, Callable[[Evidence], str | None]] = {
    "relation-stated": relation_stated,
    "end": end_has_ending_sentence,
    "date-precision": date_no_finer_than_quote,
    "intensification": no_start_at_intensification,
    "actors-named": actors_named_in_quote,
    "claimant": claims_carry_claimant,
    "hedge": hedges_carry_status,
}


@dataclass(frozen=True)
class Waiver:
    """A documented exception (waiver): ``rule`` does not apply to the statement
    ``subject predicate object`` whose quote contains ``fragment``."""

    rule: str
    subject: str
    predicate: str
    object: str
    fragment: str
    reason: str

    def matches(self, rule: str, ev: Evidence) -> bool:
        return (rule == self.rule and ev.subject == self.subject and ev.predicate == self.predicate
                and self.object in ev.objects and self.fragment in ev.quote)


_ANAPHORA = "the sentence refers back to an actor named in the previous sentence"
_OTHER_CLAUSE = "the hedge bears on another clause of the sentence; this relation is stated"

#: Statements a rule does not apply to, each with its reason.
WAIVERS: tuple[Waiver, ...] = (
    Waiver("actors-named", "afghanistan", "neighborOf", "pakistan", "the two neighbors",
               f'"the two neighbors": {_ANAPHORA} (Pakistan, and Afghanistan under the Taliban)'),
    *(Waiver("actors-named", who, rel, "ttp", "their proximity", f'"their proximity": {_ANAPHORA} (the TTP)')
      for who, rel in (("al-qaeda", "ideologicalAffinityWith"), ("islamic-state", "ideologicalAffinityWith"),
                       ("taliban", "ethnicTiesWith"), ("taliban", "ideologicalAffinityWith"))),
    *(Waiver("actors-named", who, rel, "ttp", "The group eventually lost ground",
                 f'"the group ... its three successive leaders": {_ANAPHORA} (the TTP)')
      for who, rel in (("baitullah-mehsud", "leaderOf"), ("hakimullah-mehsud", "leaderOf"),
                       ("mullah-fazlullah", "leaderOf"), ("pakistani-military", "fightsAgainst"),
                       ("united-states", "attacks"))),
    Waiver("actors-named", "imran-khan-government", "partOf", "pakistan", "Prime Minister Imran Khan",
               f"Pakistan's prime minister: {_ANAPHORA} (Pakistan, subject of the paragraph)"),
    Waiver("actors-named", "iskp", "rivalOf", "taliban", "their main rival", f'"their main rival": {_ANAPHORA} (the Afghan Taliban)'),
    Waiver("actors-named", "taliban", "closeTiesWith", "ttp", "brothers in blood", f'"they consider them": {_ANAPHORA} (the Afghan Taliban, the TTP fighters)'),
    Waiver("actors-named", "taliban", "pressures", "pakistan", "lever of pressure", f'"they": {_ANAPHORA} (the Afghan Taliban)'),
    Waiver("actors-named", "pakistan", "negotiatesWith", "taliban-regime", "negotiations stalled",
               f'"negotiations": {_ANAPHORA} (Pakistan and the Taliban, urged to negotiate)'),
    Waiver("actors-named", "pakistan", "tensionsWith", "taliban-regime", "the two neighbors",
               f'"the bilateral relationship ... the two neighbors": {_ANAPHORA} (Pakistan and the Taliban)'),
    Waiver("actors-named", "saudi-arabia", "mediatesBetween", "pakistan", "joined the efforts",
               f'"the efforts": {_ANAPHORA} (mediation between Pakistan and the Taliban)'),
    Waiver("actors-named", "china", "mediatesBetween", "pakistan", "China, too",
               f'"too": {_ANAPHORA} (mediation between Pakistan and the Taliban)'),
    Waiver("actors-named", "pakistan-minister-of-defense", "memberOf", "pakistan-federal-government", "Minister of Defense",
               "the office names it: a Pakistani minister sits in Pakistan's federal government"),
    Waiver("hedge", "afghanistan", "neighborOf", "iran", "border areas with Afghanistan",
               f"{_OTHER_CLAUSE}: 'could' weakens security, the border areas exist"),
    *(Waiver("hedge", "china", "concernedAbout", what, "driven by concerns",
                 f"{_OTHER_CLAUSE}: 'likely' bears on continuing the efforts; the concerns drive them")
      for what in ("af-pak-region", "afghanistan")),
    *(Waiver("hedge", s, rel, o, "unresolved border disputes",
                 f"{_OTHER_CLAUSE}: 'could alarm' bears on the alignment; the disputes are stated")
      for s, rel, o in (("india", "borderDisputeWith", "pakistan"), ("india", "neighborOf", "pakistan"),
                        ("pakistan", "borderDisputeWith", "taliban-regime"))),
    Waiver("hedge", "iran", "neighborOf", "pakistan", "its Iranian neighbor",
               f"{_OTHER_CLAUSE}: 'would put it at odds' bears on the war; the neighbour is stated"),
    Waiver("hedge", "iskp", "rivalOf", "taliban", "their main rival",
               f"{_OTHER_CLAUSE}: 'fear' bears on driving the TTP to ISKP; the rivalry is stated"),
    Waiver("hedge", "pakistan", "defensePactWith", "saudi-arabia", "it signed with Saudi Arabia",
               f"{_OTHER_CLAUSE}: 'could face pressure'; the agreement was signed"),
    Waiver("claimant", "pakistan", "opposes", "taliban-regime", "turned against",
               "'turned against' is the author's statement; 'accusing' introduces the claims, which carry Pakistan as claimant"),
    Waiver("claimant", "pakistan-minister-of-defense", "memberOf", "pakistan-federal-government", "declared",
               "'declared' bears on the war, whose statement carries the minister as claimant"),
    Waiver("end", "pakistan", "positiveViewOf", "taliban", "initially viewed",
           "'initially viewed ... with considerable optimism': the view was initial, so it ended (undated); "
           "'initially' is not an ending cue in general, as the ties in the same sentence show"),
    Waiver("date-precision", "ttp", "attacks", "pakistan", "In the months following",
               "'in the months following the return to power', dated summer 2021 by the letter's first sentence: "
               "the start is the second half of 2021 (a judgement recorded in the note)"),
)


def evidence_records(kg) -> list[Evidence]:
    """One :class:`Evidence` per statement of ``kg`` that has a quote."""
    from rdflib import RDFS, SKOS
    from rdflib.namespace import DCTERMS

    from ..core.vocab import AG, AGD
    from ..model.reads import _all_relations

    data = kg.data()
    accused = {str(target) for target in data.objects(None, AG.about)}
    names: dict[str, tuple[str, ...]] = {}

    def names_of(actor: str) -> tuple[str, ...]:
        if actor not in names:
            node = AGD[actor]
            found = [str(v) for v in data.objects(node, RDFS.label)] + [str(v) for v in data.objects(node, SKOS.altLabel)]
            names[actor] = tuple(found)
        return names[actor]

    # statements derived from dataset rows (ACLED, UCDP: docs/acled.md) rest on the row's actor
    # columns, not on words of their quote; the importer checks them by its own documented rules
    derived = {str(st) for st in data.subjects(AG.derivationRule, None)}
    out = []
    for rel in _all_relations(kg):
        if not rel.quote or str(AGD[rel.id]) in derived:
            continue
        objects = tuple(rel.parties) if rel.parties else ((rel.object,) if rel.object else ())
        end_quote = data.value(AGD[rel.id], AG.endQuote)
        issued = data.value(AGD[rel.source], DCTERMS.issued) if rel.source else None
        out.append(Evidence(
            id=rel.id, subject=rel.subject, predicate=rel.predicate, objects=objects, quote=rel.quote,
            start=rel.start, end=rel.end, end_quote=str(end_quote) if end_quote is not None else None,
            status=rel.status, claimed_by=tuple(_as_tuple(rel.claimed_by)), role=rel.role,
            accused=str(AGD[rel.id]) in accused, issued=str(issued) if issued is not None else None,
            names={a: names_of(a) for a in (rel.subject, *objects)},
        ))
    return out


def _as_tuple(value) -> Iterable[str]:
    if not value:
        return ()
    return tuple(value) if isinstance(value, (list, tuple)) else tuple(str(value).split(", "))


def audit(kg, waivers: Iterable[Waiver] | None = None) -> list[str]:
    """Run every rule over every quoted statement; one line per problem.

    ``waivers`` replaces the documented :data:`WAIVERS` (pass ``()`` to see
    every statement a waiver covers).
    """
    waivers = tuple(WAIVERS if waivers is None else waivers)
    problems = []
    for ev in evidence_records(kg):
        for name, rule in RULES.items():
            if any(waiver.matches(name, ev) for waiver in waivers):
                continue
            problem = rule(ev)
            if problem:
                problems.append(f"{name}: {problem}")
    return problems
