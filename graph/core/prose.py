"""Dates as a person writes them: EDTF and ISO dates turned into prose.

The graph keeps dates at the source's precision as EDTF strings (``2025-10``,
``2025-09/2025-11``, ``[..2026-02]``); a brief, a caption or a tooltip reads
better as "in October 2025", "in autumn 2025", "by February 2026". These
functions are pure (strings in, strings out) and never make a date more
precise than it is: a month stays a month, an interval stays an interval
(written as a season when it is exactly one).

>>> when("2025-10"), when("2026-02-27"), when("2025-09/2025-11")
('in October 2025', 'on 27 February 2026', 'in autumn 2025')
>>> since("2025-09/2025-11"), period("2025-10", "2026-03")
('since autumn 2025', 'from October 2025 to March 2026')
>>> relation_phrase("tensionsWith", "tensions with"), relation_phrase("tradingPartnerOf", "trading partner of")
('has tensions with', 'is a trading partner of')
"""

from __future__ import annotations

import datetime as dt
import re

__all__ = ["date_words", "when", "since", "until", "period", "between", "from_to", "event_when", "plain_note",
           "relation_phrase", "relation_clause", "with_article", "MONTHS"]

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
_SEASONS = {(3, 5): "spring", (6, 8): "summer", (9, 11): "autumn", (12, 2): "winter"}
_EDTF_SEASONS = {21: "spring", 22: "summer", 23: "autumn", 24: "winter"}
_POINT = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def _point(text: str) -> tuple[int, int | None, int | None] | None:
    m = _POINT.match(text.strip())
    if not m:
        return None
    return int(m.group(1)), int(m.group(2)) if m.group(2) else None, int(m.group(3)) if m.group(3) else None


def _words(year: int, month: int | None, day: int | None) -> str:
    if month is None:
        return str(year)
    if month in _EDTF_SEASONS:  # EDTF 2021-22 = summer 2021
        return f"{_EDTF_SEASONS[month]} {year}"
    if day is None:
        return f"{MONTHS[month - 1]} {year}"
    return f"{day} {MONTHS[month - 1]} {year}"


def _season(a: tuple, b: tuple) -> str | None:
    """The season an interval of whole months is exactly (``2025-09/2025-11`` → autumn 2025)."""
    (y1, m1, d1), (y2, m2, d2) = a, b
    if m1 is None or m2 is None or d1 or d2:
        return None
    name = _SEASONS.get((m1, m2))
    if name is None:
        return None
    if name == "winter":
        return f"winter {y1}–{str(y2)[-2:]}" if y2 == y1 + 1 else None
    return f"{name} {y1}" if y1 == y2 else None


def _range(a: tuple, b: tuple) -> str:
    """Two points as one phrase without a preposition ("October–November 2025", "2014–2015")."""
    (y1, m1, d1), (y2, m2, d2) = a, b
    if m1 is None and m2 is None:
        return f"{y1}–{y2}"
    if y1 == y2 and m1 and m2 and d1 is None and d2 is None:
        return f"{MONTHS[m1 - 1]}–{MONTHS[m2 - 1]} {y1}"
    if y1 == y2 and m1 == m2 and d1 and d2:
        return f"{d1}–{d2} {MONTHS[m1 - 1]} {y1}"
    return f"{_words(*a)} to {_words(*b)}"


def _bound_form(raw: str) -> tuple[str | None, str]:
    """``[..X]`` → ("latest", X); ``[X..]`` → ("earliest", X); anything else → (None, raw)."""
    if raw.startswith("[..") and raw.endswith("]"):
        return "latest", raw[3:-1]
    if raw.startswith("[") and raw.endswith("..]"):
        return "earliest", raw[1:-3]
    return None, raw


def _raw(text: str | dt.date) -> str:
    return text.isoformat() if isinstance(text, dt.date) else str(text).strip()


def date_words(text: str | dt.date | None) -> str:
    """A date in words, without a preposition.

    >>> [date_words(t) for t in ("2025", "2025-10", "2026-02-27", "2021-22", "2025-10/2025-11", "2014/2015")]
    ['2025', 'October 2025', '27 February 2026', 'summer 2021', 'October–November 2025', '2014–2015']
    >>> date_words("[..2026-02]"), date_words("[2025-10..]"), date_words(".."), date_words(None)
    ('February 2026 at the latest', 'October 2025 or later', 'an earlier date', 'an unknown date')
    """
    if text is None:
        return "an unknown date"
    raw = _raw(text)
    if raw in ("..", "[..]", ""):
        return "an earlier date" if raw else "an unknown date"
    bound, inner = _bound_form(raw)
    if bound:
        return f"{date_words(inner)} {'at the latest' if bound == 'latest' else 'or later'}"
    if "/" in raw:
        left, right = raw.split("/", 1)
        a, b = _point(left), _point(right)
        if a and b:
            return _season(a, b) or _range(a, b)
        return raw
    p = _point(raw)
    return _words(*p) if p else raw


def when(text: str | dt.date | None) -> str:
    """When something happened, with its preposition.

    >>> [when(t) for t in ("2025", "2025-10", "2026-02-27", "2025-10/2025-11", "[..2026-02]", "[2025-10..]")]
    ['in 2025', 'in October 2025', 'on 27 February 2026', 'between October and November 2025', 'by February 2026', 'in or after October 2025']
    >>> when("2014/2015"), when("2021-06/2021-08"), when(None)
    ('in 2014 or 2015', 'in summer 2021', 'at an unknown date')
    """
    if text is None:
        return "at an unknown date"
    raw = _raw(text)
    if raw in ("..", "[..]"):
        return "before any date the source names"
    bound, inner = _bound_form(raw)
    if bound:
        return f"{'by' if bound == 'latest' else 'in or after'} {date_words(inner)}"
    if "/" in raw:
        left, right = raw.split("/", 1)
        a, b = _point(left), _point(right)
        if a and b:
            season = _season(a, b)
            if season:
                return f"in {season}"
            if a[1] is None and b[1] is None and b[0] == a[0] + 1:
                return f"in {a[0]} or {b[0]}"
            if a[0] == b[0] and a[1] and b[1] and not a[2] and not b[2]:
                return f"between {MONTHS[a[1] - 1]} and {MONTHS[b[1] - 1]} {a[0]}"
            return f"between {_words(*a)} and {_words(*b)}"
        return raw
    p = _point(raw)
    if p is None:
        return raw
    return ("on " if p[2] else "in ") + _words(*p)


def since(text: str | dt.date | None) -> str:
    """Since a date ("since October 2025"; an interval: since its first possible month or season).

    >>> since("2025-10"), since("2025-09/2025-11"), since("[..2025-10]"), since("..")
    ('since October 2025', 'since autumn 2025', 'since October 2025 at the latest', 'for a long time')
    >>> since("[2025-10..]")
    'since October 2025 at the earliest'
    """
    if text is None or str(text).strip() in ("..", "[..]"):
        return "for a long time"
    raw = _raw(text)
    bound, inner = _bound_form(raw)
    if bound == "earliest":
        return f"since {date_words(inner)} at the earliest"
    if "/" in raw and not raw.startswith("["):
        left, right = raw.split("/", 1)
        a, b = _point(left), _point(right)
        if a and b and not _season(a, b):
            return f"since {_words(*a)} at the earliest"
    return f"since {date_words(raw)}"


def until(text: str | dt.date | None) -> str:
    """Until a date.

    >>> until("2026-03"), until("2025-10/2025-11")
    ('until March 2026', 'until October–November 2025')
    """
    return f"until {date_words(text)}"


def period(start: str | None, end: str | None) -> str:
    """A relation's span in words.

    >>> period("2025-10", None), period(None, "2026-03"), period("2025-10", "2025-10"), period(None, None)
    ('since October 2025', 'until March 2026', 'in October 2025', 'undated')
    >>> period("2025-05", "2026-02-27")
    'from May 2025 to 27 February 2026'
    """
    if start and end:
        if start == end:
            return when(start)
        return f"from {date_words(start)} to {date_words(end)}"
    if start:
        return since(start)
    if end:
        return until(end)
    return "undated"


def between(d1: str | dt.date, d2: str | dt.date) -> str:
    """Two days (or months) as a period: "between 31 March 2025 and 31 March 2026".

    >>> between("2025-03-31", "2026-03-31"), between("2025-10", "2026-03")
    ('between 31 March 2025 and 31 March 2026', 'between October 2025 and March 2026')
    """
    return f"between {date_words(d1)} and {date_words(d2)}"


def from_to(start: str, end: str) -> str:
    """An event running from one date to another, the shared year said once.

    >>> from_to("2026-02", "2026-03"), from_to("2025-11", "2026-02"), from_to("2025", "2026")
    ('from February to March 2026', 'from November 2025 to February 2026', 'from 2025 to 2026')
    """
    a, b = _point(str(start)), _point(str(end))
    if a and b and a[0] == b[0] and a[1] and b[1] and a[1] <= 12 and b[1] <= 12:
        if a[2] is None and b[2] is None:
            return f"from {MONTHS[a[1] - 1]} to {MONTHS[b[1] - 1]} {a[0]}"
        if a[2] and b[2]:
            return f"from {a[2]} {MONTHS[a[1] - 1]} to {b[2]} {MONTHS[b[1] - 1]} {a[0]}"
    return f"from {date_words(start)} to {date_words(end)}"


def event_when(date: str | None, end: str | None = None) -> str:
    """When an event happened: its date, or from its date to its end.

    >>> event_when("[2015..]"), event_when("2026-02", "2026-03"), event_when("2022", "2022"), event_when(None)
    ('in or after 2015', 'from February to March 2026', 'in 2022', 'at an unknown date')
    """
    return when(date) if not end or end == date else from_to(date, end)


# a bound form ([..2026-02], [2025-10..]), an interval (2025-09/2025-11) or a month or day (2021-06, 2026-02-27)
# standing alone in running text (not inside an identifier such as 2026-02-pakistan-strikes)
_EDTF_IN_TEXT = re.compile(r"\[\.\.\d{4}(?:-\d{2}){0,2}\]|\[\d{4}(?:-\d{2}){0,2}\.\.\]"
                           r"|(?<![\w-])\d{4}(?:-\d{2}){0,2}/\d{4}(?:-\d{2}){0,2}(?![\w-])"
                           r"|(?<![\w/-])\d{4}-\d{2}(?:-\d{2})?(?![\w/-])")
_ALONE = re.compile(r"\s*\((" + _EDTF_IN_TEXT.pattern + r")\)")
# the record's fields a note may name, in words
_FIELDS = {"(start ..)": "(held before any date the source names)",
           "(start_quote)": "(the sentence quoted for its start)",
           "(viewed_negatively_by)": "(recorded as viewed negatively)"}


def plain_note(text: str | None) -> str:
    """A note with its machine notation in words: EDTF dates as a person writes them, field names as words.

    A date in parentheses that only restates the words before it is dropped.

    >>> plain_note("on or after October 2025 ([2025-10..]), and by the letter")
    'on or after October 2025, and by the letter'
    >>> plain_note("on or after 2021-06 (see event 2026-02-pakistan-strikes); declared on 2026-02-27.")
    'on or after June 2021 (see event 2026-02-pakistan-strikes); declared on 27 February 2026.'
    >>> plain_note("under way then ([..2026-02]); held before any date the text names (start ..).")
    'under way then (February 2026 at the latest); held before any date the text names.'
    """
    if not text:
        return ""

    def alone(m: re.Match) -> str:
        point = date_words(m.group(1).strip("[].").split("/")[0])  # the month or day the form is about
        return "" if point in text[:m.start()] else f" ({date_words(m.group(1))})"

    out = _ALONE.sub(alone, text)
    for field, words in _FIELDS.items():
        if field in out:
            out = out.replace(" " + field, "") if field == "(start ..)" and "before any date" in out \
                else out.replace(field, words)
    return _EDTF_IN_TEXT.sub(lambda m: date_words(m.group(0)), out)


# relation labels that are noun phrases (ontology.ttl), with the verb and article a sentence needs
_HAS = {"rapprochement": "a ", "close ties": "", "ethnic ties": "", "ideological affinity": "an ",
        "agreement": "an ", "defense pact": "a ", "border dispute": "a ", "tensions": ""}
_IS_A = {"trading partner", "leader", "member", "splinter", "branch", "neighbor", "rival"}
_IS = ("allied ", "in ", "at ", "concerned ", "composed ", "part ")


def relation_phrase(type_name: str, label: str) -> str:
    """A relation's label as the verb phrase of a sentence ("Pakistan *has a defense pact with* Saudi Arabia").

    The ontology labels some relations with a verb ("attacks", "supports militarily") and some with a noun
    phrase or a participle ("tensions with", "trading partner of", "attacked by"); a sentence needs a verb.

    >>> [relation_phrase(t, t_label) for t, t_label in [("defensePactWith", "defense pact with"),
    ...     ("ideologicalAffinityWith", "ideological affinity with"), ("rivalOf", "rival of"),
    ...     ("attackedBy", "attacked by"), ("atWarWith", "at war with"), ("partOf", "part of"),
    ...     ("attacks", "attacks"), ("hasMember", "has member"), ("formedFromDefectorsOf", "formed from defectors of")]]
    ... # doctest: +NORMALIZE_WHITESPACE
    ['has a defense pact with', 'has an ideological affinity with', 'is a rival of', 'is attacked by',
     'is at war with', 'is part of', 'attacks', 'has as a member', 'was formed from defectors of']
    """
    words = label.strip()
    head, _, prep = words.rpartition(" ")
    if prep == "with" and head in _HAS:
        return f"has {_HAS[head]}{words}"
    if prep == "of" and head in _IS_A:
        return f"is a {words}"
    if words == "has member" or type_name == "hasMember":
        return "has as a member"
    if type_name == "formedFromDefectorsOf":
        return f"was {words}"
    if prep == "by" or words.startswith(_IS):
        return f"is {words}"
    return words


# the head nouns after which an actor's name takes "the" ("the Taliban regime", "the United States")
_THE_HEADS = {"regime", "army", "force", "military", "government", "organization", "minister", "state", "states",
              "province", "center", "taliban", "administration"}


def with_article(name: str) -> str:
    """An actor's name as it reads inside a sentence: "the" before a name whose head is a common noun.

    >>> [with_article(n) for n in ("Taliban regime", "United States", "Pakistan", "Imran Khan's government",
    ...                            "Federal government of Pakistan", "Tehrik-i-Taliban Pakistan", "Taliban")]
    ['the Taliban regime', 'the United States', 'Pakistan', "Imran Khan's government", 'the Federal government of Pakistan', 'Tehrik-i-Taliban Pakistan', 'the Taliban']
    """
    head = re.split(r" (?:of|for|in|from) ", name, maxsplit=1)[0].split()
    if not head or "'s" in name.split(" of ")[0] or name[:1].islower():
        return name
    return f"the {name}" if head[-1].lower() in _THE_HEADS else name


def relation_clause(subject: str, type_name: str, label: str, objects: list[str] | str) -> str:
    """A relation as a clause: subject, the verb phrase of :func:`relation_phrase`, its object(s), an adverb last.

    >>> relation_clause("Iran", "tradingPartnerOf", "trading partner of", "Taliban regime")
    'Iran is a trading partner of the Taliban regime'
    >>> relation_clause("United States", "supportsPolitically", "supports politically", "Pakistan")
    'the United States supports Pakistan politically'
    >>> relation_clause("Qatar", "mediatesBetween", "mediates between", ["Pakistan", "Taliban regime"])
    'Qatar mediates between Pakistan and the Taliban regime'
    """
    ends = " and ".join(with_article(o) for o in ([objects] if isinstance(objects, str) else objects))
    phrase = relation_phrase(type_name, label)
    verb, _, adverb = phrase.rpartition(" ")
    if verb and adverb.endswith("ly") and " " not in verb:  # "supports politically" → "supports Pakistan politically"
        return f"{with_article(subject)} {verb} {ends} {adverb}"
    return f"{with_article(subject)} {phrase} {ends}"
