"""From a report to candidate statements: ``actorgraph extract``.

:func:`extract_file` reads a report (:mod:`.reading`), splits it into
sentences (:mod:`.segment`), finds the actors (:mod:`.mentions`) and dates
(:mod:`.timex`) each names, and applies the rules of :mod:`.rules` with the
ontology's cue lexicon (:mod:`.cues`). :func:`write_candidates` writes the
result in the import format (relations CSV or YAML, plus ``confidence``,
``status`` and ``cue``) so that ``actorgraph import`` takes it after review.
Everything runs offline; nothing is downloaded. Part of the ingest layer (may import
core, store, model, write and the rest of ingest).

>>> from actorgraph import load
>>> ex = extract_text("On 9 October 2025, Pakistan launched airstrikes on Kabul.", load())
>>> [(c.subject, c.relation, c.object, c.start) for c in ex.candidates]
[('Pakistan', 'attacks', 'Taliban regime', '2025-10-09')]
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from ...core.errors import ExtractError
from .cues import load_cues
from .mentions import Gazetteer, Mention, ProposedActor, merge_representatives, unknown_names
from .reading import Document, read_document
from .rules import Candidate, SentenceContext, candidates_for_sentence
from .segment import sentences
from .timex import document_date, find_times

__all__ = [
    "Extraction",
    "SourceInfo",
    "extract_text",
    "extract_file",
    "write_candidates",
    "candidate_rows",
    "OUTPUT_COLUMNS",
]

_NATIONAL_TITLE = re.compile(r"\b(?:prime\s+minister|president|(?:interior|defen[cs]e|foreign|information|finance)\s+"
                             r"minister|minister\s+(?:of|for)\s+[\w\s]{3,30}?|army\s+chief|foreign\s+secretary)\s*,?\s*$",
                             re.I)
_DATELINE = re.compile(r"^[A-Z][\w’'./ -]{1,40},\s+(?:\d{1,2}\s+[A-Z][a-z]+\.?|[A-Z][a-z]+\.?\s+\d{1,2}),?"
                       r"(?:\s+\d{4})?\s*(?:[—–-]+|\(\w+\)\s*[—–-]+)\s*")

#: The import format's relation columns, then the review columns.
OUTPUT_COLUMNS = ["subject", "relation", "object", "start", "end", "claimed_by", "quote", "source",
                  "confidence", "status", "cue"]


@dataclass
class SourceInfo:
    """The bibliographic record given on the command line (``--source-title`` …)."""

    id: str | None = None
    title: str | None = None
    author: str | None = None
    publisher: str | None = None
    date: str | None = None
    url: str | None = None


@dataclass
class Extraction:
    """What extraction found in one report."""

    candidates: list[Candidate]
    proposed: list[ProposedActor]
    sentences: int
    characters: int
    document_date: str | None
    date_found_in_text: bool
    source: SourceInfo = field(default_factory=SourceInfo)
    actors_found: int = 0


def _labels(c: Candidate, gaz: Gazetteer) -> Candidate:
    def label(x):
        return gaz.labels.get(x, x) if x else x

    c.subject, c.object, c.claimed_by = label(c.subject), label(c.object), label(c.claimed_by)
    c.parties = [label(p) for p in c.parties]
    return c


def extract_text(text: str, kg, doc_date: dt.date | str | None = None, source: SourceInfo | None = None,
                 gazetteer: Gazetteer | None = None) -> Extraction:
    """Candidate statements of ``text`` given the actors of ``kg`` and the document's date."""
    gaz = gazetteer or Gazetteer.from_graph(kg)
    lexicon = load_cues()
    found_in_text = False
    if isinstance(doc_date, str) and doc_date:
        doc_date = dt.date.fromisoformat(doc_date)
    if doc_date is None:
        doc_date = document_date(text)
        found_in_text = doc_date is not None
    context = SentenceContext()
    out: list[Candidate] = []
    proposed: dict[str, ProposedActor] = {}
    known_actors: set[str] = set()
    sents = sentences(text)
    surnames: dict[str, str] = {}  # "Asif" → the actor "Khawaja Asif" was found to speak for
    home: str | None = None  # the state of the dateline's city: whose unqualified ministers a report quotes
    for sent in sents:
        dateline = _DATELINE.match(sent.text)
        skip = dateline.end() if dateline else 0  # "Islamabad, 10 October 2025 —" says where and when it was filed
        if dateline and home is None:
            place = [m.actor for m in gaz.find(sent.text[:skip].split(",")[0])]
            home = place[0] if len(set(place)) == 1 and gaz.classes.get(place[0]) in ("State", "DeFactoRegime") \
                else None
            context.home = home
        mentions = [m for m in gaz.find(sent.text) if m.start >= skip]
        taken = [(m.start, m.end) for m in mentions]
        for name, actor in surnames.items():
            for hit in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", sent.text):
                if hit.start() >= skip and not any(a < hit.end() and hit.start() < b for a, b in taken):
                    mentions.append(Mention(hit.start(), hit.end(), actor, hit.group(0), "anaphor"))
        known_actors.update(m.actor for m in mentions)
        for start, end, name, cls in unknown_names(sent.text, mentions, gaz):
            if cls.startswith("="):  # a spelling variant of a known actor replaces the names inside it
                if start >= skip:
                    mentions = [m for m in mentions if not (start <= m.start and m.end <= end)]
                    mentions.append(Mention(start, end, cls[1:], sent.text[start:end], "fuzzy"))
                continue
            entry = proposed.setdefault(name, ProposedActor(name, cls, 0, sent.text))
            entry.count += 1
            mentions.append(Mention(start, end, name, name, "proposed"))
        classes = {**gaz.classes, **{p.label: p.type for p in proposed.values()}}
        mentions = merge_representatives(sent.text, mentions, classes)
        if home:  # "Prime Minister Shehbaz Sharif" in a report filed from Islamabad speaks for Pakistan
            mentions = [Mention(m.start, m.end, home, m.text, "representative")
                        if m.kind == "proposed" and classes.get(m.actor) == "Person"
                        and _NATIONAL_TITLE.search(sent.text[max(0, m.start - 45):m.start]) else m for m in mentions]
        for m in mentions:
            if m.kind == "representative":
                last = m.text.split()[-1]
                if last[:1].isupper() and len(last) > 2:
                    surnames[last] = m.actor
        if not mentions:
            continue
        times = [t for t in find_times(sent.text, doc_date) if t.start_char >= skip]
        for cand in candidates_for_sentence(sent.text, sent.index, mentions, times, lexicon, gaz, context):
            cand.spans = _spans(sent.text, mentions, times, cand)
            out.append(cand)
    seen: set[tuple] = set()
    unique = []
    for cand in out:
        key = cand.key() + (cand.quote,)
        if key not in seen:
            seen.add(key)
            unique.append(_labels(cand, gaz))
    used = {x for c in unique for x in (c.subject, c.object, c.claimed_by, *c.parties) if x}
    extraction = Extraction(
        unique,
        [p for p in proposed.values() if p.label in used],
        len(sents),
        len(text),
        doc_date.isoformat() if doc_date else None,
        found_in_text,
        source or SourceInfo(),
        len(known_actors),
    )
    return extraction


def _spans(sentence: str, mentions: list[Mention], times, cand: Candidate) -> list[tuple[int, int, str]]:
    """Highlights for the review page: the candidate's actors, its date expression, its cue."""
    spans = [(m.start, m.end, "actor") for m in mentions
             if m.actor in (cand.subject, cand.object, cand.claimed_by, *cand.parties)]
    spans += [(t.start_char, t.end_char, "date") for t in times
              if cand.start in (t.start, t.end) or cand.end in (t.start, t.end)]
    cue = re.search(r"(?<![\w-])" + re.escape(cand.cue.split()[0].rstrip("*")), sentence, re.I)
    if cue:
        spans.append((cue.start(), cue.end(), "cue"))
    return sorted(spans)


def extract_file(path: str | Path, kg, source: SourceInfo | None = None) -> Extraction:
    """Read ``path`` and extract its candidates; refuse a report naming no known actor."""
    doc: Document = read_document(path)
    source = source or SourceInfo()
    if source.title is None and doc.title:
        source.title = doc.title
    extraction = extract_text(doc.text, kg, source.date, source)
    if extraction.actors_found == 0:
        raise ExtractError(f"{path}: no known actor named in this report: nothing to extract "
                           "(add the actors first with `actorgraph add actor`)")
    if not extraction.candidates:
        raise ExtractError(f"{path}: {extraction.actors_found} known actors named, but no sentence states a relation "
                           "between them: nothing to review")
    return extraction


def candidate_rows(ex: Extraction) -> list[dict[str, str]]:
    """The candidates as import rows (mediation parties joined with ``; `` in ``object``)."""
    rows = []
    for c in ex.candidates:
        rows.append({
            "subject": c.subject,
            "relation": c.relation,
            "object": "; ".join(c.parties) if c.parties else (c.object or ""),
            "start": c.start or "",
            "end": c.end or "",
            "claimed_by": c.claimed_by or "",
            "quote": c.quote,
            "source": ex.source.id or "",
            "confidence": f"{c.confidence:.2f}",
            "status": c.status or "",
            "cue": c.cue,
        })
    return rows


def _header(ex: Extraction) -> list[str]:
    src = ex.source
    lines = ["actorgraph extract: candidate statements — review them (actorgraph review) before importing"]
    for key in ("id", "title", "author", "publisher", "date", "url"):
        value = getattr(src, key)
        if value:
            lines.append(f"source {key}: {' '.join(str(value).split())}")
    if ex.document_date:
        how = "found in the text" if ex.date_found_in_text else "given"
        lines.append(f"document date ({how}): {ex.document_date}")
    return lines


def write_candidates(ex: Extraction, out: str | Path | None) -> str:
    """Write the candidates as YAML (default, with proposed actors) or CSV (``.csv``); return the text."""
    rows = candidate_rows(ex)
    if out is not None and str(out).lower().endswith(".csv"):
        buf = io.StringIO()
        writer = csv.DictWriter(buf, OUTPUT_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        text = buf.getvalue()
    else:
        import yaml

        doc: dict = {}
        if ex.proposed:
            doc["actors"] = [{"label": p.label, "type": p.type, "aliases": "",
                              "description": f"Proposed by actorgraph extract (class guessed) from: {p.example}"}
                             for p in ex.proposed]
        doc["relations"] = rows
        body = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=1000)
        text = "".join(f"# {line}\n" for line in _header(ex)) + body
    if out is not None and str(out) != "-":
        from ...write.workspace import atomic_write

        target = Path(out)
        if target.is_symlink() or (target.exists() and not target.is_file()):
            raise ExtractError(f"{out}: not a regular file; refusing to replace it")
        atomic_write(Path(out), lambda f: f.write(text))
    return text
