"""A :class:`~actorgraph.exports.brief.Brief` as Markdown, one offline HTML file, or PDF.

* **Markdown** (reports, wikis): footnotes ``[^n]``; every text from the
  graph is escaped (``&``, ``<``, ``>`` as entities, Markdown punctuation
  backslash-escaped) so a label cannot become a link, an image or HTML. The
  map is an SVG file written beside it (``brief.md`` → ``brief.map.svg``).
* **HTML**: one file with its CSS and the map's SVG inlined; every string
  goes through :func:`html.escape`; a Content-Security-Policy forbids any
  script and any load; the only links are the footnotes' in-page anchors.
* **PDF**: headless Chromium (playwright + Debian's ``/usr/bin/chromium``)
  prints the HTML; :class:`~actorgraph.exports.filters.ExportError` with
  one line when no route exists.

>>> from actorgraph import load
>>> from actorgraph.exports.brief import build_brief
>>> text = render_markdown(build_brief(load()), "brief.map.svg")
>>> text.startswith("# Brief")
True
"""

from __future__ import annotations

import html
import os
import re
import shutil
from importlib import resources
from pathlib import Path

from ..core.prose import date_words
from .brief import Brief, Sentence
from .filters import ExportError

__all__ = ["render_markdown", "render_html", "html_to_pdf", "map_svg", "write_brief", "brief_format", "md_escape", "chromium_path"]

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~#!{}])")


def md_escape(text: str) -> str:
    """Text shown literally by any Markdown renderer (no link, image, HTML or emphasis).

    >>> md_escape("<img src=x> [a](b) *c*")
    '&lt;img src=x&gt; \\\\[a\\\\](b) \\\\*c\\\\*'
    """
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


# ---------------------------------------------------------------------------
# The static map
# ---------------------------------------------------------------------------
def map_svg(kg, brief: Brief) -> str:
    """The map on D2 as SVG text safe to inline (:mod:`actorgraph.exports.brief_map`: sides folded, page-sized)."""
    from .brief_map import brief_map_svg

    return brief_map_svg(kg, brief.map_as_of, brief.actor)


# ---------------------------------------------------------------------------
# Markdown
# ---------------------------------------------------------------------------
def _md_sentence(s: Sentence) -> str:
    return md_escape(s.text) + "".join(f"[^{n}]" for n in _unique(s.notes))


def _unique(numbers: list[int]) -> list[int]:
    """Footnote numbers once each, in order."""
    return sorted(set(numbers))


def _md_block(kind: str, payload) -> list[str]:
    if kind == "h3":
        return [f"### {md_escape(payload)}", ""]
    if kind == "p":
        return [" ".join(_md_sentence(s) for s in payload), ""]
    if kind in ("ul", "ties"):
        return ["- " + " ".join(_md_sentence(s) for s in item) for item in payload] + [""]
    if kind == "box":
        lines = [f"> **{md_escape(payload['lead'])}** ({md_escape(payload['by'])}), in the order the source makes them", ">"]
        return lines + [f"> - {_md_sentence(s)}" for s in payload["items"]] + [""]
    return []


def render_markdown(brief: Brief, svg_name: str | None) -> str:
    """The brief as Markdown; ``svg_name`` is the map file beside it (None: no map)."""
    out = [f"# {md_escape(brief.title)}", ""]
    out += [f"- **Scope:** {md_escape(brief.scope)}",
            f"- **Generated:** on {md_escape(date_words(brief.generated))} by actorgraph from the graph only; every factual "
            f"sentence has a footnote to the sentence of the source it rests on",
            "- **Sources:**"]
    out += [f"  - {md_escape(s['citation'])} \\[{md_escape(s['id'])}\\]" for s in brief.sources] or ["  - none cited"]
    out.append("")
    for sec in brief.sections:
        out += [f"## {md_escape(sec.title)}", ""]
        for kind, payload in sec.blocks:
            if kind == "map":
                if svg_name:
                    out += [f"![Map of the relations active on {md_escape(date_words(payload))}]({svg_name})", ""]
                continue
            out += _md_block(kind, payload)
    out += ["## Notes", ""]
    for note in brief.notes:
        quote = f"“{md_escape(note.quote)}”" if note.quote else "(no quote recorded)"
        out.append(f"[^{note.n}]: {quote} — \\[{md_escape(note.source or 'no source')}\\]")
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------
# HTML
# ---------------------------------------------------------------------------
def _e(text: str) -> str:
    return html.escape(str(text), quote=True)


def _html_sentence(s: Sentence) -> str:
    return _e(s.text) + "".join(f'<sup class="fn"><a href="#fn{n}">{n}</a></sup>' for n in _unique(s.notes))


def _html_block(kind: str, payload, svg: str | None) -> str:
    if kind == "h3":
        return f"<h3>{_e(payload)}</h3>"
    if kind == "p":
        return "<p>" + " ".join(_html_sentence(s) for s in payload) + "</p>"
    if kind in ("ul", "ties"):
        cls = ' class="ties"' if kind == "ties" else ""
        return (f"<ul{cls}>" + "".join("<li>" + " ".join(_html_sentence(s) for s in item) + "</li>" for item in payload)
                + "</ul>")
    if kind == "box":
        items = "".join(f"<li>{_html_sentence(s)}</li>" for s in payload["items"])
        return (f'<div class="box"><p class="lead"><strong>{_e(payload["lead"])}</strong> ({_e(payload["by"])}), '
                f"in the order the source makes them</p><ol>{items}</ol></div>")
    if kind == "map" and svg:
        return (f'<figure class="map">{svg}<figcaption>Relations the sources state as active on {_e(date_words(payload))}, one line '
                "per pair of sides and polarity (nothing weighed); the model's camps are in the appendix."
                "</figcaption></figure>")
    return ""


def render_html(brief: Brief, svg: str | None) -> str:
    """The brief as one self-contained HTML page (``svg``: the map, inlined)."""
    css = (resources.files("actorgraph.exports") / "templates" / "brief.css").read_text(encoding="utf-8")
    cites = "; ".join(f'<span id="src-{_e(s["id"])}">{_e(s["citation"].rstrip("."))}</span>'
                      for s in brief.sources) or "none cited"
    body = [f"<h1>{_e(brief.title)}</h1>",
            f'<p class="header"><strong>Source:</strong> {cites}. <strong>Scope:</strong> {_e(brief.scope)}. '
            f"<strong>Generated</strong> on {_e(date_words(brief.generated))} by actorgraph from the graph only; every factual "
            "sentence has a footnote to the sentence of the source it rests on.</p>"]
    for sec in brief.sections:
        body.append(f'<section id="{_e(sec.key)}"><h2>{_e(sec.title)}</h2>')
        body += [_html_block(kind, payload, svg) for kind, payload in sec.blocks]
        body.append("</section>")
    single = f" (all from {_e(brief.sources[0]['id'])})" if len(brief.sources) == 1 else ""
    body.append(f'<section id="notes"><h2>Notes: the sentences of the source{single}</h2><ol class="notes">')
    for note in brief.notes:
        quote = f'<q class="fnq">{_e(note.quote)}</q>' if note.quote else "(no quote recorded)"
        # one source: named in the header; several: each note says which
        src = (f' <span class="src">[<a href="#src-{_e(note.source)}">{_e(note.source)}</a>]</span>'
               if note.source and len(brief.sources) > 1 else "")
        body.append(f'<li id="fn{note.n}" value="{note.n}" data-ids="{_e(" ".join(note.ids))}" '
                    f'data-source="{_e(note.source or "")}">{quote}{src}</li>')
    body.append("</ol></section>")
    csp = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'none'; "
           "form-action 'none'; base-uri 'none'")
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">\n"
            "<meta name=\"referrer\" content=\"no-referrer\">\n"
            f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{_e(brief.title)}</title>\n"
            f"<style>\n{css}\n</style>\n</head>\n<body>\n<main>\n" + "\n".join(body) + "\n</main>\n</body>\n</html>\n")


# ---------------------------------------------------------------------------
# PDF through headless Chromium
# ---------------------------------------------------------------------------
def chromium_path() -> str | None:
    """Chromium to print with: ``$ACTORGRAPH_CHROMIUM``, else ``chromium`` on the PATH."""
    env = os.environ.get("ACTORGRAPH_CHROMIUM")
    if env:
        return env if Path(env).is_file() else None
    return shutil.which("chromium") or shutil.which("chromium-browser")


def html_to_pdf(page_html: str, title: str = "") -> bytes:
    """Print an HTML page to A4 PDF with headless Chromium (page numbers in the footer)."""
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise ExportError("no PDF route: PDF output needs playwright (pip install playwright) and chromium "
                          "(apt-get install chromium); write .html or .md instead") from None
    exe = chromium_path()
    if exe is None:
        raise ExportError("no PDF route: chromium not found (apt-get install chromium, or set ACTORGRAPH_CHROMIUM); "
                          "write .html or .md instead")
    footer = ('<div style="font-size:8px;width:100%;text-align:center;color:#666">'
              f'{_e(title)} — page <span class="pageNumber"></span> of <span class="totalPages"></span></div>')
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=exe, args=["--headless", "--no-sandbox", "--disable-gpu"])
            try:
                page = browser.new_page()
                page.route("**/*", lambda route: route.abort() if not route.request.url.startswith("about:")
                           else route.continue_())
                page.set_content(page_html, wait_until="load")
                return page.pdf(format="A4", print_background=True, display_header_footer=True,
                                header_template="<span></span>", footer_template=footer,
                                margin={"top": "13mm", "bottom": "14mm", "left": "15mm", "right": "15mm"})
            finally:
                browser.close()
    except PlaywrightError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ExportError(f"no PDF route: headless chromium failed ({first})") from None


# ---------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------
def brief_format(path: str | Path) -> str:
    """``md``, ``html`` or ``pdf`` from the file name (one-line error otherwise).

    >>> brief_format("out/brief.PDF"), brief_format("notes.markdown")
    ('pdf', 'md')
    """
    name = Path(path).name
    fmt = {"md": "md", "markdown": "md", "html": "html", "htm": "html", "pdf": "pdf"}.get(
        Path(path).suffix.lower().lstrip("."))
    if fmt is None:
        raise ExportError(f"cannot tell the brief's format from {name!r}: end the name with .md, .html or .pdf")
    return fmt


def write_brief(kg, brief: Brief, path: str | Path) -> list[Path]:
    """Write the brief to ``path`` (.md, .html or .pdf by suffix); return the files written."""
    from .files import atomic_write

    target = Path(path)
    fmt = brief_format(target)
    for p in (target, target.with_suffix(".map.svg")):
        if p.exists() and not p.is_file():
            raise ExportError(f"cannot write {p}: it is not a regular file")
    svg = map_svg(kg, brief)
    if fmt == "md":
        svg_path = target.with_name(target.stem + ".map.svg")
        written = [atomic_write(svg_path, svg)]
        return [atomic_write(target, render_markdown(brief, svg_path.name))] + written
    page = render_html(brief, svg)
    if fmt == "html":
        return [atomic_write(target, page)]
    return [atomic_write(target, html_to_pdf(page, brief.title))]
