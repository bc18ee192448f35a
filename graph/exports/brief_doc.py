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

from .brief import Brief, Sentence
from .filters import ExportError, Selection, select

__all__ = ["render_markdown", "render_html", "html_to_pdf", "map_svg", "write_brief", "brief_format", "md_escape", "chromium_path"]

#: the static map keeps this many best-connected actors on a large graph
MAP_NODE_LIMIT = 60
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
def _trim(sel: Selection, limit: int, drop: set[str] = frozenset()) -> Selection:
    """The ``limit`` best-connected actors of a selection (less ``drop``) and the relations among them."""
    degree: dict[str, int] = {}
    for e in sel.edges:
        if e.source in drop or e.target in drop:
            continue
        degree[e.source] = degree.get(e.source, 0) + 1
        degree[e.target] = degree.get(e.target, 0) + 1
    keep = set(sorted(degree, key=lambda n: (-degree[n], n))[:limit])
    rels = [r for r in sel.relations if r.subject in keep and all(e in keep for e in r.ends())]
    ids = {r.id for r in rels}
    edges = [e for e in sel.edges if e.relation.id in ids]
    nodes = {n: a for n, a in sel.nodes.items() if n in {x for r in rels for x in (r.subject, *r.ends())}}
    return Selection(nodes, rels, edges, sel.sources, sel.as_of, sel.actor, sel.hops, sel.types, sel.polarity)


def _fold(sel: Selection, sides: dict[str, str]) -> Selection:
    """The selection with every actor drawn as the head of its side (ties inside a side left out)."""
    from .filters import Edge

    edges = []
    for e in sel.edges:
        a, b = sides.get(e.source, e.source), sides.get(e.target, e.target)
        if a != b and a in sel.nodes and b in sel.nodes:
            edges.append(Edge(e.id, a, b, e.relation))
    kept = {x for e in edges for x in (e.source, e.target)}
    rels = list({e.relation.id: e.relation for e in edges}.values())
    nodes = {n: a for n, a in sel.nodes.items() if n in kept}
    return Selection(nodes, rels, edges, sel.sources, sel.as_of, sel.actor, sel.hops, sel.types, sel.polarity)


def map_svg(kg, brief: Brief) -> str:
    """The map on D2 as SVG text safe to inline (no prolog, comment, metadata or script)."""
    from .formats import diagram
    from .html import HIDDEN_BY_DEFAULT

    sel = select(kg, as_of=brief.map_as_of, actor=brief.actor, hops=1 if brief.actor else None)
    minor = {n for n, a in sel.nodes.items() if a.type in HIDDEN_BY_DEFAULT and n != brief.actor}
    if len(minor) < len(sel.nodes):  # the map's defaults: persons, population groups, places and institutes left out
        sel = _trim(sel, len(sel.nodes), drop=minor)
    title = f"Relations active on {brief.map_as_of}"
    if brief.roll_up:  # as the brief's changes: institutions drawn as the state they act for
        from ..analysis.sides import side_map

        sel = _fold(sel, side_map(kg, as_of=brief.map_as_of))
        title += ", sides folded"
    shown = len({e.source for e in sel.edges} | {e.target for e in sel.edges})
    if shown > MAP_NODE_LIMIT:
        sel = _trim(sel, MAP_NODE_LIMIT)
        title += f" (the {MAP_NODE_LIMIT} best-connected of {shown} actors)"
    svg = diagram(sel, kg, "svg", title).decode("utf-8")
    svg = re.sub(r"<\?xml.*?\?>|<!DOCTYPE.*?>|<!--.*?-->|<metadata>.*?</metadata>", "", svg, flags=re.S)
    svg = re.sub(r"<script.*?</script>", "", svg, flags=re.S | re.I)
    return svg.strip()


# ---------------------------------------------------------------------------
# Markdown
# ---------------------------------------------------------------------------
def _md_sentence(s: Sentence) -> str:
    text = md_escape(s.text) + "".join(f"[^{n}]" for n in s.notes)
    if s.quote:
        text += f" — “{md_escape(s.quote)}”"
    return text


def render_markdown(brief: Brief, svg_name: str | None) -> str:
    """The brief as Markdown; ``svg_name`` is the map file beside it (None: no map)."""
    out = [f"# {md_escape(brief.title)}", ""]
    out += [f"- **Scope:** {md_escape(brief.scope)}",
            f"- **Period:** {md_escape(brief.since)} to {md_escape(brief.until)}",
            f"- **Generated:** {md_escape(brief.generated)} by actorgraph from the graph only; every factual "
            f"sentence has a footnote to its statement and source",
            "- **Sources:**"]
    out += [f"  - {md_escape(s['citation'])} \\[{md_escape(s['id'])}\\]" for s in brief.sources] or ["  - none cited"]
    out.append("")
    for sec in brief.sections:
        out += [f"## {md_escape(sec.title)}", ""]
        for kind, payload in sec.blocks:
            if kind == "h3":
                out += [f"### {md_escape(payload)}", ""]
            elif kind == "p":
                out += [" ".join(_md_sentence(s) for s in payload), ""]
            elif kind == "ul":
                out += ["- " + " ".join(_md_sentence(s) for s in item) for item in payload] + [""]
            elif kind == "map" and svg_name:
                out += [f"![Map of the relations active on {md_escape(payload)}]({svg_name})", ""]
    out += ["## Notes", ""]
    for note in brief.notes:
        quote = f"“{md_escape(note.quote)}”" if note.quote else "(no quote recorded)"
        out.append(f"[^{note.n}]: {quote} — {note.kind} `{note.id}`; source \\[{md_escape(note.source or 'none')}\\]")
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------
# HTML
# ---------------------------------------------------------------------------
_DATE = re.compile(r"\d{4}(?:-\d{2}){1,2}(?:/\d{4}(?:-\d{2}){0,2})?")


def _e(text: str) -> str:
    return html.escape(str(text), quote=True)


def _t(text: str) -> str:
    """Escaped text whose dates never break across lines (2025-01-01 stays whole)."""
    return _DATE.sub(lambda m: f'<span class="d">{m.group(0)}</span>', _e(text))


def _html_sentence(s: Sentence) -> str:
    text = _t(s.text) + "".join(f'<sup class="fn"><a href="#fn{n}">{n}</a></sup>' for n in s.notes)
    if s.quote:
        text += f' <q class="quote">{_e(s.quote)}</q>'
    return text


def render_html(brief: Brief, svg: str | None) -> str:
    """The brief as one self-contained HTML page (``svg``: the map, inlined)."""
    css = (resources.files("actorgraph.exports") / "templates" / "brief.css").read_text(encoding="utf-8")
    body = [f"<h1>{_t(brief.title)}</h1>", '<dl class="header">',
            f"<dt>Scope</dt><dd>{_e(brief.scope)}</dd>",
            f"<dt>Period</dt><dd>{_e(brief.since)} to {_e(brief.until)}</dd>",
            f"<dt>Generated</dt><dd>{_e(brief.generated)} by actorgraph from the graph only; every factual sentence "
            "has a footnote to its statement and source</dd>", "<dt>Sources</dt><dd><ul>"]
    body += [f'<li id="src-{_e(s["id"])}">{_e(s["citation"])} <span class="id">[{_e(s["id"])}]</span></li>'
             for s in brief.sources] or ["<li>none cited</li>"]
    body += ["</ul></dd></dl>"]
    for sec in brief.sections:
        body.append(f'<section id="{_e(sec.key)}"><h2>{_t(sec.title)}</h2>')
        for kind, payload in sec.blocks:
            if kind == "h3":
                body.append(f"<h3>{_t(payload)}</h3>")
            elif kind == "p":
                body.append("<p>" + " ".join(_html_sentence(s) for s in payload) + "</p>")
            elif kind == "ul":
                body.append("<ul>" + "".join("<li>" + " ".join(_html_sentence(s) for s in item) + "</li>"
                                             for item in payload) + "</ul>")
            elif kind == "map" and svg:
                body.append(f'<figure class="map">{svg}<figcaption>Relations active on {_e(payload)}: colour = polarity '
                            "(green friendly, red hostile, grey neutral); shape = actor type.</figcaption></figure>")
        body.append("</section>")
    body.append('<section id="notes"><h2>Notes</h2><ol class="notes">')
    for note in brief.notes:
        quote = f'<q class="fnq">{_e(note.quote)}</q>' if note.quote else "(no quote recorded)"
        src = (f'<a href="#src-{_e(note.source)}">{_e(note.source)}</a>' if note.source else "no source")
        body.append(f'<li id="fn{note.n}" value="{note.n}">{quote} — {_e(note.kind)} '
                    f'<code class="stmt">{_e(note.id)}</code>; source {src}</li>')
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
                                margin={"top": "16mm", "bottom": "18mm", "left": "16mm", "right": "16mm"})
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
