"""The HTML map in headless Chromium: offline, no console error, hostile text inert, slider, panel, search."""

from __future__ import annotations

import datetime as dt
import itertools
import re

import pytest

import actorgraph
from actorgraph.core.dates import is_active, parse_date, parse_day
from actorgraph.exports import export
from actorgraph.exports.samples import HOSTILE, hostile_graph, write_trig

playwright_api = pytest.importorskip("playwright.sync_api")

LAUNCH_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


@pytest.fixture(scope="module")
def browser(chromium_path):
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path, args=LAUNCH_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def hostile_html(tmp_path_factory):
    folder = tmp_path_factory.mktemp("html")
    kg = actorgraph.load(write_trig(hostile_graph(), folder / "hostile.trig"))
    return export(kg, "html", folder / "map.html")[0]


class Page:
    """A page with every request, console message, page error and dialog recorded."""

    def __init__(self, browser, path):
        self.requests: list[str] = []
        self.console: list[tuple[str, str]] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.context = browser.new_context(viewport={"width": 1400, "height": 900})
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.console.append((m.type, m.text)))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_selector("body[data-ready='1']", timeout=20000)

    def _route(self, route):
        url = route.request.url
        self.requests.append(url)
        if url.startswith("file:"):
            route.continue_()
        else:
            route.abort()

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def js(self, code, arg=None):
        return self.page.evaluate(code, arg)

    def close(self):
        self.context.close()


@pytest.fixture(scope="module")
def hostile_page(browser, hostile_html):
    page = Page(browser, hostile_html)
    yield page
    page.close()


def test_offline_no_requests_no_errors(hostile_page, hostile_html):
    page = hostile_page
    assert [u for u in page.requests if not u.startswith("file:")] == []
    assert page.requests == [hostile_html.resolve().as_uri()]
    assert page.errors == []
    assert [m for m in page.console if m[0] in ("error", "warning")] == []
    assert page.dialogs == []


def test_static_page_has_no_external_reference(hostile_html):
    text = hostile_html.read_text(encoding="utf-8")
    # no src/href attribute anywhere (everything is inline), no CDN
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", text, re.I)
    assert "cdn" not in text.lower()
    # the only URLs are in licence comments and the SVG namespace
    urls = set(re.findall(r"https?://[\w./-]+", text))
    assert urls <= {"http://almende.com", "http://opensource.org/licenses/MIT", "http://www.apache.org/licenses/LICENSE-2.0",
                    "http://www.w3.org/2000/svg", "https://github.com/uuidjs/uuid", "https://github.com/visjs",
                    "https://github.com/zloirock/core-js", "https://github.com/zloirock/core-js/blob/v3.21.1/LICENSE",
                    "https://visjs.github.io/vis-network/", "http://example.invalid"}, urls
    # the embedded JSON cannot close its script element
    data = text.split('id="ag-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in data and ">" not in data and "\u2028" not in data and "&" not in data
    assert text.count("</script>") == 3  # data, vis-network, the page script


def test_hostile_text_is_literal(hostile_page):
    page = hostile_page
    js = page.js
    # the labels are in the vis DataSet verbatim (drawn on canvas as text)
    label = js("() => actorgraph.network.body.data.nodes.get('alpha').label")
    assert label == "Alpha " + HOSTILE["img"]
    assert js("() => document.querySelectorAll('img, iframe, a[href], object, embed').length") == 0
    caption = js("() => document.getElementById('caption').textContent")
    assert HOSTILE["script"] in caption
    # open the evidence panel for alpha: quote and citation are text
    js("() => actorgraph.showNode('alpha')")
    body = js("() => document.getElementById('panel-body').textContent")
    assert "Alpha " + HOSTILE["img"] in body
    assert HOSTILE["href"] in body and HOSTILE["script"] in body
    assert js("() => document.querySelectorAll('#panel-body img, #panel-body a, #panel-body script').length") == 0
    # aliases appear literally too
    js("() => actorgraph.showNode('beta')")
    assert HOSTILE["js"] in js("() => document.getElementById('panel-body').textContent")
    # hover tooltip is text
    js("""() => { const n = actorgraph.network; const p = n.canvasToDOM(n.getPositions(['alpha']).alpha);
                  n.body.emitter.emit('hoverNode', {node: 'alpha', pointer: {DOM: p}}); }""")
    tip = page.page.locator("#tooltip")
    assert "Alpha " + HOSTILE["img"] in tip.text_content()
    assert js("() => document.querySelectorAll('#tooltip *').length") == 0
    page.page.wait_for_timeout(200)
    assert page.dialogs == [] and page.errors == []


def test_edge_click_opens_evidence(hostile_page):
    js = hostile_page.js
    key = js("() => actorgraph.computeVisible().edges.find(g => g.ps.includes('atWarWith')).id")
    js("(k) => actorgraph.showEdge(k)", key)
    body = js("() => document.getElementById('panel-body').textContent")
    assert "at war with" in body and "Quote " + HOSTILE["script"] in body
    assert "Test, Doc. " + HOSTILE["script"] in body  # the citation
    # a real click on the edge's midpoint selects it and opens the panel
    js("() => { document.getElementById('panel').hidden = true; actorgraph.network.unselectAll(); }")
    hostile_page.page.wait_for_timeout(300)  # the canvas grows back when the panel closes
    js("() => actorgraph.network.redraw()")
    pos = js("""(k) => { const n = actorgraph.network; const e = n.body.edges[k];
                        const a = n.canvasToDOM({x: (e.from.x + e.to.x) / 2, y: (e.from.y + e.to.y) / 2});
                        const r = document.getElementById('network').getBoundingClientRect();
                        return {x: a.x + r.left, y: a.y + r.top}; }""", key)
    hostile_page.page.mouse.click(pos["x"], pos["y"])
    hostile_page.page.wait_for_timeout(150)
    assert js("() => document.getElementById('panel').hidden") is False
    assert "at war with" in js("() => document.getElementById('panel-body').textContent")


def test_time_slider_matches_python_as_of(hostile_page, hostile_html):
    js = hostile_page.js
    kg = actorgraph.load(hostile_html.parent / "hostile.trig")
    months = js("() => actorgraph.data.months")
    assert months[0] == "2014-01" and months[-1] == "2026-03"
    slider = hostile_page.page.locator("#slider")
    for month in ("2014-06", "2021-08", "2022-03", "2024-06", "2024-07", "2025-10", "2026-01", "2026-02", "2026-03"):
        slider.fill(str(months.index(month)))
        shown = set(js("() => actorgraph.computeVisible().edges.flatMap(g => g.sts)"))
        expected = {r.id for r in actorgraph.relations(kg, as_of=month) if r.subject not in ("epsilon", "eta")
                    and not ({"epsilon", "eta"} & set(r.ends()))}  # persons/population groups hidden at first
        assert shown == expected, month
        assert parse_day(month).strftime("%-d %B %Y") in hostile_page.page.locator("#caption").text_content()


DATES = ["2025", "2025-10", "2025-10-15", "2014/2015", "2021-06/2021-08", "2024-02", "2024-02-29", "2023-02", None]
DAYS = ["2013-12-31", "2014-01-01", "2015-12-31", "2016-01-01", "2021-05-31", "2021-06-01", "2021-08-31",
        "2021-09-01", "2024-02-28", "2024-02-29", "2024-03-01", "2023-02-28", "2025-01-01", "2025-09-30",
        "2025-10-01", "2025-10-14", "2025-10-15", "2025-10-16", "2025-10-31", "2025-11-01", "2025-12-31",
        "2026-01-01"]


def test_js_as_of_rule_parity(hostile_page):
    js = hostile_page.js
    cases = [(s, e, d) for s, e in itertools.product(DATES, DATES) for d in DAYS]
    got = js("(cases) => cases.map(c => actorgraphDates.isActive(c[0], c[1], c[2]))", cases)
    want = [is_active(parse_date(s) if s else None, parse_date(e) if e else None, dt.date.fromisoformat(d))
            for s, e, d in cases]
    assert got == want
    texts = [t for t in DATES if t] + ["2000-02", "1900-02", "2100-12", "2026-02-27", "2025/2026-01"]
    got_dates = js("(ts) => ts.map(t => [actorgraphDates.parseDate(t).earliest, actorgraphDates.parseDate(t).latest,"
                   " actorgraphDates.parseDay(t)])", texts)
    want_dates = [[parse_date(t).earliest.isoformat(), parse_date(t).latest.isoformat(), parse_day(t).isoformat()]
                  for t in texts]
    assert got_dates == want_dates


def test_filters_search_and_camps(hostile_page):
    page, js = hostile_page.page, hostile_page.js
    page.locator("#slider").fill(str(len(js("() => actorgraph.data.months")) - 1))
    before = len(js("() => actorgraph.computeVisible().edges"))
    page.locator("#polarity-filters input").nth(1).uncheck()  # hostile
    after = js("() => actorgraph.computeVisible().edges.flatMap(g => g.ps)")
    assert len(after) < before and "atWarWith" not in after
    page.locator("#polarity-filters input").nth(1).check()
    # show persons: the leader appears
    page.locator("#type-filters label", has_text="Person").locator("input").check()
    assert "epsilon" in js("() => Object.keys(actorgraph.computeVisible().nodes)")
    # search by alias focuses the actor and opens its panel
    page.fill("#search", "javascript:alert")
    page.press("#search", "Enter")
    page.wait_for_timeout(500)
    assert js("() => actorgraph.network.getSelectedNodes()") == ["beta"]
    assert "Beta " + HOSTILE["script"] in page.locator("#panel-body h2").text_content()
    page.fill("#search", "<img src=x onerror=alert(2)>zzz")
    page.press("#search", "Enter")
    assert "No actor or place matches" in page.locator("#search-msg").text_content()
    # camps colouring
    page.check("#colour-camps")
    colours = js("() => actorgraph.network.body.data.nodes.get('alpha').color.background")
    assert colours != js("() => actorgraph.data.types.find(t => t.id === 'State').color")
    assert page.locator("#camp-legend .camp").count() >= 1
    page.check("input[name=colour][value=type]")
    assert hostile_page.errors == [] and hostile_page.dialogs == []


def test_fixed_date_and_focus(browser, hostile_html, tmp_path):
    """--as-of fixes the date (no slider); --actor is always shown, even without a relation."""
    kg = actorgraph.load(hostile_html.parent / "hostile.trig")
    path = export(kg, "html", tmp_path / "fixed.html", as_of="2026-03", actor="Alpha", hops=1)[0]
    page = Page(browser, path)
    try:
        assert page.page.locator("#slider").is_hidden()
        assert "31 March 2026" in page.page.locator("#caption").text_content()
        assert "within 1 hop of Alpha" in page.page.locator("#caption").text_content()
        assert "alpha" in page.js("() => Object.keys(actorgraph.computeVisible().nodes)")
        lonely = export(kg, "html", tmp_path / "lonely.html", actor="Epsilon", hops=0)[0]
        page.close()
        page = Page(browser, lonely)
        assert page.js("() => Object.keys(actorgraph.computeVisible().nodes)") == ["epsilon"]
        assert "No relation matches" in page.page.locator("#caption").text_content()
        assert page.errors == [] and page.requests == [lonely.resolve().as_uri()]
    finally:
        page.close()


def test_bundled_map_screenshot(browser, kg, tmp_path):
    """The bundled map opens offline, settles, and shows the main actors."""
    from actorgraph.store.graph import bundled_graph_path

    if not bundled_graph_path().exists():
        pytest.skip("bundled graph not compiled yet")
    path = export(kg, "html", tmp_path / "map.html")[0]
    page = Page(browser, path)
    try:
        assert [u for u in page.requests if not u.startswith("file:")] == []
        assert page.errors == [] and [m for m in page.console if m[0] == "error"] == []
        nodes = page.js("() => Object.keys(actorgraph.computeVisible().nodes)")
        assert "pakistan" in nodes and "taliban-regime" in nodes
        assert page.js("() => actorgraph.network.physics.physicsEnabled") is False
        page.page.screenshot(path=str(tmp_path / "map.png"))
        assert (tmp_path / "map.png").stat().st_size > 20_000
    finally:
        page.close()
