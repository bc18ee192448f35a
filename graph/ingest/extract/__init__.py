"""From a report to candidate statements: ``actorgraph extract``.

:func:`extract_file` reads a report (:mod:`.reading`), strips its page
furniture (:mod:`.furniture`), splits it into sentences (:mod:`.segment`),
finds the actors (:mod:`.mentions`), the places struck (:mod:`.places`) and
dates (:mod:`.timex`) each names, applies the rules of :mod:`.rules` with the
ontology's cue lexicon (:mod:`.cues`) and who claims what (:mod:`.claims`),
then the statements about two sides at once (:mod:`.pairs`), and merges
duplicates. :func:`write_candidates` writes the result in the import format
(relations CSV or YAML, plus ``confidence``, ``status``, ``cue`` and
``also_quoted``) so that ``actorgraph import`` takes it after review.
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
from .evaluate import unattributed_claims
from .furniture import strip_furniture
from .mentions import Gazetteer, Mention, ProposedActor, merge_representatives, unknown_names
from .pairs import _PAIR_EPITHET as _PAIR_WORDS
from .pairs import PairMemory, pair_statements
from .places import place_mentions
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
    "merge_duplicates",
    "OUTPUT_COLUMNS",
]

_NATIONAL_TITLE = re.compile(r"\b(?:prime\s+minister|president|(?:interior|defen[cs]e|foreign|information|finance)\s+"
                             r"minister|minister\s+(?:of|for)\s+[\w\s]{3,30}?|army\s+chief|foreign\s+secretary)\s*,?\s*$",
                             re.I)
_DATELINE = re.compile(r"^[A-Z][\w’'./ -]{1,40},\s+(?:\d{1,2}\s+[A-Z][a-z]+\.?|[A-Z][a-z]+\.?\s+\d{1,2}),?"
                       r"(?:\s+\d{4})?\s*(?:[—–-]+|\(\w+\)\s*[—–-]+)\s*")

#: The import format's relation columns, then the review columns.
OUTPUT_COLUMNS = ["subject", "relation", "object", "start", "end", "claimed_by", "quote", "source",
                  "confidence", "status", "cue", "also_quoted"]


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
    pairs = PairMemory()
    out: list[Candidate] = []
    proposed: dict[str, ProposedActor] = {}
    known_actors: set[str] = set()
    cleaned = strip_furniture(text)  # headers, bylines, credits, embeds: never a statement, never a quote's start
    sents = sentences(cleaned.text)
    surnames: dict[str, str] = {}  # "Asif" → the actor "Khawaja Asif" was found to speak for
    home: str | None = None  # the state of the dateline's city: whose unqualified ministers a report quotes
    if cleaned.dateline:
        place = [m.actor for m in gaz.find(cleaned.dateline)]
        if len(set(place)) == 1 and gaz.classes.get(place[0]) in ("State", "DeFactoRegime"):
            home = context.home = pairs.home = place[0]
    for sent in sents:
        dateline = _DATELINE.match(sent.text)
        skip = dateline.end() if dateline else 0  # "Islamabad, 10 October 2025 —" says where and when it was filed
        if dateline and home is None:
            place = [m.actor for m in gaz.find(sent.text[:skip].split(",")[0])]
            home = place[0] if len(set(place)) == 1 and gaz.classes.get(place[0]) in ("State", "DeFactoRegime") \
                else None
            context.home = pairs.home = home
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
        places = []  # "drone attacks on Abbottabad and Swabi": a place is struck, and with it its state
        for p in place_mentions(sent.text):
            state = gaz.names.get(p.state.lower())
            if state and p.start >= skip and not any(m.start < p.end and p.start < m.end for m in mentions):
                places.append(p)
                mentions.append(Mention(p.start, p.end, state[0], p.text, "territory"))
        mentions.sort(key=lambda m: m.start)
        for i, m in enumerate(mentions):  # "the Government of Pakistan …, with Defense Minister Khawaja Asif declaring"
            if m.kind == "proposed" and classes.get(m.actor) == "Person" and \
                    _NATIONAL_TITLE.search(sent.text[max(0, m.start - 45):m.start]):
                states = {x.actor for x in mentions[:i] if gaz.classes.get(x.actor) in ("State", "DeFactoRegime")}
                if len(states) == 1:
                    mentions[i] = Mention(m.start, m.end, states.pop(), m.text, "representative")
        if home:  # "Prime Minister Shehbaz Sharif" in a report filed from Islamabad speaks for Pakistan
            mentions = [Mention(m.start, m.end, home, m.text, "representative")
                        if m.kind == "proposed" and classes.get(m.actor) == "Person"
                        and _NATIONAL_TITLE.search(sent.text[max(0, m.start - 45):m.start]) else m for m in mentions]
        for m in mentions:
            if m.kind == "representative":
                last = m.text.split()[-1]
                if last[:1].isupper() and len(last) > 2:
                    surnames[last] = m.actor
        if not mentions and not _PAIR_WORDS.search(sent.text):
            continue  # (a sentence about "the two sides" names no actor, yet states something of them)
        times = [t for t in find_times(sent.text, doc_date) if t.start_char >= skip]
        found = candidates_for_sentence(sent.text, sent.index, mentions, times, lexicon, gaz, context)
        for cand in pair_statements(sent.text, sent.index, mentions, times, lexicon, gaz, pairs, found):
            if places and cand.relation in ("attacks", "targets") and cand.object:
                hit = [p.text for p in places if cand.object in (gaz.names.get(p.state.lower(), ("",))[0],
                                                                   gaz.acting_for.get(gaz.names[p.state.lower()][0]))]
                cand.place = ", ".join(dict.fromkeys(hit)) or None
            cand.spans = _spans(sent.text, mentions, times, cand)
            out.append(cand)
    # an actor and the one that acts for it are one side: "the Taliban regime attacks the Taliban" is a misreading
    out = [c for c in out if c.relation in _STRUCTURE or not _same_side(c.subject, c.object, gaz)]
    # a reported claim must say whose claim it is: what names no claimant is left out (issue 22)
    flagged = {id(c) for c, row in zip(out, _rows(out), strict=True) if unattributed_claims([row])}
    out = [c for c in out if id(c) not in flagged]
    unique = [_labels(c, gaz) for c in merge_duplicates(out, doc_date)]
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


_STRUCTURE = {"controls", "controlledBy", "governs", "governedBy", "leaderOf", "ledBy", "memberOf", "hasMember",
              "partOf", "composedOf", "branchOf", "splinterOf"}


def _same_side(a: str | None, b: str | None, gaz: Gazetteer) -> bool:
    if not a or not b:
        return False
    links = {(k, v) for k, v in gaz.controls.items()} | {(k, v) for k, v in gaz.acting_for.items()}
    return (a, b) in links or (b, a) in links


def _recent(value: str | None, doc_date: dt.date | None) -> bool:
    """Whether a date lies within the two months before the document (what its undated sentences speak of)."""
    from ...core.dates import parse_date
    from ...core.errors import DateError

    if not value or doc_date is None:
        return not value
    try:
        span = parse_date(value)
    except DateError:
        return False
    return doc_date - dt.timedelta(days=62) <= span.earliest and span.latest <= doc_date + dt.timedelta(days=1)


def _consistent(a: Candidate, b: Candidate, doc_date: dt.date | None) -> bool:
    """The same dates, or one undated and the other recent: "Pakistan accused Kabul" twice in a news report."""
    if (a.start, a.end) == (b.start, b.end):
        return True
    if not (a.start or a.end):
        return _recent(b.start, doc_date) and _recent(b.end, doc_date)
    if not (b.start or b.end):
        return _recent(a.start, doc_date) and _recent(a.end, doc_date)
    return False


def merge_duplicates(cands: list[Candidate], doc_date: dt.date | None = None) -> list[Candidate]:
    """One candidate per statement: the same actors, type, claimant and status with consistent dates.

    Dates must agree, or one be missing and the other fall in the two months
    before the report (an undated news sentence speaks of the same days). The
    quote is the sentence that gives the date (else the first); the others are
    kept in ``also_quoted``.
    """
    kept: list[Candidate] = []
    index: dict[tuple, list[Candidate]] = {}
    for cand in cands:
        key = cand.key() + (cand.status,)
        same = next((k for k in index.get(key, []) if _consistent(k, cand, doc_date)), None)
        if same is None:
            index.setdefault(key, []).append(cand)
            kept.append(cand)
            continue
        if len(cand.start or "") + len(cand.end or "") > len(same.start or "") + len(same.end or ""):
            # the date stays with the sentence that gives it: that sentence becomes the quote
            same.also_quoted.insert(0, same.quote)
            same.quote, same.sentence, same.cue, same.spans = cand.quote, cand.sentence, cand.cue, cand.spans
            same.start, same.end = cand.start, cand.end
        elif cand.quote != same.quote and cand.quote not in same.also_quoted:
            same.also_quoted.append(cand.quote)
        same.also_quoted = [q for q in dict.fromkeys(same.also_quoted) if q != same.quote]
        same.place = same.place or cand.place
        same.confidence = max(same.confidence, cand.confidence)
    return kept


def _rows(cands: list[Candidate]) -> list[dict]:
    return [{"subject": c.subject, "relation": c.relation, "object": c.object or "", "quote": c.quote, "cue": c.cue,
             "claimed_by": c.claimed_by or ""} for c in cands]


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
            "cue": c.cue + (f" | place: {c.place}" if c.place else ""),
            "also_quoted": " ‖ ".join(c.also_quoted),
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
