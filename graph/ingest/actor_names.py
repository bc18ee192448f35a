"""Actor names as conflict datasets write them, and their resolution to actors.

ACLED (and UCDP) name actors with conventions that plain label matching
misses; :func:`parse_actor_name` reads them:

* ``ABBR: Full name`` — ``TTP: Tehreek-i-Taliban Pakistan``: both parts are
  names of the same actor;
* a trailing period — ``Military Forces of Pakistan (2018-)``: the state's
  forces under the government in office from 2018 (``2018/..`` in EDTF);
* ``Military Forces of X`` / ``Police Forces of X`` — an institution of the
  state X (``forces_of = ("military", "X")``);
* a trailing qualifier — ``Civilians (Pakistan)``,
  ``Unidentified Armed Group (Pakistan)``: for collective names the
  qualifier is part of the identity (civilians of two countries are two
  actors); for a named group (``Islamic State (Afghanistan)``) it says where
  the group acted.

:class:`ActorResolver` resolves such names against a graph's labels and
aliases (see docs/acled.md for the rules), plans new actors and aliases
without writing, and records what it matched, created and suggests merging
(``import --report``).

>>> n = parse_actor_name("Military Forces of Pakistan (2018-)")
>>> n.base, n.period, n.forces_of
('Military Forces of Pakistan', '2018/..', ('military', 'Pakistan'))
>>> parse_actor_name("TTP: Tehreek-i-Taliban Pakistan").parts
('Tehreek-i-Taliban Pakistan', 'TTP')
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from rdflib import RDF, SKOS, Literal, URIRef

from ..core.vocab import AG

__all__ = [
    "ActorName",
    "parse_actor_name",
    "is_collective",
    "ActorResolver",
    "Resolution",
    "INTER_CLASSES",
    "inter_class",
    "resolver_for",
    "similarity",
]

_PERIOD = re.compile(r"\s*\((\d{4})\s*-\s*(\d{4})?\)")
_QUALIFIER = re.compile(r"^(.*\S)\s*\(([^()]+)\)$")
_ABBR = re.compile(r"^([A-Z][A-Za-z0-9&'.\-/]{0,19}):\s+(\S.*)$")
_FORCES = re.compile(r"^(military|police|naval|air|security|paramilitary|special)\s+forces\s+of\s+(?:the\s+)?(.+)$", re.I)
_GOVERNMENT = re.compile(r"^government\s+of\s+(?:the\s+)?(.+)$", re.I)
#: "Taliban - Red Unit": a unit of the group before the dash.
_UNIT = re.compile(r"^(\S.*?)\s+-\s+(\S.*\bunit)$", re.I)

#: ACLED names that ACLED itself later gave another name (the later name is tried first).
ACLED_LATER_NAMES: dict[str, str] = {
    "islamic state (afghanistan)": "Islamic State Khorasan Province",
}


@dataclass(frozen=True)
class Government:
    """A government ACLED's period suffixes name: who it is, when it lived, where it governed."""

    label: str
    state: str
    lifespan_start: str
    lifespan_end: str | None
    note: str
    node_id: str | None = None  # an actor of the graph (bundled) it is, else a new one


#: (state, first year of ACLED's period) → the government of that period. Periods not listed
#: get a new ``Government`` named "Government of X (period)" living for the period.
ACLED_GOVERNMENTS: dict[tuple[str, str], Government] = {
    ("afghanistan", year): Government(
        "Islamic Republic of Afghanistan", "Afghanistan", "2004", "2021-08",
        "ACLED's Afghan government periods (2004-2014) and (2014-2021), written (2014-) until August 2021: "
        "the Islamic Republic, from its 2004 constitution to the Taliban's take-over of Kabul in August 2021.",
        "islamic-republic-of-afghanistan")
    for year in ("2004", "2014")
} | {
    ("afghanistan", "2021"): Government(
        "Taliban regime", "Afghanistan", "2021", None, "ACLED's Afghan government period (2021-).", "taliban-regime"),
    ("pakistan", "2018"): Government(
        "Imran Khan's government", "Pakistan", "2018", None, "ACLED's Pakistani government period (2018-).",
        "imran-khan-government"),
}

#: Collective names whose qualifier is part of the identity ("Civilians (Pakistan)").
COLLECTIVE_WORDS = (
    "civilians", "protesters", "protestors", "rioters", "unidentified", "journalists", "teachers", "students",
    "farmers", "women", "children", "lawyers", "health workers", "aid workers", "refugees", "prisoners",
    "labour group", "labor group", "religious group", "ethnic group", "private security forces",
    "muslim group", "christian group", "hindu group", "sikh group", "shia muslim group", "sunni muslim group",
    "former military forces", "mutiny of", "vigilante group", "communal militia", "tribal militia", "clan militia",
    "settlers", "traders", "workers", "government of", "military forces of", "police forces of",
)

#: Collective words ACLED puts after a name ("Hazara Ethnic Group (Afghanistan)").
_GROUP_WORDS = ("ethnic group", "religious group", "muslim group", "christian group", "hindu group", "sikh group",
                "labour group", "labor group", "tribal group", "clan group", "caste group")

#: ACLED inter codes (and the names the newer exports use) → ontology class.
INTER_CLASSES: dict[str, URIRef] = {
    "1": AG.StateInstitution, "state forces": AG.StateInstitution,
    "2": AG.InsurgentGroup, "rebel group": AG.InsurgentGroup, "rebel groups": AG.InsurgentGroup,
    "3": AG.PoliticalMilitia, "political militia": AG.PoliticalMilitia, "political militias": AG.PoliticalMilitia,
    "4": AG.IdentityMilitia, "identity militia": AG.IdentityMilitia, "identity militias": AG.IdentityMilitia,
    "5": AG.Rioters, "rioters": AG.Rioters,
    "6": AG.Protesters, "protesters": AG.Protesters, "protestors": AG.Protesters,
    "7": AG.Civilians, "civilians": AG.Civilians,
    "8": AG.ExternalForce, "external/other forces": AG.ExternalForce, "external forces": AG.ExternalForce,
    "other forces": AG.ExternalForce,
}


def inter_class(code: str) -> URIRef | None:
    """The class of an ACLED ``inter`` code or name; ``None`` for no actor (``0`` or empty).

    Raises ``KeyError`` for an unknown code.

    >>> inter_class("7") == AG.Civilians, inter_class("Political militia") == AG.PoliticalMilitia
    (True, True)
    """
    key = " ".join(code.strip().lower().split())
    if key.endswith(".0"):  # spreadsheets turn 3 into 3.0
        key = key[:-2]
    if key in ("", "0"):
        return None
    return INTER_CLASSES[key]


@dataclass(frozen=True)
class ActorName:
    """An actor name taken apart by ACLED's conventions (see module doc)."""

    text: str
    base: str
    abbreviation: str | None = None
    full: str | None = None
    qualifier: str | None = None
    period: str | None = None
    forces_of: tuple[str, str] | None = None
    government_of: str | None = None

    @property
    def parts(self) -> tuple[str, ...]:
        """The names to try, most specific first: the full name, then the abbreviation."""
        if self.full:
            return (self.full, self.abbreviation) if self.abbreviation else (self.full,)
        return (self.base,)

    @property
    def period_bounds(self) -> tuple[str | None, str | None]:
        """Start and end year of the period (``None`` when open or absent)."""
        if not self.period:
            return None, None
        start, _, end = self.period.partition("/")
        return start, (None if end == ".." else end)


@functools.lru_cache(maxsize=8192)  # (a dataset repeats its few hundred names on every row)
def is_collective(name: str) -> bool:
    """Whether a name denotes a collective whose qualifier is part of its identity.

    >>> is_collective("Civilians (Pakistan)"), is_collective("Islamic State (Afghanistan)")
    (True, False)
    """
    low = name.strip().lower()
    return (low.startswith(COLLECTIVE_WORDS) or any(f" {w}" in low for w in _GROUP_WORDS)
            or bool(_FORCES.match(_PERIOD.sub("", low))))


@functools.lru_cache(maxsize=8192)  # (frozen: one parse a name, however many rows name it)
def parse_actor_name(text: str) -> ActorName:
    """Take an ACLED-style actor name apart.

    >>> parse_actor_name("Civilians (Pakistan)").qualifier
    'Pakistan'
    >>> parse_actor_name("Police Forces of Pakistan (2013-2018) Counter Terrorism Department").base
    'Police Forces of Pakistan Counter Terrorism Department'
    """
    text = " ".join(text.split())
    period = None
    match = _PERIOD.search(text)
    if match:
        period = f"{match.group(1)}/{match.group(2) or '..'}"
        text_wo = (text[: match.start()] + " " + text[match.end():]).strip()
        text_wo = " ".join(text_wo.split())
    else:
        text_wo = text
    abbreviation = full = None
    m = _ABBR.match(text_wo)
    if m:
        abbreviation, full = m.group(1), m.group(2).strip()
    qualifier = None
    base = full or text_wo
    q = _QUALIFIER.match(base)
    if q and not re.fullmatch(r"\d{4}.*", q.group(2)):
        qualifier = q.group(2).strip()
        if is_collective(base) or not full:
            base = q.group(1).strip()
    forces = _FORCES.match(base)
    forces_of = (forces.group(1).lower(), forces.group(2).strip()) if forces else None
    if forces_of and match:  # "Police Forces of Pakistan (2013-2018) Counter Terrorism Department"
        head = text[: match.start()].strip()
        head_forces = _FORCES.match(head)
        if head_forces:
            forces_of = (head_forces.group(1).lower(), head_forces.group(2).strip())
    gov = _GOVERNMENT.match(base)
    return ActorName(text, base, abbreviation, full, qualifier, period, forces_of,
                     gov.group(1).strip() if gov else None)


_FORCE_WORDS = {
    "military": ("military", "armed forces", "army"),
    "police": ("police",),
    "air": ("air force",),
    "naval": ("navy", "naval"),
}


@dataclass
class Resolution:
    """How one dataset name resolved: the node, and what writing it implies."""

    name: str
    node: URIRef | None
    status: str  # "matched" | "created" | "unknown"
    new_actor: tuple[str, URIRef, list[str]] | None = None  # (label, class, aliases)
    aliases: list[str] = field(default_factory=list)  # aliases to add to an existing actor
    part_of: tuple[URIRef, str | None, str | None] | None = None  # (whole, start, end): forces, units
    suggestions: list[str] = field(default_factory=list)
    #: The rule the ``part_of`` statement follows (state forces, government period, unit).
    part_of_rule: URIRef | None = None
    #: The government of the name's period, to write when new: (node, Government, period start, period end).
    government: tuple[URIRef, Government, str | None, str | None] | None = None
    #: Whether the name decides the class of a new actor ("Government of X (period)", "… Forces of X").
    typed_by_name: bool = False


def similarity(x: str, y: str) -> float:
    """Similarity of two names in [0, 1] (1.0 = same normalised name).

    >>> similarity("Tehrik-i-Taliban Pakistan", "Tehrik-e-Taliban Pakistan") > 0.9
    True
    >>> similarity("Pakistan", "Afghanistan") < 0.85
    True
    """
    from ..model.names import _norm

    a, b = _norm(x), _norm(y)
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    ta, tb = set(a.split()), set(b.split())
    if ta == tb:
        return 0.98
    skel = _skeleton(a)
    if skel == _skeleton(b) and len(skel.replace(" ", "")) >= 4:  # transliteration variant: Tehreek-e / Tehrik-i, al-Adl / ul-Adl
        return 0.95
    whole = fuzz.ratio(a, b) / 100
    if whole < 0.5:
        return whole * 0.5
    only_a, only_b = ta - tb, tb - ta
    if len(only_a) == len(only_b) == 1 and ta & tb:
        # one proper name in the same frame ("Saand Tribal Militia" / "Sargani Tribal Militia"): the
        # names differ in who they are, unless one word is a spelling or a short form of the other
        wa, wb = next(iter(only_a)), next(iter(only_b))
        word = fuzz.ratio(wa, wb) / 100
        short, long_ = sorted((wa, wb), key=len)
        short_form = len(short) >= 4 and len(long_) > len(short) and long_.startswith(short)
        if word < 0.8 and not short_form:
            return min(whole, word)
    # the words that differ weigh by their share of the text: "Indian
    # government" / "Iranian government" differ in a whole word, not a typo
    ra, rb = " ".join(sorted(ta - tb)), " ".join(sorted(tb - ta))
    rest = fuzz.ratio(ra, rb) / 100 if ra and rb else 0.0
    share = (len(ra) + len(rb)) / (len(a) + len(b))
    return whole * (1 - share * (1 - rest))


def _skeleton(name: str) -> str:
    """Consonants only, per word (vowels vary between transliterations).

    >>> _skeleton("tehreek e taliban") == _skeleton("tehrik i taliban")
    True
    """
    words = ("".join(ch for ch in w if ch not in "aeiouy") for w in name.split())
    return " ".join(w for w in words if w)


class ActorResolver:
    """Resolve dataset actor names against a graph's names (see docs/acled.md).

    ``names`` maps normalised names to actor IRIs (labels and aliases),
    ``labels`` actor IRIs to labels, ``types`` actor IRIs to their classes and
    ``part_of`` an actor to the actors it is ``partOf``. Nothing is written:
    :meth:`resolve` returns a :class:`Resolution`; :meth:`commit` records it
    (so a rejected row creates nothing) and returns the triples to write.
    """

    def __init__(self, names: dict[str, URIRef], labels: dict[URIRef, str], types: dict[URIRef, set],
                 part_of: dict[URIRef, set], norm, exists):
        self.names = names
        self.labels = labels
        self.types = types
        self.part_of = part_of
        self.norm = norm
        self.exists = exists  # node -> bool: whether an IRI is taken in the graph
        self.cache: dict[tuple[str, str], Resolution] = {}
        self.matched: dict[str, URIRef] = {}
        self.created: dict[str, URIRef] = {}
        self.suggested: dict[str, list[str]] = {}
        self.reserved: set[URIRef] = set()
        self.known_aliases: dict[URIRef, set[str]] = {}
        self._fuzzy_keys: list[str] | None = None

    # -- lookups ----------------------------------------------------------------
    def _lookup(self, name: str | None) -> URIRef | None:
        if not name:
            return None
        return self.names.get(self.norm(name))

    def _state(self, name: str) -> URIRef | None:
        node = self._lookup(name)
        if node is not None and (AG.State in self.types.get(node, ()) or AG.Country in self.types.get(node, ())):
            return node
        return None

    def _institution(self, kind: str, state: URIRef) -> URIRef | None:
        words = _FORCE_WORDS.get(kind, (kind,))
        for node, wholes in self.part_of.items():
            if state not in wholes or AG.StateInstitution not in self.types.get(node, ()):
                continue
            if _PERIOD.search(self.labels.get(node, "")):  # another period's forces (ACLED: another government's)
                continue
            names = [self.labels.get(node, "")] + sorted(self.known_aliases.get(node, ()))
            if any(w in n.lower() for n in names for w in words):
                return node
        return None

    def _suggest(self, name: str) -> list[str]:
        from rapidfuzz import fuzz, process

        if self._fuzzy_keys is None:
            self._fuzzy_keys = list(self.names)
        key = self.norm(name)
        found = process.extract(key, self._fuzzy_keys, scorer=fuzz.token_sort_ratio, limit=8, score_cutoff=70)
        labels: list[str] = []
        for key, _, _ in sorted(found, key=lambda f: -similarity(name, f[0])):
            if similarity(name, key) < 0.85:
                continue
            label = self.labels.get(self.names[key], key)
            if label not in labels:
                labels.append(label)
        return labels[:3]

    # -- resolution -------------------------------------------------------------
    def resolve(self, text: str, cls: URIRef, country: str = "") -> Resolution:
        """Resolve one name; ``cls`` is the class a new actor would get."""
        key = (text, str(cls))
        if key in self.cache:
            return self.cache[key]
        res = self._resolve(text, cls, country)
        if res.status == "government":  # a government this import writes: it is created, then matched
            res.status = "matched"
            self.reserved.add(res.node)
        elif res.status != "created":
            self.cache[key] = res
        return res

    def _period_government(self, name: ActorName) -> tuple[URIRef, Government, bool] | None:
        """The government ACLED's period names (node, record, whether it is new), or ``None``.

        Only for a state the graph knows: ``Government of X (period)`` and ``… Forces of X (period)``.
        """
        state_name = name.government_of if name.government_of and not name.qualifier else (
            name.forces_of[1] if name.forces_of else None)
        if not name.period or not state_name or name.abbreviation:
            return None
        state = self._state(state_name)
        if state is None:
            return None
        start, end = name.period_bounds
        gov = ACLED_GOVERNMENTS.get((self.norm(state_name), start or ""))
        if gov is None:
            label = f"Government of {self.labels.get(state, state_name)} ({start}-{end or ''})"
            gov = Government(label, self.labels.get(state, state_name), start or "", end,
                             f"ACLED's government period ({start}-{end or ''}) of {state_name}.")
        node = self._lookup(gov.label)
        if node is None and gov.node_id is not None:
            from ..core.vocab import AGD

            candidate = AGD[gov.node_id]
            node = candidate if candidate in self.labels else None
            if node is None:
                return candidate, gov, candidate not in self.reserved
        if node is None:
            from ..core.vocab import AGD
            from ..write.workspace import slug

            candidate = AGD[slug(gov.label, "actor")]
            return candidate, gov, candidate not in self.reserved
        return node, gov, False

    def _resolve(self, text: str, cls: URIRef, country: str) -> Resolution:
        name = parse_actor_name(text)
        later = next((v for k, v in ACLED_LATER_NAMES.items() if self.norm(k) == self.norm(name.text)), None)
        node = self._lookup(name.text) or (self._lookup(later) if later else None)
        government = self._period_government(name)
        gov_plan = None
        if government is not None:
            gov_node, gov, is_new = government
            start, end = name.period_bounds
            gov_plan = (gov_node, gov, start, end) if is_new else None
        part_of, rule = None, None
        state = self._state(name.forces_of[1]) if name.forces_of else None
        if name.forces_of and not name.abbreviation:
            start, end = name.period_bounds
            if government is not None:  # the forces of that government, for its period
                part_of, rule = (government[0], start, end), AG.AcledGovernmentPeriodRule
            elif state is not None:
                part_of, rule = (state, start, end), AG.AcledStateForcesRule
        unit = _UNIT.match(name.text) if not name.forces_of and not name.abbreviation else None
        if unit is not None:
            whole = self._lookup(unit.group(1))
            if whole is not None:
                part_of, rule = (whole, None, None), AG.AcledUnitRule
        if node is not None:
            if name.government_of and government is not None and node == government[0]:
                return Resolution(text, node, "matched", government=gov_plan)
            return Resolution(text, node, "matched", part_of=part_of if node not in self.reserved else None,
                              part_of_rule=rule, government=gov_plan)
        if name.government_of and government is not None:  # "Government of Pakistan (2018-)": that government
            return Resolution(text, government[0], "matched" if not government[2] else "government",
                              aliases=[name.text], government=gov_plan)
        if name.forces_of and self.norm(name.base) == self.norm(f"{name.forces_of[0]} forces of {name.forces_of[1]}"):
            inst = None
            if government is not None:  # the institution of that kind of the period's government (Taliban army)
                inst = self._institution(name.forces_of[0], government[0])
            if inst is None and state is not None:
                inst = self._institution(name.forces_of[0], state)
            if inst is not None:
                return Resolution(text, inst, "matched", aliases=[name.text], part_of=part_of, part_of_rule=rule,
                                  government=gov_plan)
        if name.government_of and not name.qualifier and not name.period:
            gov_node = self._lookup(name.base)
            if gov_node is not None:
                return Resolution(text, gov_node, "matched", aliases=[name.text])
        aliases: list[str] = []
        # a named group's country qualifier says where it acted ("Islamic State (Afghanistan)"), but for an
        # abbreviated mission it names a national contingent ("AUSSOM: … (Burundi)"): only the full name is it
        contingent = bool(name.abbreviation and name.qualifier)
        candidates = [name.full] if contingent else [p for p in name.parts if p]
        if name.qualifier and not is_collective(name.base) and not name.full:
            candidates.append(name.base)  # "Islamic State (Afghanistan)": the group, acting there
        found = [(c, self._lookup(c)) for c in candidates]
        hits = [(c, n) for c, n in found if n is not None]
        if hits and not is_collective(name.base):
            chosen = hits[0][1]
            aliases = [name.text] + [c for c, n in found if n is None and c != name.base]
            suggestions = []
            if len({n for _, n in hits}) > 1:
                suggestions = [self.labels.get(n, str(n)) for _, n in hits]
            return Resolution(text, chosen, "matched", aliases=aliases, part_of=part_of, part_of_rule=rule,
                              suggestions=suggestions, government=gov_plan)
        # a new actor: labelled as the dataset writes it (period included: each
        # ACLED period is a distinct government's forces)
        label = name.full if name.full and not name.period and not contingent else name.text
        alias_list = [a for a in ((None if contingent else name.abbreviation), name.text)
                      if a and self.norm(a) != self.norm(label)]
        by_name = True
        if name.government_of and not name.period:
            new_cls = AG.Government
        elif name.forces_of:
            new_cls = AG.StateInstitution
        else:
            new_cls, by_name = cls, False
        return Resolution(text, None, "created", new_actor=(label, new_cls, alias_list), part_of=part_of,
                          part_of_rule=rule, suggestions=self._suggest(label), government=gov_plan,
                          typed_by_name=by_name)

    def commit(self, res: Resolution, new_node) -> tuple[URIRef, list[tuple]]:
        """Record a resolution used by an accepted row; return its node and the triples to write.

        ``new_node(label)`` gives a fresh IRI for a new actor.
        """
        from ..write.statements import add_actor

        triples: list[tuple] = []
        if res.status == "created":
            existing = self._lookup(res.name)
            if existing is not None:  # created by an earlier row of this import
                return existing, triples
            label, cls, aliases = res.new_actor
            node = new_node(label)
            self.reserved.add(node)
            sink: set = set()
            add_actor(_Sink(sink), node, label, [cls], aliases)
            triples.extend(sink)
            for n in [label, *aliases, res.name]:
                self.names.setdefault(self.norm(n), node)
            self.labels[node] = label
            self.types[node] = {cls}
            self.created[res.name] = node
            if res.suggestions:
                self.suggested[res.name] = res.suggestions
            if res.part_of is not None:
                self.part_of.setdefault(node, set()).add(res.part_of[0])
            self.known_aliases[node] = set(aliases)
            return node, triples
        node = res.node
        if node not in self.reserved:  # a name created earlier in this import is reported as created
            self.matched.setdefault(res.name, node)
        if res.suggestions:
            self.suggested[res.name] = res.suggestions
        have = self.known_aliases.setdefault(node, set())
        for alias in res.aliases:
            if alias not in have and self.norm(alias) != self.norm(self.labels.get(node, "")):
                have.add(alias)
                triples.append((node, SKOS.altLabel, Literal(alias)))
                self.names.setdefault(self.norm(alias), node)
        return node, triples


class _Sink:
    def __init__(self, target: set):
        self.target = target

    def add(self, triple: tuple) -> None:
        self.target.add(triple)


def resolver_for(kg, norm=None) -> ActorResolver:
    """An :class:`ActorResolver` over the actors of ``kg`` (labels, aliases, ids, types, partOf)."""
    from ..model.names import _kind_nodes, _name_index, _norm

    nodes = _kind_nodes(kg, AG.Actor)
    names = dict(_name_index(kg))
    labels = {n: r["label"] for n, r in nodes.items()}
    types = {n: set(kg.dataset.objects(n, RDF.type)) for n in nodes}
    part_of: dict[URIRef, set] = {}
    for prop in (AG.partOf, AG.branchOf):
        for s, _, o in kg.dataset.triples((None, prop, None)):
            part_of.setdefault(s, set()).add(o)
    resolver = ActorResolver(names, labels, types, part_of, norm or _norm, lambda n: (n, None, None) in kg.dataset)
    for n, r in nodes.items():
        resolver.known_aliases[n] = set(r["aliases"])
    return resolver
