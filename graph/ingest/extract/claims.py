"""Who a sentence says claims what: the reporting verbs, "according to", unnamed sources.

A statement a sentence reports ("Pakistan said…", "according to Kabul…", "…,
said the Afghan defence ministry") carries its claimant. "He added that…" is the
speaker just quoted; "Its spokesman said…" the one just named. An unnamed
source ("a security source told AFP", "officials said on condition of
anonymity") is nobody's claim: what it alone reports is left out, and never
given to the state of the dateline.

>>> import re
>>> bool(_ANONYMOUS.search("a senior official told AFP on condition of anonymity"))
True
"""

from __future__ import annotations

import re

from .mentions import Gazetteer, Mention

__all__ = ["reporter"]

_BARRIER = re.compile(r";|:|—|\bbut\b|\bwhile\b|\bwhereas\b|\bwhich\b|\bwho\b|\balthough\b|\bthough\b|\bafter\b|"
                      r"\bwhere\b", re.I)
_REPORT = re.compile(r"\b(?:said|says|say|stated|states|claimed|claims|claim|alleged(?=\s+(?:that|on|in|the)\b)|alleges|"
                     r"insisted|insists|told|"
                     r"warned|warns|declared|declares|asserted|asserts|added|argued|argues|consider|considers)\b")
# (lower case only: "the United States" does not state anything)
_PRONOUN_REPORTER = re.compile(r"\b(?:[Hh]e|[Ss]he)\s+(?:also\s+|further\s+)?(?:added|said|says|warned|told|stated|"
                               r"insisted|claimed|declared)\b")
_POSSESSIVE_REPORTER = re.compile(r"(?:Its|Their)\s+(?:\w+\s+){0,2}(?:spokes(?:man|person|woman)|minister|officials?|"
                                  r"ministry|army|military|government|leaders?)\b")
_ACCORDING_TO = re.compile(r"\baccording\s+to\s+$", re.I)


_OFFICIAL_SOURCE = re.compile(r"\b(?:spokes(?:man|person|woman)|ministry|foreign\s+office|military|army|"
                              r"government|authorities|police|statement)\b[^,;]{0,30}$", re.I)
#: An unnamed source is nobody's claim: "a security source told AFP on condition of anonymity" is not the state's.
_ANONYMOUS = re.compile(r"\b(?:sources?|(?:an?|one|two|three|several)\s+(?:\w+\s+){0,3}officials?|anonymity|"
                        r"declined\s+to\s+be\s+named|not\s+authori[sz]ed|requested\s+anonymity)\b", re.I)


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
              and not _BARRIER.search(sentence[m.end:verb.start()])
              and not re.search(r",\s*(?:a|an|the|one|two|several|some)\s+", sentence[m.end:verb.start()], re.I)]
    if before:
        return before[-1].actor, verb.end(), True
    after = [m for m in mentions if m.start >= verb.end() and m.start - verb.end() <= 20]
    if after and sentence[:verb.start()].rstrip().endswith((",", "\"", "”")):  # "…, said Pakistan's foreign ministry."
        return after[0].actor, 0, True
    if home and _OFFICIAL_SOURCE.search(sentence[max(0, verb.start() - 45):verb.start()]) and \
            not _ANONYMOUS.search(sentence[max(0, verb.start() - 45):]):
        return home, verb.end(), True  # "a military spokesman said", in a report filed from Islamabad
    return None, verb.end(), True


def reporter(sentence: str, mentions: list[Mention], gaz: Gazetteer, home: str | None = None) -> str | None:
    """Who ``sentence`` says claims what it reports (``None``: nobody named, or nothing reported).

    >>> from actorgraph import load
    >>> gaz = Gazetteer.from_graph(load())
    >>> reporter("Pakistan said it struck Kabul.", gaz.find("Pakistan said it struck Kabul."), gaz)
    'pakistan'
    """
    return _reporter(sentence, mentions, gaz, home)[0]
