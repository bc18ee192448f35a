"""The analyst's brief: content from the graph only, quotes verbatim, three formats read back, hostile text inert."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest

import actorgraph
from actorgraph.core.vocab import AG
from actorgraph.exports.brief import LIMITS, build_brief, figure_text
from actorgraph.exports.brief_doc import chromium_path, md_escape, render_html, render_markdown, write_brief
from actorgraph.exports.samples import HOSTILE, hostile_graph, synthetic_graph, write_trig
from actorgraph.model.records import Quantity

ROOT = Path(__file__).resolve().parent.parent
QUOTE_QUERY = "SELECT ?q WHERE { ?node ag:quote ?q }"


def stored_quote(kg, node_id: str) -> str:
    """The node's ag:quote, read straight from the store (parameter bound, not formatted)."""
    from actorgraph.model.records import iri

    rows = kg.select(f"PREFIX ag: <{AG._NS}> " + QUOTE_QUERY, node=iri(node_id))
    assert len(rows) == 1, node_id
    return str(rows[0]["q"])


@pytest.fixture(scope="module")
def bundled_brief(kg):
    return build_brief(kg, since="2025-01-01", until="2026-03-31")


@pytest.fixture(scope="module")
def hostile_kg(tmp_path_factory):
    return actorgraph.load(write_trig(hostile_graph(), tmp_path_factory.mktemp("hb") / "hostile.trig"))


def sentences(brief):
    for sec in brief.sections:
        for kind, payload in sec.blocks:
            if kind == "p":
                yield from payload
            elif kind == "ul":
                for item in payload:
                    yield from item


# ---------------------------------------------------------------------------
# Content
# ---------------------------------------------------------------------------
def test_header_and_sections(bundled_brief):
    b = bundled_brief
    assert (b.since, b.until) == ("2025-01-01", "2026-03-31")
    assert b.scope.startswith("the whole graph; camps, triads and enemies of enemies are computed over sides")
    assert [s["id"] for s in b.sources] == ["source/ifri-letter-116"]
    assert "Letter from the Center for Asian Studies, No. 116" in b.sources[0]["citation"]
    assert [s.key for s in b.sections] == ["camps", "map", "changes", "triads", "timeline"]


def test_camps_are_those_of_analyze_blocs(bundled_brief, kg):
    """The camps over sides, as `actorgraph analyze blocs --as-of D2` finds them."""
    from actorgraph.analysis.measures import blocs

    camps = [s.text for s in sentences(bundled_brief) if s.text.startswith("The camp of")]
    assert len(camps) == 2
    pakistan = next(c for c in camps if c.startswith("The camp of Pakistan ("))
    members = pakistan.split(": ", 1)[1].rstrip(".").split(", ")
    assert "Pakistan" in members and "United States" in members and "Taliban" not in members
    assert "Pakistani military" not in members  # an institution counts as its state (sides)
    want = blocs(kg, "2026-03-31")
    assert sorted(sorted(c.split(": ", 1)[1].rstrip(".").split(", ")) for c in camps) == \
        sorted(sorted(b["labels"]) for b in want["blocs"])
    assert any(f"frustration index of {want['frustration']} " in s.text for s in sentences(bundled_brief))


def test_changes_grouped_by_side_pair_with_quotes(bundled_brief, kg):
    changes = next(s for s in bundled_brief.sections if s.key == "changes")
    heads = [p for k, p in changes.blocks if k == "h3"]
    assert heads[0] == "Pakistan side and Taliban side"  # the heaviest pair of sides comes first
    first = changes.blocks[[b[1] for b in changes.blocks].index(heads[0]) + 1][1]
    texts = [item[0].text for item in first]
    assert any("Pakistani Air Force attacks Taliban army" in t for t in texts)  # institutions under their side
    items = [item[0] for k, p in changes.blocks if k == "ul" for item in p]
    war = next(s for s in items if "at war with" in s.text)
    assert war.text.startswith("Began 2026-02-27") and "claimed by Pakistani Minister of Defense" in war.text
    note = bundled_brief.notes[war.notes[0] - 1]
    assert war.quote == note.quote == stored_quote(kg, note.id)


def test_every_factual_sentence_is_footnoted(bundled_brief):
    for s in sentences(bundled_brief):
        analysis = s.text.startswith(("Analysis", "From the graph", "None", "No ", "The frustration index was")) \
            or "more" in s.text or s.text.startswith("The camp of") or "balance theory" in s.text
        if not analysis:
            assert s.notes, s.text
        assert all(1 <= n <= len(bundled_brief.notes) for n in s.notes)


def test_footnoted_quotes_are_stored_and_verbatim_in_the_source(bundled_brief, kg):
    assert len(bundled_brief.notes) > 20
    text = None
    # ../shared beside the checkout (CI), or beside the worktrees' parent
    for source in (ROOT.parent / "shared" / "sources" / "ifri-letter-116.txt",
                   ROOT.parent.parent / "shared" / "sources" / "ifri-letter-116.txt"):
        if source.exists():
            text = " ".join(source.read_text(encoding="utf-8").split())
            break
    for note in bundled_brief.notes:
        assert note.quote == stored_quote(kg, note.id)
        assert note.source == "source/ifri-letter-116"
        if text is not None:
            assert " ".join(note.quote.split()) in text, note.id


def test_timeline_keeps_the_texts_figures(bundled_brief):
    timeline = next(s for s in bundled_brief.sections if s.key == "timeline")
    lines = [" ".join(x.text for x in item) for k, p in timeline.blocks if k == "ul" for item in p]
    dates = [line.split(":", 1)[0] for line in lines]
    assert dates[0] == "2025" and dates[-1] == "2026-03"
    assert any("more than 660 people" in line for line in lines)
    assert any(line.startswith("2026-02-27: ") for line in lines)
    assert figure_text(Quantity("q", "x", 100, "several", "person", None, None, None, None)) == "several hundred people"
    assert figure_text(Quantity("q", "x", 1_000_000, "nearly", "person", None, None, None, None)) == "nearly 1,000,000 people"
    assert figure_text(Quantity("q", "x", 15, "exactly", "percent", None, None, None, None)) == "15%"


def test_actor_scope(kg):
    b = build_brief(kg, since="2025-01-01", until="2026-03-31", actor="TTP")
    assert b.scope.startswith("Tehrik-i-Taliban Pakistan")
    changes = next(s for s in b.sections if s.key == "changes")
    for k, p in changes.blocks:
        if k == "h3":
            assert "Tehrik-i-Taliban Pakistan" in p


def test_big_graph_is_summarised(tmp_path):
    kg = actorgraph.load(write_trig(synthetic_graph(300, 1500, seed=3), tmp_path / "big.trig"))
    b = build_brief(kg, since="2024-01-01", until="2025-12-31")
    changes = next(s for s in b.sections if s.key == "changes")
    assert sum(1 for k, _ in changes.blocks if k == "h3") == LIMITS["change_pairs"]
    assert any("more pair(s) of sides changed" in s.text for s in sentences(b))
    for k, p in changes.blocks:
        if k == "ul":
            assert len(p) <= LIMITS["changes_per_pair"]


# ---------------------------------------------------------------------------
# Formats, read back by independent readers
# ---------------------------------------------------------------------------
class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.fnq: list[str] = []
        self._in_fnq = False
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        self._in_fnq = tag == "q" and attrs.get("class") == "fnq"
        if self._in_fnq:
            self.fnq.append("")

    def handle_endtag(self, tag):
        if tag == "q":
            self._in_fnq = False

    def handle_data(self, data):
        self.text.append(data)
        if self._in_fnq:
            self.fnq[-1] += data


def test_html_is_offline_and_quotes_read_back(bundled_brief, kg, tmp_path):
    path = write_brief(kg, bundled_brief, tmp_path / "brief.html")[0]
    page = path.read_text(encoding="utf-8")
    reader = Tags()
    reader.feed(page)
    names = {t for t, _ in reader.tags}
    assert "script" not in names and "img" not in names and "iframe" not in names and "svg" in names
    for tag, attrs in reader.tags:
        for k, v in attrs.items():
            assert not k.startswith("on"), (tag, k)
            if k in ("href", "src", "xlink:href"):
                assert v.startswith("#"), (tag, k, v)  # in-page footnote anchors only
    assert "Content-Security-Policy" in page
    assert reader.fnq == [n.quote for n in bundled_brief.notes]  # verbatim after unescaping
    assert "<!--" not in page and "<?xml" not in page


def test_markdown_reads_back_and_has_its_svg(bundled_brief, kg, tmp_path):
    from markdown_it import MarkdownIt

    md_path, svg_path = write_brief(kg, bundled_brief, tmp_path / "brief.md")
    assert svg_path.name == "brief.map.svg" and svg_path.read_text().startswith("<svg")
    text = md_path.read_text(encoding="utf-8")
    assert "](brief.map.svg)" in text
    notes = re.findall(r"^\[\^(\d+)\]: “(.*)” — (\w+) `([^`]+)`", text, re.M)
    assert len(notes) == len(bundled_brief.notes)
    for n, quote, _, node in notes:
        plain = html.unescape(re.sub(r"\\(.)", r"\1", quote))
        assert plain == bundled_brief.notes[int(n) - 1].quote == stored_quote(kg, node)
    rendered = MarkdownIt().render(text)
    assert "<h1>Brief: who is with or against whom" in rendered


def test_hostile_strings_stay_text(hostile_kg, tmp_path):
    from markdown_it import MarkdownIt

    b = build_brief(hostile_kg, since="2025-01-01", until="2026-03-31")
    page = render_html(b, None)
    reader = Tags()
    reader.feed(page)
    assert {t for t, _ in reader.tags} <= {"html", "head", "meta", "title", "style", "body", "main", "h1", "h2", "h3",
                                           "dl", "dt", "dd", "ul", "li", "section", "p", "sup", "a", "q", "ol",
                                           "code", "span"}
    text = "".join(reader.text)
    assert HOSTILE["script"] in text and HOSTILE["href"] in text and "Alpha " + HOSTILE["img"] in text
    md = render_markdown(b, None)
    rendered = MarkdownIt("commonmark").render(md)
    assert "<img" not in rendered and "<script" not in rendered and "<a " not in rendered
    assert html.escape(HOSTILE["script"], quote=False) in rendered
    assert md_escape("[x](javascript:alert(1))") == "\\[x\\](javascript:alert(1))"


# ---------------------------------------------------------------------------
# CLI and PDF
# ---------------------------------------------------------------------------
def test_cli_errors(cli, tmp_path):
    code, _, err = cli("brief", "-o", str(tmp_path / "b.txt"))
    assert code != 0 and err.strip() == "Error: cannot tell the brief's format from 'b.txt': end the name with .md, .html or .pdf"
    code, _, err = cli("brief", "--since", "2026", "--until", "2025", "-o", str(tmp_path / "b.md"))
    assert code != 0 and err.strip() == "Error: brief: --until 2025 is before --since 2026"
    code, _, err = cli("brief", "--since", "2025-13", "-o", str(tmp_path / "b.md"))
    assert code == 2 and "2025-13" in err and len(err.strip().splitlines()) == 1
    (tmp_path / "dir.md").mkdir()
    code, _, err = cli("brief", "-o", str(tmp_path / "dir.md"))
    assert code != 0 and "not a regular file" in err and not list((tmp_path / "dir.md").iterdir())
    assert not (tmp_path / "b.md").exists()


def test_cli_markdown_roll_up_actor(cli, tmp_path):
    code, _, err = cli("brief", "--actor", "Pakistan", "--roll-up", "--since", "2025-01-01", "-o", str(tmp_path / "p.md"))
    assert code == 0, err
    text = (tmp_path / "p.md").read_text(encoding="utf-8")
    assert text.startswith("# Brief: Pakistan, 2025-01-01 to 2026-03-31")
    assert "changes and events are rolled up to sides too" in text and (tmp_path / "p.map.svg").exists()


def test_no_pdf_route_is_one_line(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("ACTORGRAPH_CHROMIUM", str(tmp_path / "no-such-chromium"))
    code, _, err = cli("brief", "-o", str(tmp_path / "b.pdf"))
    assert code == 1 and err.startswith("Error: no PDF route: chromium not found") and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "b.pdf").exists()


def test_pdf_prints_the_brief(chromium_path, tmp_path):
    pytest.importorskip("playwright.sync_api")
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    started = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", "from actorgraph.cli import main; main()", "brief", "--since",
                          "2025-01-01", "--until", "2026-03-31", "-o", str(tmp_path / "brief.pdf")],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    elapsed = time.perf_counter() - started
    assert out.returncode == 0, out.stderr
    data = (tmp_path / "brief.pdf").read_bytes()
    assert data.startswith(b"%PDF-")
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "brief.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    flat = " ".join(text.split())
    assert "Camps on 2026-03-31" in flat and "What changed between 2025-01-01 and 2026-03-31" in flat
    assert "open war with Afghanistan" in flat and "statement/" in flat
    assert elapsed < 30, elapsed  # the goal is < 10 s on an idle machine; CI shares its cores


def test_chromium_path_env(monkeypatch, tmp_path):
    monkeypatch.setenv("ACTORGRAPH_CHROMIUM", str(tmp_path / "none"))
    assert chromium_path() is None


def test_rolled_up_map_draws_sides(kg):
    from actorgraph.analysis.sides import side_map
    from actorgraph.exports.brief_doc import _fold
    from actorgraph.exports.filters import select

    sel = select(kg, as_of="2026-03-31")
    folded = _fold(sel, side_map(kg, as_of="2026-03-31"))
    assert "pakistani-military" in {e.source for e in sel.edges} | {e.target for e in sel.edges}
    assert "pakistani-military" not in folded.nodes and "pakistan" in folded.nodes
    attacks = {e.relation.id for e in sel.edges if e.source == "pakistani-air-force" and e.relation.predicate == "attacks"}
    assert attacks and attacks <= {e.relation.id for e in folded.edges if e.source == "pakistan"}
    assert all(e.source != e.target for e in folded.edges)
