"""Statements about two sides at once: reciprocal acts, talks, mediators, "the two countries".

News names a conflict's two sides once and then speaks of them as "the two
sides", "both countries", "the neighbours", or "each side … the other". This
stage runs after :mod:`.rules` on each sentence, with a memory of the last
pair of sides reported:

* **reciprocal** — "each side accused the other", "X and Y traded attacks",
  "both sides carried out strikes": two directed statements, one each way;
* **pair epithets** — a symmetric relation ("clashes", "tensions", "a
  ceasefire") whose sides are "the two countries" takes the pair just reported
  (within the last sentences; else the pair the report names most), or
  nothing;
* **talks** — "Pakistan-Taliban talks", "Afghanistan and Pakistan began peace
  talks", "talks between the two sides": a negotiation between the pair, with
  its status ("collapsed" → Failed, "stalled", "planned" → Proposed);
* **mediators** — "mediated by Qatar and Turkey", "the Qatari-brokered
  truce", "mediation efforts by …": the mediators mediate between the pair and
  are never themselves a party to the talks, truce or tensions of the sentence.

>>> from actorgraph import load
>>> from actorgraph.ingest.extract import extract_text
>>> ex = extract_text("Pakistan struck Kabul on 9 October 2025. Each side blamed the other.", load())
>>> sorted((c.subject, c.relation, c.object) for c in ex.candidates if c.relation == "accuses")
[('Pakistan', 'accuses', 'Taliban regime'), ('Taliban regime', 'accuses', 'Pakistan')]
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .claims import _PRONOUN_REPORTER, _reporter
from .cues import CueMatch, Lexicon
from .mentions import Gazetteer, Mention
from .rules import Candidate, _acting, _negated, _pick_date, _status, gaz_symmetric
from .timex import TimeMention

__all__ = ["PairMemory", "pair_statements"]

_STATE_LIKE = {"State", "DeFactoRegime", "Government", "StateInstitution"}
_PAIR_EPITHET = re.compile(
    r"\b(?:the\s+two|both)\s+(?:sides|countries|nations|neighbou?rs|governments|states|parties|delegations|"
    r"capitals|militaries|armies|(?:neighbou?ring|hostile|brotherly)\s+(?:countries|nations|states))\b|"
    r"\bthe\s+(?:hostile\s+)?(?:neighbou?rs|sides|countries)\b|\beach\s+other\b|\bone\s+another\b|"
    r"\beach\s+(?:side|country|nation|government)\b|\bbetween\s+the\s+two\b", re.I)
_RECIPROCAL = re.compile(
    r"\beach\s+(?:side|country|nation|government|party)\b.{0,80}?\b(?:the\s+other|each\s+other)\b|"
    r"\b(?:each\s+other|one\s+another)\b|\bboth\s+sides\s+(?:\w+\s+){1,2}the\s+other\b|"
    r"\b(?:traded|exchanged|trading|exchanging|trade)\s+(?:\w+\s+){0,2}(?:attacks|strikes|accusations|blame|charges)\b|"
    r"\bboth\s+sides\s+(?:have\s+)?(?:carried\s+out|launched|conducted)\b", re.I)
_FIRE = re.compile(r"\b(?:traded|exchanged|trading|exchanging|exchange)\s+(?:\w+\s+){0,3}(?:fire|gunfire|artillery|"
                   r"shelling|blows)\b", re.I)
_TALKS = re.compile(r"\b(?:peace\s+)?(?:talks|negotiations|dialogue|discussions)\b|\bround\s+of\s+(?:talks|"
                    r"negotiations)\b|\bnegotiating\s+teams\b", re.I)
_CALMING = re.compile(r"\befforts?\s+to\s+(?:halt|end|stop|ease|de-?escalate|calm|defuse|resolve|broker)\b|"
                      r"\b(?:bid|push|attempt)\s+to\s+de-?escalate\b|\bde-?escalation\s+efforts?\b", re.I)
_MEDIATION_WORD = re.compile(r"\befforts?\s+to\s+(?:halt|end|stop|ease|de-?escalate|calm|defuse|resolve)\b|\bmediat\w*|\bbroker\w*|\bfacilitat\w*|\bco-mediat\w*|-led\s+(?:channel|mediation|"
                             r"initiative|track|effort|process)|\binitiative\b", re.I)
_MEDIATOR_AFTER = re.compile(r"^(?:[-–]\s*|\s+)(?:mediated|brokered|co-mediated|led\s+mediation|mediation|mediating|"
                             r"mediators?|initiative|led\s+(?:channel|mediation|initiative|track|effort|process))\b|"
                             r"^\s*,?\s*(?:acting\s+as\s+)?mediators\b|"
                             r"^\s+(?:played|plays|play)\s+(?:\w+\s+){0,3}roles?\s+in\s+facilitating\b", re.I)
_MEDIATOR_BEFORE = re.compile(r"\b(?:mediated|brokered|facilitated|co-mediated)\s+by\s+(?:the\s+)?$|"
                              r"\b(?:mediation|facilitation|mediating\s+role|efforts?)\s+(?:efforts\s+)?(?:by|of|from)\s+"
                              r"(?:the\s+)?$|\brelying\s+on\s+$", re.I)
#: What the sides of mediated talks do with each other — never the mediators ("talks in Doha mediated by Qatar").
_PARTY_RELATIONS = {"negotiatesWith", "agreementWith", "tensionsWith", "armedConflictWith", "hosts", "atWarWith",
                    "borderDisputeWith", "tradingPartnerOf", "attacks", "accuses"}
_JOIN = re.compile(r"^\s*(?:,\s*)?(?:and|&)\s+(?:the\s+)?$|^\s*[-–—/]\s*$")
_EXHORT = re.compile(r"\b(?:urg\w*|call\w*\s+(?:for|on)|appeal\w*|ask\w*|press\w*|encourag\w*|refus\w*|"
                     r"no\s+further|willing\w*|ready)\b[^.;]{0,80}$", re.I)
_FAILED = re.compile(r"\b(?:collaps\w*|fail\w*|broke\s+down|breakdown|ended\s+without|without\s+(?:any\s+)?(?:major\s+|"
                     r"concrete\s+)?(?:progress|result|breakthrough|outcome)|no\s+result|did\s+not\s+yield)\b", re.I)
_STALLED = re.compile(r"\b(?:stall\w*|falter\w*|deadlock\w*|impasse|stalemate)\b", re.I)
_PLANNED = re.compile(r"\b(?:will\s+(?:take\s+place|be\s+held|host)|next\s+round|planned|scheduled|preparing\s+to\s+host|"
                      r"may\s+(?:host|convene)|possibility\s+of|expected\s+to)\b", re.I)


@dataclass
class PairMemory:
    """The pairs of sides reported so far in a report: the last one and how often each was named."""

    last: tuple[tuple[str, str], int] | None = None
    seen: Counter = field(default_factory=Counter)
    home: str | None = None  # the dateline's state
    speaker: str | None = None  # who the last sentence quoted ("He added that …")

    def pair(self, number: int, window: int = 6, main: bool = False) -> tuple[str, str] | None:
        """The pair "the two sides" stands for at sentence ``number`` (``main``: the pair named most), or ``None``."""
        if self.last and number - self.last[1] <= window and not (
                main and self.seen and self.seen.most_common(1)[0][1] > self.seen[frozenset(self.last[0])]):
            return self.last[0]
        if self.seen:
            (pair, count), = self.seen.most_common(1)
            if count >= 2:
                return tuple(sorted(pair))  # type: ignore[return-value]
        return None

    def note(self, a: str, b: str, number: int) -> None:
        self.last = ((a, b), number)
        self.seen[frozenset((a, b))] += 1


_STRIKE = re.compile(r"\b(?:air\s*strikes?|airstrikes?|strikes?|struck|drones?|bomb\w*|raids?|jets|shell\w*|"
                     r"missiles?|operations?|offensive|artillery|hideouts?|camps?|positions?|posts?)\b", re.I)
_TARGETING = re.compile(r",?\s*(?:and\s+)?(?:targeting|targetting|aimed\s+at|hitting)\s+(?:the\s+)?"
                        r"(?:(?:members|positions|hideouts|camps|commanders|leaders?|leadership|chief|fighters|"
                        r"militants|bases|strongholds?)\s+(?:of|belonging\s+to)\s+(?:the\s+)?)?$", re.I)


def _targeting(sentence: str, number: int, mentions: list[Mention], times: list[TimeMention], gaz: Gazetteer,
               found: list[Candidate]) -> list[Candidate]:
    """"…launched airstrikes on Kabul, targeting the TTP's leader": the striker attacks the target too."""
    strikes = [c for c in found if c.relation == "attacks"]
    if not strikes:
        return found
    out = list(found)
    for m in mentions:
        if not _TARGETING.search(sentence[max(0, m.start - 60):m.start]) or m.kind == "territory":
            continue
        striker = strikes[0].subject
        target = _acting(m.actor, "attacks", gaz, striker)
        if target != striker and not any(c.relation == "attacks" and c.object == target for c in out):
            cand = Candidate(striker, "attacks", target, quote=sentence, sentence=number, cue="targeting",
                             start=strikes[0].start, end=strikes[0].end, status=strikes[0].status, confidence=0.55)
            out.append(cand)
    return out


def _state_like(actor: str, gaz: Gazetteer) -> bool:
    return gaz.classes.get(actor) in _STATE_LIKE


def _mediators(sentence: str, mentions: list[Mention]) -> set[str]:
    """Actors the sentence makes mediators ("mediated by Qatar and Turkey", "the Qatari-brokered truce")."""
    if not _MEDIATION_WORD.search(sentence):
        return set()
    found: list[int] = []
    for i, m in enumerate(mentions):
        if _MEDIATOR_AFTER.match(sentence[m.end:m.end + 60]) or _MEDIATOR_BEFORE.search(sentence[max(0, m.start - 40):
                                                                                                 m.start]):
            found.append(i)
    calming = _CALMING.search(sentence)
    if calming:  # "Qatar stepped up its efforts to halt the fighting between Pakistan and Afghanistan"
        before = [i for i, m in enumerate(mentions) if m.end <= calming.start()
                  and not re.search(r"[;:]|\b(?:but|while|between)\b", sentence[m.end:calming.start()])]
        found += before[:1]
    for i in list(found):  # "by Qatar and Turkey", "Turkiye-Qatar mediation": the coordinated names too
        for j in (i - 1, i + 1):
            if 0 <= j < len(mentions) and j not in found:
                left, right = sorted((mentions[i], mentions[j]), key=lambda x: x.start)
                if _JOIN.match(sentence[left.end:right.start]):
                    found.append(j)
    return {mentions[i].actor for i in found}


def _sentence_pair(sentence: str, mentions: list[Mention], gaz: Gazetteer, exclude: set[str]) -> tuple[str, str] | None:
    """Two sides named together: "Pakistan and Afghanistan", "Kabul and Islamabad", "Pakistan-Taliban"."""
    for a, b in zip(mentions, mentions[1:], strict=False):
        if a.actor == b.actor or a.actor in exclude or b.actor in exclude:
            continue
        if _JOIN.match(sentence[a.end:b.start]) and \
                _state_like(_acting(a.actor, "negotiatesWith", gaz, b.actor), gaz) and \
                _state_like(_acting(b.actor, "negotiatesWith", gaz, a.actor), gaz):
            return a.actor, b.actor
    return None


def _candidate(s: str, rel: str, o: str, sentence: str, number: int, cue: str, times: list[TimeMention],
               at: CueMatch, gaz: Gazetteer, confidence: float) -> Candidate | None:
    s2, o2 = _acting(s, rel, gaz, o), _acting(o, rel, gaz, s)
    if s2 == o2:
        return None
    cand = Candidate(s2, rel, o2, quote=sentence, sentence=number, cue=cue, confidence=confidence)
    cand.start, cand.end = _pick_date(times, at, rel)
    cand.status = _status(sentence, at, rel, 0)
    return cand


def pair_statements(sentence: str, number: int, mentions: list[Mention], times: list[TimeMention],
                    lexicon: Lexicon, gaz: Gazetteer, memory: PairMemory, found: list[Candidate]) -> list[Candidate]:
    """``found`` (the rules' candidates for the sentence) with the pair statements added and mediators kept apart."""
    mediators = _mediators(sentence, mentions)
    mediators |= {c.subject for c in found if c.relation == "mediatesBetween"}
    acting_mediators = {_acting(m, "mediatesBetween", gaz) for m in mediators}
    threat_to = re.search(r"\b(?:threaten(?:s|ed|ing)?|vow(?:s|ed)?|warn(?:s|ed)?\s+(?:it\s+)?(?:would|will))\s+to\b|"
                          r"\bthreaten(?:s|ed|ing)?\s+(?:to|with)\b", sentence, re.I)
    if threat_to:  # "Islamabad threatened to bomb Kabul": the threat is stated, the bombing is not
        for c in found:
            if c.relation in ("attacks", "armedConflictWith", "atWarWith", "targets") and c.status == "Potential":
                c.relation, c.status, c.cue = "threatens", None, "threaten* to"
        found = [c for i, c in enumerate(found) if not any(
            d.relation == c.relation and d.subject == c.subject and d.object == c.object for d in found[:i])]
    for c in found:  # "strikes targeted TTP hideouts": a strike on a target is an attack, not coercion
        if c.relation == "targets" and _STRIKE.search(sentence):
            c.relation = "attacks"
    found = _targeting(sentence, number, mentions, times, gaz, found)
    apart = mediators | acting_mediators
    out = [c for c in found if not ({c.subject, c.object, *c.parties} & apart) or (
        c.relation == "mediatesBetween" and c.subject in apart and not set(c.parties) & apart) or (
        c.relation not in _PARTY_RELATIONS and c.relation != "mediatesBetween")]
    here = _sentence_pair(sentence, mentions, gaz, apart)
    pair = here or memory.pair(number, main=bool(mediators))
    if pair:
        pair = (_acting(pair[0], "negotiatesWith", gaz, pair[1]), _acting(pair[1], "negotiatesWith", gaz, pair[0]))
        if pair[0] == pair[1] or set(pair) & acting_mediators:
            pair = None
    have = {(c.relation, frozenset((c.subject, c.object or ""))) for c in out}
    epithet = _PAIR_EPITHET.search(sentence)

    def add(cand: Candidate | None) -> None:
        if cand is None:
            return
        key = (cand.relation, frozenset((cand.subject, cand.object or "")))
        if cand.relation in ("accuses", "attacks", "threatens"):
            key = (cand.relation, (cand.subject, cand.object))
            if any(c.relation == cand.relation and c.subject == cand.subject and c.object == cand.object for c in out):
                return
        elif key in have:
            return
        have.add(key)
        out.append(cand)

    if pair:
        a, b = pair
        cues = lexicon.find(sentence)
        # mediators of the pair
        for m in sorted(acting_mediators):
            if m in pair or any(c.relation == "mediatesBetween" and c.subject == m for c in out):
                continue
            pos = sentence.find(next((x.text for x in mentions if _acting(x.actor, "mediatesBetween", gaz) == m), ""))
            at = CueMatch("mediatesBetween", "", max(0, pos), max(0, pos) + 1, "")
            cand = Candidate(m, "mediatesBetween", None, parties=[a, b], quote=sentence, sentence=number,
                             cue="mediator of the two sides", confidence=0.55)
            cand.start, cand.end = _pick_date(times, at)
            cand.status = "Stalled" if _STALLED.search(sentence) else "Failed" if _FAILED.search(sentence) else None
            add(cand)
        # a threat or a retaliation whose target is left implicit ("Afghanistan will retaliate"): the other side
        for cue in cues:
            retaliation = cue.relation == "attacks" and re.search(r"retaliat", cue.text, re.I)
            if not (cue.relation == "threatens" or retaliation) or \
                    any(c.relation == cue.relation for c in out) or _negated(sentence, 0, cue):
                continue
            before = [m for m in mentions if m.end <= cue.start and m.kind != "territory"]
            speaker = _acting(before[-1].actor, "threatens", gaz, a) if before else \
                memory.speaker if re.match(r"(?:He|She|It|They)\b", sentence) else None
            if speaker in pair:
                other = b if speaker == a else a
                add(_candidate(speaker, cue.relation, other, sentence, number, cue.phrase, times, cue, gaz, 0.5))
        # reciprocal acts: both directions
        if _RECIPROCAL.search(sentence):
            directed = [c for c in cues if c.relation in ("accuses", "attacks", "threatens", "opposes")]
            if re.search(r"\b(?:attacks|strikes)\b", _RECIPROCAL.search(sentence).group(0), re.I) and \
                    not any(c.relation == "attacks" for c in directed):
                directed.append(CueMatch("attacks", "traded attacks", 0, 1, ""))
            for cue in directed[:1]:
                for s, o in ((a, b), (b, a)):
                    add(_candidate(s, cue.relation, o, sentence, number, "each side … the other", times, cue, gaz,
                                   0.6))
        if _FIRE.search(sentence) and (here or epithet):
            hit = _FIRE.search(sentence)
            add(_candidate(a, "armedConflictWith", b, sentence, number, "exchanged fire", times,
                           CueMatch("armedConflictWith", "", hit.start(), hit.end(), ""), gaz, 0.6))
        # a symmetric relation between "the two countries"
        if epithet:
            for cue in cues:
                if not gaz_symmetric(cue.relation) or cue.relation == "negotiatesWith" or _negated(sentence, 0, cue):
                    continue
                if any(c.relation == cue.relation for c in out):
                    continue
                add(_candidate(a, cue.relation, b, sentence, number, cue.phrase, times, cue, gaz, 0.5))
        # talks between the pair
        talks = _TALKS.search(sentence)
        if talks and _EXHORT.search(sentence[:talks.start()]):
            talks = None  # "urged both to resolve it through dialogue", "refused further dialogue": no talks held
        if talks and not any(c.relation == "negotiatesWith" for c in out) and (here or epithet or mediators):
            at = CueMatch("negotiatesWith", "", talks.start(), talks.end(), talks.group(0))
            cand = _candidate(a, "negotiatesWith", b, sentence, number, "talks", times, at, gaz, 0.55)
            if cand is not None:
                cand.status = "Stalled" if _STALLED.search(sentence) else "Failed" if _FAILED.search(sentence) \
                    else "Proposed" if _PLANNED.search(sentence) else cand.status
                add(cand)
    reporter, _, reported = _reporter(sentence, mentions, gaz, memory.home)
    if reporter is None and reported and memory.speaker and _PRONOUN_REPORTER.search(sentence):
        reporter = memory.speaker
    if reporter:
        memory.speaker = _acting(reporter, "threatens", gaz)
    kept = []
    for c in out:
        if c not in found and reported and not c.claimed_by:
            if reporter is None or reporter in (c.subject, c.object) and c.relation == "accuses":
                continue  # "officials said …": no claimant, no statement
            c.claimed_by = reporter
        kept.append(c)
    out = kept
    for c in out:
        if c.object and c.relation != "mediatesBetween" and _state_like(c.subject, gaz) and _state_like(c.object, gaz):
            memory.note(c.subject, c.object, number)
        elif c.relation == "mediatesBetween" and len(c.parties) == 2:
            memory.note(c.parties[0], c.parties[1], number)
    return out
