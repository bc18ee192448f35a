"""ACLED event exports, as downloaded: both column generations, dates, codes, actors.

Accepted: the current export/API columns (:data:`ACLED_COLUMNS`, 2023 on)
and the older ones (:data:`ACLED_OLD_COLUMNS`: ``data_id``,
``event_id_no_cnty``, ``iso3``; dates such as ``9-May-20`` or
``09 May 2020``; numeric ``inter`` codes). Unknown extra columns are
reported once as a warning and ignored. The mapping (docs/acled.md):

* ``event_type`` / ``sub_event_type`` → an ontology event class (the
  ``skos:notation`` of the class is ACLED's term);
* ``event_date`` + ``time_precision`` → an EDTF date never more precise than
  ACLED says: 1 → the day, 2 → the week around it (an interval of ±3 days),
  3 → the month;
* ``inter1``/``inter2`` (codes 1–8 or names) → the class of a new actor;
* ``country``, ``admin1-3``, ``location``, ``latitude``/``longitude``,
  ``geo_precision`` → places with WGS84 coordinates (W3C ``geo:lat``/
  ``geo:long``) and the event's ``ag:locationPrecision``;
* ``fatalities`` → a quantity; ``notes`` → the quote; ``source`` → the cited sources;
* battles and remote violence: ``actor1`` vs ``actor2`` → a dated
  ``armedConflictWith`` statement; ``assoc_actor_N`` → a dated friendly
  statement with ``actorN`` (rules in docs/acled.md).

>>> acled_day("9-May-20"), acled_day("09 May 2020"), acled_day("2020-05-09")
(datetime.date(2020, 5, 9), datetime.date(2020, 5, 9), datetime.date(2020, 5, 9))
>>> acled_date_text(acled_day("2020-05-09"), "2"), acled_date_text(acled_day("2020-05-09"), "3")
('2020-05-06/2020-05-12', '2020-05')
"""

from __future__ import annotations

import datetime as dt
import re

from rdflib import Literal, URIRef

from ...core.errors import DateError
from ...core.vocab import AG, AGD
from ...write.statements import add_event, add_quantity, literal
from ...write.workspace import slug
from ..actor_names import inter_class, is_collective, parse_actor_name
from ..tabular import Problems, Row
from .dataset_rows import DatasetImporter, RowPlan, coordinates

__all__ = [
    "ACLED_COLUMNS",
    "ACLED_OLD_COLUMNS",
    "ACLED_REQUIRED",
    "ACLED_EVENT_TYPES",
    "acled_day",
    "acled_date_text",
    "acled_event_class",
    "is_acled_header",
    "api_rows",
    "AcledImporter",
]

#: The current export / API columns (2023 on), in ACLED's order.
ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
    "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]
#: The older export's columns (until March 2023), in ACLED's order.
ACLED_OLD_COLUMNS = [
    "data_id", "iso", "event_id_cnty", "event_id_no_cnty", "event_date", "year", "time_precision", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "timestamp", "iso3",
]
#: Columns some API queries add (population estimates): known, not used.
ACLED_OPTIONAL = ["population_1km", "population_2km", "population_5km", "population_best"]
ACLED_KNOWN = set(ACLED_COLUMNS) | set(ACLED_OLD_COLUMNS) | set(ACLED_OPTIONAL)
ACLED_REQUIRED = ["event_id_cnty", "event_date", "event_type", "actor1"]
ACLED_SOURCE_ID = "acled"

#: event type → (class, {sub-event type → class}); keys are lower-cased ACLED terms.
ACLED_EVENT_TYPES: dict[str, tuple[URIRef, dict[str, URIRef]]] = {
    "battles": (AG.Battle, {
        "armed clash": AG.ArmedClash,
        "government regains territory": AG.GovernmentRegainsTerritory,
        "non-state actor overtakes territory": AG.NonStateActorOvertakesTerritory,
    }),
    "explosions/remote violence": (AG.ExplosionOrRemoteViolence, {
        "chemical weapon": AG.ChemicalWeaponAttack,
        "air/drone strike": AG.AirOrDroneStrike,
        "suicide bomb": AG.SuicideBombing,
        "shelling/artillery/missile attack": AG.ShellingArtilleryMissileAttack,
        "remote explosive/landmine/ied": AG.RemoteExplosiveAttack,
        "grenade": AG.GrenadeAttack,
    }),
    "violence against civilians": (AG.ViolenceAgainstCivilians, {
        "sexual violence": AG.SexualViolence,
        "attack": AG.AttackOnCivilians,
        "abduction/forced disappearance": AG.Abduction,
    }),
    "protests": (AG.Protest, {
        "peaceful protest": AG.PeacefulProtest,
        "protest with intervention": AG.ProtestWithIntervention,
        "excessive force against protesters": AG.ExcessiveForceAgainstProtesters,
    }),
    "riots": (AG.Riot, {
        "violent demonstration": AG.ViolentDemonstration,
        "mob violence": AG.MobViolence,
    }),
    "strategic developments": (AG.StrategicDevelopment, {
        "agreement": AG.AgreementReached,
        "arrests": AG.Arrests,
        "change to group/activity": AG.ChangeToGroupActivity,
        "disrupted weapons use": AG.DisruptedWeaponsUse,
        "headquarters or base established": AG.BaseEstablished,
        "looting/property destruction": AG.LootingPropertyDestruction,
        "non-violent transfer of territory": AG.NonViolentTransferOfTerritory,
        "other": AG.OtherStrategicDevelopment,
    }),
}
#: ACLED's spelling of its event types.
ACLED_TYPE_NAMES = {"battles": "Battles", "explosions/remote violence": "Explosions/Remote violence",
                    "violence against civilians": "Violence against civilians", "protests": "Protests",
                    "riots": "Riots", "strategic developments": "Strategic developments"}
_HOSTILE_TYPES = {AG.Battle, AG.ExplosionOrRemoteViolence}
#: Battles and remote violence, with their sub-event classes.
_HOSTILE_CLASSES = frozenset(_HOSTILE_TYPES | {c for t, (cls, subs) in ACLED_EVENT_TYPES.items()
                                               if cls in _HOSTILE_TYPES for c in subs.values()})
_VAC_CLASSES = frozenset({AG.ViolenceAgainstCivilians} | set(ACLED_EVENT_TYPES["violence against civilians"][1].values()))
_REMOTE_CLASSES = frozenset({AG.ExplosionOrRemoteViolence} | set(ACLED_EVENT_TYPES["explosions/remote violence"][1].values()))
#: The classes of inter codes 1-4 and 8: organized armed actors (the codebook's "Actors").
_ARMED = {AG.StateInstitution, AG.Government, AG.InsurgentGroup, AG.PoliticalMilitia, AG.IdentityMilitia,
          AG.ExternalForce}
#: Graph types of organized armed actors (an associated actor without a code counts as armed if typed so).
_ARMED_TYPES = _ARMED | {AG.NonStateArmedGroup, AG.TerroristGroup, AG.State, AG.DeFactoRegime,
                         AG.InternationalOrganization}
_GEO_PRECISION = {"1": AG.ExactLocation, "2": AG.NearLocation, "3": AG.AdminAreaLocation}

_ISO = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")
_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")  # ACLED's codebook: day-month-year
_DAY_MON_YY = re.compile(r"^(\d{1,2})[- ]([A-Za-z]{3,9})[- ](\d{2}|\d{4})$")
_MONTHS = {m.lower(): i for i, m in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
     "November", "December"], start=1)}


def acled_day(text: str) -> dt.date:
    """The day of an ACLED ``event_date`` (``2020-05-09``, ``9-May-20``, ``09 May 2020``, ``09-05-2020``).

    Numeric dates are day-month-year, as ACLED's codebook gives them.

    Raises :class:`DateError` naming a malformed or impossible date.

    >>> try:
    ...     acled_day("2021-02-30")
    ... except DateError as exc:
    ...     print(exc)
    impossible date '2021-02-30': day is out of range for month
    """
    raw = text.strip()
    try:
        if _ISO.match(raw):
            y, m, d = (int(x) for x in raw.split("-"))
            return dt.date(y, m, d)
        numeric = _DMY.match(raw)
        if numeric:
            day, month, year = (int(g) for g in numeric.groups())
            return dt.date(year, month, day)
        match = _DAY_MON_YY.match(raw)
        if match:
            day, month_text, year_text = match.groups()
            month = _MONTHS.get(month_text.lower()) or next(
                (i for name, i in _MONTHS.items() if name[:3] == month_text.lower()[:3] and len(month_text) == 3), None)
            if month is None:
                raise DateError(f"malformed date {raw!r}: unknown month {month_text!r}")
            year = int(year_text)
            if len(year_text) == 2:  # ACLED starts in 1997: 97-99 → 1990s, 00-96 → 2000s
                year += 1900 if year >= 97 else 2000
            return dt.date(year, month, int(day))
    except ValueError as exc:
        raise DateError(f"impossible date {raw!r}: {exc}") from None
    raise DateError(f"malformed date {raw!r}: expected 2020-05-09, 9-May-20, 09 May 2020 or 09-05-2020")


def acled_date_text(day: dt.date, time_precision: str) -> str:
    """EDTF text of an ACLED date at its ``time_precision`` (1 day, 2 week, 3 month).

    Raises ``ValueError`` for another code.
    """
    code = time_precision.strip().removesuffix(".0")
    if code in ("", "1"):
        return day.isoformat()
    if code == "2":  # ACLED codes the middle of the week (or weekend) it knows
        return f"{(day - dt.timedelta(days=3)).isoformat()}/{(day + dt.timedelta(days=3)).isoformat()}"
    if code == "3":  # only the month is known
        return day.isoformat()[:7]
    raise ValueError(f"unknown time precision {time_precision!r}: ACLED uses 1 (day), 2 (week) or 3 (month)")


def acled_event_class(event_type: str, sub_event_type: str = "") -> URIRef:
    """The ontology class of an ACLED event (its sub-event type's, else its event type's).

    Raises ``KeyError`` with the reason for an unknown or mismatched type.

    >>> acled_event_class("Battles", "Armed clash") == AG.ArmedClash
    True
    """
    key = " ".join(event_type.lower().split())
    if key not in ACLED_EVENT_TYPES:
        names = ", ".join(ACLED_TYPE_NAMES.values())
        raise KeyError(f"unknown ACLED event type {event_type!r} (expected one of: {names})")
    cls, subs = ACLED_EVENT_TYPES[key]
    sub = " ".join(sub_event_type.lower().split()).replace("protestors", "protesters")
    if not sub:
        return cls
    if sub not in subs:
        owner = next((k for k, (_, s) in ACLED_EVENT_TYPES.items() if sub in s), None)
        if owner:
            raise KeyError(f"{sub_event_type!r} is a sub-event type of {ACLED_TYPE_NAMES[owner]!r}, not {event_type!r}")
        raise KeyError(f"unknown ACLED sub-event type {sub_event_type!r} for {event_type!r}")
    return subs[sub]


def is_acled_header(header: list[str]) -> bool:
    """Whether a CSV header is an ACLED export's."""
    return "event_id_cnty" in header and "event_type" in header


def api_rows(text: str, problems: Problems) -> tuple[list[str], list[Row]]:
    """The header and rows of an ACLED API JSON response (``{"status": …, "data": [{…}, …]}``).

    Each row keeps the line where its object opens (for ``FILE:LINE`` problems) and, as its raw
    text, the CSV line a rejected row is written back as (``--skip-bad``). Values are read as the
    CSV export gives them: numbers as their text, ``null`` as empty.

    >>> header, rows = api_rows('{"status": 200, "data": [\\n {"event_id_cnty": "X1", "fatalities": 3}]}', Problems("a.json"))
    >>> header, rows[0].line, rows[0].values
    (['event_id_cnty', 'fatalities'], 2, {'event_id_cnty': 'X1', 'fatalities': '3'})
    """
    import csv
    import io
    import json

    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        problems.add(exc.lineno, "json", f"not valid JSON: {exc.msg}")
        problems.raise_if_any()
    if not isinstance(doc, dict) or not isinstance(doc.get("data"), list):
        problems.add(1, "json", 'expected the ACLED API\'s response: {"status": …, "data": [rows]}')
        problems.raise_if_any()
    if doc.get("success") is False or str(doc.get("status", "200")) not in ("200", "True", "true"):
        reason = doc.get("error") or doc.get("messages") or doc.get("status")
        problems.add(1, "status", f"the API reported a failure ({reason!r}); nothing to import")
        problems.raise_if_any()
    data = doc["data"]
    if not data:
        problems.add(1, "data", "no rows in data: nothing to import")
        problems.raise_if_any()
    header: list[str] = []
    for item in data:
        for key in item if isinstance(item, dict) else ():
            if key.strip().lower() not in header:
                header.append(key.strip().lower())
    starts = _object_lines(text)
    rows = []
    for i, item in enumerate(data):
        line = starts[i] if len(starts) == len(data) else 1
        if not isinstance(item, dict):
            problems.add(line, "row", f"expected an object per row, got {type(item).__name__}")
            rows.append(Row(line, None))
            continue
        values = {k.strip().lower(): _api_text(v) for k, v in item.items()}
        values = {h: values.get(h, "") for h in header}
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerow([values[h] for h in header])
        rows.append(Row(line, values, out.getvalue()))
    return header, rows


def _api_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return value if isinstance(value, str) else str(value)


def _object_lines(text: str) -> list[int]:
    """The lines where the objects of the response's ``data`` array open (depth 3: {, [, {)."""
    lines, depth, line, in_string, escaped = [], 0, 1, False, False
    for ch in text:
        if ch == "\n":
            line += 1
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
            continue
        if ch == '"':
            in_string = True
        elif ch in "{[":
            depth += 1
            if depth == 3 and ch == "{":
                lines.append(line)
        elif ch in "}]":
            depth -= 1
    return lines


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split(";") if v.strip()]


class AcledImporter(DatasetImporter):
    """Checks and writes ACLED rows through a :class:`DatasetBuilder`."""

    source_id = ACLED_SOURCE_ID
    title = 'ACLED (Armed Conflict Location & Event Data) event export'
    publisher = 'ACLED'
    url = 'https://acleddata.com/'
    required = tuple(ACLED_REQUIRED)
    id_column = "event_id_cnty"

    def check(self, row: Row) -> tuple[RowPlan, dict] | None:
        """Check one row; its plan and parsed values, or ``None`` (problems recorded on its line)."""
        add = self.problems.add
        before = self.problems.total
        v = self._stripped(row)
        if v is None:
            return None
        parsed: dict = {}
        try:
            day = acled_day(v["event_date"])
            parsed["date"] = acled_date_text(day, v.get("time_precision", ""))
            parsed["day"] = day.isoformat()
            if v.get("year") and v["year"].removesuffix(".0") != str(day.year):
                add(row.line, "year", f"{v['year']} does not match event_date {v['event_date']!r}")
        except DateError as exc:
            add(row.line, "event_date", str(exc))
        except ValueError as exc:
            add(row.line, "time_precision", str(exc))
        try:
            parsed["class"] = acled_event_class(v["event_type"], v.get("sub_event_type", ""))
        except KeyError as exc:
            add(row.line, "sub_event_type" if "sub-event" in str(exc) else "event_type", exc.args[0])
        if v.get("latitude") or v.get("longitude"):
            try:
                parsed["coords"] = coordinates(v.get("latitude", ""), v.get("longitude", ""))
            except ValueError as exc:
                column, _, reason = str(exc).partition(": ")
                add(row.line, column, reason)
        geo = v.get("geo_precision", "").removesuffix(".0")
        if geo and geo not in _GEO_PRECISION:
            add(row.line, "geo_precision", f"unknown code {geo!r}: ACLED uses 1 (exact), 2 (near) or 3 (region)")
        fat = v.get("fatalities", "")
        if fat and not fat.isdigit():
            add(row.line, "fatalities", f"expected a whole number, got {fat!r}")
        classes = {}
        for n in ("1", "2"):
            try:
                classes[n] = inter_class(v.get(f"inter{n}", ""))
            except KeyError:
                add(row.line, f"inter{n}", f"unknown actor type {v[f'inter{n}']!r}: ACLED uses 1-8 or their names "
                    "(State forces, Rebel group, Political militia, Identity militia, Rioters, Protesters, "
                    "Civilians, External/Other forces)")
                classes[n] = None
        if self.problems.total > before:
            return None
        plan = RowPlan(row)
        country = v.get("country", "")
        for n in ("1", "2"):
            main_cls = classes[n] or AG.Actor
            main = v.get(f"actor{n}", "")
            if main:
                self.b.actor(plan, f"actor{n}", main, main_cls, country)
            for name in _split(v.get(f"assoc_actor_{n}", "")):
                # ACLED gives no type for associated actors: "Journalists (Pakistan)" is a group of
                # people, "PTI: Pakistan Tehreek-i-Insaf" is not (a plain actor until someone types it)
                assoc_cls = _collective_class(name)
                self.b.actor(plan, f"assoc_actor_{n}", name, assoc_cls, country)
        if self.problems.total > before:
            return None
        parsed["values"] = v
        parsed["classes"] = classes
        return plan, parsed

    def write(self, plan: RowPlan, parsed: dict) -> None:
        """Write a checked row: actors in their roles, place, event, fatalities, derived statements."""
        b, v = self.b, parsed["values"]
        line, classes = plan.row.line, parsed["classes"]
        roles = {column: b.commit_actors(plan, column) for column, _ in _ROLES}
        for n in ("1", "2"):
            for node in roles[f"actor{n}"]:
                b.vote_type(node, classes.get(n), line, f"inter{n}", parsed["day"])
        place = b.place(v.get("country", "") or _country_of_iso(v), [(v.get("admin1", ""), AG.Province),
                                                                      (v.get("admin2", ""), AG.District),
                                                                      (v.get("admin3", ""), AG.Subdistrict)],
                        v.get("location", ""), parsed.get("coords"), v.get("geo_precision", "").removesuffix(".0"))
        eid = v["event_id_cnty"]
        eid_slug = slug(eid, "event")
        event = AGD["event/acled-" + eid_slug]
        cls, date = parsed["class"], parsed["date"]
        kind = v.get("sub_event_type") or v["event_type"]
        where = f" in {v['location']}" if v.get("location") else ""
        label = f"{kind}{where} ({date})"
        notes = plan.row.values.get("notes", "") or ""
        cited = v.get("source", "")
        quantity = AGD[f"quantity/acled-{eid_slug}-fatalities"]
        if b.seen_before and b.change.exists((event, AG.datasetId, Literal(eid))):
            b.unchanged += 1
            b.replace_previous(event, quantity)
        # ag:agent / ag:target: the main actors only; every column keeps its own role property
        add_event(b.g, event, cls, label, date=date, agents=roles["actor1"], targets=roles["actor2"],
                  places=[place] if place is not None else [], quote=notes or None, source=b.source)
        for column, prop in _ROLES:
            for node in roles[column]:
                b.g.add((event, prop, node))
        b.g.add((event, AG.datasetId, Literal(eid)))
        if cited:
            b.g.add((event, AG.citedSources, literal(cited)))
        geo = v.get("geo_precision", "").removesuffix(".0")
        if geo:
            b.g.add((event, AG.locationPrecision, _GEO_PRECISION[geo]))
        if v.get("fatalities", "") != "":
            quote = notes if notes.strip() else (cited or eid)  # the record's own text, never made up
            add_quantity(b.g, quantity, f"Fatalities: {label}",
                         int(v["fatalities"]), "fatalities", bound=AG.Estimated, date=date, of=event, quote=quote,
                         source=b.source)
        self._derive(event, cls, date, notes, roles, classes, eid, plan)

    def _derive(self, event, cls, date, notes, roles, classes, eid, plan) -> None:
        """The codebook's rules (docs/acled.md): who fights, who is a victim, who acts together."""
        b = self.b
        a1, s1, a2, s2 = roles["actor1"], roles["assoc_actor_1"], roles["actor2"], roles["assoc_actor_2"]
        armed = {n: classes.get(n) in _ARMED for n in ("1", "2")}
        if cls in _VAC_CLASSES or (cls in _REMOTE_CLASSES and classes.get("2") == AG.Civilians):
            # one-sided: the perpetrator attacks the civilians (always actor2) and the victims named with them
            if armed["1"]:
                victims = [*a2] + ([n for n in s2 if not self._named_armed(n, plan, "assoc_actor_2")]
                                   if cls in _VAC_CLASSES else [])
                for x in a1:
                    for y in victims:
                        b.derived_statement(x, AG.attacks, y, date, notes, event, AG.AcledOneSidedRule,
                                            f"Derived from ACLED event {eid}: actor1 attacks actor2, the civilians "
                                            "(docs/acled.md).", symmetric=False)
            return
        if cls not in _HOSTILE_CLASSES:
            return  # demonstrations and strategic developments state no tie between their actors
        if armed["1"] and armed["2"]:  # two organized armed actors: never civilians, protesters, rioters
            for x in a1:
                for y in a2:
                    b.derived_statement(x, AG.armedConflictWith, y, date, notes, event, AG.AcledOpposedActorsRule,
                                        f"Derived from ACLED event {eid}: actor1 and actor2 of a "
                                        "battle or remote-violence event (docs/acled.md).", symmetric=True)
        for mains, assocs, n in ((a1, s1, "1"), (a2, s2, "2")):
            if not armed[n]:
                continue
            opponents = set(a2 if n == "1" else a1)
            for y in assocs:
                if y in opponents:
                    continue
                # an ally only if armed: decided when the whole file is read (a later row may code it)
                b.pending_alliances.append((mains, y, date, notes, event, eid, n,
                                            self._named_armed(y, plan, f"assoc_actor_{n}")))

    def _named_armed(self, node: URIRef, plan: RowPlan, column: str) -> bool:
        """Whether ACLED's name makes an associated actor state forces (no code needed)."""
        for res in plan.actors.get(column, []):
            if res.node == node or self.b.resolver._lookup(res.name) == node:
                return bool(parse_actor_name(res.name).forces_of) and not is_collective_victim(res.name)
        return False

    def finish(self) -> None:
        """The alliances that wait for every row's codes: an associated actor allied only if armed."""
        b = self.b
        for mains, y, date, notes, event, eid, n, named_armed in b.pending_alliances:
            if not (named_armed or self._armed_actor(y)):
                continue  # a victim or an identity listed as associated: not an ally
            for x in mains:
                b.derived_statement(x, AG.foughtAlongside, y, date, notes, event, AG.AcledAssociatedActorsRule,
                                    f"Derived from ACLED event {eid}: assoc_actor_{n} fought alongside actor{n}, "
                                    "both organized armed actors (docs/acled.md).", symmetric=True)
        b.pending_alliances.clear()

    def _armed_actor(self, node: URIRef) -> bool:
        from .dataset_rows import _most_coded

        b = self.b
        votes = b.type_votes.get(node, {})
        if votes:
            return _most_coded(votes) in _ARMED
        if node in b.new_types:
            return b.new_types[node][0] in _ARMED
        return bool(b.resolver.types.get(node, set()) & _ARMED_TYPES)


def _collective_class(name: str) -> URIRef:
    """The class of a name without a code: civilians, protesters, rioters as ACLED names them, other
    collectives a population group, anything else a plain actor (until a row codes it)."""
    low = name.strip().lower()
    for word, cls in (("civilians", AG.Civilians), ("protesters", AG.Protesters), ("protestors", AG.Protesters),
                      ("rioters", AG.Rioters)):
        if low.startswith(word):
            return cls
    return AG.PopulationGroup if is_collective(name) else AG.Actor


_ROLES = (("actor1", AG.actor1), ("assoc_actor_1", AG.associatedActor1), ("actor2", AG.actor2),
          ("assoc_actor_2", AG.associatedActor2))


def is_collective_victim(name: str) -> bool:
    """Whether an associated name is a group of people (civilians, journalists…), never state forces."""
    low = name.lower()
    return is_collective(name) and not low.startswith(("military forces of", "police forces of", "government of"))


def _country_of_iso(values: dict[str, str]) -> str:
    """The country of a row without ``country``: from ``iso`` (numeric) or ``iso3``."""
    return _ISO_COUNTRIES.get(values.get("iso", "").removesuffix(".0")) or _ISO_COUNTRIES.get(values.get("iso3", ""), "")


#: The countries of the samples and the region (ISO 3166 numeric and alpha-3).
_ISO_COUNTRIES = {"4": "Afghanistan", "AFG": "Afghanistan", "586": "Pakistan", "PAK": "Pakistan", "364": "Iran",
                  "IRN": "Iran", "356": "India", "IND": "India", "706": "Somalia", "SOM": "Somalia", "156": "China",
                  "CHN": "China", "762": "Tajikistan", "TJK": "Tajikistan", "795": "Turkmenistan",
                  "TKM": "Turkmenistan", "860": "Uzbekistan", "UZB": "Uzbekistan"}
