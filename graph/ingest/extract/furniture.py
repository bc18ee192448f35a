"""Strip page furniture from a report's text before it is split into sentences.

News pages reach the extractor with their furniture: headlines and section
titles, bylines, "Updated …", "Follow", photo credits, embedded posts,
"ALSO READ" lists, comment boxes, datelines glued to the lede. A quote must
never start with a header, and furniture must never be read as a statement.

Text laid out one paragraph per line (what a page, a boilerplate remover or
:func:`~.reading.html_to_text` gives) is read line by line: a line that does
not end a sentence is a header and is dropped, and so are lines that are
furniture by their words. Hard-wrapped text (a PDF's, where most lines stop
mid-sentence) keeps its blank-line paragraphs untouched. Nothing is
rewritten: every sentence left is verbatim in the input.

>>> clean = strip_furniture("Kabul accuses Islamabad\\nFollow\\nISTANBUL (AA) - Pakistan struck Kabul on Friday.\\n"
...                         "Qatar urged calm.\\nALSO READ\\nIndia and Pakistan in war of words")
>>> clean.text.split("\\n\\n"), clean.dateline
(['Pakistan struck Kabul on Friday.', 'Qatar urged calm.'], 'ISTANBUL')
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Cleaned", "strip_furniture", "is_line_per_paragraph"]

_FINAL = re.compile(r"[.!?…][\"”’')\]]*\s*$|[\"”’]\s*$")
_FURNITURE = re.compile(
    r"^(?:by\s+[A-Z][\w.]+(?:\s+[A-Z][\w.]+){0,3}\s*$|by\s+(?:ians|pti|afp|reuters|ap|aa)\b|updated\b|published\b|"
    r"short\s+url|follow\b|read\s+more|loading\s+more|related\b|advertisement|kaynak:|source\s+link|leave\s+a\s+reply|"
    r"your\s+email\s+address|this\s+news\s+has\s+been\s+read|copyright|©|photo\s*:|image\s*:|file\s+photo|"
    r"seo\s+title:|meta\s+description:|url\s+slug:|today[’']s\s+paper|share\s+this|click\s+here|sign\s+up|"
    r"subscribe|join\s+our|our\s+correspondent|uncredited|ai\s+generated|country\s*:|[-•*]\s*country\s*:)",
    re.I)
_END_OF_ARTICLE = re.compile(r"^(?:also\s+read|read\s+also|related\s+(?:articles|stories|news)|more\s+from|"
                             r"recommended|you\s+may\s+also\s+like|trending)\b", re.I)
_EMBED = re.compile(r"pic\.twitter\.com/|\(@\w+\)|https?://\S+\s*$|—\s*[^—]{1,60}\(@\w+\)")
_CREDIT = re.compile(r"\((?:REUTERS|Reuters|AFP|AP|AA|IANS|PTI|File|Getty[^)]*|AFP/[^)]*|[A-Z]{2,}/[^)]*)\)\s*$")
#: "ISTANBUL (AA) - ", "DOHA (Qatar): ", "ISLAMABAD/KABUL, Oct 18 (Reuters) — ", "KABUL, AFGHANISTAN — ",
#: "New Delhi: ", "New Delhi, Dec 1 ", "DID Press: ", "News Update by SNPNEWS.IN (Gurmail Kamboj): "
_DATELINE = re.compile(
    r"^(?P<city>[A-Z][A-Z.’'/-]+(?:[ /][A-Z][A-Z.’'-]+){0,2})(?:,\s*[A-Z][A-Za-z]+)?"
    r"(?:,?\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?\s*(?:\([^)]{1,30}\))?\s*(?:[—–:-]|--)\s+(?=[“\"A-Z])|"
    r"^(?P<city2>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*(?:\([^)]{1,30}\))?\s*"
    r"(?:[—–:]|\s-)\s+(?=[“\"A-Z])|"
    r"^(?P<city3>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?),\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}\s+(?=[A-Z])|"
    r"^news\s+update\s+by\s+[^:]{1,60}:\s+", re.I * 0)
_SOURCE_PREFIX = re.compile(r"^(?:News\s+Update\s+by\s+[^:]{1,60}|[A-Z][\w]*\s+(?:Press|News|Times|Post)):\s+"
                            r"(?=[A-Z])")


@dataclass(frozen=True)
class Cleaned:
    """The text without its furniture, paragraphs separated by blank lines, and the dateline's place."""

    text: str
    dateline: str | None
    dropped: int  # lines dropped as furniture


def is_line_per_paragraph(lines: list[str]) -> bool:
    """Whether lines are paragraphs (a page's text) rather than a hard-wrapped text's lines.

    A hard-wrapped text (a PDF's) breaks many lines mid-sentence: a line with no
    final punctuation followed by one in lower case. A page's text almost never does.
    """
    wraps = sum(1 for a, b in zip(lines, lines[1:], strict=False) if not _FINAL.search(a) and b[:1].islower())
    return wraps / max(1, len(lines)) < 0.08


def _strip_dateline(line: str) -> tuple[str, str | None]:
    m = _SOURCE_PREFIX.match(line)
    if m:
        return line[m.end():], None
    m = _DATELINE.match(line)
    if not m:
        return line, None
    city = m.group("city") or m.group("city2") or m.group("city3")
    if city and len(city.split()) <= 3 and not re.match(r"(?:The|A|An|In|On|At|As|But|While)\b", city):
        return line[m.end():], city.split("/")[0].strip()
    return line, None


def strip_furniture(text: str) -> Cleaned:
    """``text`` without headers, bylines, credits, embeds and related-article lists (see the module doc)."""
    raw = [" ".join(ln.split()) for ln in text.splitlines()]
    lines = [ln for ln in raw if ln]
    if not is_line_per_paragraph(lines):
        return Cleaned(text, None, 0)
    kept: list[str] = []
    headers: list[str] = []
    dateline: str | None = None
    dropped = 0
    for line in lines:
        for header in headers:  # "Taliban, Pakistan agree to truce in DohaPakistan and…": a headline glued on
            if line.startswith(header) and len(line) > len(header) + 20:
                line = line[len(header):].lstrip()
        if _END_OF_ARTICLE.match(line):
            dropped += 1
            break
        if _FURNITURE.match(line) or _EMBED.search(line) or _CREDIT.search(line) or not _FINAL.search(line):
            dropped += 1
            if not _FINAL.search(line) and len(line.split()) >= 3:
                headers.append(line)
            continue
        body, city = _strip_dateline(line)
        if city and dateline is None and not kept:
            dateline = city
        kept.append(body)
    return Cleaned("\n\n".join(kept), dateline, dropped)
