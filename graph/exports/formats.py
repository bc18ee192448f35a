"""Data and diagram exports: gexf, graphml, cytoscape, csv, mermaid, dot, svg/png, RDF.

Each writer takes a :class:`~graph.exports.filters.Selection`. Data formats
(gexf, graphml, cytoscape, csv, RDF) carry one edge per statement (one per
party for a mediation); diagrams (mermaid, dot, svg, png) draw one line per
(source, target, relation type), the number of statements behind it in the
label when more than one.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import OrderedDict
from pathlib import Path

from ..core.dates import parse_date
from ..model.records import Relation
from .filters import Edge, ExportError, Selection
from .layout import packed_layout
from .style import POLARITY_COLORS, relation_style, type_label, type_style

__all__ = [
    "write",
    "to_graph",
    "gexf",
    "graphml",
    "cytoscape",
    "csv_tables",
    "mermaid",
    "MERMAID_LEGIBLE",
    "dot",
    "diagram",
    "rdf",
    "NODE_COLUMNS",
    "EDGE_COLUMNS",
    "RDF_FORMATS",
]


RDF_FORMATS = {"turtle": "turtle", "trig": "trig", "nt": "nt", "nquads": "nquads", "jsonld": "json-ld"}
#: Those that keep one named graph per source.
_WITH_GRAPHS = ("trig", "nquads", "jsonld")

NODE_COLUMNS = ["id", "label", "type", "aliases", "description", "role", "degree"]
EDGE_COLUMNS = [
    "id", "statement", "source", "source_label", "target", "target_label", "predicate", "relation",
    "polarity", "sign", "symmetric", "start", "end", "start_earliest", "end_latest", "status",
    "hypothetical", "claimed_by", "claimed_by_label", "quote", "source_document", "citation",
]


# ---------------------------------------------------------------------------
# Shared helpers
# ---------------------------------------------------------------------------
def caption(sel: Selection) -> str:
    """Source(s) and filters in one line."""
    cites = [s.citation or s.title or s.id for s in sel.sources]
    text = ("Source: " if len(cites) == 1 else "Sources: ") + " | ".join(cites) if cites else "No source"
    if sel.describe():
        text += f" — {sel.describe()}"
    return text


def _bounds(rel: Relation) -> tuple[str | None, str | None]:
    start = parse_date(rel.start).earliest.isoformat() if rel.start else None
    end = parse_date(rel.end).latest.isoformat() if rel.end else None
    return start, end


def edge_record(edge: Edge, sel: Selection) -> dict:
    """Flat attributes of one edge (the CSV columns)."""
    rel = edge.relation
    start, end = _bounds(rel)
    return {
        "id": edge.id,
        "statement": rel.id,
        "source": edge.source,
        "source_label": sel.nodes[edge.source].label if edge.source in sel.nodes else edge.source,
        "target": edge.target,
        "target_label": sel.nodes[edge.target].label if edge.target in sel.nodes else edge.target,
        "predicate": rel.predicate,
        "relation": rel.predicate_label,
        "polarity": rel.polarity,
        "sign": rel.sign,
        "symmetric": rel.symmetric,
        "start": rel.start,
        "end": rel.end,
        "start_earliest": start,
        "end_latest": end,
        "status": rel.status,
        "hypothetical": rel.hypothetical,
        "claimed_by": rel.claimed_by,
        "claimed_by_label": rel.claimed_by_label,
        "quote": rel.quote,
        "source_document": rel.source,
        "citation": rel.citation,
    }


def node_record(node_id: str, sel: Selection, degree: dict[str, int]) -> dict:
    """Flat attributes of one node (the CSV columns)."""
    actor = sel.nodes[node_id]
    return {
        "id": actor.id,
        "label": actor.label,
        "type": actor.type,
        "aliases": list(actor.aliases),
        "description": actor.description,
        "role": actor.role,
        "degree": degree.get(node_id, 0),
    }


def _degrees(sel: Selection) -> dict[str, int]:
    degree: dict[str, int] = {}
    for e in sel.edges:
        degree[e.source] = degree.get(e.source, 0) + 1
        degree[e.target] = degree.get(e.target, 0) + 1
    return degree


def _plain(value):
    """A graphml/gexf-safe value: strings and numbers only (None → '')."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    return value


def _rgb(color: str) -> dict:
    return {"r": int(color[1:3], 16), "g": int(color[3:5], 16), "b": int(color[5:7], 16), "a": 1.0}


def to_graph(sel: Selection, kg=None, dynamic: bool = False):
    """The selection as a ``networkx.MultiDiGraph`` with plain attributes.

    Node attributes: label, type, aliases, description, role, degree; edge
    key = edge id, attributes = the CSV edge columns. ``dynamic`` adds GEXF
    spells (earliest start day, latest end day) and viz colours.
    """
    import networkx as nx

    graph = nx.MultiDiGraph(name="actorgraph")
    degree = _degrees(sel)
    onto = kg.ontology if kg is not None else None
    for node_id in sel.nodes:
        rec = {k: _plain(v) for k, v in node_record(node_id, sel, degree).items() if k != "id"}
        if dynamic:
            color = type_style(sel.nodes[node_id].type, onto)[0]
            rec["viz"] = {"color": _rgb(color), "size": 10.0 + min(degree.get(node_id, 0), 40) / 2}
        graph.add_node(node_id, **rec)
    for edge in sel.edges:
        rec = edge_record(edge, sel)
        attrs = {k: _plain(v) for k, v in rec.items() if k not in ("id", "source", "target")}
        attrs["kind"] = attrs.pop("relation")
        attrs["label"] = rec["relation"]
        if dynamic:  # GEXF reads "start"/"end" as the edge's own time bounds: the spell says it
            attrs["start_text"] = attrs.pop("start")
            attrs["end_text"] = attrs.pop("end")
            if rec["start_earliest"] or rec["end_latest"]:
                attrs["spells"] = [(rec["start_earliest"], rec["end_latest"])]
            attrs["viz"] = {"color": _rgb(POLARITY_COLORS.get(rec["polarity"], "#7a7a7a"))}
            attrs["id"] = edge.id
        graph.add_edge(edge.source, edge.target, key=edge.id, **attrs)
    return graph


def _aggregate(sel: Selection) -> list[dict]:
    """Diagram lines: one per (source, target, predicate), symmetric pairs merged."""
    lines: OrderedDict[tuple, dict] = OrderedDict()
    for edge in sel.edges:
        rel = edge.relation
        a, b = edge.source, edge.target
        if rel.symmetric and b < a:
            a, b = b, a
        key = (a, b, rel.predicate)
        line = lines.setdefault(
            key,
            {"source": a, "target": b, "predicate": rel.predicate, "label": rel.predicate_label,
             "polarity": rel.polarity, "symmetric": rel.symmetric, "count": 0, "hypothetical": True},
        )
        line["count"] += 1
        line["hypothetical"] = line["hypothetical"] and rel.hypothetical
    return list(lines.values())


def _line_label(line: dict) -> str:
    label = line["label"]
    if line["hypothetical"]:
        label += " (potential)"
    if line["count"] > 1:
        label += f" ×{line['count']}"
    return label


# ---------------------------------------------------------------------------
# Writers
# ---------------------------------------------------------------------------
_GEXF_NS = "http://www.gexf.net/1.2draft"
_GEXF_VIZ_NS = "http://www.gexf.net/1.2draft/viz"


def gexf(sel: Selection, kg=None) -> str:
    """GEXF 1.2 for Gephi: dynamic mode, one spell per relation (its possible span), viz colours.

    Valid against the GEXF 1.2draft schema it declares (strict readers such as
    JGraphT validate): networkx's ``<graph name=…>`` is not in that schema, so
    the name moves to ``<meta><description>``; the schema declares the viz
    elements (``color``, ``size``, ``position``, ``shape``, ``thickness``) in
    the GEXF namespace with the viz types, so they are written there.
    """
    import xml.etree.ElementTree as ET

    import networkx as nx

    graph = to_graph(sel, kg, dynamic=True)
    buf = io.BytesIO()
    nx.write_gexf(graph, buf, version="1.2draft")
    ET.register_namespace("", _GEXF_NS)
    ET.register_namespace("xsi", "http://www.w3.org/2001/XMLSchema-instance")
    root = ET.fromstring(buf.getvalue())
    viz = f"{{{_GEXF_VIZ_NS}}}"
    for el in root.iter():
        if el.tag.startswith(viz):
            el.tag = f"{{{_GEXF_NS}}}{el.tag[len(viz):]}"
    graph_el = root.find(f"{{{_GEXF_NS}}}graph")
    name = graph_el.attrib.pop("name", "") or "actorgraph"
    graph_el.set("mode", "dynamic")  # even with no dated relation: the time format is declared
    graph_el.set("timeformat", "date")
    meta = root.find(f"{{{_GEXF_NS}}}meta")
    if meta is None:
        meta = ET.Element(f"{{{_GEXF_NS}}}meta")
        root.insert(0, meta)
    ET.SubElement(meta, f"{{{_GEXF_NS}}}description").text = f"{name}: {caption(sel)}"
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


_NOT_NMTOKEN = re.compile(r"[^\w.:-]")


def nmtoken(text: str, taken: set[str]) -> str:
    """An XML NMTOKEN for ``text`` (other characters become ``_``), unique within ``taken``.

    >>> nmtoken("statement/3bc2#pakistan", set())
    'statement_3bc2_pakistan'
    """
    base = _NOT_NMTOKEN.sub("_", text) or "_"
    token, n = base, 1
    while token in taken:
        n += 1
        token = f"{base}_{n}"
    taken.add(token)
    return token


def graphml(sel: Selection, kg=None) -> str:
    """GraphML (yEd, Cytoscape desktop): attributes as plain strings and numbers.

    Node and edge ids are XML NMTOKENs, as the GraphML schema requires (strict
    readers such as JGraphT validate); an edge keeps its own id in ``edge_id``
    and its statement's IRI in ``statement_iri``.
    """
    import networkx as nx

    from ..core.vocab import AGD

    source = to_graph(sel, kg)
    taken: set[str] = set()
    node_ids = {n: nmtoken(n, taken) for n in source.nodes}
    graph = nx.MultiDiGraph()
    for n, data in source.nodes(data=True):
        graph.add_node(node_ids[n], **data)
    for a, b, key, data in source.edges(keys=True, data=True):
        attrs = dict(data, edge_id=key, statement_iri=str(AGD) + str(data["statement"]))
        graph.add_edge(node_ids[a], node_ids[b], key=nmtoken(key, taken), **attrs)
    return "\n".join(nx.generate_graphml(graph, encoding="utf-8", prettyprint=True)) + "\n"


def cytoscape(sel: Selection, kg=None) -> str:
    """Cytoscape.js JSON: ``{"data": {...}, "elements": {"nodes": [...], "edges": [...]}}``."""
    degree = _degrees(sel)
    onto = kg.ontology if kg is not None else None
    nodes = []
    for node_id in sel.nodes:
        rec = node_record(node_id, sel, degree)
        color, shape, _ = type_style(rec["type"], onto)
        rec["color"] = color
        nodes.append({"data": rec, "classes": rec["type"] or "Other"})
    edges = []
    for edge in sel.edges:
        rec = edge_record(edge, sel)
        rec["color"] = POLARITY_COLORS.get(rec["polarity"], "#7a7a7a")
        rec["line_style"] = relation_style(rec["predicate"])["line"]
        edges.append({"data": rec, "classes": f"{rec['polarity']} {rec['predicate']}"})
    doc = {
        "format_version": "1.0",
        "generated_by": "actorgraph",
        "target_cytoscapejs_version": "~3",
        "data": {"name": "actorgraph", "caption": caption(sel), "as_of": sel.as_of,
                 "sources": [s.as_dict() for s in sel.sources]},
        "directed": True,
        "multigraph": True,
        "elements": {"nodes": nodes, "edges": edges},
    }
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")


def safe_cell(value) -> str:
    """A CSV cell Excel will not run: text starting with = + - @ (or tab/CR) gets a leading '."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        value = "; ".join(str(v) for v in value)
    text = str(value)
    if text and text[0] in "=+-@\t\r" and not _NUMBER.match(text):
        return "'" + text
    return text


def _csv_text(columns: list[str], rows: list[dict]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([safe_cell(row.get(c)) for c in columns])
    return "\ufeff" + buf.getvalue()


def csv_tables(sel: Selection) -> dict[str, str]:
    """``{"nodes.csv": text, "edges.csv": text}`` (UTF-8 BOM, CRLF, formulas neutralised)."""
    degree = _degrees(sel)
    nodes = [node_record(n, sel, degree) for n in sel.nodes]
    edges = [edge_record(e, sel) for e in sel.edges]
    return {"nodes.csv": _csv_text(NODE_COLUMNS, nodes), "edges.csv": _csv_text(EDGE_COLUMNS, edges)}


def _mermaid_text(text: str) -> str:
    out = []
    for ch in text:
        if ch in '"#<>&|`[]{}()\\;':
            out.append(f"#{ord(ch)};")
        elif ch in "\r\n\t\u2028\u2029":
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


#: Mermaid's configuration (an ``init`` directive): the diagram at its own size, not shrunk to the page's
#: width (the whole graph at 784 px wide cannot be read), room between ranks for the labels, a legible font.
MERMAID_INIT = ('%%{init: {"flowchart": {"useMaxWidth": false, "nodeSpacing": 70, "rankSpacing": 160, '
                '"curve": "basis", "htmlLabels": true, "wrappingWidth": 160}, '
                '"themeVariables": {"fontSize": "16px"}}}%%')
#: A diagram of more actors than this is hard to read whole: the CLI says how to focus it (``--actor``/``--hops``).
MERMAID_LEGIBLE = 25


def _mermaid_lines(sel: Selection) -> list[dict]:
    """One Mermaid line per pair of actors and sign: the relation types stacked in its label.

    A pair with several relation types of one sign gets one line, not several
    side by side whose labels would overlap; when they run both ways the line
    has no arrow and each label names its subject ("India tensions with",
    "Pakistan perceives a threat from"). The line is solid when one of its
    types is material, it has no arrow when all its types are symmetric.
    """
    merged: OrderedDict[tuple, dict] = OrderedDict()
    for line in _aggregate(sel):
        key = (frozenset((line["source"], line["target"])), line["polarity"])
        group = merged.setdefault(key, {"source": line["source"], "target": line["target"], "polarity": line["polarity"],
                                        "parts": [], "symmetric": True, "styles": set()})
        group["parts"].append(line)
        group["symmetric"] = group["symmetric"] and line["symmetric"]
        group["styles"].add(relation_style(line["predicate"])["line"])
    out = []
    for group in merged.values():
        directed = [ln for ln in group["parts"] if not ln["symmetric"]]
        both_ways = len({(ln["source"], ln["target"]) for ln in directed}) > 1
        group["both_ways"] = both_ways
        group["labels"] = [(f"{sel.nodes[ln['source']].label} " if both_ways and not ln["symmetric"] else "")
                           + _line_label(ln) for ln in group["parts"]]
        if directed and not both_ways:  # the arrow follows the directed relations
            group["source"], group["target"] = directed[0]["source"], directed[0]["target"]
        out.append(group)
    return out


def mermaid(sel: Selection, kg=None) -> str:
    """A Mermaid flowchart: nodes by type (classDef), one line per pair and sign coloured by polarity.

    Rendered at its own size (:data:`MERMAID_INIT`); focus a large graph with
    ``--actor NAME --hops 1`` (the CLI says so on stderr beyond
    :data:`MERMAID_LEGIBLE` actors).
    """
    onto = kg.ontology if kg is not None else None
    ids = {node_id: f"n{i}" for i, node_id in enumerate(sel.nodes)}
    lines = ["%% actorgraph: " + _mermaid_text(caption(sel)).replace("%%", "% %"), "flowchart LR", MERMAID_INIT]
    used_types = []
    for node_id, actor in sel.nodes.items():
        cls = re.sub(r"[^A-Za-z0-9]", "", actor.type) or "Other"
        if cls not in used_types:
            used_types.append(cls)
        lines.append(f'    {ids[node_id]}["{_mermaid_text(actor.label)}"]:::{cls}')
    styles = []
    for i, line in enumerate(_mermaid_lines(sel)):
        arrow = "-->" if "solid" in line["styles"] else "-.->"
        if line["symmetric"] or line["both_ways"]:
            arrow = {"-->": "---", "-.->": "-.-"}[arrow]
        label = "<br/>".join(_mermaid_text(text) for text in line["labels"])  # one type a line, never side by side
        lines.append(f'    {ids[line["source"]]} {arrow}|"{label}"| {ids[line["target"]]}')
        styles.append(f"    linkStyle {i} stroke:{POLARITY_COLORS.get(line['polarity'], '#7a7a7a')},stroke-width:2px")
    for cls in used_types:
        color = type_style(cls if cls != "Other" else "", onto)[0]
        lines.append(f"    classDef {cls} fill:{color},color:#ffffff,stroke:#333333")
    return "\n".join(lines + styles) + "\n"


def _dot_text(text: str) -> str:
    text = text.replace("\\", "\\\\").replace('"', '\\"').replace("\r", " ").replace("\n", "\\n")
    return text.replace("\u2028", " ").replace("\u2029", " ")


_DOT_SHAPES = {"dot": "ellipse", "square": "box", "diamond": "diamond", "triangle": "triangle",
               "hexagon": "hexagon", "star": "star", "triangleDown": "invtriangle"}


def dot(sel: Selection, kg=None) -> str:
    """Graphviz DOT: shapes and colours by actor type, lines by polarity and relation type."""
    onto = kg.ontology if kg is not None else None
    out = [
        "digraph actorgraph {",
        f'  graph [label="{_dot_text(caption(sel))}", labelloc=b, fontsize=10, overlap=false, splines=true];',
        '  node [style=filled, fontname="Helvetica", fontsize=11, fontcolor="#ffffff"];',
        '  edge [fontname="Helvetica", fontsize=9];',
    ]
    for node_id, actor in sel.nodes.items():
        color, shape, _ = type_style(actor.type, onto)
        out.append(f'  "{_dot_text(node_id)}" [label="{_dot_text(actor.label)}", shape={_DOT_SHAPES.get(shape, "ellipse")}, '
                   f'fillcolor="{color}", tooltip="{_dot_text(type_label(actor.type))}"];')
    for line in _aggregate(sel):
        style = relation_style(line["predicate"])
        attrs = [
            f'label="{_dot_text(_line_label(line))}"',
            f'color="{POLARITY_COLORS.get(line["polarity"], "#7a7a7a")}"',
            f"style={style['line'] if not line['hypothetical'] else 'dotted'}",
            f"penwidth={style['width']:.1f}",
        ]
        if line["symmetric"]:
            attrs.append("dir=none")
        out.append(f'  "{_dot_text(line["source"])}" -> "{_dot_text(line["target"])}" [{", ".join(attrs)}];')
    out.append("}")
    return "\n".join(out) + "\n"


def diagram(sel: Selection, kg=None, fmt: str = "svg", title: str | None = None) -> bytes:
    """A static diagram (matplotlib) with a legend of actor types and polarities."""
    try:
        import matplotlib

        matplotlib.use("Agg", force=True)
        import matplotlib.pyplot as plt
        from matplotlib.lines import Line2D
        from matplotlib.patches import FancyArrowPatch
    except ImportError:
        raise ExportError("svg/png export needs matplotlib: pip install matplotlib") from None
    onto = kg.ontology if kg is not None else None
    pos = packed_layout(sel)
    n = max(len(sel.nodes), 1)
    size = min(8 + n ** 0.5 * 1.6, 40)
    plt.rcParams["svg.hashsalt"] = "actorgraph"
    plt.rcParams["svg.fonttype"] = "path"
    fig, ax = plt.subplots(figsize=(size, size * 0.72), dpi=110)
    ax.set_axis_off()
    fontsize = 9 if n <= 60 else 7 if n <= 200 else 5
    dashes = {"solid": "solid", "dashed": (0, (6, 3)), "dotted": (0, (1.5, 2.5))}
    for line in _aggregate(sel):
        if line["source"] not in pos or line["target"] not in pos:
            continue
        style = relation_style(line["predicate"])
        a, b = pos[line["source"]], pos[line["target"]]
        arrow = FancyArrowPatch(
            a, b, arrowstyle="-" if line["symmetric"] else "-|>", mutation_scale=10,
            color=POLARITY_COLORS.get(line["polarity"], "#7a7a7a"), linewidth=style["width"] * 0.7,
            linestyle=dashes[style["line"]] if not line["hypothetical"] else dashes["dotted"],
            shrinkA=8, shrinkB=8, connectionstyle="arc3,rad=0.08", alpha=0.8, zorder=1,
        )
        ax.add_patch(arrow)
        if n <= 60:
            ax.text((a[0] + b[0]) / 2, (a[1] + b[1]) / 2, _line_label(line), fontsize=fontsize - 2, color="#444444",
                    ha="center", va="center", parse_math=False, zorder=2,
                    bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.7})
    types_used: dict[str, tuple] = {}
    for node_id, actor in sel.nodes.items():
        if node_id not in pos:
            continue
        color, _, marker = type_style(actor.type, onto)
        types_used.setdefault(actor.type, (color, marker))
        x, y = pos[node_id]
        ax.scatter([x], [y], s=220 if marker != "*" else 380, c=color, marker=marker, edgecolors="#222222",
                   linewidths=0.6, zorder=3, clip_on=False)
        ax.text(x, y - 0.12, actor.label, fontsize=fontsize, ha="center", va="top", parse_math=False, zorder=4,
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.75})
    handles = [Line2D([], [], linestyle="", marker=m, color=c, markeredgecolor="#222222", markersize=9,
                      label=type_label(t)) for t, (c, m) in sorted(types_used.items())]
    handles += [Line2D([], [], color=c, linewidth=2.5, label=p) for p, c in POLARITY_COLORS.items()]
    handles += [Line2D([], [], color="#555555", linestyle=dashes[s], linewidth=1.8, label=label)
                for s, label in (("solid", "force, support, alliance"), ("dashed", "diplomatic, verbal"),
                                 ("dotted", "attitudes, ties, structure"))]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=9, frameon=False,
              title="Legend", title_fontsize=10)
    ax.set_title(title or "actorgraph — who is with or against whom", fontsize=14, loc="left")
    alone = len(sel.nodes) - len(pos)
    note = f" — {alone} actor{'s' if alone != 1 else ''} without a relation not drawn" if alone > 0 else ""
    fig.text(0.01, 0.01, caption(sel) + note, fontsize=8, color="#444444", parse_math=False, wrap=True)
    ax.margins(0.08)
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    buf = io.BytesIO()
    meta = {"Date": None} if fmt == "svg" else {}
    fig.savefig(buf, format=fmt, metadata=meta, bbox_inches="tight")
    plt.close(fig)
    return buf.getvalue()


def rdf(kg, sel: Selection, fmt: str) -> str:
    """The RDF (data, not the ontology); a filtered selection keeps its statements,
    their direct triples, the nodes they touch and the sources."""
    from rdflib import Dataset, Graph, URIRef

    from ..model.records import iri

    rdflib_fmt = RDF_FORMATS[fmt]
    if not sel.filtered:
        return kg.serialize(rdflib_fmt)
    keep = {iri(r.id) for r in sel.relations} | {iri(n) for n in sel.nodes}
    keep |= {iri(s.id) for s in sel.sources}
    direct = set()
    for rel in sel.relations:
        for other in rel.ends():
            direct.add((iri(rel.subject), URIRef(_predicate_iri(kg, rel.predicate)), iri(other)))
            if rel.symmetric:
                direct.add((iri(other), URIRef(_predicate_iri(kg, rel.predicate)), iri(rel.subject)))
    out = Dataset() if fmt in _WITH_GRAPHS else Graph()
    for prefix, ns in kg.dataset.namespaces():
        out.bind(prefix, ns)
    for g in kg.data_graphs():
        target = out.graph(g.identifier) if fmt in _WITH_GRAPHS else out
        for triple in g:
            if triple[0] in keep or triple in direct:
                target.add(triple)
    return out.serialize(format=rdflib_fmt)


def _predicate_iri(kg, name: str) -> str:
    return str(kg.ontology.relation(name).iri)


def write(kg, sel: Selection, fmt: str, target, title: str | None = None) -> list[Path]:
    """Write ``sel`` in ``fmt`` to ``target`` (a file; a directory for csv)."""
    from .files import atomic_write

    if fmt == "csv":
        folder = Path(target)
        if folder.exists() and not folder.is_dir():
            raise ExportError(f"cannot write csv to {folder}: csv writes nodes.csv and edges.csv into a directory")
        if not folder.is_dir() and folder.suffix.lower() == ".csv":
            raise ExportError(f"csv writes two files (nodes.csv and edges.csv) into a directory; -o {folder} looks "
                              f"like a file name: give a directory, e.g. -o {folder.with_suffix('')}/")
        return [atomic_write(folder / name, text.encode("utf-8")) for name, text in csv_tables(sel).items()]
    if fmt in RDF_FORMATS:
        return [atomic_write(target, rdf(kg, sel, fmt))]
    if fmt in ("svg", "png"):
        return [atomic_write(target, diagram(sel, kg, fmt, title))]
    writer = {"gexf": gexf, "graphml": graphml, "cytoscape": cytoscape, "mermaid": mermaid, "dot": dot}[fmt]
    return [atomic_write(target, writer(sel, kg))]
