"""Read a report into plain text: text, Markdown, HTML (a real parser), PDF (pypdf).

The text returned is what every candidate quote is checked against: quotes
are verbatim sentences of it (whitespace collapsed, as ``validate
--source-text`` compares them).

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "r.html"
>>> _ = p.write_text("<p>Pakistan <b>struck</b> Kabul.</p><script>alert(1)</script>")
>>> read_document(p).text
'Pakistan struck Kabul.'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from ...core.errors import ExtractError

__all__ = ["Document", "read_document", "html_to_text", "markdown_to_text", "decode"]

#: Largest report read (bytes); a bigger file is refused, not truncated.
MAX_BYTES = 50_000_000

_BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section",
    "article", "blockquote", "header", "footer", "pre", "dd", "dt", "figcaption", "hr", "title",
}
_SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "head", "iframe", "object", "nav", "form", "button"}


@dataclass
class Document:
    """A report's text and what was learnt reading it."""

    path: str
    text: str
    kind: str  # text | markdown | html | pdf
    title: str | None = None


class _TextParser(HTMLParser):
    """Collect visible text; blocks become paragraph breaks; script/style dropped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.title: str | None = None
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP_TAGS and tag != "head":
            self.skip += 1
        if tag == "title":
            self._in_title = True
        if tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_startendtag(self, tag, attrs):
        if tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag in _SKIP_TAGS and tag != "head" and self.skip:
            self.skip -= 1
        if tag == "title":
            self._in_title = False
        if tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if self._in_title:
            self.title = " ".join(data.split()) or self.title
            return
        if not self.skip:
            self.parts.append(data)


def html_to_text(markup: str) -> tuple[str, str | None]:
    """Visible text of an HTML page (paragraphs kept) and its ``<title>``."""
    parser = _TextParser()
    parser.feed(markup)
    parser.close()
    text = "".join(parser.parts)
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    return "\n\n".join(p for p in paragraphs if p), parser.title


_MD_PATTERNS = [
    (re.compile(r"^```.*?^```", re.M | re.S), ""),            # code blocks
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),           # images → alt text
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),            # links → their text
    (re.compile(r"^\s{0,3}#{1,6}\s*", re.M), ""),             # headings
    (re.compile(r"^\s{0,3}>\s?", re.M), ""),                  # block quotes
    (re.compile(r"^\s*[-*+]\s+", re.M), ""),                  # bullets
    (re.compile(r"(\*\*|__)(.+?)\1"), r"\2"),                 # bold
    (re.compile(r"(?<![\w*])[*_](?!\s)(.+?)(?<!\s)[*_](?![\w*])"), r"\1"),  # italics
    (re.compile(r"`([^`]*)`"), r"\1"),                        # inline code
]


def markdown_to_text(text: str) -> str:
    """Markdown without its markup (links keep their text; HTML inside is stripped too)."""
    for pattern, repl in _MD_PATTERNS:
        text = pattern.sub(repl, text)
    if re.search(r"<[a-zA-Z/!]", text):
        text, _ = html_to_text(text.replace("\n\n", "<p>"))
    return text


def decode(data: bytes, name: str) -> str:
    """Decode a text file: UTF-8 (BOM dropped), UTF-16 with a BOM; anything else is refused."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise ExtractError(f"{name}: unknown encoding (broken UTF-16); save it as UTF-8") from None
    if b"\x00" in data[:8192]:
        raise ExtractError(f"{name}: binary file, not a text, HTML, Markdown or PDF report")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ExtractError(f"{name}: unknown encoding: invalid UTF-8 byte 0x{data[exc.start]:02X} on line {line}; "
                           "save the report as UTF-8") from None


def _pdf_text(path: Path) -> str:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError:
        raise ExtractError(f"{path}: reading PDF needs pypdf (pip install 'actorgraph[extract]')") from None
    try:
        reader = PdfReader(str(path))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise ExtractError(f"{path}: unreadable PDF: {' '.join(str(exc).split())}") from None
    return "\n\n".join(pages)


def read_document(path: str | Path) -> Document:
    """Read a report (``.txt``/``.md``/``.html``/``.pdf``; others sniffed) into a :class:`Document`.

    Raises :class:`~actorgraph.core.errors.ExtractError` (one line) on a missing,
    empty, binary or undecodable file.
    """
    path = Path(path)
    try:
        if not path.is_file():
            raise ExtractError(f"{path}: no such file")
        if path.stat().st_size > MAX_BYTES:
            raise ExtractError(f"{path}: too large ({path.stat().st_size} bytes; at most {MAX_BYTES})")
        data = path.read_bytes()
    except OSError as exc:
        raise ExtractError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if not data.strip():
        raise ExtractError(f"{path}: empty file: nothing to extract")
    suffix = path.suffix.lower()
    if suffix == ".pdf" or data.startswith(b"%PDF-"):
        text, kind, title = _pdf_text(path), "pdf", None
    else:
        raw = decode(data, str(path))
        head = raw[:2000].lower()
        if suffix in (".html", ".htm", ".xhtml") or "<html" in head or "<!doctype html" in head or "<body" in head:
            text, title = html_to_text(raw)
            kind = "html"
        elif suffix in (".md", ".markdown"):
            text, kind, title = markdown_to_text(raw), "markdown", None
        else:
            text, kind, title = raw, "text", None
    if not text.strip():
        raise ExtractError(f"{path}: no text in this {kind} file: nothing to extract")
    return Document(str(path), text, kind, title)
