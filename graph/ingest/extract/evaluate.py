"""Score candidates against gold statements: recall and precision by relation family.

A candidate matches a gold statement when both are in the same family
(hostile, friendly, or mediation), name the same actors (the same pair in
either order; for a mediation the same mediator and parties), and their dates
are consistent (their possible spans overlap; a missing bound is open).
Only the three families are scored.

>>> gold = [{"subject": "pakistan", "relation": "attacks", "object": "taliban-regime", "start": "2025-10"}]
>>> cand = [{"subject": "pakistan", "relation": "tensionsWith", "object": "taliban-regime", "start": "2025"}]
>>> score(cand, gold)["recall"]
1.0
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable

from ...core.dates import parse_date
from ...core.errors import DateError
from ...core.ontology import load_ontology
from ...write.validate import normalise_text

__all__ = ["family", "date_span", "ends", "matches", "score", "quote_problems", "date_precision_problems", "unattributed_claims"]

_OPEN_LO, _OPEN_HI = dt.date.min, dt.date.max


def family(relation: str) -> str | None:
    """``hostile`` | ``friendly`` | ``mediation`` | ``None`` (not scored)."""
    rel = load_ontology().relation(relation)
    if rel.name == "mediatesBetween":
        return "mediation"
    return rel.polarity if rel.polarity in ("hostile", "friendly") else None


def date_span(row: dict) -> tuple[dt.date, dt.date]:
    """The days a row's ``start``/``end`` allow (a missing or unreadable bound is open).

    >>> date_span({"start": "2025-10", "end": ""})
    (datetime.date(2025, 10, 1), datetime.date(9999, 12, 31))
    """
    lo, hi = _OPEN_LO, _OPEN_HI
    try:
        if row.get("start"):
            lo = parse_date(str(row["start"])).earliest
        if row.get("end"):
            hi = parse_date(str(row["end"])).latest
    except DateError:
        pass
    return lo, hi


def ends(row: dict, same_as: Callable[[str | None], str | None] = lambda actor: actor) -> frozenset:
    """The actors a row names, unordered (a mediation: its mediator and parties), each through ``same_as``.

    >>> sorted(ends({"subject": "b", "object": "a"}))
    ['a', 'b']
    """
    parties = row.get("parties") or []
    if isinstance(parties, str):
        parties = [p.strip() for p in parties.split(";") if p.strip()]
    if parties:
        return frozenset([("mediator", same_as(row["subject"]))] + [("party", same_as(p)) for p in parties])
    return frozenset([same_as(row["subject"]), same_as(row.get("object"))])


def matches(cand: dict, gold: dict) -> bool:
    """Same family, same actors, consistent dates."""
    if family(cand["relation"]) != family(gold["relation"]) or ends(cand) != ends(gold):
        return False
    (a_lo, a_hi), (b_lo, b_hi) = date_span(cand), date_span(gold)
    return a_lo <= b_hi and b_lo <= a_hi


def score(candidates: Iterable[dict], gold: Iterable[dict]) -> dict:
    """Recall, precision and the unmatched rows (rows use actor ids; ``parties`` for mediation)."""
    cands = [c for c in candidates if family(c["relation"])]
    golds = [g for g in gold if family(g["relation"])]
    hit_gold = [g for g in golds if any(matches(c, g) for c in cands)]
    good = [c for c in cands if any(matches(c, g) for g in golds)]
    return {
        "gold": len(golds),
        "candidates": len(cands),
        "recall": round(len(hit_gold) / len(golds), 3) if golds else 1.0,
        "precision": round(len(good) / len(cands), 3) if cands else 1.0,
        "missed": [g for g in golds if g not in hit_gold],
        "wrong": [c for c in cands if c not in good],
    }


def quote_problems(quotes: Iterable[str], text: str) -> list[str]:
    """Quotes that do not occur verbatim (whitespace and typography normalised) in ``text``."""
    whole = normalise_text(text)
    return [q for q in quotes if normalise_text(q) not in whole]


_DAY_WORDS = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+\s+\d{4}|\b[A-Z][a-z]+\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s"
                        r"+\d{4}|\d{4}-\d\d-\d\d|\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
                        r"yesterday|today|tonight|this morning|days? ago)\b|"
                        r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|"
                        r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", re.I)
_WEEK_WORDS = re.compile(r"\bweeks?\b", re.I)
_MONTH_WORDS = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\bmonths?\b|\bspring\b|"
                          r"\bsummer\b|\bfall\b|\bautumn\b|\bwinter\b|\bhalf\b", re.I)


def date_precision_problems(rows: Iterable[dict]) -> list[str]:
    """Dates finer than their sentence: a day needs a day in the words, a month a month, a week a week."""
    problems = []
    for row in rows:
        quote = row.get("quote", "")
        for key in ("start", "end"):
            value = str(row.get(key) or "")
            if not value:
                continue
            date = parse_date(value)
            span = (date.latest - date.earliest).days
            if date.precision == "day" and not _DAY_WORDS.search(quote):
                problems.append(f"{key} {value}: no day in {quote!r}")
            elif date.precision == "interval" and span < 27 and not (_DAY_WORDS.search(quote) or
                                                                    _WEEK_WORDS.search(quote)):
                problems.append(f"{key} {value}: no week or day in {quote!r}")
            elif (date.precision == "month" or (date.precision == "interval" and span < 360)) and \
                    not (_MONTH_WORDS.search(quote) or _DAY_WORDS.search(quote) or _WEEK_WORDS.search(quote)):
                problems.append(f"{key} {value}: no month in {quote!r}")
    return problems


_CLAIM = re.compile(r"\b(?:said|says|stated|claimed|claims|alleged(?=\s+(?:that|on|in)\b)|alleges|insisted|told|according to|"
                    r"accus\w*|warned|declared)\b", re.I)


def unattributed_claims(rows: Iterable[dict]) -> list[dict]:
    """Candidates reported as someone's claim ("X said …", "according to X", "accused Y of …") naming no claimant.

    A candidate is a reported claim when the sentence says "according to",
    or when its cue comes after a reporting verb; the reporting act itself
    (the accusation) is not a claim.
    """
    out = []
    for row in rows:
        quote = row.get("quote", "")
        verb = _CLAIM.search(quote)
        if not verb or row.get("claimed_by") or row["relation"] == "accuses":
            continue
        stem = str(row.get("cue", "")).lstrip("< ").split(" ")[0].rstrip("*")
        cue = re.search(r"(?<![\w-])" + re.escape(stem), quote, re.I) if stem else None
        if "according to" in quote.lower() or cue is None or cue.start() > verb.start():
            out.append(row)
    return out
