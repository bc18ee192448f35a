"""Split a report into sentences with a real segmenter (pysbd).

Paragraphs cut by a page break in the middle of a sentence (a paragraph that
ends without final punctuation, followed by one that starts in lower case)
are joined first; whitespace inside a sentence is collapsed, so each
sentence occurs verbatim in the whitespace-normalised report.

>>> [s.text for s in sentences("Pakistan struck Kabul. The U.S. said\\n\\nnothing.")]
['Pakistan struck Kabul.', 'The U.S. said nothing.']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Sentence", "sentences", "paragraphs"]

_FINAL = re.compile(r"[.!?:;\"”’')\]]\s*$")


@dataclass(frozen=True)
class Sentence:
    """One sentence: its text (whitespace collapsed) and its paragraph number."""

    text: str
    paragraph: int
    index: int


def paragraphs(text: str) -> list[str]:
    """Paragraphs of ``text`` with whitespace collapsed and page-broken sentences rejoined."""
    out: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        para = " ".join(block.split())
        if not para:
            continue
        if out and not _FINAL.search(out[-1]) and para[:1].islower():
            out[-1] = out[-1] + " " + para
        else:
            out.append(para)
    return out


@lru_cache(maxsize=1)
def _segmenter():
    try:
        import pysbd
    except ImportError:  # the regex fallback below still splits sensibly
        return None
    return pysbd.Segmenter(language="en", clean=False)


_FALLBACK = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])")
# periods that do not end a sentence: initials (U.S.), titles and short forms (Gen., No., Jan.), decimals
_HARD = re.compile(r"\b(?:[A-Za-z]\.){2,}|\b(?:Mr|Ms|Mrs|Dr|Gen|Lt|Col|Maj|Capt|Sgt|St|No|Nos|Vol|vs|etc|e\.g|i\.e|"
                   r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Inc|Ltd|Co|Corp|approx|Prof|Sen|Rep|Gov|Mt|"
                   r"p|pp|ed|eds|al|cf|fig|[A-Z])\.\s|\d\.\d|\.\.\.|[.!?][\"”’)]?\s+[a-z]")


def sentences(text: str) -> list[Sentence]:
    """The sentences of ``text``, in order."""
    seg = _segmenter()
    out: list[Sentence] = []
    for number, para in enumerate(paragraphs(text)):
        # the segmenter where a period may not end a sentence; elsewhere the plain rule is the same and faster
        parts = seg.segment(para) if seg is not None and _HARD.search(para) else _FALLBACK.split(para)
        for part in parts:
            sentence = " ".join(part.split())
            if sentence:
                out.append(Sentence(sentence, number, len(out)))
    return out
