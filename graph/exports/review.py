"""The review page: one offline HTML file to accept, reject, edit or merge candidate statements.

:func:`write_review` reads a candidates file written by ``actorgraph
extract`` (YAML or CSV), finds for each candidate the statements of the graph
it may duplicate (same actors, same relation family), and writes a single
HTML page: no URL is loaded (a Content-Security-Policy forbids it), every
string of the report is inserted as text, never as markup. The page saves
the decisions as ``reviewed.yaml`` — the import format, with the accepted
proposed actors — which ``actorgraph import`` takes unchanged.

>>> import tempfile, pathlib, actorgraph
>>> from actorgraph.ingest.extract import extract_text, write_candidates
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> ex = extract_text("On 9 October 2025, Pakistan launched airstrikes on Kabul.", actorgraph.load())
>>> _ = write_candidates(ex, d / "c.yaml")
>>> write_review(d / "c.yaml", actorgraph.load(), d / "c.html")
1
"""

from __future__ import annotations

import csv
import html
import io
import re
from importlib import resources
from pathlib import Path

import yaml
from rdflib import RDF, RDFS

from ..core.errors import ExtractError
from ..core.vocab import AG

__all__ = ["load_candidates", "review_payload", "render_review", "write_review"]

_COLUMNS = ["subject", "relation", "object", "start", "end", "claimed_by", "quote", "source", "confidence",
            "status", "cue", "also_quoted"]


def load_candidates(path: str | Path) -> tuple[dict[str, str], list[dict], list[dict]]:
    """(header fields, proposed actors, candidate rows) of a candidates file (YAML or CSV)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ExtractError(f"{path}: not UTF-8 text: expected the candidates written by `actorgraph extract`") from None
    except OSError as exc:
        raise ExtractError(f"{path}: cannot read: {exc.strerror or exc}") from None
    header = {}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        key, sep, value = line[1:].strip().partition(": ")
        if sep:
            header[key.strip()] = value.strip()
    actors: list[dict] = []
    if path.suffix.lower() == ".csv":
        rows = list(csv.DictReader(io.StringIO(text)))
    else:
        try:
            doc = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise ExtractError(f"{path}: not valid YAML: {' '.join(str(exc).split())[:200]}") from None
        if isinstance(doc, list):
            rows = doc
        elif isinstance(doc, dict) and isinstance(doc.get("relations", []), list):
            rows = doc.get("relations") or []
            actors = [a for a in doc.get("actors") or [] if isinstance(a, dict)]
        else:
            raise ExtractError(f"{path}: expected candidate relations (a list, or relations: and actors: lists)")
    clean = []
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, dict) or not {"subject", "relation", "object", "quote"} <= set(row):
            raise ExtractError(f"{path}: candidate {number}: expected subject, relation, object and quote")
        clean.append({c: "" if row.get(c) is None else str(row.get(c)) for c in _COLUMNS})
    if not clean:
        raise ExtractError(f"{path}: no candidate statement to review")
    return header, [{k: "" if a.get(k) is None else str(a.get(k)) for k in ("label", "type", "aliases", "description")}
                    for a in actors], clean


def _highlights(quote: str, row: dict, gaz, doc_date) -> list[list]:
    from ..ingest.extract.timex import find_times

    names = {row["subject"], row["claimed_by"], *[p.strip() for p in row["object"].split(";")]}
    ids = {gaz.names.get(n.lower(), (n, ""))[0] for n in names if n}
    labels = {gaz.labels.get(i, i) for i in ids} | names
    spans = [[m.start, m.end, "actor"] for m in gaz.find(quote)
             if m.actor in ids or gaz.labels.get(m.actor) in labels]
    for name in names:  # proposed actors are not in the gazetteer
        if name and name not in gaz.labels.values():
            for m in re.finditer(re.escape(name), quote):
                spans.append([m.start(), m.end(), "actor"])
    for t in find_times(quote, doc_date):
        if t.start in (row["start"], row["end"]) or (t.end and t.end in (row["start"], row["end"])):
            spans.append([t.start_char, t.end_char, "date"])
    stem = row["cue"].lstrip("< ").split(" ")[0].rstrip("*")
    if stem:
        m = re.search(r"(?<![\w-])" + re.escape(stem) + r"[\w’'-]*", quote, re.I)
        if m:
            spans.append([m.start(), m.end(), "cue"])
    spans.sort()
    out: list[list] = []
    for s in spans:  # no overlaps: the page nests nothing
        if not out or s[0] >= out[-1][1]:
            out.append(s)
    return out


def _matches(kg, row: dict, resolve_id, family_of) -> list[dict]:
    """Statements of the graph with the same actors and relation family: merge targets."""
    from ..model.reads import relations

    fam = family_of(row["relation"])
    ends = [p.strip() for p in row["object"].split(";") if p.strip()]
    subject = resolve_id(row["subject"])
    if subject is None or not ends:
        return []
    found = []
    try:
        rels = relations(kg, actor=row["subject"], with_=ends[0])
    except Exception:  # noqa: BLE001 - an unknown name has no match
        return []
    for r in rels:
        if family_of(r.predicate) != fam:
            continue
        parties = r.object_label.split(" & ") if r.parties else []  # labels, not ids
        found.append({"id": r.id, "subject": r.subject_label, "relation": r.predicate,
                      "relation_label": r.predicate_label, "object": "; ".join(parties) if parties else r.object_label,
                      "start": r.start or "", "end": r.end or "", "quote": (r.quote or "")[:300],
                      "source": r.source or "", "source_label": "source: " + (r.source or "none").removeprefix("source/")})
    return found[:5]


def review_payload(header: dict, actors: list[dict], rows: list[dict], kg) -> dict:
    """Everything the page shows, as plain JSON-ready data."""
    import datetime as dt

    from ..ingest.extract.evaluate import family
    from ..ingest.extract.mentions import Gazetteer
    from ..model.names import actors as all_actors
    from ..model.records import local_id
    from ..model.names import resolve

    gaz = Gazetteer.from_graph(kg)
    onto = kg.ontology
    doc_date = None
    for key, value in header.items():
        if key.startswith("document date"):
            try:
                doc_date = dt.date.fromisoformat(value[:10])
            except ValueError:
                doc_date = None

    def resolve_id(name: str):
        try:
            return local_id(resolve(kg, name))
        except Exception:  # noqa: BLE001 - proposed actors are not in the graph
            return None

    def family_of(rel: str):
        try:
            return family(rel) or "neutral"
        except Exception:  # noqa: BLE001
            return None

    items = []
    for i, row in enumerate(rows):
        items.append({"n": i, **row, "spans": _highlights(row["quote"], row, gaz, doc_date),
                      "matches": _matches(kg, row, resolve_id, family_of)})
    names = sorted({n for a in all_actors(kg) for n in [a.label, *a.aliases]} | {a["label"] for a in actors})
    types = [{"name": r.name, "label": r.label, "polarity": r.polarity} for r in onto.primary_relations()]
    statuses = sorted(str(onto.graph.value(s, RDFS.label) or "") for s in onto.graph.subjects(RDF.type, AG.Status))
    classes = sorted(local_id(c) for c in onto.subclasses(AG.Actor))
    return {"header": header, "actors": actors, "candidates": items, "names": names, "types": types,
            "statuses": [s.capitalize() for s in statuses if s], "classes": classes}


def render_review(payload: dict) -> str:
    """The complete page as a string."""
    from .html import script_json

    def part(name: str) -> str:
        return (resources.files("actorgraph.exports") / "templates" / name).read_text(encoding="utf-8")

    title = payload["header"].get("source title") or "candidate statements"
    parts = {"TITLE": html.escape(f"Review: {title} — actorgraph", quote=True), "CSS": part("review.css"),
             "DATA": script_json(payload), "APP_JS": part("review.js")}
    return re.sub(r"@@(TITLE|CSS|DATA|APP_JS)@@", lambda m: parts[m.group(1)], part("review.html"))


def write_review(candidates: str | Path, kg, out: str | Path) -> int:
    """Write the review page of ``candidates`` to ``out``; return the number of candidates."""
    from ..write.workspace import atomic_write

    header, actors, rows = load_candidates(candidates)
    page = render_review(review_payload(header, actors, rows, kg))
    target = Path(out)
    if target.is_symlink() or (target.exists() and not target.is_file()):
        raise ExtractError(f"{out}: not a regular file; refusing to replace it")
    atomic_write(target, lambda f: f.write(page))
    return len(rows)
