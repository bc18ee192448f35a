"""The brief's static map: the sides and the relations active on D2, drawn to be read on a printed page.

Institutions, officials and governments are folded into the side they act for
(:func:`actorgraph.analysis.sides.side_map`); persons, population groups,
places and research institutes are left out, as on the interactive map's
first view; only relations active on D2 under the time of knowledge are drawn
(an ended or hypothetical one is not). One line per pair of sides and
polarity, so nothing is weighed: a pair with friendly and hostile relations
gets two lines. A line is labelled with its strongest relation type
(:func:`actorgraph.core.ontology.tie_rank`) when that type is material
(force, war, alliance, aid: ``|intensity| >= 5``), with "+N" for the others.
The SVG is written by hand at the page's size: labels are 8–9 pt in print.

>>> from actorgraph import load
>>> svg = brief_map_svg(load(), "2026-03-31")
>>> svg.startswith("<svg") and "Pakistani Air Force" not in svg and "Pakistan" in svg
True
"""

from __future__ import annotations

import html
import math
from collections import defaultdict

from ..analysis.sides import conflict_actors, side_map
from ..analysis.ties import STRONG, intensities
from ..core.dates import DEFAULT_RULE, parse_day
from ..core.ontology import tie_rank
from ..core.prose import date_words
from ..model.names import actors
from ..model.reads import relations
from .style import POLARITY_COLORS, type_label, type_style

__all__ = ["brief_map_svg", "map_lines", "short_label", "MAP_WIDTH", "MAP_HEIGHT"]

MAP_WIDTH, MAP_HEIGHT = 720, 340
_HIDDEN = {"Person", "PopulationGroup", "Place", "ResearchInstitute"}
_LIMIT = 40


def map_lines(kg, as_of: str, actor: str | None = None) -> tuple[dict[str, str], list[dict]]:
    """The sides drawn (id → label) and one line per (pair of sides, polarity) active on ``as_of``."""
    day = parse_day(as_of)
    everyone = {a.id: a for a in actors(kg)}
    inside = conflict_actors(kg)
    sides = side_map(kg, as_of=day)
    keep = {a for a, x in everyone.items() if a in inside and x.type not in _HIDDEN}
    strength = intensities(kg)
    lines: dict[tuple[str, str, str], dict] = {}
    for rel in relations(kg, as_of=day, rule=DEFAULT_RULE, include_hypothetical=False, detail=False):
        if rel.status == "Ended" or rel.subject not in keep:
            continue
        for other in rel.ends():
            if other not in keep:
                continue
            a, b = sides.get(rel.subject, rel.subject), sides.get(other, other)
            if a == b or a not in everyone or b not in everyone:
                continue
            key = (min(a, b), max(a, b), rel.polarity)
            line = lines.setdefault(key, {"a": key[0], "b": key[1], "polarity": rel.polarity, "relations": []})
            if rel not in line["relations"]:
                line["relations"].append(rel)
    for line in lines.values():
        line["relations"].sort(key=lambda r: (tie_rank(r.predicate), r.id))
        top = line["relations"][0]
        line["material"] = abs(strength.get(top.predicate) or 0.0) >= STRONG
    out = list(lines.values())
    if actor:  # its neighbourhood: the lines touching its side
        head = sides.get(actor, actor)
        out = [x for x in out if head in (x["a"], x["b"])]
    degree: dict[str, int] = defaultdict(int)
    for x in out:
        degree[x["a"]] += 1
        degree[x["b"]] += 1
    if len(degree) > _LIMIT:  # a big graph: the best-connected sides
        kept = set(sorted(degree, key=lambda n: (-degree[n], n))[:_LIMIT])
        out = [x for x in out if x["a"] in kept and x["b"] in kept]
    nodes = {n: short_label(everyone[n].label, everyone[n].aliases)
             for n in sorted({x[k] for x in out for k in ("a", "b")})}
    return nodes, out


def short_label(label: str, aliases: list[str], longest: int = 20) -> str:
    """A long name as its acronym when the graph knows one ("ISKP", "NATO"), else the name.

    >>> short_label("North Atlantic Treaty Organization", ["OTAN", "NATO", "Atlantic Alliance"])
    'NATO'
    >>> short_label("Pakistan", ["PK"])
    'Pakistan'
    """
    if len(label) <= longest:
        return label
    acronyms = sorted((a for a in aliases if a.isupper() and a.isalpha() and 3 <= len(a) <= 5), key=lambda a: (len(a), a))
    return acronyms[0] if acronyms else label


def _layout(nodes: dict[str, str], lines: list[dict]) -> dict[str, tuple[float, float]]:
    import networkx as nx

    g = nx.Graph()
    g.add_nodes_from(sorted(nodes))
    for x in lines:
        g.add_edge(x["a"], x["b"])
    if len(g) == 1:
        return {next(iter(g)): (0.5, 0.5)}
    try:
        pos = nx.kamada_kawai_layout(g)
    except Exception:  # scipy missing: a seeded spring layout
        pos = nx.spring_layout(g, seed=7)
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    dx, dy = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    return {n: ((p[0] - min(xs)) / dx, (p[1] - min(ys)) / dy) for n, p in pos.items()}


def _spread(pos: dict[str, tuple[float, float]], box: tuple[float, float, float, float],
            gap: float = 110.0, rounds: int = 150) -> dict[str, tuple[float, float]]:
    """Push apart nodes closer than ``gap`` (a layout puts the hubs of a dense core on top of each other)."""
    p = {n: list(xy) for n, xy in pos.items()}
    names = sorted(p)
    for _ in range(rounds):
        moved = False
        for i, a in enumerate(names):
            for b in names[i + 1:]:
                dx, dy = p[b][0] - p[a][0], p[b][1] - p[a][1]
                d = math.hypot(dx, dy)
                if d >= gap:
                    continue
                moved = True
                if d < 1e-6:
                    dx, dy, d = 1.0, 0.0, 1.0
                push = (gap - d) / 2 / d
                p[a][0] -= dx * push
                p[a][1] -= dy * push
                p[b][0] += dx * push
                p[b][1] += dy * push
        for xy in p.values():
            xy[0] = min(max(xy[0], box[0]), box[2])
            xy[1] = min(max(xy[1], box[1]), box[3])
        if not moved:
            break
    return {n: (xy[0], xy[1]) for n, xy in p.items()}


def _e(text: str) -> str:
    return html.escape(str(text), quote=True)


def brief_map_svg(kg, as_of: str, actor: str | None = None) -> str:
    """The map as an SVG element (no prolog, script or external reference), sized for an A4 page."""
    nodes, lines = map_lines(kg, as_of, actor)
    w, h, pad_x, pad_top, pad_bottom = MAP_WIDTH, MAP_HEIGHT, 90, 34, 74
    title = f"Relations active on {date_words(as_of)}, institutions folded into their side"
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" '
           f'aria-label="{_e(title)}" font-family="DejaVu Sans, Arial, sans-serif">',
           f'<text x="4" y="16" font-size="13" font-weight="600" fill="#1d1d1f">{_e(title)}</text>']
    if not nodes:
        out.append(f'<text x="{w / 2}" y="{h / 2}" font-size="12" text-anchor="middle">No relation is active on '
                   f'this day.</text></svg>')
        return "\n".join(out)
    unit = _layout(nodes, lines)
    pos = _spread({n: (pad_x + x * (w - 2 * pad_x), pad_top + (1 - y) * (h - pad_top - pad_bottom))
                   for n, (x, y) in unit.items()}, (pad_x, pad_top, w - pad_x, h - pad_bottom))
    pairs: dict[tuple[str, str], int] = defaultdict(int)
    for x in lines:
        pairs[(x["a"], x["b"])] += 1
    seen: dict[tuple[str, str], int] = defaultdict(int)
    labels = []
    for x in sorted(lines, key=lambda x: (x["material"], x["a"], x["b"], x["polarity"])):
        (x1, y1), (x2, y2) = pos[x["a"]], pos[x["b"]]
        k = seen[(x["a"], x["b"])]
        seen[(x["a"], x["b"])] += 1
        # two polarities on one pair: two gently bent lines, one on each side
        bend = 0.0 if pairs[(x["a"], x["b"])] == 1 else (14 if k == 0 else -14)
        mx, my = (x1 + x2) / 2, (y1 + y2) / 2
        length = math.hypot(x2 - x1, y2 - y1) or 1.0
        cx, cy = mx - (y2 - y1) / length * bend * 2, my + (x2 - x1) / length * bend * 2
        color = POLARITY_COLORS.get(x["polarity"], "#7a7a7a")
        width = 2.6 if x["material"] else 1.3
        dash = "" if x["material"] else ' stroke-dasharray="5 3"'
        out.append(f'<path d="M{x1:.1f},{y1:.1f} Q{cx:.1f},{cy:.1f} {x2:.1f},{y2:.1f}" fill="none" '
                   f'stroke="{color}" stroke-width="{width}" stroke-opacity="0.85"{dash}/>')
        if x["material"]:
            top = x["relations"][0]
            more = len(x["relations"]) - 1
            text = top.predicate_label + (f" +{more}" if more else "")
            labels.append((tie_rank(top.predicate), (x1, y1), (cx, cy), (x2, y2), text, color))
    everyone = {a.id: a for a in actors(kg)}
    types_used = {}
    placed: list[tuple[float, float, float, float]] = []
    for n in sorted(nodes, key=lambda n: pos[n][1]):
        x, y = pos[n]
        color = type_style(everyone[n].type, kg.ontology)[0]
        types_used.setdefault(everyone[n].type, color)
        out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="7" fill="{color}" stroke="#222" stroke-width="0.8"/>')
        label = nodes[n]
        half = len(label) * 3.9 + 3
        x = min(max(x, half + 2), w - half - 2)  # the label stays on the page
        ty = y + 20
        for _ in range(6):  # nudge a label down past the labels already placed
            box = (x - half, ty - 13, x + half, ty + 3)
            if not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in placed):
                break
            ty += 14
        placed.append((x - half, ty - 13, x + half, ty + 3))
        out.append(f'<text x="{x:.1f}" y="{ty:.1f}" font-size="13" text-anchor="middle" fill="#1d1d1f" '
                   f'stroke="#fff" stroke-width="3" paint-order="stroke">{_e(label)}</text>')
    placed += [(x - 9, y - 9, x + 9, y + 9) for x, y in pos.values()]
    # the strongest relation types first; a line label that would hide another label or a node is left out
    for rank_i, (_, a, c, b, text, color) in enumerate(sorted(labels, key=lambda item: (item[0], item[4]))):
        half = len(text) * 3.1 + 2
        spots = [(1 - t) ** 2 * a[0] + 2 * t * (1 - t) * c[0] + t ** 2 * b[0] for t in (0.5, 0.38, 0.62, 0.28, 0.72)]
        spots_y = [(1 - t) ** 2 * a[1] + 2 * t * (1 - t) * c[1] + t ** 2 * b[1] for t in (0.5, 0.38, 0.62, 0.28, 0.72)]
        candidates = [(sx, sy + dy) for dy in (0, -11, 11) for sx, sy in zip(spots, spots_y, strict=True)]
        free = [(sx, sy) for sx, sy in candidates
                if not any(sx - half < q[2] and q[0] < sx + half and sy - 8 < q[3] and q[1] < sy + 4 for q in placed)]
        if not free and rank_i >= 3:
            continue
        if not free:  # one of the three strongest: where it hides the fewest labels
            free = sorted(candidates, key=lambda xy: sum(
                xy[0] - half < q[2] and q[0] < xy[0] + half and xy[1] - 8 < q[3] and q[1] < xy[1] + 4 for q in placed))
        lx, ly = free[0]
        placed.append((lx - half, ly - 8, lx + half, ly + 4))
        out.append(f'<text x="{lx:.1f}" y="{ly + 3:.1f}" font-size="11" text-anchor="middle" fill="{color}" '
                   f'stroke="#fff" stroke-width="3" paint-order="stroke">{_e(text)}</text>')
    # legend along the bottom: polarities, line weights, actor types
    ly = h - 44
    x = 4.0
    for name, color in POLARITY_COLORS.items():
        out.append(f'<line x1="{x}" y1="{ly}" x2="{x + 22}" y2="{ly}" stroke="{color}" stroke-width="2.6"/>'
                   f'<text x="{x + 26}" y="{ly + 3.5}" font-size="11">{name}</text>')
        x += 92
    out.append(f'<text x="{x}" y="{ly + 3.5}" font-size="11" fill="#444">thick: force, war, alliance, aid (labelled); '
               'dashed: the others</text>')
    x, ly = 4.0, h - 24
    for t, color in sorted(types_used.items(), key=lambda kv: kv[0]):
        name = type_label(t)
        out.append(f'<circle cx="{x + 6}" cy="{ly}" r="5" fill="{color}" stroke="#222" stroke-width="0.6"/>'
                   f'<text x="{x + 15}" y="{ly + 3.5}" font-size="11">{_e(name)}</text>')
        x += 26 + len(str(name)) * 6.6
    out.append("</svg>")
    return "\n".join(out)
