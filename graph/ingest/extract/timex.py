"""Dates in a sentence, resolved against the document's date, at the precision the text gives.

Each expression becomes an EDTF value (``2025``, ``2025-11``, ``2026-02-27``
or an interval ``2025-09/2025-11``) and a role: a point, the start of a
state ("since 2021"), its end ("by the end of 2022") or a range ("between
2008 and 2011"). Relative expressions ("on Friday", "two weeks ago", "last
fall", "late November") need the document date; without one they are left
out rather than guessed. Nothing is ever more precise than the words:
"late November" is ``2025-11``, never a day.

>>> import datetime as dt
>>> d = dt.date(2026, 3, 31)
>>> [(t.role, t.start, t.end) for t in find_times("Talks stalled in late November, since last fall.", d)]
[('point', '2025-11', None), ('since', '2025-09/2025-11', None)]
>>> [(t.role, t.start) for t in find_times("Two weeks ago, on Friday, it struck.", d)]
[('point', '2026-03-14/2026-03-20'), ('point', '2026-03-27')]
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

__all__ = ["TimeMention", "find_times", "document_date", "MONTHS"]

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "fall": (9, 11), "autumn": (9, 11), "winter": (12, 2)}
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
            "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": None, "few": None}

_MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|" \
         r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_YEAR = r"(?:19|20)\d\d"
_DASH = r"\s*(?:-|–|—|to|and|until|through)\s*"
_NUM = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_MOD = r"(?:(?:early|mid|late|the\s+(?:beginning|start|end|middle)\s+of)[\s-]+)?"

_PATTERNS: list[tuple[str, re.Pattern]] = [(name, re.compile(rx, re.I)) for name, rx in [
    ("iso", rf"\b({_YEAR})-(\d\d)-(\d\d)\b"),
    ("mdy", rf"\b({_MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+({_YEAR})\b"),
    ("dmy", rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH}),?\s+({_YEAR})\b"),
    ("month_range", rf"\b({_MONTH}){_DASH}({_MONTH})\s+({_YEAR})\b"),
    ("year_range", rf"\b(?:between\s+|from\s+)?({_YEAR}){_DASH}({_YEAR})\b"),
    ("season_year", rf"\b{_MOD}(spring|summer|fall|autumn|winter)\s+(?:of\s+)?({_YEAR})\b"),
    ("half_decade", rf"\b(first|second)\s+half\s+of\s+the\s+({_YEAR[:-2]})0s\b"),
    ("decade", rf"\bthe\s+({_YEAR[:-2]})0s\b"),
    ("half_year", rf"\b(first|second)\s+half\s+of\s+({_YEAR})\b"),
    ("month_year", rf"\b{_MOD}({_MONTH})\s+(?:of\s+)?({_YEAR})\b"),
    ("year", rf"\b{_MOD}({_YEAR})(?!\s*(?:%|per\b|people|civilians|fighters|troops|soldiers))\b(?!-\d)"),
    ("last_season", r"\b(?:last|this\s+past|past)\s+(spring|summer|fall|autumn|winter)\b"),
    ("last_month_name", rf"\blast\s+({_MONTH})(?!\s*\d)\b"),
    ("rel_year", r"\b(last|this|next|previous)\s+year\b"),
    ("rel_month", r"\b(last|this|next|previous)\s+month\b"),
    ("rel_week", r"\b(last|this|previous)\s+week\b"),
    ("earlier_this", r"\bearlier\s+this\s+(year|month|week)\b"),
    ("ago", rf"\b({_NUM})\s+(day|week|month|year)s?\s+ago\b"),
    ("yesterday", r"\b(yesterday|today|tonight|this\s+morning)\b"),
    ("weekday", r"\b(?:on|last|this\s+past)\s+(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"),
    ("bare_month", rf"\b(?:in|since|by|until|through|during|from|of)\s+{_MOD}(?!May\b)({_MONTH})(?!\s*\d)\b"),
    ("bare_may", r"\b(?:in|since|by|until|during)\s+(?:early\s+|mid-|late\s+)?(May)(?!\s*\d)\b"),
]]
_SINCE = re.compile(r"\b(?:since|from|starting(?:\s+in)?|beginning(?:\s+in)?|as\s+of)\s+(?:the\s+)?(?:\w+\s+){0,2}$", re.I)
_UNTIL = re.compile(r"\b(?:until|till|through|by|before|up\s+to)\s+(?:the\s+end\s+of\s+|the\s+)?(?:\w+\s+){0,1}$",
                    re.I)


@dataclass(frozen=True)
class TimeMention:
    """A date expression: its span, the EDTF value(s), and its role (point|since|until|range)."""

    start_char: int
    end_char: int
    text: str
    role: str
    start: str | None
    end: str | None = None


def _ym(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def _shift_month(y: int, m: int, delta: int) -> tuple[int, int]:
    index = y * 12 + (m - 1) + delta
    return index // 12, index % 12 + 1


def _season(name: str, year: int) -> str:
    lo, hi = _SEASONS[name.lower()]
    if lo > hi:  # winter straddles the year
        return f"{_ym(year, lo)}/{_ym(year + 1, hi)}"
    return f"{_ym(year, lo)}/{_ym(year, hi)}"


def _week_around(day: dt.date) -> str:
    return f"{(day - dt.timedelta(days=3)).isoformat()}/{(day + dt.timedelta(days=3)).isoformat()}"


def _resolve(kind: str, g: tuple, doc: dt.date | None) -> tuple[str | None, str | None]:
    """EDTF (start, end) of one match; (None, None) when it cannot be resolved."""
    if kind == "iso":
        return f"{g[0]}-{g[1]}-{g[2]}", None
    if kind == "mdy":
        return f"{int(g[2]):04d}-{MONTHS[g[0].lower().rstrip('.')]:02d}-{int(g[1]):02d}", None
    if kind == "dmy":
        return f"{int(g[2]):04d}-{MONTHS[g[1].lower().rstrip('.')]:02d}-{int(g[0]):02d}", None
    if kind == "month_range":
        y = int(g[2])
        m1, m2 = MONTHS[g[0].lower().rstrip('.')], MONTHS[g[1].lower().rstrip('.')]
        return _ym(y if m1 <= m2 else y - 1, m1), _ym(y, m2)
    if kind == "year_range":
        return g[0], g[1]
    if kind == "season_year":
        return _season(g[0], int(g[1])), None
    if kind == "half_decade":
        base = int(g[1]) * 10
        return (f"{base}/{base + 4}" if g[0].lower() == "first" else f"{base + 5}/{base + 9}"), None
    if kind == "decade":
        base = int(g[0]) * 10
        return f"{base}/{base + 9}", None
    if kind == "half_year":
        y = int(g[1])
        return (f"{y}-01/{y}-06" if g[0].lower() == "first" else f"{y}-07/{y}-12"), None
    if kind == "month_year":
        return _ym(int(g[1]), MONTHS[g[0].lower().rstrip('.')]), None
    if kind == "year":
        return g[0], None
    if doc is None:
        return None, None
    word = g[0].lower() if g else ""
    if kind == "last_season":
        lo, hi = _SEASONS[word]
        year = doc.year
        # the latest such season that has ended before the document's month
        while True:
            end_y, end_m = (year + 1, hi) if lo > hi else (year, hi)
            if (end_y, end_m) < (doc.year, doc.month):
                return _season(word, year), None
            year -= 1
    if kind == "rel_year":
        delta = {"last": -1, "previous": -1, "this": 0, "next": 1}[word]
        return str(doc.year + delta), None
    if kind == "rel_month":
        delta = {"last": -1, "previous": -1, "this": 0, "next": 1}[word]
        return _ym(*_shift_month(doc.year, doc.month, delta)), None
    if kind == "rel_week":
        monday = doc - dt.timedelta(days=doc.weekday())
        if word in ("last", "previous"):
            monday -= dt.timedelta(days=7)
        return f"{monday.isoformat()}/{(monday + dt.timedelta(days=6)).isoformat()}", None
    if kind == "earlier_this":
        if word == "year":
            return str(doc.year), None
        if word == "month":
            return _ym(doc.year, doc.month), None
        monday = doc - dt.timedelta(days=doc.weekday())
        return f"{monday.isoformat()}/{doc.isoformat()}", None
    if kind == "ago":
        n = _NUMBERS.get(word, None) if not word.isdigit() else int(word)
        unit = g[1].lower()
        if not n:
            return None, None
        if unit == "day":
            return (doc - dt.timedelta(days=n)).isoformat(), None
        if unit == "week":
            return _week_around(doc - dt.timedelta(days=7 * n)), None
        if unit == "month":
            return _ym(*_shift_month(doc.year, doc.month, -n)), None
        return str(doc.year - n), None
    if kind == "yesterday":
        return (doc - dt.timedelta(days=1) if word == "yesterday" else doc).isoformat(), None
    if kind == "weekday":
        back = (doc.weekday() - _WEEKDAYS[word]) % 7
        return (doc - dt.timedelta(days=back)).isoformat(), None
    if kind == "last_month_name":  # "last May" said in March 2026: May 2025
        month = MONTHS[g[0].lower().rstrip('.')]
        year = doc.year if month < doc.month else doc.year - 1
        return _ym(year, month), None
    if kind in ("bare_month", "bare_may"):
        month = MONTHS[g[0].lower().rstrip('.')]
        year = doc.year if month <= doc.month else doc.year - 1  # the latest such month up to the document
        return _ym(year, month), None
    return None, None


_ANY_TIME = re.compile(r"\d|yesterday|today|tonight|morning|ago\b|\b(?:last|this|next|previous|earlier|past)\b|day\b|"
                       r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|spring|summer|fall\b|autumn|winter|half",
                       re.I)


def find_times(sentence: str, doc_date: dt.date | None = None) -> list[TimeMention]:
    """Date expressions of ``sentence`` in order, resolved against ``doc_date``."""
    if not _ANY_TIME.search(sentence):
        return []
    taken: list[tuple[int, int]] = []
    found: list[TimeMention] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(sentence):
            s, e = match.span()
            if any(a < e and s < b for a, b in taken):
                continue
            if kind in ("bare_month", "bare_may", "weekday"):  # the date is the month/day word, not "in"
                s = match.start(1) if kind != "weekday" else s
            start, end = _resolve(kind, match.groups(), doc_date)
            if start is None:
                continue
            taken.append((match.start(), e))
            before = sentence[max(0, s - 40):s]
            if end is not None:
                role = "range"
            elif _SINCE.search(before) or re.match(r"\s*(?:onward|onwards)", sentence[e:]):
                role = "since"
            elif _UNTIL.search(before) or re.search(r"\bend\s+of\s+$", before, re.I):
                role = "until"
            else:
                role = "point"
            found.append(TimeMention(s, e, sentence[s:e], role, start, end))
    found.sort(key=lambda t: t.start_char)
    return found


_DATELINE = [_PATTERNS[0], _PATTERNS[1], _PATTERNS[2]]


def document_date(text: str, head: int = 3000) -> dt.date | None:
    """The first full date (day precision) near the top of a report, if any — a dateline."""
    for kind, pattern in _DATELINE:
        match = pattern.search(text[:head])
        if match:
            start, _ = _resolve(kind, match.groups(), None)
            try:
                return dt.date.fromisoformat(start)
            except (TypeError, ValueError):
                continue
    return None
