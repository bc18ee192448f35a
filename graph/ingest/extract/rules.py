"""Sentence → candidate statements: who, what relation, whom, when, claimed by whom, with what status.

The rules, in the order they apply to a sentence naming actors:

1. every cue of the ontology's lexicon (:mod:`.cues`) found in the sentence
   proposes its relation type;
2. the subject is the nearest actor named before the cue in the same clause
   (with the actors coordinated with it: "Qatar and Turkey urged…"), the
   object the nearest after it; "by X" after the cue makes X the agent;
   "between X and Y" gives both ends; a participle after a comma
   (", accusing them of…") keeps the subject of the clause before; "them",
   "its" and "the group" point back to the actors just named;
3. a mediation has a mediator and two parties (those inside "urged … to
   negotiate", after "between", or the two other actors of the sentence; a
   mediator "joining the efforts" takes the parties of the mediation just
   reported);
4. a claim carries who claims it: "according to X", "X said …", "X accused
   Y of …" (the accusation is X's act; what Y is accused of is X's claim).
   A claim whose claimant is no actor ("officials said") is left out;
5. a denial ("Kabul denies harbouring…") and a negation ("have not turned
   against") give no positive statement;
6. hedges ("could", "potential", "fear") make it ``Potential``; offers and
   proposals ``Proposed``; "stalled", "failed", "violated", "secured" set the
   status of mediations, negotiations and agreements;
7. the date is the expression nearest the cue (:mod:`.timex`): "since X"
   starts it, "by the end of X" ends it, "between X and Y" bounds it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .cues import CueMatch, Lexicon
from .mentions import Gazetteer, Mention
from .timex import TimeMention

__all__ = ["Candidate", "SentenceContext", "candidates_for_sentence", "STATE_LEVEL"]

#: Relation types held by governments: a movement that controls a regime acts through it here,
#: and a state governed by a de facto regime acts through that regime.
STATE_LEVEL = {
    "mediatesBetween", "negotiatesWith", "tensionsWith", "atWarWith", "armedConflictWith", "borderDisputeWith",
    "pressures", "tradingPartnerOf", "hosts", "attacks", "agreementWith", "defensePactWith", "cooperatesWith",
    "accuses", "opposes", "alliedWith", "harbors", "supports", "rapprochementWith",
}
_STRIKES = {"attacks", "targets", "armedConflictWith", "atWarWith", "fightsAgainst"}
#: Relations about the country itself (who governs it, its neighbours, its parts): a state stays the state.
COUNTRY_LEVEL = {"governs", "neighborOf", "partOf", "composedOf", "memberOf", "branchOf", "concernedAbout"}
_STATUS_TYPES = {"mediatesBetween", "negotiatesWith", "agreementWith", "cooperatesWith", "supports"}

_COORD = re.compile(r"^(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*,?\s+as\s+well\s+as\s+|\s*&\s*|\s*/\s*)$", re.I)
_COORD_NOUNS = re.compile(r"^\s+(?:[a-z-]+\s+){1,2}(?:,\s*)?(?:and|as\s+well\s+as)\s+$")
_BARRIER = re.compile(r";|:|—|\bbut\b|\bwhile\b|\bwhereas\b|\bwhich\b|\bwho\b|\balthough\b|\bthough\b|\bafter\b|"
                      r"\bwhere\b", re.I)
_PASSIVE_BY = re.compile(r"^\s*(?:\w+\s+){0,2}?by\s*$", re.I)
_BETWEEN = re.compile(r"^\s*(?:\w+\s+){0,2}?between\s*$", re.I)
_PRONOUN_AFTER = re.compile(r"^\s*(?:(?:of|on|against|to|with|nearly|a|an|the|million|thousands|hundreds|many|some|"
                            r"\d[\d,]*)\s+){0,4}(them|it|its|their|they)\b", re.I)
_ANAPHOR_AFTER = re.compile(r"^\s*(?:of\s+|on\s+|against\s+|to\s+|with\s+)?(the\s+(?:group|movement|militants|"
                            r"organi[sz]ation|outfit|fighters))\b", re.I)
_PARTICIPLE = re.compile(r"(?:,\s*(?:and\s+)?|\s+and\s+)(?:\w+ly\s+)?$", re.I)
_AUX_COORD = re.compile(r"(?:,\s*and\s+|\s+and\s+)(?:has|have|had)\s+(?:\w+ly\s+)?$", re.I)
_DEMAND = re.compile(r"\b(?:demand(?:s|ed|ing)?\s+that|(?:wants?|urg(?:e|es|ed|ing)|call(?:s|ed)?\s+on|"
                     r"ask(?:s|ed)?|press(?:es|ed)|told)\s+(?:\S+\s+){1,6}?to\b|pledg(?:e|es|ed|ing)|"
                     r"(?:is|are)\s+to\b|(?:appeal(?:s|ed|ing)?|call(?:s|ed|ing)?)\s+for\s+(?:\S+\s+){0,6}$)", re.I)
_REPORT = re.compile(r"\b(?:said|says|say|stated|states|claimed|claims|claim|alleged|alleges|insisted|insists|told|"
                     r"warned|warns|declared|declares|asserted|asserts|added|argued|argues|consider|considers)\b")
# (lower case only: "the United States" does not state anything)
_ACCORDING = re.compile(r"\b(?:according\s+to|in\s+the\s+view\s+of|from)\s*$|\bperspective\b", re.I)
_ACCORDING_TO = re.compile(r"\baccording\s+to\s+$", re.I)
_ACCUSE = re.compile(r"^(?:accus|blam|alleg|charg)", re.I)
_DENIAL_END = re.compile(r"[;:]|\b(?:but|while|whereas)\b|\band\s+(?:accus|blam|said|say|claim|warn|call|urg|insist)",
                         re.I)
_DEMAND_PAIR = re.compile(r"\b(?:wants?|urg(?:e|es|ed|ing)|call(?:s|ed)?\s+on|ask(?:s|ed)?|press(?:es|ed)|"
                          r"demand(?:s|ed)?\s+that|told)\s+$", re.I)
_CALM = re.compile(r"^\s*(?:to\s+)?(?:negotiat|talk|dialogue|calm|restraint|show\s+restraint|ceasefire|de-?escalat|"
                   r"peace|exercise\s+restraint|resolve|settle)", re.I)
_SUBJ_PRONOUN = re.compile(r"\b(?:it|they|he|she)\s+(?:\w+ly\s+)?(?:\w+\s+){0,2}$", re.I)
_COORD_VP = re.compile(r",?\s+and\s+(?:has\s+|have\s+|had\s+)?[a-z]+(?:ed|s)\s+[^,]*$")
_DENY = re.compile(r"\b(?:den(?:y|ies|ied|ying)|reject(?:s|ed|ing)?|dismiss(?:es|ed|ing)?|refut(?:e|es|ed|ing)|"
                   r"rebuff(?:s|ed)?)\b", re.I)
_NEGATION = re.compile(r"\b(?:not|never|no\s+longer|neither|nor|refused\s+to|failed\s+to|ceased\s+to|stopped)\b|"
                       r"n[’']t\b", re.I)
_NOT_ONLY = re.compile(r"\bnot\s+only\b", re.I)
_NO_BEFORE = re.compile(r"\bno\s+(?:\w+\s+)?$|\bwithout\s+(?:\w+\s+)?$", re.I)
_HEDGE = re.compile(r"\b(?:could|might|would|potential(?:ly)?|possible|possibly|likely|unlikely|fears?|feared|"
                    r"risks?|threaten(?:s|ed)?\s+to|prospects?|if|whether|expected\s+to|seek(?:s|ing)?\s+to|"
                    r"aim(?:s|ed)?\s+to|objective\s+is\s+to|intent\s+on|wants?\s+to)\b|\bmay\b", re.I)
_MAY_MONTH = re.compile(r"\bMay\b")
_PROPOSED = re.compile(r"\b(?:offer(?:s|ed|ing)?\s+to|propos(?:e|es|ed|al|ing)|plan(?:s|ned)?\s+to|"
                       r"suggest(?:s|ed)?|invit(?:e|es|ed)\s+to)\b", re.I)
_FAILED = [
    (re.compile(r"\bstall(?:ed|s)?\b|\bdeadlock(?:ed)?\b|\bimpasse\b", re.I), "Stalled"),
    (re.compile(r"\bfail(?:ed|s)?\b|\bcollaps(?:ed|es)\b|\bbroke\s+down\b|\bwithout\s+(?:much\s+)?success\b", re.I),
     "Failed"),
    (re.compile(r"\bviolat(?:ed|es|ion)\b|\bbroken\b", re.I), "Violated"),
    (re.compile(r"\bsecured\b|\bagreed\s+(?:to|on)\b|\bsigned\b", re.I), "Secured"),
]
_CARRY_PARTIES = re.compile(r"\bjoin(?:ed|s)?\b|\btoo\b|\balso\b|\bas\s+well\b", re.I)


@dataclass
class Candidate:
    """One proposed statement, in the import format plus confidence, status and cue."""

    subject: str
    relation: str
    object: str | None
    parties: list[str] = field(default_factory=list)
    start: str | None = None
    end: str | None = None
    claimed_by: str | None = None
    quote: str = ""
    status: str | None = None
    confidence: float = 0.5
    cue: str = ""
    sentence: int = 0
    spans: list[tuple[int, int, str]] = field(default_factory=list)  # highlights in the quote: actor|date|cue

    def key(self) -> tuple:
        ends = tuple(sorted(self.parties)) if self.parties else (self.object,)
        return (self.subject, self.relation, ends, self.claimed_by)


@dataclass
class SentenceContext:
    """What a sentence's neighbours tell it: the last armed group named, the last mediation's parties."""

    last_armed: list[str] = field(default_factory=list)
    previous_armed: list[str] = field(default_factory=list)
    last_parties: tuple[list[str], int] | None = None
    last_pair: tuple[list[str], int] | None = None  # the two sides of the last conflict or agreement reported
    home: str | None = None  # the state of the dateline: whose unnamed officials speak
    last_subject: str | None = None  # who the previous sentence was about: "They…", "Their…" in this one


def _between(sentence: str, a: int, b: int) -> str:
    return sentence[a:b] if a <= b else ""


def _group(mentions: list[Mention], index: int, sentence: str, step: int) -> list[int]:
    """Indices of the mentions coordinated with ``mentions[index]`` ("Qatar and Turkey"), in order.

    Commas alone do not coordinate ("According to Pakistan, the Taliban…"): a list needs an "and".
    """
    out = [index]
    joined = False
    i = index
    while 0 <= i + step < len(mentions):
        j = i + step
        left, right = (mentions[j], mentions[i]) if step < 0 else (mentions[i], mentions[j])
        gap = _between(sentence, left.end, right.start)
        if not (_COORD.match(gap) or (step > 0 and _COORD_NOUNS.match(gap))):
            break
        joined = joined or not re.fullmatch(r"\s*,\s*", gap)
        out.append(j)
        i = j
    return sorted(out) if joined else [index]


def _clause_start(sentence: str, pos: int) -> int:
    start = 0
    for m in _BARRIER.finditer(sentence, 0, pos):
        start = m.end()
    return start


def _clause_end(sentence: str, pos: int) -> int:
    m = _BARRIER.search(sentence, pos)
    return m.start() if m else len(sentence)


def _nearest_before(mentions, cue: CueMatch, sentence: str, limit: int = 160) -> int | None:
    lo = _clause_start(sentence, cue.start)
    best = None
    for i, m in enumerate(mentions):
        if m.end <= cue.start and m.start >= lo and cue.start - m.end <= limit:
            best = i
    if best is None:
        rel = re.search(r"(?:,\s*(?:which|who)|—)\s*$", sentence[:lo], re.I)
        if rel and (rel.group(0).strip() == "—" or
                    re.match(r"\s*(?:(?:it|they|he|she|we|the|a|an)\b|[A-Z])", sentence[lo:]) is None):  # "India, which has stepped up ties with Kabul": the relative clause is about India
            for i, m in enumerate(mentions):
                if 0 <= rel.start() - m.end <= 7:  # "the TTP (TTP)—a movement…"
                    best = i
    return best


def _nearest_after(mentions, pos: int, sentence: str, limit: int = 110, stop: int | None = None) -> int | None:
    hi = _clause_end(sentence, pos)
    report = _REPORT.search(sentence, pos)
    if report:
        hi = min(hi, report.start())
    if stop is not None:  # the next cue: what follows it is its own
        hi = min(hi, stop)
    comma = re.search(r",(?!\s*(?:as\s+well\s+as|and|including|notably|particularly|especially|or)\b)", sentence[pos:hi])
    if comma and sentence[pos:pos + comma.start()].strip():
        hi = pos + comma.start()  # "Following Pakistan's airstrikes in October 2025, Qatar…": Qatar was not struck
    for i, m in enumerate(mentions):
        if m.start >= pos and m.start <= hi and m.start - pos <= limit:
            return i
    return None


def _status(sentence: str, cue: CueMatch, relation: str, clause_lo: int) -> str | None:
    before = sentence[clause_lo:cue.start]
    hedge_text = _MAY_MONTH.sub("", before)
    if _PROPOSED.search(before) or _PROPOSED.search(cue.text):
        return "Proposed"
    if _HEDGE.search(hedge_text) or re.match(r"\s*(?:potential|possible|feared)\b", sentence[max(0, cue.start - 12):cue.start]):
        return "Potential"
    if relation in _STATUS_TYPES:
        after = sentence[cue.start:]
        for pattern, status in _FAILED:
            if pattern.search(after):
                return status
    return None


def _negated(sentence: str, subject_end: int, cue: CueMatch) -> bool:
    window = sentence[max(subject_end, cue.start - 45):cue.start]
    window = _NOT_ONLY.sub("", window)
    if _NEGATION.search(window) or _NO_BEFORE.search(sentence[max(0, cue.start - 25):cue.start]):
        return True
    return False


def _pick_date(times: list[TimeMention], cue: CueMatch) -> tuple[str | None, str | None]:
    if not times:
        return None, None
    center = (cue.start + cue.end) / 2
    best = min(times, key=lambda t: abs((t.start_char + t.end_char) / 2 - center))
    if best.role == "range":
        return best.start, best.end
    if best.role == "until":
        return None, best.start
    return best.start, None


_OFFICIAL_SOURCE = re.compile(r"\b(?:officials?|spokes(?:man|person|woman)|ministry|foreign\s+office|military|army|"
                              r"government|authorities|security\s+sources|police|statement)\b[^,;]{0,30}$", re.I)


def _reporter(sentence: str, mentions: list[Mention], gaz: Gazetteer,
              home: str | None = None) -> tuple[str | None, int, bool]:
    """(claimant id, position after which the claim runs, whether a claim is being reported)."""
    for m in mentions:  # "according to X", "from X's perspective"
        if _ACCORDING_TO.search(sentence[max(0, m.start - 16):m.start]):
            return m.actor, 0, True
        if re.match(r"['’]s?\s+(?:perspective|view|point\s+of\s+view)", sentence[m.end - 2:m.end + 25]) or \
                re.match(r"\s*perspective", sentence[m.end:m.end + 14]):
            return m.actor, 0, True
    verb = _REPORT.search(sentence)
    if not verb:
        return None, 0, False
    before = [m for m in mentions if m.end <= verb.start() and verb.start() - m.end <= 40
              and not _BARRIER.search(sentence[m.end:verb.start()])]
    if before:
        return before[-1].actor, verb.end(), True
    after = [m for m in mentions if m.start >= verb.end() and m.start - verb.end() <= 20]
    if after and sentence[:verb.start()].rstrip().endswith((",", "\"", "”")):  # "…, said Pakistan's foreign ministry."
        return after[0].actor, 0, True
    if home and _OFFICIAL_SOURCE.search(sentence[max(0, verb.start() - 45):verb.start()]):
        return home, verb.end(), True  # "a military spokesman said", in a report filed from Islamabad
    return None, verb.end(), True


def candidates_for_sentence(
    sentence: str,
    number: int,
    mentions: list[Mention],
    times: list[TimeMention],
    lexicon: Lexicon,
    gaz: Gazetteer,
    context: SentenceContext,
) -> list[Candidate]:
    """Candidate statements of one sentence (see the module doc for the rules)."""
    cues = lexicon.find(sentence)
    out: list[Candidate] = []
    territory = {(m.start, m.actor) for m in mentions if m.kind == "territory"}
    context.previous_armed = context.last_armed
    armed_here = [m.actor for m in mentions if m.actor in gaz.armed]
    if armed_here:
        context.last_armed = armed_here
    if not cues or not mentions:
        named = [m.actor for m in mentions if m.kind in ("name", "representative")]
        context.last_subject = named[0] if named else context.last_subject
        return out
    reporter, claim_from, reported = _reporter(sentence, mentions, gaz, context.home)
    denial = _DENY.search(sentence)
    accusation: tuple[str, str, int] | None = None  # (accuser, accused, position)
    prev: Candidate | None = None
    denial_end = None
    if denial:
        stop = _DENIAL_END.search(sentence, denial.end())
        denial_end = stop.start() if stop else len(sentence)
    for cue in cues:
        if denial and denial.start() < cue.start < denial_end:
            continue  # what is denied is not stated
        if denial and re.match(r"(?:accusation|allegation|charge|claim)s?$", cue.text, re.I) and \
                len(sentence[cue.end:denial.start()].split()) <= 4:
            continue  # "…, an accusation the Taliban rejected": the denial, not a new accusation
        rel = cue.relation
        lo = _clause_start(sentence, cue.start)
        if _DEMAND.search(sentence[lo:cue.start]):
            continue  # what is demanded or pledged has not happened
        subj_idx = _nearest_before(mentions, cue, sentence)
        anaphoric = False
        subj_group: list[str] = []
        before_cue = sentence[:cue.start]
        if prev and ((_PARTICIPLE.search(before_cue) and cue.text.split()[0].lower().endswith("ing"))
                     or _AUX_COORD.search(before_cue)):
            subj_group = [prev.subject]
            anaphoric = True
        elif accusation and cue.start > accusation[2]:
            subj_group = [accusation[1]]
            anaphoric = True
        elif re.search(r"\b(?:its|their)\s+own\s+(?:\w+\s+)?$", sentence[:cue.start], re.I) and \
                mentions[0].start < cue.start:
            subj_group = [mentions[0].actor]  # "…, and gain room in its own war against Afghanistan": its = the subject
            anaphoric = True
        elif prev and subj_idx is not None and _COORD_VP.search(sentence[mentions[subj_idx].end:cue.start]):
            subj_group = [prev.subject]  # "India hosted…, led by Muttaqi, and announced the reopening…"
            anaphoric = True
        elif _SUBJ_PRONOUN.search(sentence[lo:cue.start]) and mentions[0].start < lo and \
                re.search(r"\b(?:which|whom|that)\s*$", sentence[:lo], re.I):
            # "…, which it blames for…": "it" is the sentence's subject, "which" the clause's antecedent
            subj_group = [mentions[0].actor]
            anaphoric = True
        elif subj_idx is not None:
            subj_group = [mentions[i].actor for i in _group(mentions, subj_idx, sentence, -1)]
        elif context.last_subject and re.search(r"(?:^|[,;]\s*)(?:\w+\s+){0,5}?(?:they|their|it|its)\b",
                                                sentence[:cue.start], re.I) and \
                re.search(r"\b(?:they|their|it|its)\b", sentence[lo:cue.start], re.I):
            subj_group = [context.last_subject]  # "Their proximity to the Afghan Taliban…": the previous subject
            anaphoric = True
        relative_obj = None
        if _SUBJ_PRONOUN.search(sentence[lo:cue.start]) and re.search(r",\s*(?:which|whom)\s*$", sentence[:lo], re.I):
            antecedent = [m for m in mentions if 0 <= sentence[:lo].rstrip().rfind(",") - m.end <= 1]
            relative_obj = antecedent[-1].actor if antecedent else None
        after_text = sentence[cue.end:]
        obj_group: list[str] = []
        between = None
        later_cues = [c.start for c in cues if c.start >= cue.end]
        next_idx = _nearest_after(mentions, cue.end, sentence, stop=later_cues[0] if later_cues else None)
        if next_idx is not None and (_BETWEEN.match(_between(sentence, cue.end, mentions[next_idx].start)) or (
                cue.text.lower().endswith("between") and not sentence[cue.end:mentions[next_idx].start].strip())):
            between = [mentions[i].actor for i in _group(mentions, next_idx, sentence, 1)]
        passive = next_idx is not None and (
            _PASSIVE_BY.match(_between(sentence, cue.end, mentions[next_idx].start))
            or (cue.text.lower().endswith(" by") and not sentence[cue.end:mentions[next_idx].start].strip()))
        pron = _PRONOUN_AFTER.match(after_text)
        ana = _ANAPHOR_AFTER.match(after_text)
        in_gap: list[str] = []
        if cue.gap and rel != "mediatesBetween":  # "allowing the group to plan attacks": the object is in the gap
            gap_text = " " + sentence[cue.gap[0]:cue.gap[1]]
            in_gap = [m.actor for m in mentions if cue.gap[0] <= m.start < cue.gap[1]]
            if not in_gap and _ANAPHOR_AFTER.match(gap_text):
                here = [m.actor for m in mentions if m.end <= cue.start and m.actor in gaz.armed]
                in_gap = (here or context.previous_armed)[-1:]
        if rel == "mediatesBetween":
            parties: list[str] = []
            if passive:  # "talks mediated by Qatar and Turkey"
                mediators = [mentions[i].actor for i in _group(mentions, next_idx, sentence, 1)]
            else:
                mediators = list(subj_group)
                if cue.gap:
                    parties = [m.actor for m in mentions if cue.gap[0] <= m.start < cue.gap[1]]
                if len(set(parties)) < 2 and between:
                    parties = between
            mediators = [a for a in mediators if a not in parties]
            if not mediators or _negated(sentence, lo, cue):
                continue
            if len(set(parties)) < 2:
                others = list(dict.fromkeys(m.actor for m in mentions if m.actor not in mediators))
                parties = others if len(others) == 2 else []
            carried = False
            if len(set(parties)) < 2:
                for memory in (context.last_parties, context.last_pair):
                    if memory and number - memory[1] <= 6:
                        parties, carried = list(memory[0]), True
                        break
            parties = list(dict.fromkeys(parties))
            if len(parties) == 2:
                parties = [_acting(parties[0], rel, gaz, parties[1]), _acting(parties[1], rel, gaz, parties[0])]
            if len(set(parties)) != 2:
                continue
            context.last_parties = (parties, number)
            for mediator in mediators:
                mediator = _acting(mediator, "mediatesBetween", gaz)
                if mediator in parties:
                    continue
                cand = Candidate(mediator, rel, None, parties=parties, quote=sentence, sentence=number, cue=cue.phrase)
                cand.start, cand.end = _pick_date(times, cue)
                cand.status = _status(sentence, cue, rel, lo)
                cand.confidence = 0.55 if carried else 0.75
                out.append(cand)
            continue
        symmetric = gaz_symmetric(rel)
        # subject / object for binary relations
        if symmetric and len(subj_group) >= 2 and not between:
            subj_group, obj_group = subj_group[:1], subj_group[1:2]
        elif passive and not cue.reverse:
            group = _group(mentions, next_idx, sentence, 1)
            agent = [mentions[i].actor for i in group]
            later = _nearest_after(mentions, mentions[group[-1]].end, sentence, 60)
            obj_group = [mentions[later].actor] if later is not None else subj_group
            if not obj_group and re.search(r"\bthe\s+(?:group|movement|militants|organi[sz]ation)\b",
                                           sentence[:cue.start], re.I):
                obj_group = context.previous_armed[-1:]  # "The group lost ground due to operations by X"
            subj_group = agent
        elif in_gap:
            obj_group = in_gap[:1]
        elif relative_obj is not None:
            obj_group = [relative_obj]
        elif between:
            if len(between) >= 2:
                subj_group, obj_group = [between[0]], [between[1]]
            else:
                obj_group = between
        elif pron and pron.group(1).lower() in ("its", "their") and mentions[0].actor not in subj_group:
            obj_group = [mentions[0].actor]  # "attacks on its soldiers": the sentence's subject
        elif pron and prev is not None and pron.group(1).lower() in ("them", "it", "its", "their"):
            obj_group = [prev.object] if prev.object and prev.object not in subj_group else []
            if not obj_group:
                before = [m.actor for m in mentions if m.end <= cue.start and m.actor not in subj_group]
                obj_group = before[-1:]
        elif pron and pron.group(1).lower() in ("them", "it"):
            before = [m.actor for m in mentions if m.end <= cue.start and m.actor not in subj_group]
            obj_group = before[-1:]
        elif ana:
            here = [m.actor for m in mentions if m.end <= cue.start and m.actor in gaz.armed and m.actor not in subj_group]
            earlier = [a for a in context.previous_armed if a not in subj_group]
            obj_group = here[-1:] or earlier[-1:]
        elif next_idx is not None and not (gaz_polarity(rel) == "friendly" and re.search(
                r"\b(?:against|on|targeting)\b", sentence[cue.end:mentions[next_idx].start], re.I)):
            # a friendly cue's object is not what comes after "against" ("sponsoring terrorism against Pakistan")
            obj_group = [mentions[i].actor for i in _group(mentions, next_idx, sentence, 1)]
        if cue.reverse:  # "the TTP, which operates from sanctuaries in Afghanistan": Afghanistan harbors the TTP
            after = [mentions[next_idx].actor] if next_idx is not None else []
            antecedent = re.search(r",\s*(?:which|who)\b", sentence[:cue.start])
            before = [m.actor for m in mentions if antecedent and 0 <= antecedent.start() - m.end <= 1] or \
                ([mentions[subj_idx].actor] if subj_idx is not None else [])
            subj_group, obj_group = after, before
        if not obj_group and prev is not None and prev.object and subj_idx is not None and \
                re.search(r"\band\s+$", sentence[:mentions[subj_idx].start]) and subj_group != [prev.object]:
            obj_group = [prev.object]  # "operations by the Pakistani military and U.S. drone strike campaigns"
        if not obj_group and accusation and cue.start > accusation[2] and rel in ("pressures", "targets"):
            obj_group = [accusation[0]]  # "accuses Pakistan of using refugees as a means of pressure" (on the accuser)
        if symmetric and subj_group and not obj_group:
            first = mentions.index(next(m for m in mentions if m.actor == subj_group[0])) if any(
                m.actor == subj_group[0] for m in mentions) else None
            earlier = [m.actor for m in mentions[:first] if m.start >= lo] if first is not None else []
            obj_group = earlier[-1:]
        if not subj_group or not obj_group:
            continue
        subj_end = mentions[subj_idx].end if subj_idx is not None else lo
        if _negated(sentence, subj_end, cue):
            continue
        status = _status(sentence, cue, rel, lo)
        start, end = _pick_date(times, cue)
        if territory:  # a territory can be struck, not act or hold a view
            land = {a for _, a in territory} - {m.actor for m in mentions if m.kind != "territory"}
            subj_group = [a for a in subj_group if a not in land]
            if rel not in _STRIKES:
                obj_group = [a for a in obj_group if a not in land]
        for s in subj_group:
            for o in obj_group:
                s2, o2 = _acting(s, rel, gaz, o), _acting(o, rel, gaz, s)
                if s2 == o2:
                    continue
                cand = Candidate(s2, rel, o2, quote=sentence, sentence=number, cue=cue.phrase, start=start, end=end,
                                 status=status)
                cand.confidence = _confidence(cand, cue, anaphoric, mentions, gaz)
                if _ACCUSE.match(cue.text):
                    accusation = (s2, o2, cue.end)
                elif accusation and cue.start > accusation[2]:
                    cand.claimed_by = accusation[0]
                if gaz_polarity(rel) == "hostile" or rel in ("agreementWith", "negotiatesWith"):
                    context.last_pair = ([s2, o2], number)
                out.append(cand)
        if out:
            prev = out[-1]
    # demands: "Islamabad wants Kabul to rein in the TTP" — X presses Y (unless it is a call for talks or calm)
    for i, m in enumerate(mentions):
        verb = _DEMAND_PAIR.search(sentence[:m.start])
        if not verb or i == 0 or re.search(r"\bnot\b|n[’']t\b", sentence[max(0, verb.start() - 12):verb.start()]):
            continue
        tail = sentence[m.end:]
        if not re.match(r"\s*(?:to|must|should|that)\b", tail) or _CALM.match(re.sub(r"^\s*(?:to|must|should)\s+", "", tail)):
            continue
        demanders = [x for x in mentions[:i] if x.end <= verb.start() and not _BARRIER.search(sentence[x.end:verb.start()])]
        if not demanders or demanders[-1].actor == m.actor or (denial and denial.start() < m.start < (denial_end or 0)):
            continue
        s2, o2 = _acting(demanders[-1].actor, "pressures", gaz, m.actor), _acting(m.actor, "pressures", gaz)
        if s2 != o2 and not any(c.subject == s2 and c.relation == "pressures" and c.object == o2 for c in out):
            cand = Candidate(s2, "pressures", o2, quote=sentence, sentence=number, cue=verb.group(0).strip().lower(),
                             confidence=0.55)
            cand.start, cand.end = _pick_date(times, CueMatch("pressures", "", verb.start(), verb.end(), ""))
            out.append(cand)
    named = [m.actor for m in mentions if m.kind in ("name", "representative")]
    context.last_subject = out[0].subject if out else (named[0] if named else context.last_subject)
    # claims: what a reported sentence states is its reporter's claim
    kept = []
    for cand in out:
        if reported and cand.claimed_by is None and not _ACCUSE.match(cand.cue):
            if reporter is None:
                continue  # "officials said …": no claimant, no statement
            cand.claimed_by = reporter
        kept.append(cand)
    return kept


_SYMMETRIC: set[str] = set()
_POLARITY: dict[str, str] = {}


def gaz_polarity(rel: str) -> str:
    """The polarity of relation type ``rel`` in the ontology."""
    if not _POLARITY:
        from ...core.ontology import load_ontology

        _POLARITY.update((r.name, r.polarity) for r in load_ontology().relations.values())
    return _POLARITY.get(rel, "neutral")


def gaz_symmetric(rel: str) -> bool:
    """Whether relation type ``rel`` is symmetric in the ontology."""
    if not _SYMMETRIC:
        from ...core.ontology import load_ontology

        _SYMMETRIC.update(r.name for r in load_ontology().relations.values() if r.symmetric)
        _SYMMETRIC.add("")
    return rel in _SYMMETRIC


def _acting(actor: str, rel: str, gaz: Gazetteer, other: str | None = None) -> str:
    """Who acts for ``actor`` in a state-level relation.

    A state governed by a de facto regime acts through it (Afghanistan → the
    Taliban regime); a person whose title names a state acts for the state;
    a movement that controls a regime acts through it against or with a state.
    """
    if actor in gaz.acting_for and rel not in COUNTRY_LEVEL and not (rel == "supportsFinancially" and other is not None
                                                                     and other not in gaz.acting_for):
        return gaz.acting_for[actor]
    if rel not in STATE_LEVEL:
        return actor
    if actor in gaz.represents:
        return gaz.represents[actor]
    if actor in gaz.controls and other is not None:
        counterpart = gaz.acting_for.get(other, gaz.represents.get(other, other))
        if gaz.classes.get(counterpart) in ("State", "DeFactoRegime", "Government", "StateInstitution") and \
                counterpart != gaz.controls[actor]:
            return gaz.controls[actor]
    return actor


def _confidence(cand: Candidate, cue: CueMatch, anaphoric: bool, mentions: list[Mention], gaz: Gazetteer) -> float:
    score = 0.6
    if len(cue.phrase.split()) > 1:
        score += 0.1
    kinds = {m.actor: m.kind for m in mentions}
    if kinds.get(cand.subject) == "demonym" or kinds.get(cand.object) == "demonym":
        score -= 0.15
    if kinds.get(cand.subject) == "proposed" or kinds.get(cand.object) == "proposed":
        score -= 0.2
    if kinds.get(cand.subject) == "fuzzy" or kinds.get(cand.object) == "fuzzy":
        score -= 0.1
    if anaphoric:
        score -= 0.1
    if cand.status in ("Potential", "Proposed"):
        score -= 0.05
    return round(max(0.1, min(0.95, score)), 2)
