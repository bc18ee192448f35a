"""The map as an instrument, in headless Chromium: pair view, aggregation, fit/reset, places in the search,
camp colours, label declutter, the events strip and sides."""

from __future__ import annotations

import colorsys
import datetime as dt
import re

import pytest
from rdflib import Dataset

import actorgraph
from actorgraph.core.vocab import AG, AGD
from actorgraph.exports import export
from actorgraph.exports.samples import _dataset, write_trig
from actorgraph.exports.style import CAMP_COLORS, POLARITY_COLORS, TYPE_STYLES
from actorgraph.model.reads import events, relations
from actorgraph.write.statements import add_actor, add_statement

playwright_api = pytest.importorskip("playwright.sync_api")

LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]
#: at most this share of the shown labels' area may overlap another label
OVERLAP_LIMIT = 0.02


@pytest.fixture(scope="module")
def browser(chromium_path):
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path, args=LAUNCH_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def bundled_html(tmp_path_factory, kg):
    return export(kg, "html", tmp_path_factory.mktemp("map") / "map.html")[0]


def open_page(browser, path, width=1440, height=900):
    context = browser.new_context(viewport={"width": width, "height": height})
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(path.resolve().as_uri())
    page.wait_for_selector("body[data-ready='1']", timeout=30000)
    page.errors = errors
    return page


@pytest.fixture(scope="module")
def bundled(browser, bundled_html):
    page = open_page(browser, bundled_html)
    yield page
    page.context.close()


def pair_key(page, a, b):
    return page.evaluate("([a, b]) => { const g = actorgraph.computeVisible().edges.find(g => "
                         "(g.from === a && g.to === b) || (g.from === b && g.to === a)); return g ? g.id : null; }", [a, b])


def click_pair(page, key):
    """A real mouse click on the pair's line (tries a few points along it, away from labels and crossings)."""
    page.evaluate("() => { actorgraph.resetView(); }")
    for t in (0.5, 0.42, 0.58, 0.35, 0.65, 0.28, 0.72):
        xy = page.evaluate("""([k, t]) => { const n = actorgraph.network; const e = n.body.edges[k];
            const p = n.canvasToDOM({x: e.from.x + (e.to.x - e.from.x) * t, y: e.from.y + (e.to.y - e.from.y) * t});
            const r = document.getElementById('network').getBoundingClientRect();
            return {x: p.x + r.left, y: p.y + r.top}; }""", [key, t])
        page.mouse.click(xy["x"], xy["y"])
        try:  # a loaded machine may take a moment to handle the click
            page.wait_for_function("(k) => document.getElementById('panel-body').getAttribute('data-pair') === k",
                                   arg=key, timeout=1500)
            return
        except playwright_api.TimeoutError:
            page.evaluate("() => actorgraph.resetView()")
    raise AssertionError(f"no click point on the line of {key!r}")


# ---------------------------------------------------------------------------
# Pair view
# ---------------------------------------------------------------------------
def test_one_line_per_pair(bundled):
    edges = bundled.evaluate("() => actorgraph.computeVisible().edges.map(g => [g.from, g.to])")
    pairs = [tuple(sorted(e)) for e in edges]
    assert len(pairs) == len(set(pairs))
    drawn = bundled.evaluate("() => actorgraph.network.body.data.edges.get().filter(e => !e.hidden).length")
    assert drawn == len(edges)


def test_pair_click_shows_every_statement(bundled, kg):
    pair = {"pakistan", "taliban-regime"}
    expected = [r for r in relations(kg, actor="pakistan", with_="taliban-regime")
                if r.subject in pair and pair - {r.subject} <= set(r.ends())]  # not the mediations between them
    assert len(expected) >= 8
    key = pair_key(bundled, "pakistan", "taliban-regime")
    click_pair(bundled, key)
    panel = bundled.locator("#panel-body")
    assert panel.locator("h2").text_content() in ("Pakistan \u2014 Taliban regime", "Taliban regime \u2014 Pakistan")
    assert bundled.locator("#panel-body h3.pair-count").text_content() == f"{len(expected)} statements, by date"
    assert panel.locator(".pair-list .st").count() == len(expected)
    quotes = panel.locator(".pair-list blockquote").all_text_contents()
    assert sorted(quotes) == sorted(f"\u201c{r.quote}\u201d" for r in expected if r.quote)
    # the mini-timeline of its sign: hostile on the last month, and the dated list is in date order
    assert panel.locator(".pair-timeline rect.sign-hostile").count() > 0
    from actorgraph.core.dates import parse_date

    # dated cards first, newest first (by the first day its start can denote; an open start by its bound), undated after
    by_id = {r.id: r for r in expected}
    shown = [by_id[i] for i in panel.locator(".pair-list .st").evaluate_all("cs => cs.map(c => c.dataset.st)")]

    def first_day(r):  # None: no date at all (undated, or an open "..")
        text = r.start or r.end
        if not text:
            return None
        d = parse_date(text)
        if d.open_before and d.open_after:
            return None
        return d.latest if d.open_before else d.earliest

    days = [first_day(r) for r in shown]
    undated = days.count(None)
    assert undated and days[len(days) - undated:] == [None] * undated
    dated = days[:len(days) - undated]
    assert dated and dated == sorted(dated, reverse=True)
    # one source for every statement: its citation printed once, not on every card
    assert panel.locator("cite.source-once").count() == 1 and panel.locator(".pair-list .st cite").count() == 0
    # the events between them
    both = [e for e in events(kg) if e.date and {"pakistan", "taliban-regime"} <= set(e.agents + e.targets + e.victims)]
    assert panel.locator(".ev").count() == len(both) > 0
    # only the selected pair carries a relation label; the others show at most their count (the mouse
    # is moved to an empty corner of the canvas first: a line under the pointer shows its label on hover)
    box = bundled.locator("#network canvas").bounding_box()
    bundled.mouse.move(box["x"] + 3, box["y"] + 3)
    bundled.wait_for_timeout(150)
    labels = bundled.evaluate("() => actorgraph.network.body.data.edges.get().filter(e => !e.hidden).map(e => [e.id, e.label])")
    for edge_id, label in labels:
        if edge_id == key:
            assert "(" in label and label.endswith(")") and any(c.isalpha() for c in label)
        else:
            assert label == "" or label.isdigit(), label
    assert bundled.errors == []


def test_hundreds_of_statements_aggregate_into_one_line(browser, tmp_path):
    """ACLED-like data: 240 dated battles between two actors are one line with a monthly sparkline."""
    ds, g = _dataset()
    add_actor(g, AGD.army, "Army", [AG.State], [])
    add_actor(g, AGD.militia, "Militia", [AG.NonStateArmedGroup], [])
    add_actor(g, AGD.ally, "Ally", [AG.State], [])
    for i in range(240):  # 10 a month for 24 months
        month = f"{2024 + (i // 10) // 12}-{(i // 10) % 12 + 1:02d}"  # dated to the month, as the slider shows months
        add_statement(g, AGD.army, AG.attacks, AGD.militia, start=month, end=month,
                      quote=f"Battle {i} near the river.", source=AGD["source/test-doc"])
    add_statement(g, AGD.army, AG.alliedWith, AGD.ally, start="2024-01", quote="Allied.", source=AGD["source/test-doc"],
                  symmetric=True)
    assert isinstance(ds, Dataset)
    path = export(actorgraph.load(write_trig(ds, tmp_path / "battles.trig")), "html", tmp_path / "battles.html")[0]
    page = open_page(browser, path)
    try:
        months = page.evaluate("() => actorgraph.data.months")
        page.evaluate("(i) => actorgraph.setMonth(i)", months.index("2024-03"))
        shown = page.evaluate("() => actorgraph.computeVisible().edges.map(g => [g.from, g.to, g.sts.length])")
        assert sorted(map(tuple, shown)) == [("ally", "army", 1), ("army", "militia", 10)]
        page.evaluate("(k) => actorgraph.showPair(k)", pair_key(page, "army", "militia"))
        assert page.locator("#panel-body h3.pair-count").text_content() == "240 statements, by date"
        assert page.locator(".pair-timeline rect.bar").count() == 24  # one bar per month with battles
        assert page.evaluate("() => actorgraph.network.body.data.edges.get().filter(e => !e.hidden).length") == 2
        assert page.errors == []
    finally:
        page.context.close()


# ---------------------------------------------------------------------------
# Fit / reset, places in the search
# ---------------------------------------------------------------------------
def test_search_finds_a_place_and_reset_restores_the_view(browser, bundled_html, kg):
    page = open_page(browser, bundled_html)
    try:
        view0 = page.evaluate("() => [actorgraph.network.getScale(), actorgraph.network.getViewPosition()]")
        shown0 = sorted(page.evaluate("() => Object.keys(actorgraph.computeVisible().nodes)"))
        page.fill("#search", "Kabul")
        page.press("#search", "Enter")
        assert page.evaluate("() => actorgraph.network.getSelectedNodes()") == ["kabul"]
        assert "(a place)" in page.locator("#search-msg").text_content()
        assert page.locator("#panel-body .ev").count() == len([e for e in events(kg) if "kabul" in e.places and e.date])
        assert page.evaluate("() => actorgraph.network.getScale()") > view0[0] * 1.2
        page.click("#reset")
        scale, pos = page.evaluate("() => [actorgraph.network.getScale(), actorgraph.network.getViewPosition()]")
        assert abs(scale - view0[0]) / view0[0] < 0.02
        assert abs(pos["x"] - view0[1]["x"]) < 5 and abs(pos["y"] - view0[1]["y"]) < 5
        assert sorted(page.evaluate("() => Object.keys(actorgraph.computeVisible().nodes)")) == shown0
        assert page.locator("#panel").is_hidden() and page.input_value("#search") == ""
        # every shown actor is inside the canvas after the reset
        inside = page.evaluate("""() => { const n = actorgraph.network, ids = Object.keys(actorgraph.computeVisible().nodes);
            const r = document.getElementById('network').getBoundingClientRect(); const pos = n.getPositions(ids);
            return ids.every(id => { const p = n.canvasToDOM(pos[id]); return p.x >= 0 && p.y >= 0 && p.x <= r.width && p.y <= r.height; }); }""")
        assert inside
        assert page.errors == []
    finally:
        page.context.close()


# ---------------------------------------------------------------------------
# Colours
# ---------------------------------------------------------------------------
def _hue_sat(color):
    r, g, b = (int(color[i:i + 2], 16) / 255 for i in (1, 3, 5))
    h, _, s = colorsys.rgb_to_hls(r, g, b)
    return h * 360, s


def test_camp_colours_never_read_as_polarity(bundled):
    hues = [_hue_sat(c)[0] for c in (POLARITY_COLORS["friendly"], POLARITY_COLORS["hostile"])]
    for color in CAMP_COLORS:
        hue, sat = _hue_sat(color)
        assert sat > 0.3, color  # not a grey (neutral)
        assert all(min(abs(hue - h), 360 - abs(hue - h)) >= 30 for h in hues), color
    assert len(set(CAMP_COLORS)) == len(CAMP_COLORS)
    assert not set(CAMP_COLORS) & {style[0] for style in TYPE_STYLES.values()}  # switching to camps shows
    bundled.evaluate("() => actorgraph.resetView()")
    bundled.check("#colour-camps")
    try:
        used = set(bundled.evaluate("() => Object.keys(actorgraph.computeVisible().nodes).map(id => "
                                    "actorgraph.network.body.data.nodes.get(id).color.background)"))
        assert not used & set(POLARITY_COLORS.values())
        # the legend lists every member of every camp (no "+5")
        rows = bundled.locator("#camp-legend .camp span:not(.dot)").all_text_contents()
        assert rows and not any("+" in r for r in rows)
        listed = sum(len(r.split(": ", 1)[1].split(", ")) if ": " in r else len(r.split(", ")) for r in rows)
        in_camps = bundled.evaluate("""() => { const v = actorgraph.computeVisible(); const m = actorgraph.data.months;
            const c = actorgraph.data.camps.months[m[m.length - 1]]; return Object.keys(v.nodes).filter(id => c[id] !== undefined).length; }""")
        assert listed == in_camps > 10
    finally:
        bundled.check("input[name=colour][value=type]")


# ---------------------------------------------------------------------------
# Labels
# ---------------------------------------------------------------------------
def label_boxes(page):
    """Screen boxes of the shown node labels, measured from the node positions, sizes and the label font."""
    return page.evaluate("""() => {
        const n = actorgraph.network, scale = n.getScale(), ctx = document.createElement('canvas').getContext('2d');
        const nodes = n.body.data.nodes.get().filter(x => !x.hidden && x.label);
        const pos = n.getPositions(nodes.map(x => x.id));
        return nodes.map(x => {
            const size = n.body.nodes[x.id].options.font.size;  // the label font, in canvas units
            ctx.font = size + 'px arial';
            const w = ctx.measureText(x.label).width * scale, h = size * scale;
            const o = n.body.nodes[x.id].options, p = n.canvasToDOM(pos[x.id]);
            const top = p.y + (o.size + (o.font.vadjust || 0)) * scale;  // vis draws a label under its shape
            return {id: x.id, x1: p.x - w / 2, x2: p.x + w / 2, y1: top, y2: top + h};
        }); }""")


def overlap_share(boxes):
    total = sum((b["x2"] - b["x1"]) * (b["y2"] - b["y1"]) for b in boxes) or 1
    shared = 0.0
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            w = min(a["x2"], b["x2"]) - max(a["x1"], b["x1"])
            h = min(a["y2"], b["y2"]) - max(a["y1"], b["y1"])
            if w > 0 and h > 0:
                shared += w * h
    return shared / total


@pytest.mark.parametrize("size", [(1440, 900), (1024, 700)])
def test_labels_do_not_pile_up(browser, bundled_html, size):
    page = open_page(browser, bundled_html, *size)
    try:
        boxes = label_boxes(page)
        ids = {b["id"] for b in boxes}
        assert {"pakistan", "taliban-regime"} <= ids  # the hubs keep their names
        assert overlap_share(boxes) <= OVERLAP_LIMIT
        # zoomed out: fewer names, still no pile; zoomed in: more names
        page.evaluate("() => { const n = actorgraph.network; n.moveTo({scale: n.getScale() * 0.45}); actorgraph.declutter(); }")
        far = label_boxes(page)
        assert len(far) < len(boxes) and overlap_share(far) <= OVERLAP_LIMIT
        page.evaluate("() => { const n = actorgraph.network; n.moveTo({scale: n.getScale() / 0.45 * 2.2}); actorgraph.declutter(); }")
        near = label_boxes(page)
        assert overlap_share(near) <= OVERLAP_LIMIT
        # relation labels: none until a pair is hovered or selected
        labels = page.evaluate("() => actorgraph.network.body.data.edges.get().filter(e => !e.hidden).map(e => e.label)")
        assert all(lab == "" or lab.isdigit() for lab in labels)
        assert page.errors == []
    finally:
        page.context.close()


# ---------------------------------------------------------------------------
# Events strip
# ---------------------------------------------------------------------------
def test_events_strip_lists_the_month(bundled, kg):
    months = bundled.evaluate("() => actorgraph.data.months")
    bundled.locator("#slider").fill(str(months.index("2026-02")))
    items = bundled.locator("#events-month .evitem").all_text_contents()
    lo, hi = dt.date(2026, 2, 1), dt.date(2026, 2, 28)
    from actorgraph.core.dates import parse_date

    want = [e for e in events(kg) if e.date and parse_date(e.date).earliest <= hi
            and parse_date(e.end or e.date).latest >= lo]
    assert len(items) == len(want) > 0
    assert {i.rsplit(" (", 1)[0] for i in items} == {e.label for e in want}
    assert "February 2026" in bundled.locator("#events-month .evhead").first.text_content()
    assert bundled.locator("#events-bars rect[data-month]").count() > 5
    bundled.locator("#slider").fill(str(len(months) - 1))


#: a machine date a reader should never see: a bound form, an interval, an ISO month or day, an open start
MACHINE_DATE = re.compile(r"\[\.\.|\.\.\]|(?<![\w-])\d{4}-\d{2}(?:-\d{2})?(?![\w-])|\d{4}(?:-\d{2})*/\d{4}|\(start \.\.\)")


def test_readers_see_dates_in_words(bundled, kg):
    """The events list and the pair view write dates as a person does; the machine dates stay in the data."""
    from actorgraph.core.prose import event_when, period

    months = bundled.evaluate("() => actorgraph.data.months")
    bundled.locator("#slider").fill(str(months.index("2026-03")))
    strip = bundled.locator("#events-month").inner_text()
    assert "What happened in March 2026" in strip
    # an event dated within the month happened then; "in or after June 2021" only possibly did
    happened, _, loosely = strip.partition("Dated more loosely, possibly in March 2026:")
    assert "Five-day truce" in happened and "TTP resumes its attacks" in loosely and "TTP resumes" not in happened
    assert not MACHINE_DATE.search(strip), MACHINE_DATE.search(strip)
    assert "TTP resumes its attacks against Pakistan (in or after June 2021)" in strip
    assert "Pakistan\u2013Taliban ceasefire after the October 2025 airstrikes (in or after October 2025)" in strip
    for ev in events(kg):
        if ev.date and ev.label in strip:
            assert f"{ev.label} ({event_when(ev.date, ev.end)})" in strip
    # the pair view: every card's dates, the notes, the events and the timeline's ends
    click_pair(bundled, pair_key(bundled, "pakistan", "taliban-regime"))
    panel = bundled.locator("#panel-body")
    text = panel.inner_text()
    assert not MACHINE_DATE.search(text), MACHINE_DATE.search(text)
    assert "Since February 2026 at the latest \u00b7 hostile" in text  # was "[..2026-02] \u2192 \u00b7 hostile"
    assert "Since 27 February 2026 \u00b7 hostile" in text  # was "2026-02-27 \u2192 \u00b7 hostile"
    assert "Until November 2025 \u00b7 neutral" in text  # was "? \u2192 2025-11 \u00b7 neutral"
    assert "in February 2026 at the latest." in text  # the note's "([..2026-02])" dropped: its words say it
    assert "On 27 February 2026 \u00b7 Pakistani Minister of Defense declares" in text
    assert "June 2021" in panel.locator(".spark-ends").inner_text()
    by_id = {r.id: r for r in relations(kg)}
    for card in panel.locator(".pair-list .st").all():
        rel = by_id[card.get_attribute("data-st")]
        when = card.locator(".when").first.inner_text()
        words = period(rel.start, rel.end)
        assert when.startswith(words[:1].upper() + words[1:]), (when, rel.start, rel.end)
    # the slider still filters by the machine dates the page data keeps
    sts = bundled.evaluate("() => actorgraph.data.statements.filter(s => s.start === '[..2026-02]').map(s => s.when)")
    assert sts and all(w == "since February 2026 at the latest" for w in sts)
    bundled.locator("#slider").fill(str(len(months) - 1))
    assert bundled.errors == []


# ---------------------------------------------------------------------------
# Sides
# ---------------------------------------------------------------------------
def test_institutions_beside_their_state_and_folded(bundled, kg):
    sides = bundled.evaluate("() => actorgraph.data.sides")
    if not sides:
        pytest.skip("no sides in this graph (actorgraph.analysis.sides not available)")
    assert sides.get("pakistani-military") == "pakistan"
    bundled.evaluate("() => actorgraph.resetView()")
    dist = bundled.evaluate("""() => { const p = actorgraph.network.getPositions(['pakistan', 'pakistani-military']);
        return Math.hypot(p.pakistan.x - p['pakistani-military'].x, p.pakistan.y - p['pakistani-military'].y); }""")
    spread = bundled.evaluate("""() => { const p = Object.values(actorgraph.network.getPositions());
        const xs = p.map(q => q.x), ys = p.map(q => q.y);
        return Math.hypot(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys)); }""")
    assert dist < spread * 0.2
    before = bundled.evaluate("() => Object.keys(actorgraph.computeVisible().nodes)")
    assert "pakistani-military" in before
    bundled.check("#fold-sides")
    try:
        after = bundled.evaluate("() => actorgraph.computeVisible()")
        assert "pakistani-military" not in after["nodes"] and "pakistan" in after["nodes"]
        military = {r.id for r in relations(kg, actor="pakistani-military", with_="ttp")}
        pair = next(g for g in after["edges"] if {g["from"], g["to"]} == {"pakistan", "ttp"})
        assert military and military <= set(pair["sts"])
        assert bundled.evaluate("() => actorgraph.network.body.data.nodes.get('pakistani-military').hidden") is True
    finally:
        bundled.uncheck("#fold-sides")
    assert bundled.errors == []


def test_pair_view_shows_hostile_text_literally(browser, tmp_path):
    from actorgraph.exports.samples import HOSTILE, hostile_graph

    kg = actorgraph.load(write_trig(hostile_graph(), tmp_path / "hostile.trig"))
    page = open_page(browser, export(kg, "html", tmp_path / "hostile.html")[0])
    try:
        key = pair_key(page, "alpha", "beta")
        click_pair(page, key)
        body = page.locator("#panel-body")
        assert body.locator("h3.pair-count").text_content() == "1 statement, by date"
        text = body.text_content()
        assert "Alpha " + HOSTILE["img"] in text and "Beta " + HOSTILE["script"] in text
        assert "Quote " + HOSTILE["script"] + " " + HOSTILE["href"] in text
        assert page.evaluate("() => document.querySelectorAll('#panel-body img, #panel-body a, #panel-body script, "
                             "#events-month img, #sides-msg a').length") == 0
        # the selected pair's relation label is plain canvas text
        assert page.evaluate("(k) => actorgraph.network.body.data.edges.get(k).label", key) == "at war with (1)"
        assert page.errors == []
    finally:
        page.context.close()


# ---------------------------------------------------------------------------
# Ordering by weight, focus, repeated search, the legend, the window, undated statements
# ---------------------------------------------------------------------------
def _in_view(page, node_id):
    return page.evaluate("""(id) => { const n = actorgraph.network, p = n.canvasToDOM(n.getPositions([id])[id]);
        const r = document.getElementById('network').getBoundingClientRect();
        return p.x >= 0 && p.y >= 0 && p.x <= r.width && p.y <= r.height; }""", node_id)


def _search(page, text):
    page.fill("#search", text)
    page.press("#search", "Enter")
    page.wait_for_timeout(100)
    return page.evaluate("() => actorgraph.network.getScale()")


def test_strongest_tie_leads_the_tooltip_and_the_label(bundled, kg):
    bundled.evaluate("() => actorgraph.resetView()")
    key = pair_key(bundled, "pakistan", "taliban-regime")
    order = kg.ontology.tie_order()
    types = bundled.evaluate("(k) => actorgraph.computeVisible().edges.find(g => g.id === k).ps", key)
    assert types == sorted(types, key=lambda t: order[t]) and types[0] == "atWarWith" and len(types) > 5
    # the hover box lists the types strongest first; "at war with" is never cut into "... and N more"
    bundled.evaluate("""(k) => { const n = actorgraph.network, e = n.body.edges[k];
        const p = n.canvasToDOM({x: (e.from.x + e.to.x) / 2, y: (e.from.y + e.to.y) / 2});
        n.body.emitter.emit('hoverEdge', {edge: k, pointer: {DOM: p}}); }""", key)
    bullets = [line for line in bundled.locator("#tooltip").text_content().split("\n") if line.startswith("\u2022")]
    assert bullets[0].startswith("\u2022 at war with")
    label_of = {r.name: r.label for r in kg.ontology.relations.values()}
    labels = [label_of[t] for t in types]
    assert [b[2:].split(" \u00d7")[0] for b in bullets] == labels[:5]
    bundled.evaluate("() => actorgraph.network.body.emitter.emit('blurEdge', {})")
    bundled.evaluate("(k) => actorgraph.showPair(k)", key)
    assert bundled.evaluate("(k) => actorgraph.network.body.data.edges.get(k).label", key).startswith("at war with, ")
    bundled.evaluate("() => actorgraph.resetView()")
    assert bundled.errors == []


def test_focus_dims_the_rest_and_fits_the_neighbourhood(bundled):
    bundled.evaluate("() => actorgraph.resetView()")
    _search(bundled, "TTP")
    assert bundled.evaluate("() => actorgraph.state.focus") == "ttp"
    vis = bundled.evaluate("() => actorgraph.computeVisible()")
    near = {"ttp"} | {g["to"] for g in vis["edges"] if g["from"] == "ttp"} | {g["from"] for g in vis["edges"] if g["to"] == "ttp"}
    assert "pakistan" in near and len(near) < len(vis["nodes"])
    opacity = bundled.evaluate("() => Object.fromEntries(actorgraph.network.body.data.nodes.get()"
                               ".filter(n => !n.hidden).map(n => [n.id, n.opacity]))")
    assert {i for i, o in opacity.items() if o == 1} == near
    assert all(o < 0.5 for i, o in opacity.items() if i not in near)
    edges = bundled.evaluate("() => actorgraph.network.body.data.edges.get().filter(e => !e.hidden && !e.id.startsWith('layout:'))"
                             ".map(e => [e.from, e.to, e.color.opacity])")
    for a, b, o in edges:
        assert (o >= 0.6) == ("ttp" in (a, b)), (a, b, o)
    assert all(_in_view(bundled, i) for i in near)  # the view is fitted to the neighbourhood
    assert bundled.locator("#panel-body h2").text_content() == "Tehrik-i-Taliban Pakistan"
    bundled.evaluate("() => actorgraph.resetView()")
    assert bundled.evaluate("() => actorgraph.state.focus") is None
    assert set(bundled.evaluate("() => actorgraph.network.body.data.nodes.get().filter(n => !n.hidden).map(n => n.opacity)")) == {1}


@pytest.mark.parametrize("size", [(1440, 900), (1024, 700)])
def test_repeated_searches_keep_the_zoom(browser, bundled_html, size):
    page = open_page(browser, bundled_html, *size)
    try:
        first = _search(page, "TTP")
        again = _search(page, "TTP")
        assert abs(again - first) / first < 0.01 and _in_view(page, "ttp") and _in_view(page, "pakistan")
        after_ttp = _search(page, "Pakistan")
        assert _in_view(page, "pakistan")
        page.click("#reset")
        fresh = _search(page, "Pakistan")
        assert abs(after_ttp - fresh) / fresh < 0.01
        assert page.errors == []
    finally:
        page.context.close()


def test_a_shared_name_offers_both(bundled):
    bundled.evaluate("() => actorgraph.resetView()")
    _search(bundled, "Kabul")
    assert bundled.evaluate("() => actorgraph.network.getSelectedNodes()") == ["kabul"]
    other = bundled.locator("#search-msg button.also")
    assert other.count() == 1 and other.get_attribute("data-id") == "taliban-regime"
    other.click()
    assert bundled.evaluate("() => actorgraph.network.getSelectedNodes()") == ["taliban-regime"]
    assert bundled.locator("#panel-body h2").text_content() == "Taliban regime"
    bundled.click("#reset")
    assert bundled.locator("#search-msg").text_content() == ""


@pytest.mark.parametrize("size", [(1440, 900), (1024, 700)])
def test_legend_always_in_view(browser, bundled_html, size):
    page = open_page(browser, bundled_html, *size)
    try:
        box = page.locator("#legend").bounding_box()
        assert box["x"] >= 0 and box["y"] >= 0 and box["x"] + box["width"] <= size[0] and box["y"] + box["height"] <= size[1]
        text = page.locator("#legend").text_content()
        shown = page.evaluate("() => actorgraph.data.types.filter(t => actorgraph.state.types[t.id]).map(t => t.label)")
        assert all(label in text for label in shown)
        assert all(w in text for w in ("friendly", "hostile", "mixed", "diplomatic", "undated"))
        # the map's canvas ends where the legend begins (the legend covers no actor)
        net = page.locator("#network").bounding_box()
        assert net["y"] + net["height"] <= box["y"] + 1
        page.check("#colour-camps")
        text = page.locator("#legend").text_content()
        assert "model's reading" in text and "Pakistan's camp" in text
        box = page.locator("#legend").bounding_box()
        assert box["y"] + box["height"] <= size[1]
        # with the panel open, still in view
        page.evaluate("() => actorgraph.showNode('pakistan')")
        box = page.locator("#legend").bounding_box()
        assert box["x"] + box["width"] <= size[0] and box["y"] + box["height"] <= size[1]
        assert page.errors == []
    finally:
        page.context.close()


def test_date_range_window(bundled, kg):
    from actorgraph.core.dates import parse_date

    months = bundled.evaluate("() => actorgraph.data.months")
    bundled.evaluate("() => actorgraph.resetView()")
    types = [box.is_checked() for box in bundled.locator("#type-filters input").all()]
    for box in bundled.locator("#type-filters input").all():
        box.check()
    bundled.locator("#slider").fill(str(months.index("2025-10")))
    bundled.check("#window-on")
    bundled.select_option("#window-from", str(months.index("2021-06")))
    try:
        assert "from 1 June 2021 to 31 October 2025" in bundled.locator("#caption").text_content()
        shown = set(bundled.evaluate("() => actorgraph.computeVisible().edges.flatMap(g => g.sts)"))
        # every statement active at some month's end in the window is shown (graph.dates, read month by month) ...
        inside = set()
        for month in months[months.index("2021-06"):months.index("2025-10") + 1]:
            inside |= {r.id for r in actorgraph.relations(kg, as_of=month) if not r.hypothetical}
        assert inside <= shown
        # ... and nothing whose dates cannot meet the window (the "possible" rule on its own dates)
        lo, hi = parse_date("2021-06").earliest, parse_date("2025-10").latest
        possible = {r.id for r in actorgraph.relations(kg) if not r.hypothetical
                    and (not r.start or parse_date(r.start).earliest <= hi) and (not r.end or parse_date(r.end).latest >= lo)}
        assert shown <= possible and len(shown) > len(set(bundled.evaluate(
            "() => { const s = actorgraph.state, f = s.from; s.from = null; const v = actorgraph.computeVisible(); s.from = f;"
            " return v.edges.flatMap(g => g.sts); }")))
        # the events of the whole window are listed
        head = bundled.locator("#events-month .evhead").first.text_content()
        assert "June 2021 \u2013 October 2025" in head
        items = bundled.locator("#events-month .evitem").count()
        want = [e for e in events(kg) if e.date and parse_date(e.date).earliest <= hi and parse_date(e.end or e.date).latest >= lo]
        assert items == len(want) > 0
    finally:
        bundled.uncheck("#window-on")
        for box, on in zip(bundled.locator("#type-filters input").all(), types, strict=True):
            box.set_checked(on)
        bundled.locator("#slider").fill(str(len(months) - 1))
    assert bundled.evaluate("() => actorgraph.state.from") is None


def test_events_strip_zooms_to_event_months_and_play_skips(bundled, kg):
    from actorgraph.core.dates import parse_date

    months = bundled.evaluate("() => actorgraph.data.months")
    starts = {parse_date(e.date).earliest.strftime("%Y-%m") for e in events(kg) if e.date
              and not parse_date(e.date).open_before}
    bars = bundled.locator("#events-bars rect[data-month]")
    assert sorted(b.get_attribute("data-month") for b in bars.all()) == sorted(m for m in starts if m in months)
    assert min(float(b.get_attribute("width")) for b in bars.all()) >= 5  # readable, not 1-px bars
    stops = bundled.evaluate("() => actorgraph.stops()")
    assert len(stops) < len(months) / 3 and stops == sorted(stops)
    assert {months.index(m) for m in starts if m in months} <= set(stops)
    # every month the map changes is a stop: between two stops the shown statements stay the same
    shown = bundled.evaluate("""(stops) => stops.slice(0, -1).map((s, k) => {
        const a = []; for (let i = s; i < stops[k + 1]; i++) { actorgraph.state.month = i;
          a.push(actorgraph.computeVisible().edges.flatMap(g => g.sts).sort().join()); }
        return new Set(a).size; })""", stops)
    bundled.evaluate("(i) => actorgraph.setMonth(i)", len(months) - 1)
    assert set(shown) == {1}
    bundled.locator("#slider").fill("0")
    bundled.click("#play")
    bundled.wait_for_function("(s) => actorgraph.state.month === s", arg=stops[1], timeout=3000)
    bundled.click("#play")  # pause
    bundled.locator("#slider").fill(str(len(months) - 1))


def _undated_graph(tmp_path):
    ds, g = _dataset()
    for slug, name in (("army", "Army"), ("militia", "Militia"), ("ally", "Ally")):
        add_actor(g, AGD[slug], name, [AG.State], [])
    add_statement(g, AGD.army, AG.alliedWith, AGD.militia, start="2024-01", quote="Allied in 2024.",
                  source=AGD["source/test-doc"], symmetric=True)
    add_statement(g, AGD.army, AG.atWarWith, AGD.militia, quote="At war (no date).", source=AGD["source/test-doc"],
                  symmetric=True)
    add_statement(g, AGD.army, AG.accuses, AGD.ally, quote="Accuses (no date).", source=AGD["source/test-doc"])
    return export(actorgraph.load(write_trig(ds, tmp_path / "undated.trig")), "html", tmp_path / "undated.html")[0]


def test_undated_statements_drawn_apart_and_toggled(browser, tmp_path):
    page = open_page(browser, _undated_graph(tmp_path))
    try:
        def pairs():
            return {tuple(sorted((g["from"], g["to"]))): g for g in page.evaluate("() => actorgraph.computeVisible().edges")}

        def dashes(a, b):
            return page.evaluate("(k) => actorgraph.network.body.data.edges.get(k).dashes", pairs()[(a, b)]["id"])

        assert page.evaluate("() => actorgraph.data.statements.filter(s => s.undated).length") == 2
        # a pair known only from undated statements is drawn dash-dot; a pair with a dated one is not
        assert dashes("ally", "army") == [12, 4, 2, 4] and dashes("army", "militia") != [12, 4, 2, 4]
        # the slider's sign leaves the undated war out (the dated alliance decides) unless asked
        assert pairs()[("army", "militia")]["sign"] == "friendly"
        page.check("#undated-signs")
        assert pairs()[("army", "militia")]["sign"] in ("hostile", "mixed")
        page.uncheck("#undated-signs")
        page.evaluate("(k) => actorgraph.showPair(k)", pairs()[("army", "militia")]["id"])
        assert page.locator(".pair-timeline rect.sign-hostile").count() == 0
        assert page.locator(".pair-timeline rect.sign-friendly").count() > 0
        # the toggle hides them: the undated-only pair goes, the other keeps its dated statement
        page.uncheck("#show-undated")
        now = pairs()
        assert ("ally", "army") not in now and len(now[("army", "militia")]["sts"]) == 1
        assert "undated" not in page.locator("#legend").text_content()
        page.check("#show-undated")
        assert ("ally", "army") in pairs() and "undated statements only" in page.locator("#legend").text_content()
        assert page.errors == []
    finally:
        page.context.close()


def test_labels_clear_with_the_panel_open_at_1024(browser, bundled_html):
    page = open_page(browser, bundled_html, 1024, 700)
    try:
        key = pair_key(page, "pakistan", "taliban-regime")
        page.evaluate("(k) => actorgraph.showPair(k)", key)
        boxes = label_boxes(page)
        ids = {b["id"] for b in boxes}
        assert {"pakistan", "taliban-regime"} <= ids and overlap_share(boxes) <= OVERLAP_LIMIT
        # every shown actor and its name inside the canvas that is left
        width = page.evaluate("() => document.getElementById('network').clientWidth")
        assert all(b["x1"] >= -2 and b["x2"] <= width + 2 for b in boxes)
        # reset: the panel, the selection and its relation label go
        page.click("#reset")
        labels = page.evaluate("() => actorgraph.network.body.data.edges.get().filter(e => !e.hidden).map(e => e.label)")
        assert all(lab == "" or lab.isdigit() for lab in labels)
        assert page.evaluate("() => actorgraph.network.getSelectedNodes().length + actorgraph.network.getSelectedEdges().length") == 0
        assert page.errors == []
    finally:
        page.context.close()


def test_page_stays_fast(bundled):
    ready = bundled.evaluate("() => actorgraph.timings.ready - actorgraph.timings.built")
    per_change = bundled.evaluate("""() => { const m = actorgraph.data.months.length, t = performance.now();
        for (let i = 0; i < 40; i++) { actorgraph.setMonth(m - 1 - (i % 30)); }
        const d = (performance.now() - t) / 40; actorgraph.setMonth(m - 1); return d; }""")
    assert ready < 3000 and per_change < 40, (ready, per_change)
