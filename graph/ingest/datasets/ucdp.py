"""UCDP Georeferenced Event Dataset (GED) CSV, as downloaded.

Each row becomes an event of the class of its ``type_of_violence`` (1
state-based, 2 non-state, 3 one-sided), dated ``date_start``–``date_end``
(a day when they agree; an EDTF interval otherwise; widened to the week,
month or year when ``date_prec`` says the day is not known), placed at
``where_coordinates`` in ``adm_2``/``adm_1``/``country`` with WGS84
coordinates and its ``where_prec``; ``best``/``low``/``high`` become one
quantity (value = best, ``ag:minimum``/``ag:maximum``); the dyad
becomes a dated statement (``armedConflictWith`` for types 1–2, ``side_a
attacks side_b`` for type 3) evidenced by the event (docs/acled.md).

>>> ged_date_text("2020-05-09 00:00:00.000", "2020-05-09", "1")
'2020-05-09'
>>> ged_date_text("2020-05-09", "2020-05-09", "4")
'2020-05'
>>> ged_date_text("2020-05-01", "2020-05-07", "3")
'2020-05-01/2020-05-07'
"""

from __future__ import annotations

import datetime as dt
import re

from rdflib import Literal, URIRef

from ...core.errors import DateError
from ...core.vocab import AG, AGD
from ...write.statements import add_event, add_quantity
from ...write.workspace import slug
from ..tabular import Row
from .dataset_rows import DatasetImporter, RowPlan, coordinates

__all__ = ["GED_COLUMNS", "GED_REQUIRED", "ged_date_text", "is_ged_header", "GedImporter"]

#: GED columns (version 25.1 order; older versions use a subset).
GED_COLUMNS = [
    "id", "relid", "year", "active_year", "code_status", "type_of_violence", "conflict_dset_id", "conflict_new_id",
    "conflict_name", "dyad_dset_id", "dyad_new_id", "dyad_name", "side_a_dset_id", "side_a_new_id", "side_a",
    "side_b_dset_id", "side_b_new_id", "side_b", "number_of_sources", "source_article", "source_office",
    "source_date", "source_headline", "source_original", "where_prec", "where_coordinates", "where_description",
    "adm_1", "adm_2", "latitude", "longitude", "geom_wkt", "priogrid_gid", "country", "country_id", "region",
    "event_clarity", "date_prec", "date_start", "date_end", "deaths_a", "deaths_b", "deaths_civilians",
    "deaths_unknown", "best", "high", "low", "gwnoa", "gwnob",
]
GED_REQUIRED = ["id", "type_of_violence", "side_a", "side_b", "date_start", "date_end", "best"]
GED_SOURCE_ID = "ucdp-ged"
_VIOLENCE = {"1": AG.StateBasedViolence, "2": AG.NonStateViolence, "3": AG.OneSidedViolence}
_WHERE = {"1": AG.ExactLocation, "2": AG.NearLocation, "3": AG.AdminAreaLocation, "4": AG.AdminAreaLocation,
          "5": AG.AdminAreaLocation, "6": AG.CountryLocation, "7": AG.CountryLocation}
#: UCDP's conventional spellings that differ from common usage (tried only through the graph's names).
_SPELLINGS = {"taleban": "Taliban"}
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T][0-9:.]+)?$")


def _ged_day(text: str) -> dt.date:
    match = _DAY.match(text.strip())
    if not match:
        raise DateError(f"malformed date {text.strip()!r}: expected YYYY-MM-DD")
    try:
        return dt.date(*(int(g) for g in match.groups()))
    except ValueError as exc:
        raise DateError(f"impossible date {text.strip()!r}: {exc}") from None


def ged_date_text(start: str, end: str, date_prec: str) -> str:
    """EDTF text of a GED event's dates, never more precise than ``date_prec`` allows.

    ``date_prec``: 1 the day; 2 a span of 2–6 days; 3 the week; 4 the month
    (8–30 days); 5 more than a month (the year). Raises :class:`DateError`
    (dates) or ``ValueError`` (an unknown ``date_prec``).
    """
    first, last = _ged_day(start), _ged_day(end)
    if last < first:
        raise DateError(f"impossible dates: date_end {end.strip()!r} is before date_start {start.strip()!r}")
    prec = date_prec.strip().removesuffix(".0") or "1"
    if prec not in ("1", "2", "3", "4", "5"):
        raise ValueError(f"unknown code {date_prec!r}: UCDP uses 1 (day) to 5 (more than a month)")
    if first != last:
        return f"{first.isoformat()}/{last.isoformat()}"
    if prec == "1":
        return first.isoformat()
    if prec in ("2", "3"):  # the week the day lies in (Monday to Sunday)
        monday = first - dt.timedelta(days=first.weekday())
        return f"{monday.isoformat()}/{(monday + dt.timedelta(days=6)).isoformat()}"
    if prec == "4":
        return first.isoformat()[:7]
    return str(first.year)


def is_ged_header(header: list[str]) -> bool:
    """Whether a CSV header is a UCDP GED file's."""
    return {"type_of_violence", "side_a", "side_b", "date_start"} <= set(header)


def _strip(name: str, *suffixes: str) -> str:
    """GED names carry their kind ("Helmand province", "Wana town"); ACLED's and the graph's do not."""
    for suffix in suffixes:
        if name.lower().endswith(suffix):
            return name[: -len(suffix)].strip()
    return name


def _int(text: str) -> int | None:
    t = text.strip().removesuffix(".0")
    return int(t) if t.isdigit() else None


class GedImporter(DatasetImporter):
    """Checks and writes GED rows through a :class:`DatasetBuilder`."""

    source_id = GED_SOURCE_ID
    title = 'UCDP Georeferenced Event Dataset (GED)'
    publisher = 'Uppsala Conflict Data Program'
    url = 'https://ucdp.uu.se/downloads/'
    required = tuple(GED_REQUIRED)
    id_column = "id"

    def check(self, row: Row) -> tuple[RowPlan, dict] | None:
        """Check one row; its plan and parsed values, or ``None`` (problems recorded on its line)."""
        add = self.problems.add
        before = self.problems.total
        v = self._stripped(row)
        if v is None:
            return None
        parsed: dict = {}
        kind = v["type_of_violence"].removesuffix(".0")
        if kind not in _VIOLENCE:
            add(row.line, "type_of_violence", f"unknown type {kind!r}: UCDP uses 1 (state-based), 2 (non-state) "
                "or 3 (one-sided)")
        else:
            parsed["class"] = _VIOLENCE[kind]
        try:
            parsed["date"] = ged_date_text(v["date_start"], v["date_end"], v.get("date_prec", ""))
        except DateError as exc:
            add(row.line, "date_end" if "date_end" in str(exc) else "date_start", str(exc))
        except ValueError as exc:
            add(row.line, "date_prec", str(exc))
        if v.get("latitude") or v.get("longitude"):
            try:
                parsed["coords"] = coordinates(v.get("latitude", ""), v.get("longitude", ""))
            except ValueError as exc:
                column, _, reason = str(exc).partition(": ")
                add(row.line, column, reason)
        where = v.get("where_prec", "").removesuffix(".0")
        if where and where not in _WHERE:
            add(row.line, "where_prec", f"unknown code {where!r}: UCDP uses 1 (exact) to 7 (international waters)")
        figures = {}
        for col in ("best", "low", "high"):
            if v.get(col):
                figures[col] = _int(v[col])
                if figures[col] is None:
                    add(row.line, col, f"expected a whole number, got {v[col]!r}")
        if None not in figures.values() and "low" in figures and "high" in figures:
            if not figures["low"] <= figures["best"] <= figures["high"]:
                add(row.line, "best", f"{figures['best']} is outside low-high ({figures['low']}-{figures['high']})")
        if self.problems.total > before:
            return None
        plan = RowPlan(row)
        country = v.get("country", "")
        side_b = v["side_b"]
        if kind == "3" and side_b.lower() == "civilians" and country:
            side_b = f"Civilians ({country})"  # civilians of two countries are two actors
        side_a = v["side_a"]
        side_a, side_b = self._usual(side_a), self._usual(side_b)
        self.b.actor(plan, "side_a", side_a, AG.Government if side_a.lower().startswith("government of")
                     else AG.NonStateArmedGroup, country)
        self.b.actor(plan, "side_b", side_b, AG.Civilians if kind == "3" else AG.NonStateArmedGroup, country)
        if self.problems.total > before:
            return None
        parsed.update(values=v, figures=figures, kind=kind)
        return plan, parsed

    def _usual(self, name: str) -> str:
        usual = _SPELLINGS.get(name.lower())
        return usual if usual and self.b.resolver._lookup(usual) is not None else name

    def write(self, plan: RowPlan, parsed: dict) -> None:
        """Write a checked row: actors, place, event, deaths range, dyad statement."""
        b, v = self.b, parsed["values"]
        (a,) = b.commit_actors(plan, "side_a")
        (o,) = b.commit_actors(plan, "side_b")
        place = b.place(v.get("country", ""), [(_strip(v.get("adm_1", ""), " province"), AG.Province),
                                               (_strip(v.get("adm_2", ""), " district"), AG.District)],
                        _strip(v.get("where_coordinates", ""), " town", " village", " province", " district"),
                        parsed.get("coords"))
        gid = v["id"].removesuffix(".0")
        event = AGD["event/ucdp-ged-" + slug(gid, "event")]
        date, cls = parsed["date"], parsed["class"]
        label = f"{v.get('dyad_name') or v['side_a'] + ' - ' + v['side_b']}" + (
            f" in {v['where_coordinates']}" if v.get("where_coordinates") else "") + f" ({date})"
        quote = v.get("source_headline", "")
        if len(quote) < 10:
            quote = f"{v.get('dyad_name') or v['side_a'] + ' - ' + v['side_b']}: best {v['best']} (UCDP GED {gid})"
        quantity = AGD[f"quantity/ucdp-ged-{slug(gid, 'event')}-deaths"]
        if b.seen_before and b.change.exists((event, AG.datasetId, Literal(gid))):
            b.unchanged += 1
            b.replace_previous(event, quantity)
        add_event(b.g, event, cls, label, date=date, agents=[a], targets=[o],
                  places=[place] if place is not None else [], quote=quote, source=b.source,
                  note=f"UCDP GED {gid}" + (f"; conflict: {v['conflict_name']}" if v.get("conflict_name") else ""))
        b.g.add((event, AG.datasetId, Literal(gid)))
        if v.get("source_article"):
            b.g.add((event, AG.citedSources, Literal(v["source_article"])))
        where = v.get("where_prec", "").removesuffix(".0")
        if where:
            b.g.add((event, AG.locationPrecision, _WHERE[where]))
        figures = parsed["figures"]
        q = add_quantity(b.g, quantity, f"Deaths: {label}",
                         figures["best"], "deaths", bound=AG.Estimated, date=date, of=event, quote=quote,
                         source=b.source)
        for col, prop in (("low", AG.minimum), ("high", AG.maximum)):
            if figures.get(col) is not None:
                b.g.add((q, prop, Literal(f"{figures[col]}.0", datatype=_DECIMAL)))
        pred, symmetric = (AG.attacks, False) if parsed["kind"] == "3" else (AG.armedConflictWith, True)
        b.derived_statement(a, pred, o, date, quote, event, AG.UcdpDyadRule,
                            f"Derived from UCDP GED event {gid}: the dyad side_a / side_b (docs/acled.md).",
                            symmetric=symmetric)


_DECIMAL = URIRef("http://www.w3.org/2001/XMLSchema#decimal")
