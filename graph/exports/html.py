"""The alliance map: one self-contained, offline HTML file.

The page is our own template (``templates/map.html`` + ``map.css`` + the
script's parts, :data:`MAP_SCRIPTS`, inlined in order) with vis-network's standalone build inlined from the copy the
pyvis package ships: nothing is loaded from any URL (no CDN, no web font,
no bootstrap). The network data (nodes, statements, relation types, styles,
options) is embedded as one JSON document in a
``<script type="application/json">`` element, with ``<``, ``>``, ``&`` and
U+2028/U+2029 escaped so no text can close the element; the page script
reads it with ``JSON.parse`` and builds every visible string with
``textContent`` (no ``innerHTML``, no vis-network ``title`` strings, no
links). The time slider applies the as-of rule of :mod:`graph.core.dates` (ported
to ``map-data.js``: ``parseDate``/``isActive``; a test checks parity).
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..core.dates import parse_date, parse_day
from ..core.prose import event_when, period, plain_note
from .filters import ExportError, Selection
from .formats import caption
from .layout import layout
from .style import CAMP_COLORS, POLARITY_COLORS, relation_style, type_label, type_style

__all__ = ["render_html", "payload", "script_json", "vis_js_path", "map_script", "MAP_SCRIPTS", "HIDDEN_BY_DEFAULT"]

#: actor types hidden at first (many small nodes); a checkbox shows them
HIDDEN_BY_DEFAULT = ("Person", "PopulationGroup", "Place", "ResearchInstitute")
VIS_VERSION = "9.1.2"


def vis_js_path() -> Path:
    """Path of vis-network's standalone build shipped inside pyvis."""
    import importlib.util

    spec = importlib.util.find_spec("pyvis")  # located, not imported (importing pyvis takes ~1.5 s)
    if spec is None or not spec.submodule_search_locations:
        raise ExportError("the html export needs the pyvis package (it ships vis-network): pip install pyvis")
    base = Path(list(spec.submodule_search_locations)[0]).resolve()
    for candidate in (base / "templates" / "lib" / f"vis-{VIS_VERSION}" / "vis-network.min.js",
                      base / "lib" / f"vis-{VIS_VERSION}" / "vis-network.min.js"):
        if candidate.exists():
            return candidate
    raise ExportError(f"vis-network {VIS_VERSION} not found in the pyvis package at {base}; reinstall pyvis>=0.3.2")


@lru_cache(maxsize=1)
def _vis_js() -> str:
    text = vis_js_path().read_text(encoding="utf-8")
    if re.search(r"</script|<!--", text, re.I):  # cannot happen with 9.1.2; guard against an upgrade
        text = re.sub(r"</(script)", r"<\\/\1", text, flags=re.I).replace("<!--", "<\\!--")
    return text


def _template(name: str) -> str:
    return (resources.files("actorgraph.exports") / "templates" / name).read_text(encoding="utf-8")


def script_json(data) -> str:
    """JSON safe inside a ``<script>`` element (no ``</script>``, ``<!--``, U+2028/9)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    )


def _month(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _camps(kg, sel: Selection, months: list[str]) -> dict | None:
    """Camps per month from :mod:`graph.analysis` when it is installed, else None (the page computes its own)."""
    try:
        from ..analysis.measures import blocs  # noqa: F401  (optional: the alliance-analysis module)
    except ImportError:
        return None
    try:
        from . import camps as camps_bridge

        return camps_bridge.camps_by_month(kg, sel, months)
    except Exception:  # the analysis must never break the map
        return None


def _place_types(onto) -> set[str]:
    if onto is None:
        return set()
    from ..core.vocab import AG

    return {str(c).rsplit("#", 1)[-1] for c in onto.subclasses(AG.Place)}


def _sides(kg, sel: Selection, day) -> dict[str, str]:
    """member → head of its side on ``day`` (institutions drawn next to their state; the page can fold them)."""
    if kg is None:
        return {}
    from ..analysis.sides import side_map

    return {m: h for m, h in side_map(kg, as_of=day).items() if m != h and m in sel.nodes and h in sel.nodes}


def _events(kg, sel: Selection) -> list[dict]:
    """Dated events touching the selection's actors (or naming a place), for the pair view and the events strip."""
    if kg is None:
        return []
    from ..model.reads import events

    out = []
    # a filtered map needs only the events of its actors: asked of the store (events(actor=set))
    for ev in events(kg, actor=set(sel.nodes)) if sel.filtered else events(kg):
        people = sorted(set(ev.agents + ev.targets + ev.victims + ([ev.led_by] if ev.led_by else [])))
        if not ev.date or not (set(people) & set(sel.nodes) or (not sel.filtered and ev.places)):
            continue
        span = parse_date(ev.date)
        last = parse_date(ev.end).latest if ev.end else span.latest
        out.append({"id": ev.id, "label": ev.label, "type": ev.type, "date": ev.date, "end": ev.end,
                    "lo": span.earliest.isoformat(), "hi": last.isoformat(), "actors": people, "places": ev.places,
                    "quote": ev.quote, "when": event_when(ev.date, ev.end)})  # "when": for readers
    return out


def payload(kg, sel: Selection, title: str | None = None) -> dict:
    """Everything the page needs, as a JSON-ready dict."""
    onto = kg.ontology if kg is not None else None
    event_rows = _events(kg, sel)
    named_places = {p for e in event_rows for p in e["places"]} - set(sel.nodes)
    if named_places:  # places named by events: found by the search, drawn only when asked for
        from ..model.names import places

        extra = {p.id: p for p in places(kg) if p.id in named_places}
        sel = Selection({**sel.nodes, **extra}, sel.relations, sel.edges, sel.sources, sel.as_of, sel.actor,
                        sel.hops, sel.types, sel.polarity)
    degree: dict[str, int] = {}
    for e in sel.edges:
        degree[e.source] = degree.get(e.source, 0) + 1
        degree[e.target] = degree.get(e.target, 0) + 1
    place_types = _place_types(onto)
    shown_first = {n for n, a in sel.nodes.items()
                   if ("Place" if a.type in place_types else a.type) not in HIDDEN_BY_DEFAULT}
    pos = layout(sel, core=shown_first) if len(sel.nodes) <= 400 else layout(sel)
    last_day = parse_day(sel.as_of) if sel.as_of else None
    if last_day is None:
        issued = [parse_date(s.date).latest for s in sel.sources if s.date]
        last_day = max(issued) if issued else None
    sides = _sides(kg, sel, last_day) if last_day else {}
    _beside_heads(pos, sides)
    scale = 80 * max(len(shown_first), 4) ** 0.5
    type_counts: dict[str, int] = {}
    nodes = []
    for node_id, actor in sel.nodes.items():
        group = "Place" if actor.type in place_types else actor.type or ""
        type_counts[group] = type_counts.get(group, 0) + 1
        rec = {
            "id": node_id, "label": actor.label, "type": group, "kind": type_label(actor.type),
            "aliases": list(actor.aliases), "description": actor.description, "role": actor.role,
            "degree": degree.get(node_id, 0),
        }
        if node_id in pos:
            # the stage is wide: stretch the layout to its shape
            rec["x"], rec["y"] = round(pos[node_id][0] * scale * 1.6, 1), round(pos[node_id][1] * scale, 1)
        nodes.append(rec)
    types = []
    for t, count in sorted(type_counts.items(), key=lambda kv: (-kv[1], kv[0])):
        color, shape, _ = type_style(t, onto)
        types.append({"id": t, "label": type_label(t), "color": color, "shape": shape, "count": count,
                      "hidden": t in HIDDEN_BY_DEFAULT and len(type_counts) > 1})
    from ..model.reads import lifespans

    spans = lifespans(kg) if kg is not None else {}
    intensity_of = {r.name: r.intensity for r in onto.relations.values()} if onto is not None else {}
    # the tie model's order (strongest first, structural last): tooltips, edge labels and the legend lead with it
    rank_of = onto.tie_order() if onto is not None else {}
    rel_counts: dict[str, int] = {}
    statements = []
    lo: dt.date | None = None
    hi: dt.date | None = None
    rel_meta: dict[str, dict] = {}
    for rel in sel.relations:
        rel_counts[rel.predicate] = rel_counts.get(rel.predicate, 0) + 1
        rel_meta.setdefault(rel.predicate, {"label": rel.predicate_label, "polarity": rel.polarity,
                                            "symmetric": rel.symmetric,
                                            "intensity": intensity_of.get(rel.predicate),
                                            "rank": rank_of.get(rel.predicate, len(rank_of))})
        for text in (rel.start, rel.end):
            if text:
                d = parse_date(text)  # the open side of a bound form ([..2025-10], [2022..], ..) names no month
                if not d.open_before:
                    lo = d.earliest if lo is None or d.earliest < lo else lo
                if not d.open_after:
                    hi = d.latest if hi is None or d.latest > hi else hi
                elif not d.open_before:
                    lo = d.earliest if lo is None or d.earliest < lo else lo
        first, last = _known_days(rel, spans)
        statements.append({
            "id": rel.id, "s": rel.subject, "ends": rel.ends(), "p": rel.predicate,
            "start": rel.start, "end": rel.end, "quote": rel.quote, "citation": rel.citation,
            "claimant": rel.claimed_by_label, "status": rel.status, "hyp": rel.hypothetical,
            # what readers see: the dates and the note in words (graph.core.prose); start/end stay for the slider
            "when": period(rel.start, rel.end), "note": plain_note(rel.note) or None,
            # the days the statement holds under the default rule (graph.dates: the time of knowledge, its
            # actors' lifespans): what the slider shows; "issued" is the source's date (the tie model's recency)
            "from": first, "until": last, "issued": rel.issued, "undated": rel.undated,
        })
    rel_types = []
    for pred, count in sorted(rel_counts.items(), key=lambda kv: (rel_meta[kv[0]]["rank"], kv[0])):  # strongest first
        style = relation_style(pred)
        rel_types.append({"id": pred, **rel_meta[pred], "line": style["line"], "width": style["width"],
                          "count": count})
    months: list[str] = []
    if lo is not None and not sel.as_of:
        hi = hi or lo
        # the source's own date closes the range when it is later than every relation date
        issued = [parse_date(s.date).latest for s in sel.sources if s.date]
        if issued and (hi is None or max(issued) > hi) and (hi is None or max(issued).year - hi.year < 5):
            hi = max(issued)
        y, m = lo.year, lo.month
        while (y, m) <= (hi.year, hi.month):
            months.append(f"{y:04d}-{m:02d}")
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    fixed = parse_day(sel.as_of).isoformat() if sel.as_of else None
    return {
        "title": title or "Who is with or against whom",
        "caption": caption(sel).split(" — ")[0].rstrip(". "),
        "filters": sel.describe(),
        "months": months,
        "fixedDay": fixed,
        "focus": sel.actor,
        "types": types,
        "relTypes": rel_types,
        "polarities": [{"id": p, "color": c} for p, c in POLARITY_COLORS.items()],
        "nodes": nodes,
        "statements": statements,
        "camps": _camps(kg, sel, months) if months and len(sel.relations) <= 3000 else None,
        "campColors": list(CAMP_COLORS),
        "sides": dict(sorted(sides.items())) if isinstance(sides, dict) else sides,
        "events": event_rows,
        "big": len(sel.edges) > 1500,
        "preset": bool(pos),
    }


def _known_days(rel, spans) -> tuple[str | None, str | None]:
    """First and last day (ISO, None = open) the statement holds under the default rule, inside its actors' lifespans."""
    from ..core.dates import DEFAULT_RULE

    first, last = rel.span.begun_by(DEFAULT_RULE), rel.span.last_day(DEFAULT_RULE)
    for actor in (rel.subject, *rel.ends()):
        if actor in spans:
            first = max(first, spans[actor].begun_by(DEFAULT_RULE))
            last = min(last, spans[actor].last_day(DEFAULT_RULE))
    return (None if first == dt.date.min else first.isoformat(), None if last == dt.date.max else last.isoformat())


def _beside_heads(pos: dict[str, tuple[float, float]], sides: dict[str, str]) -> None:
    """Move each side's members into a small ring next to their head (in place)."""
    members: dict[str, list[str]] = {}
    for member, head in sorted(sides.items()):
        if member in pos and head in pos:
            members.setdefault(head, []).append(member)
    import math

    for head, group in members.items():
        hx, hy = pos[head]
        for i, member in enumerate(group):
            angle = 2 * math.pi * i / max(len(group), 1) + 0.6
            pos[member] = (hx + 0.09 * math.cos(angle), hy + 0.13 * math.sin(angle))


#: The map's script, by concern, in the order it runs: each part is plain statements, and
#: :func:`map_script` inlines them all in one strict-mode function scope (one offline page).
MAP_SCRIPTS = ("map-data.js", "map-layout.js", "map-panels.js", "map-controls.js", "map-slider.js", "map-search.js")


def map_script() -> str:
    """The map's whole script: the :data:`MAP_SCRIPTS` parts inside one function scope.

    >>> text = map_script()
    >>> text.startswith("(function () {") and "function parseDate" in text and text.rstrip().endswith("})();")
    True
    """
    body = "\n".join(_template(name) for name in MAP_SCRIPTS)
    return '(function () {\n  "use strict";\n' + body + "})();\n"


def render_html(kg, sel: Selection, title: str | None = None) -> str:
    """The complete page as a string."""
    data = payload(kg, sel, title)
    parts = {
        "TITLE": html.escape(data["title"] + " — actorgraph", quote=True),
        "CSS": _template("map.css"),
        "VIS_JS": _vis_js(),
        "DATA": script_json(data),
        "APP_JS": map_script(),
    }
    page = _template("map.html")
    return re.sub(r"@@(TITLE|CSS|VIS_JS|DATA|APP_JS)@@", lambda m: parts[m.group(1)], page)
