"""Dates at the source's precision, and the time of knowledge.

A date is an EDTF string (Library of Congress Extended Date/Time Format,
ISO 8601-2), parsed and bounded by the ``edtf`` package: ``2025`` (a year),
``2025-10`` (a month), ``2026-02-27`` (a day), an interval the date lies in
(``2014/2015``, ``2021-06/2021-08``), a season (``2021-22``: summer 2021), and
the bound forms ``[..2025-10]`` (on or before), ``[2022..]`` (on or after) and
``..`` (open: held before any date the text names, "historically",
"always"). :func:`parse_date` gives a :class:`FuzzyDate` with the first and
last day the text can denote (EDTF's strict bounds; an open side is
``datetime.date.min`` / ``datetime.date.max``); nothing finer than the
source gave is ever invented.

The time of knowledge
---------------------
Every statement is known at its source's date ``issued``
(:func:`holding_span`):

* an **undated** statement is reported as holding at ``issued`` — nothing is
  known before unless the text says so (then it carries a bound form);
* an open "on or after" start (``[2021-06..]``) began by ``issued`` at the latest;
* status **Ended** without an end date means ended by ``issued``: it no
  longer holds on that day;
* a punctual fact dated to a period (start = end, "in October 2025") counts,
  under ``known``, on the period's last day: by then it is known to have
  happened within it.

The as-of rules
---------------
On day ``D`` a statement is active under

* ``"known"`` (the default) when it holds for certain that day: it had begun
  whatever its start's precision, and cannot have ended before ``D``::

      begin.latest <= D <= end.earliest

* ``"possible"`` when the source does not exclude it::

      begin.earliest <= D <= end.latest

``"certain"`` is the old name of ``"known"`` and still accepted.

>>> s = holding_span(parse_date("2025"), None, issued="2026-03-31")
>>> s.active(parse_day("2025-03-15"), "possible"), s.active(parse_day("2025-03-15"), "known")
(True, False)
>>> holding_span(None, None, issued="2026-03-31").active(parse_day("2025-12-31"), "possible")
False
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from .errors import DateError

__all__ = [
    "span_text",
    "FuzzyDate",
    "Span",
    "parse_date",
    "parse_day",
    "window",
    "is_active",
    "holding_span",
    "normalize_rule",
    "AS_OF_RULES",
    "RULE_ALIASES",
    "DEFAULT_RULE",
    "OPEN",
]

#: The as-of rules (module doc); the first is the default.
AS_OF_RULES = ("known", "possible")
#: Old names still accepted.
RULE_ALIASES = {"certain": "known"}
DEFAULT_RULE = "known"
#: The open bound: the relation held before (or after) any date the text names.
OPEN = ".."

_YEAR = re.compile(r"^\d{4}$")
_MONTH = re.compile(r"^\d{4}-\d{2}$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_UNKNOWN_END = re.compile(r"^/|/$")  # EDTF's "unknown" end point: the edtf package invents ten years for it


@dataclass(frozen=True, order=True)
class FuzzyDate:
    """A date known to a precision: ``text`` as the source gives it.

    >>> d = parse_date("2025-10")
    >>> d.earliest, d.latest, d.precision
    (datetime.date(2025, 10, 1), datetime.date(2025, 10, 31), 'month')
    >>> parse_date("[..2025-10]").open_before, parse_date("[2022..]").open_after
    (True, True)
    """

    earliest: dt.date
    latest: dt.date
    text: str
    precision: str  # "year" | "month" | "day" | "interval" (intervals, seasons, sets, bound forms)

    @property
    def open_before(self) -> bool:
        """Whether the date has no first day (``..``, ``[..2025-10]``)."""
        return self.earliest == dt.date.min

    @property
    def open_after(self) -> bool:
        """Whether the date has no last day (``..``, ``[2022..]``)."""
        return self.latest == dt.date.max

    def __str__(self) -> str:
        return self.text


def _day(struct, whole: str) -> dt.date:
    if struct == float("inf"):
        return dt.date.max
    if struct == float("-inf"):
        return dt.date.min
    try:
        return dt.date(struct.tm_year, struct.tm_mon, struct.tm_mday)
    except (ValueError, AttributeError):
        raise DateError(f"impossible date {whole!r}") from None


def parse_date(text: str | FuzzyDate | dt.date) -> FuzzyDate:
    """Parse an EDTF date string into a :class:`FuzzyDate`.

    Raises :class:`~actorgraph.core.errors.DateError` on a malformed or impossible date.

    >>> parse_date("2014/2015").latest
    datetime.date(2015, 12, 31)
    >>> parse_date("2026-02-27").precision
    'day'
    >>> parse_date("[2021-06..]").earliest
    datetime.date(2021, 6, 1)
    """
    if isinstance(text, FuzzyDate):
        return text
    if isinstance(text, dt.date):
        return FuzzyDate(text, text, text.isoformat(), "day")
    if not isinstance(text, str):
        raise DateError(f"malformed date {text!r}: expected a string")
    return _parse_text(text)


_POINT = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _point(text: str) -> tuple[dt.date, dt.date, str] | None:
    """First and last day of a plain EDTF point (YYYY, YYYY-MM, YYYY-MM-DD); None when it is not one (a season,
    a qualified date…), or an impossible one (then the ``edtf`` package gives the error)."""
    match = _POINT.match(text)
    if not match:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        if month is None:
            return dt.date(year, 1, 1), dt.date(year, 12, 31), "year"
        if day is None:
            if not 1 <= month <= 12:
                return None
            following = dt.date(year + (month == 12), month % 12 + 1, 1)
            return dt.date(year, month, 1), following - dt.timedelta(days=1), "month"
        return dt.date(year, month, day), dt.date(year, month, day), "day"
    except ValueError:
        return None


def _fast(raw: str) -> FuzzyDate | None:
    """The forms the data uses most — points, intervals of points, bound forms of a point — with the bounds
    the ``edtf`` package gives them (tests/test_dates.py checks the two agree), without its parser
    (about 80 ms a date: analyses at scale read thousands of distinct dates). None: ask the package."""
    if raw.startswith("[") and raw.endswith("]") and raw.count("..") == 1 and "," not in raw:
        body = raw[1:-1]
        if body.startswith(".."):
            end = _point(body[2:])
            return FuzzyDate(dt.date.min, end[1], raw, "interval") if end else None
        if body.endswith(".."):
            begin = _point(body[:-2])
            return FuzzyDate(begin[0], dt.date.max, raw, "interval") if begin else None
        return None
    if "/" in raw:
        first, _, last = raw.partition("/")
        begin = dt.date.min if first == OPEN else (_point(first) or (None,))[0]
        end = dt.date.max if last == OPEN else (_point(last) or (None, None))[1]
        if begin is None or end is None or end < begin:
            return None
        return FuzzyDate(begin, end, raw, "interval")
    point = _point(raw)
    return FuzzyDate(point[0], point[1], raw, point[2]) if point else None


@lru_cache(maxsize=65536)  # analyses parse the same few thousand dates again and again
def _parse_text(text: str) -> FuzzyDate:
    raw = text.strip()
    if raw == OPEN:
        return FuzzyDate(dt.date.min, dt.date.max, raw, "interval")
    quick = _fast(raw)
    if quick is not None:
        return quick
    if _UNKNOWN_END.search(raw) or "T" in raw:
        raise DateError(f"malformed date {raw!r}: expected an EDTF date (YYYY, YYYY-MM, YYYY-MM-DD, "
                        "an interval A/B, or a bound [..D], [D..], ..)")
    import edtf  # lazy: a cold CLI run that reads no date does not pay for the parser

    try:
        parsed = edtf.parse_edtf(raw)
    except Exception:  # the package raises its own EDTFParseException, and TypeError on some inputs
        if _DAY.match(raw) or _MONTH.match(raw):
            raise DateError(f"impossible date {raw!r}: no such month or day") from None
        raise DateError(f"malformed date {raw!r}: expected an EDTF date (YYYY, YYYY-MM, YYYY-MM-DD, "
                        "an interval A/B, or a bound [..D], [D..], ..)") from None
    try:
        lo, hi = _day(parsed.lower_strict(), raw), _day(parsed.upper_strict(), raw)
    except (TypeError, ValueError, OverflowError):
        raise DateError(f"impossible date {raw!r}") from None
    if hi < lo:
        raise DateError(f"impossible date {raw!r}: interval ends before it starts")
    if _DAY.match(raw):
        precision = "day"
    elif _MONTH.match(raw) and int(raw[5:7]) <= 12:
        precision = "month"
    elif _YEAR.match(raw):
        precision = "year"
    else:
        precision = "interval"
    return FuzzyDate(lo, hi, raw, precision)


def parse_day(text: str | dt.date) -> dt.date:
    """Parse an as-of date; a year or month stands for its *last* day.

    >>> parse_day("2026-03-15")
    datetime.date(2026, 3, 15)
    >>> parse_day("2025")
    datetime.date(2025, 12, 31)
    """
    if isinstance(text, dt.date):
        return text
    date = parse_date(text)
    if date.open_after:
        raise DateError(f"as-of date {text!r} has no last day: give a day, a month or a year")
    return date.latest


def normalize_rule(rule: str) -> str:
    """The as-of rule's canonical name (``certain`` → ``known``); an unknown one is an error.

    >>> normalize_rule("certain"), normalize_rule("possible")
    ('known', 'possible')
    """
    rule = RULE_ALIASES.get(rule, rule)
    if rule not in AS_OF_RULES:
        raise DateError(f"unknown as-of rule {rule!r}: use one of {', '.join(AS_OF_RULES)}")
    return rule


@dataclass(frozen=True)
class Span:
    """When a statement may begin and stop holding: four days (``date.min``/``date.max`` = open).

    ``undated``: the statement has no start and is counted at its source's date.
    """

    begin_earliest: dt.date
    begin_latest: dt.date
    end_earliest: dt.date
    end_latest: dt.date
    undated: bool = False

    def active(self, day: dt.date, rule: str = DEFAULT_RULE) -> bool:
        """Whether the statement holds on ``day`` under ``rule`` (module doc; callers check the rule's name)."""
        if rule == "possible":
            return self.begin_earliest <= day <= self.end_latest
        return self.begin_latest <= day <= self.end_earliest

    def begun_by(self, rule: str = DEFAULT_RULE) -> dt.date:
        """The first day the statement counts under ``rule``."""
        return self.begin_earliest if rule == "possible" else self.begin_latest

    def last_day(self, rule: str = DEFAULT_RULE) -> dt.date:
        """The last day the statement counts under ``rule``."""
        return self.end_latest if rule == "possible" else self.end_earliest


def _issued_day(issued: str | dt.date | None) -> dt.date | None:
    if issued is None or isinstance(issued, dt.date):
        return issued
    return _issued_text(issued)


@lru_cache(maxsize=1024)  # every statement of a source asks for the same day
def _issued_text(issued: str) -> dt.date:
    return parse_date(issued).latest


def holding_span(start: FuzzyDate | None, end: FuzzyDate | None, *, status: str | None = None,
                 issued: str | dt.date | None = None) -> Span:
    """The days a statement may begin and stop holding, under the time of knowledge (module doc).

    ``status`` is the statement's status id (``"Ended"``…), ``issued`` its
    source's date. Without ``issued`` nothing bounds an undated statement.

    >>> s = holding_span(None, None, status="Ended", issued="2026-03-31")
    >>> s.undated, s.end_latest
    (True, datetime.date(2026, 3, 30))
    >>> holding_span(parse_date("[2021-06..]"), None, issued="2026-03-31").begin_latest
    datetime.date(2026, 3, 31)
    """
    known = _issued_day(issued)
    undated = start is None
    if start is None:
        begin = (known, known) if known is not None else (dt.date.min, dt.date.min)
    else:
        latest = start.latest
        if start.open_after and not start.open_before and known is not None:
            latest = max(start.earliest, known)  # reported by the source: begun by its date
        elif start.open_after and start.open_before:  # "..": held before anything we can name
            latest = dt.date.min
        begin = (start.earliest, latest)
    if end is not None:
        end_latest = end.latest
        if end.open_after and known is not None:
            end_latest = known
        finish = (max(end.earliest, begin[0]), end_latest)
        if start is not None and start.text == end.text and not end.open_after:
            # a punctual fact dated to a period ("hosted ... in October 2025"): under "known" it counts on the
            # period's last day, when it is known to have happened within it
            finish = (end_latest, end_latest)
    elif status == "Ended":
        # ended by the source's date: no longer holding on that day; when, the text does not say
        last = known - dt.timedelta(days=1) if known is not None else dt.date.max
        finish = (begin[1] if begin[1] != dt.date.min else begin[0], last)
    else:
        finish = (dt.date.max, dt.date.max)
    return Span(begin[0], begin[1], finish[0], finish[1], undated)


def window(since: str | dt.date | FuzzyDate | None, until: str | dt.date | FuzzyDate | None,
           names: tuple[str, str] = ("since", "until")) -> tuple[dt.date | None, dt.date | None]:
    """The days a ``since``/``until`` window spans (``None``: open); an empty window is an error, not 0 rows.

    Every command and named query with a date window checks it here: a
    year is its whole year (``since 2025 until 2025`` is 2025).

    >>> window("2025", "2025")
    (datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
    >>> try:
    ...     window("2026", "2020")
    ... except DateError as exc:
    ...     print(exc)
    since 2026 is after until 2020: the window is empty
    """
    first = parse_date(since) if since is not None else None
    last = parse_date(until) if until is not None else None
    if first is not None and last is not None and first.earliest > last.latest:
        raise DateError(f"{names[0]} {first.text} is after {names[1]} {last.text}: the window is empty")
    return (first.earliest if first else None), (last.latest if last else None)


def is_active(
    start: FuzzyDate | None,
    end: FuzzyDate | None,
    day: dt.date,
    rule: str = DEFAULT_RULE,
    *,
    status: str | None = None,
    issued: str | dt.date | None = None,
) -> bool:
    """Whether a relation with these bounds is active on ``day`` (see module doc).

    >>> is_active(parse_date("2025"), None, parse_day("2025-03-15"), rule="possible")
    True
    >>> is_active(parse_date("2025"), None, parse_day("2025-03-15"))
    False
    >>> is_active(None, None, parse_day("2008-06-30"), issued="2026-03-31")
    False
    """
    return holding_span(start, end, status=status, issued=issued).active(day, normalize_rule(rule))


def span_text(start: str | None, end: str | None, undated: str = "") -> str:
    """A statement's dates, compact for a table column, at the source's precision.

    A span within one period is that period; an open start (``..``, held
    before any date the source names) reads "long-standing".

    >>> span_text("2015", "2021"), span_text("2025-05", "2025-05"), span_text("2025-10", None)
    ('2015 to 2021', '2025-05', 'from 2025-10')
    >>> span_text("..", None), span_text(None, "2022"), span_text(None, None, "undated")
    ('long-standing', 'until 2022', 'undated')
    """
    if start == "..":
        return f"long-standing, until {end}" if end else "long-standing"
    if start and end:
        return start if start == end else f"{start} to {end}"
    if start:
        return f"from {start}"
    return f"until {end}" if end else undated
