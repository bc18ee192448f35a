"""Places a strike can hit: provinces, districts, cities and crossings of the conflict's two states.

"Drone attacks on Abbottabad, Swabi and Nowshera" attack Pakistan; "raids on
Khost and Paktika" attack Afghanistan (and so its de facto regime). A place is
never an actor: it is only ever the object of a strike, which then falls on
the state it belongs to, and it is kept on the statement. The names are
public geography (Wikipedia's lists of the two countries' provinces and
districts), limited to the places the conflict's coverage names.

>>> [(p.text, p.state) for p in place_mentions("Jets struck Khost and Paktika provinces.")]
[('Khost', 'Afghanistan'), ('Paktika', 'Afghanistan')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["PlaceMention", "PLACES", "place_mentions"]

PLACES: dict[str, list[str]] = {
    "Afghanistan": [
        "Khost", "Paktika", "Paktia", "Kunar", "Nangarhar", "Jalalabad", "Kandahar", "Helmand", "Herat", "Kunduz",
        "Balkh", "Mazar-i-Sharif", "Zabul", "Nuristan", "Laghman", "Logar", "Ghazni", "Spin Boldak", "Argun", "Barmal",
        "Bagram", "Gorbuz", "Gurbuz", "Khandar", "Nazian", "Darbaba", "Asadabad", "Marwara", "Shiltan", "Badakhshan",
        "Wardak", "Parwan", "Kapisa", "Uruzgan", "Farah", "Nimruz", "Ghor", "Bamiyan", "Samangan", "Takhar",
        "Baghlan", "Faryab", "Jowzjan", "Sar-e Pol", "Badghis", "Panjshir", "Daykundi",
    ],
    "Pakistan": [
        "Abbottabad", "Swabi", "Nowshera", "Peshawar", "Bajaur", "Kurram", "Orakzai", "North Waziristan",
        "South Waziristan", "Waziristan", "Bannu", "Tirah", "Khyber Pakhtunkhwa", "Balochistan", "Quetta", "Lahore",
        "Karachi", "Chaman", "Dera Ismail Khan", "Mohmand", "Lakki Marwat", "Tank", "Mardan", "Charsadda", "Chitral",
        "Dir", "Swat", "Malakand", "Gilgit", "Zhob", "Gwadar", "Punjab", "Sindh", "Mir Ali", "Miranshah", "Wana",
    ],
}

_INDEX = {name.lower(): state for state, names in PLACES.items() for name in names}
_REGEX = re.compile(r"(?<![\w-])(" + "|".join(re.escape(n) for n in sorted(_INDEX, key=len, reverse=True)) +
                    r")(?![\w-])", re.I)


@dataclass(frozen=True)
class PlaceMention:
    start: int
    end: int
    text: str
    state: str  # the label of the state the place belongs to


def place_mentions(sentence: str) -> list[PlaceMention]:
    """The places of :data:`PLACES` named (capitalised) in ``sentence``."""
    out = []
    for m in _REGEX.finditer(sentence):
        if m.group(1)[:1].isupper() and not (m.group(1) == "Tank" and not re.match(r"\s+district", sentence[m.end():])):
            out.append(PlaceMention(m.start(), m.end(), m.group(1), _INDEX[m.group(1).lower()]))
    return out
