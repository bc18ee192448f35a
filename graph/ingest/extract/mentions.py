"""Find the actors a sentence names: labels, aliases, possessives, metonyms, unknown names.

The gazetteer is built from the graph (every actor's label and aliases), plus
demonyms and capitals of the states it holds ("Pakistani pressure" → Pakistan,
"Ankara" → Turkey). Longest names win ("Pakistani Taliban" is the TTP, not
Pakistan). Capitalised names the graph does not know are proposed as new
actors with a class guessed from their words ("Jaish al-Adl" → armed group,
"Minister Khawaja Asif" → person).

>>> from actorgraph import load
>>> gaz = Gazetteer.from_graph(load())
>>> [(m.actor, m.text) for m in gaz.find("Islamabad's strikes on Kabul angered Ankara.")]
[('pakistan', "Islamabad's"), ('taliban-regime', 'Kabul'), ('turkey', 'Ankara')]
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

__all__ = ["Mention", "Gazetteer", "ProposedActor", "guess_class", "unknown_names", "merge_representatives",
           "fuzzy_actor"]

#: Demonyms and extra metonyms, keyed by the label of a state the graph holds.
#: A demonym is a weaker mention (confidence is lowered) — "Pakistani territory" names Pakistan.
DEMONYMS = {
    "Pakistan": ["Pakistani", "Pakistan's government", "Pakistani authorities", "Pakistani officials",
                 "Pakistani forces", "Pakistani troops", "Inter-Services Public Relations", "ISPR"],
    "India": ["Indian", "Indian officials", "Ministry of External Affairs", "External Affairs Ministry"],
    "Iran": ["Iranian", "Iranian officials"],
    "China": ["Chinese", "Chinese officials"],
    "Qatar": ["Qatari", "Qatari officials", "Qatari mediators"],
    "Turkey": ["Turkish", "Turkish officials", "Turkish mediators"],
    "Saudi Arabia": ["Saudi officials"],
    "United States": ["American", "American officials", "U.S. officials", "the White House", "State Department",
                      "Pentagon", "US military", "U.S. military"],
    "Taliban regime": ["Afghan forces", "Afghan Taliban forces", "Afghan officials", "Afghan authorities",
                       "Taliban officials", "Taliban administration", "Afghan Taliban government",
                       "Taliban-ruled Afghanistan", "Afghan interim government", "Taliban spokesman",
                       "Taliban spokesperson", "Taliban-led administration", "Taliban-led government",
                       "Taliban-led Afghan government", "Afghan troops", "Taliban fighters"],
    "Afghanistan": ["Afghan"],
    "Russia": ["Russian", "Moscow", "Kremlin"],
}

#: Organs that speak for their state ("the Afghan defence ministry said").
_ORGANS = ["defence ministry", "defense ministry", "ministry of defence", "ministry of defense", "foreign ministry",
           "foreign office", "interior ministry", "information ministry", "government", "authorities", "officials",
           "spokesman", "spokesperson", "army", "military", "armed forces", "forces", "troops", "security forces"]

#: Words before a name that make it a person ("Minister Khawaja Asif").
_PERSON_TITLES = re.compile(
    r"(?:minister|president|premier|general|gen\.|spokes(?:man|person|woman)|mullah|maulana|sheikh|mr\.?|ms\.?|"
    r"dr\.?|commander|chief|envoy|ambassador|leader|emir|amir|field marshal|marshal|prince|king|secretary)\s+$",
    re.I,
)
_ORG_WORDS = [
    (re.compile(r"\b(?:Lashkar|Jaish|Tehrik|Tehreek|Harakat|Jamaat|Hizb|Ansar|Brigade|Front|Liberation|Mujahideen|"
                r"Militia|Movement|Taliban|Army of|Al-|al-|Islamic State|Daesh|Commandos?)\b"), "NonStateArmedGroup"),
    (re.compile(r"\b(?:United Nations|Organi[sz]ation|Union|Council|Bank|Fund|Committee|Alliance|League|Agency)\b"),
     "InternationalOrganization"),
    (re.compile(r"\b(?:Ministry|Forces|Army|Navy|Police|Corps|Directorate|Intelligence|Inter-Services|Frontier|"
                r"Department|Office|Command|Air Force|Rangers|Guard)\b"), "StateInstitution"),
    (re.compile(r"\b(?:Government|Cabinet|Administration)\b"), "Government"),
    (re.compile(r"\b(?:Institute|Center|Centre|University|Foundation|Group)\b"), "ResearchInstitute"),
]
_STOP_NAMES = {
    "The", "A", "An", "In", "On", "At", "For", "From", "By", "With", "As", "But", "And", "Or", "If", "When", "While",
    "After", "Before", "Since", "During", "Following", "Despite", "However", "Meanwhile", "Furthermore", "Moreover",
    "Instead", "Finally", "This", "That", "These", "Those", "It", "Its", "They", "Their", "He", "She", "His", "Her",
    "We", "Our", "Not", "No", "Given", "Few", "Many", "Some", "Both", "Such", "Other", "Also", "Yet", "Then",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March",
    "April", "May", "June", "July", "August", "September", "October", "November", "December", "Islam", "Islamic",
    "Muslim", "Muslims", "Sunni", "Shia", "Pashtun", "Pashtuns", "Middle East", "Asia", "South Asia", "Central Asia",
    "Prime Minister", "Minister", "President", "Reuters", "AFP", "AP", "Photo", "Read", "Click", "Copyright",
    "Eid", "Ramadan", "Deobandi", "According", "Under", "Over", "Amid", "Until", "Through", "Across", "Along",
}
_WORD = r"(?:(?:al|el|ul|ud|e|i|bin)-)?[A-Z][\w’'.-]*[\w]"
_NAME = re.compile(rf"(?<![\w'’-])[A-Z][\w’'.-]*[\w](?:\s+(?:(?:of|the|al|bin|ul|ud|e|i|de|du|for)\s+)?{_WORD})*")
_TITLE_WORDS = {
    "Defence", "Defense", "Foreign", "Interior", "Information", "Finance", "Minister", "President", "Prime",
    "General", "Gen.", "Spokesman", "Spokesperson", "Chief", "Commander", "Army", "Mullah", "Maulana", "Sheikh",
    "Field", "Marshal", "Deputy", "Acting", "Senior", "Former", "Mr", "Mr.", "Ms", "Dr", "Dr.", "Ambassador", "Envoy",
}


_ACTIVITY = re.compile(r"\s+(?:campaigns?|operations?|offensives?|strategy|pressure|actions?|aid|support|power|"
                       r"might|intervention|presence|response|retaliation|buildup|spending)\b", re.I)
_TERRITORY = re.compile(r"\s+(?:territory|soil|side|land|airspace|border|borders|frontier|province|provinces|"
                        r"village|villages|town|towns|city|cities|capital|districts?|areas?|regions?|posts?)\b", re.I)
_VENUE = re.compile(r"\b(?:talks|negotiations|meeting|meetings|met|held|summit|visit|conference|round|"
                    r"delegation|delegations|arrived|travel(?:l?ed)?)\s+(?:\w+\s+)?(?:in|at|to)\s+$", re.I)
_TITLE = re.compile(r"\b(?:minister|spokes(?:man|person|woman)|president|premier|chief|commander|envoy|ambassador|"
                    r"leader|official|general|secretary|counterpart|head|emir|amir)\b", re.I)
_TITLE_GAP = re.compile(r"^(?:['’]s?)?,?\s*(?:[a-z][\w-]*\s+){0,4},?\s*$")


def merge_representatives(sentence: str, mentions: list[Mention], classes: dict[str, str]) -> list[Mention]:
    """"Pakistan's defence minister Khawaja Asif" → one mention of Pakistan: a titled person speaks for a state.

    A person (known, or proposed from a title) named right after a state's
    possessive, demonym or spokesman alias becomes part of that mention.
    """
    out: list[Mention] = []
    for m in sorted(mentions, key=lambda x: x.start):
        is_person = classes.get(m.actor) == "Person" or (m.kind == "proposed" and m.actor not in classes)
        gap = sentence[out[-1].end:m.start] if out else ""
        if is_person and out and _TITLE_GAP.match(gap) and _TITLE.search(out[-1].text + gap) and \
                classes.get(out[-1].actor) in ("State", "DeFactoRegime", "Government", "Person",
                                               "NonStateArmedGroup", "StateInstitution"):
            prev = out.pop()
            out.append(Mention(prev.start, m.end, prev.actor, sentence[prev.start:m.end], "representative"))
            continue
        out.append(m)
    return out


@dataclass(frozen=True)
class Mention:
    """An actor named in a sentence: character span, actor id, the text, how it was found."""

    start: int
    end: int
    actor: str
    text: str
    kind: str = "name"  # name | demonym | anaphor | proposed


@dataclass
class ProposedActor:
    """A name the graph does not know, proposed as a new actor with a class guess."""

    label: str
    type: str
    count: int = 1
    example: str = ""
    ids: set = field(default_factory=set)


def _trie_regex(words) -> str:
    """One regular expression matching any of ``words``, longest first, shared prefixes factored (fast)."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = True

    def pattern(node: dict) -> str:
        end = "" in node
        branches = [re.escape(ch) + pattern(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if end else body

    return pattern(trie)


def _fold(text: str) -> str:
    """Accents dropped and ’ made ', one character for one (so spans stay those of the text)."""
    if text.isascii():
        return text
    return "".join(_fold_char(ch) for ch in text)


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch == "’":
        return "'"
    base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
    return base if len(base) == 1 else ch


class Gazetteer:
    """Names → actor ids, compiled into one regular expression (longest first)."""

    def __init__(self, names: dict[str, tuple[str, str]], classes: dict[str, str], places: set[str],
                 armed: set[str], acting_for: dict[str, str] | None = None, labels: dict[str, str] | None = None,
                 controls: dict[str, str] | None = None, represents: dict[str, str] | None = None):
        self.names = names  # folded lower name → (actor id, kind)
        self.classes = classes
        self.places = places
        self.armed = armed
        self.acting_for = acting_for or {}  # state → the de facto regime that governs it
        self.labels = labels or {}
        self.controls = controls or {}  # movement → the regime it controls
        self.represents = represents or {}  # person → the state their title names
        body = _trie_regex(names) or r"(?!x)x"
        self._regex = re.compile(rf"(?<![\w-])(?:the\s+)?({body})(?:['’]s?)?(?![\w-])", re.I)
        self._exact_case = {n for n, (_, kind) in names.items() if kind == "acronym"}

    @classmethod
    def from_graph(cls, kg) -> Gazetteer:
        """Build the gazetteer of every actor (labels, aliases) and place of ``kg``."""
        from ...core.ontology import load_ontology
        from ...core.vocab import AG
        from ...model.names import actors, places

        onto = load_ontology()
        armed_classes = {str(c).rsplit("#", 1)[-1] for c in onto.subclasses(AG.NonStateArmedGroup)}
        names: dict[str, tuple[str, str]] = {}
        classes: dict[str, str] = {}
        labels: dict[str, str] = {}
        armed: set[str] = set()
        by_label: dict[str, str] = {}
        all_actors = actors(kg)  # one query, read four times
        for actor in all_actors:
            classes[actor.id] = actor.type
            labels[actor.id] = actor.label
            by_label[actor.label] = actor.id
            if actor.type in armed_classes:
                armed.add(actor.id)
            for name in [actor.label, *actor.aliases]:
                name = name.strip()
                if len(name) < 2 or (len(name) <= 2 and name != "US"):
                    continue  # two-letter codes (IN, IS, AF) are words, not names
                kind = "acronym" if name.isupper() and len(name) <= 5 else "name"
                names.setdefault(_fold(name).lower(), (actor.id, kind))
        for label, extra in DEMONYMS.items():
            if label in by_label:
                for name in extra:
                    names.setdefault(_fold(name).lower(), (by_label[label], "demonym"))
                # "the Afghan defence ministry", "Pakistan's foreign office": a state's organs speak for it
                for word in [label, extra[0]] if extra else [label]:
                    for organ in _ORGANS:
                        # the graph's own institution when it has one ("Pakistan's military" → Pakistani military)
                        own = [names.get(_fold(f"{w} {organ}").lower()) for w in (label, *(extra[:1]))]
                        target = next((o for o in own if o and classes.get(o[0]) != "State"), None)
                        value = (target[0], "name") if target else (by_label[label], "demonym")
                        names.setdefault(_fold(f"{word} {organ}").lower(), value)
                        names.setdefault(_fold(f"{word}'s {organ}").lower(), value)
        # ACLED spells state forces "Military Forces of Pakistan (2018-)", "Police Forces of Afghanistan (2021-)"
        for actor in all_actors:
            if actor.type == "State":
                demonym = (DEMONYMS.get(actor.label) or [actor.label])[0]
                military = names.get(_fold(f"{demonym} military").lower())
                target = military if military and classes.get(military[0]) != "State" else (actor.id, "demonym")
                names.setdefault(_fold(f"military forces of {actor.label}").lower(), target)
                names.setdefault(_fold(f"police forces of {actor.label}").lower(), (actor.id, "demonym"))
        place_names = set()
        for place in places(kg):
            for name in [place.label, *place.aliases]:
                place_names.add(_fold(name).lower())
        # a de facto regime that governs a state acts for it ("Afghanistan launched drone attacks")
        from ...model.records import local_id

        acting_for, controls = {}, {}
        for row in kg.select("SELECT ?r ?s WHERE { ?st ag:subject ?r ; ag:predicate ag:governs ; ag:object ?s }"):
            acting_for[local_id(row["s"])] = local_id(row["r"])
        for row in kg.select("SELECT ?m ?r WHERE { ?st ag:subject ?m ; ag:predicate ag:controls ; ag:object ?r }"):
            controls[local_id(row["m"])] = local_id(row["r"])
        # a person whose title names a state speaks and acts for it ("Pakistani Minister of Defense")
        state_words = {}
        for actor in all_actors:
            if actor.type == "State":
                for word in [actor.label, *DEMONYMS.get(actor.label, [])[:1]]:
                    state_words[word.lower()] = actor.id
        represents = {}
        for actor in all_actors:
            if actor.type == "Person":
                for name in [actor.label, *actor.aliases]:
                    for word in re.findall(r"[\w-]+", name.lower()):
                        if word in state_words:
                            represents[actor.id] = state_words[word]
        return cls(names, classes, place_names, armed, acting_for, labels, controls, represents)

    def find(self, sentence: str) -> list[Mention]:
        """Actor mentions in ``sentence``, left to right, non-overlapping."""
        folded = _fold(sentence)
        out: list[Mention] = []
        for match in self._regex.finditer(folded):
            key = match.group(1).lower()
            actor, kind = self.names.get(key, (None, None))
            if actor is None:
                continue
            if kind == "acronym" and match.group(1) != match.group(1).upper():
                continue  # "us" is a pronoun, "US" the state
            if kind != "acronym" and not match.group(1)[:1].isupper() and self._needs_capital(key):
                continue  # "turkey" the bird, "saudi" in a word list: names are capitalised
            if key in self.places and _VENUE.search(folded[max(0, match.start() - 40):match.start()]):
                continue  # "talks in Doha", "its embassy in Kabul": the city is where, not who
            mention_kind = "demonym" if kind == "demonym" else "name"
            if kind == "name" and self.classes.get(actor) == "StateInstitution" and _ACTIVITY.match(folded, match.end()):
                state = self.names.get(match.group(1).lower().split("'")[0].split()[0])
                if state:  # "Pakistan's military campaign" is Pakistan's campaign, not an institution
                    actor, mention_kind = state[0], "demonym"
            if kind == "demonym" and _TERRITORY.match(folded, match.end()):
                mention_kind = "territory"  # "Afghan soil", "the Pakistani side of the border"
            out.append(Mention(match.start(), match.end(), actor, sentence[match.start():match.end()], mention_kind))
        return out

    def _needs_capital(self, key: str) -> bool:
        # names given capitalised in the graph must be capitalised in the text ("saudi", "turkey" the bird)
        return not key.startswith(("federal",))


def guess_class(name: str, before: str = "") -> str | None:
    """A class guess for an unknown name (``None``: not an actor-like name).

    >>> guess_class("Khawaja Asif", "Defence Minister ")
    'Person'
    >>> guess_class("Jaish al-Adl")
    'NonStateArmedGroup'
    """
    if _PERSON_TITLES.search(before[-40:]):
        return "Person"
    for pattern, cls in _ORG_WORDS:
        if pattern.search(name):
            return cls
    return None


def fuzzy_actor(name: str, gazetteer: Gazetteer, cutoff: float = 90.0) -> str | None:
    """The actor a misspelt name stands for ("Tehreek-i-Taliban Pakistan" → the TTP), or ``None``.

    Uses rapidfuzz when installed, difflib otherwise; short names never match fuzzily.
    """
    key = _fold(name).lower()
    if len(key) < 7:
        return None
    choices = gazetteer.__dict__.get("_fuzzy_choices")
    if choices is None:
        choices = [n for n, (_, kind) in gazetteer.names.items() if kind != "acronym" and len(n) >= 7]
        gazetteer._fuzzy_choices = choices
    try:
        from rapidfuzz import fuzz, process
    except ImportError:  # pragma: no cover - the optional extra is missing
        import difflib

        close = difflib.get_close_matches(key, choices, n=1, cutoff=cutoff / 100)
        return gazetteer.names[close[0]][0] if close else None
    found = process.extractOne(key, choices, scorer=fuzz.ratio, score_cutoff=cutoff)
    return gazetteer.names[found[0]][0] if found else None


def unknown_names(sentence: str, mentions: list[Mention], gazetteer: Gazetteer) -> list[tuple[int, int, str, str]]:
    """Capitalised names in ``sentence`` that are no known actor or place: ``(start, end, name, class)``.

    A name close to a known one (a spelling variant) comes back with the class ``=actor-id``.
    """
    taken = [(m.start, m.end) for m in mentions]
    out = []
    for match in _NAME.finditer(sentence):
        name = match.group(0).rstrip(".'’")
        start, end = match.start(), match.start() + len(name)
        words = name.split()
        while words and (words[0] in _STOP_NAMES or (words[0] in _TITLE_WORDS and len(words) > 1)):
            start += len(words[0]) + 1
            words = words[1:]
        name = " ".join(words)
        if not name or name in _STOP_NAMES or len(name) < 3:
            continue
        key = _fold(name).lower()
        if any(s < end and start < e for s, e in taken):
            inside = all(start <= s and e <= end for s, e in taken if s < end and start < e)
            if inside and len(name.split()) >= 2 and key not in gazetteer.names:
                known = fuzzy_actor(name, gazetteer)  # "Tehreek-i-Taliban Pakistan" is not Pakistan
                if known:
                    out.append((start, end, name, "=" + known))
            continue
        if key in gazetteer.names or key in gazetteer.places:
            continue
        known = fuzzy_actor(name, gazetteer)
        if known:
            out.append((start, end, name, "=" + known))
            continue
        cls = guess_class(name, sentence[:start])
        if cls:
            out.append((start, end, name, cls))
    return out
