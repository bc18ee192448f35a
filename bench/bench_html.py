"""Benchmark: the HTML map of a synthetic graph of 2,000 actors and 10,000 relations.

Prints, for the map: the time to write the HTML (goal: under 10 s), the file
size, and the time headless Chromium takes to open it and settle (bounded
stabilisation, then physics off). As a reference measured in the same run on
the same machine: a raw ``pyvis.Network`` of the same nodes and edges written
with ``write_html`` (pyvis's own template, which loads vis-network from a
CDN, so only its write time and size are comparable). The graph is read from
the store first (``actorgraph.relations``, reported separately: that is the
library's query cost, shared by every export).

    python bench/bench_html.py [ACTORS RELATIONS]
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import actorgraph  # noqa: E402
from actorgraph.exports import export  # noqa: E402
from actorgraph.exports.filters import select  # noqa: E402
from actorgraph.exports.samples import synthetic_graph, write_trig  # noqa: E402

LAUNCH_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


def open_in_chromium(path: Path) -> tuple[float, int, list[str]]:
    """Seconds until the page has settled, requests made off file:, console errors."""
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        raise SystemExit("chromium not installed")
    outside: list[str] = []
    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=LAUNCH_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else (
            outside.append(r.request.url), r.abort()))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        started = time.perf_counter()
        page.goto(path.resolve().as_uri())
        page.wait_for_selector("body[data-ready='1']", timeout=120_000)
        settled = time.perf_counter() - started
        physics = page.evaluate("() => actorgraph.network.physics.physicsEnabled")
        assert physics is False, "physics still running after stabilisation"
        page.screenshot(path=str(path.with_suffix(".png")))
        browser.close()
    return settled, len(outside), errors


def pyvis_reference(sel, path: Path) -> float:
    """Seconds for a raw pyvis.Network of the same graph to write_html."""
    from pyvis.network import Network

    started = time.perf_counter()
    net = Network(height="900px", width="100%", directed=True, cdn_resources="remote")
    for node_id, actor in sel.nodes.items():
        net.add_node(node_id, label=actor.label, title=actor.type)
    for edge in sel.edges:
        net.add_edge(edge.source, edge.target, title=edge.relation.predicate_label)
    net.write_html(str(path), notebook=False)
    return time.perf_counter() - started


def main() -> None:
    n_actors, n_relations = (int(sys.argv[1]), int(sys.argv[2])) if len(sys.argv) == 3 else (2000, 10000)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        t = time.perf_counter()
        trig = write_trig(synthetic_graph(n_actors, n_relations), tmp / "synthetic.trig")
        kg = actorgraph.load(trig)
        setup = time.perf_counter() - t
        t = time.perf_counter()
        sel = select(kg)  # the store query (cached on the graph afterwards)
        query = time.perf_counter() - t
        t = time.perf_counter()
        html = export(kg, "html", tmp / "map.html")[0]
        write = time.perf_counter() - t
        size = html.stat().st_size
        settled, outside, errors = open_in_chromium(html)
        ref = pyvis_reference(sel, tmp / "pyvis.html")
        ref_size = (tmp / "pyvis.html").stat().st_size
        shutil.copy(html.with_suffix(".png"), Path(tempfile.gettempdir()) / "actorgraph-bench-map.png")
    print(f"graph: {len(sel.nodes)} actors, {len(sel.relations)} relations ({len(sel.edges)} edges)")
    print(f"setup (generate + load TriG): {setup:.1f} s; store query (actorgraph.relations, first call): {query:.1f} s")
    print(f"html write: {write:.2f} s (goal < 10 s)   size: {size / 1e6:.2f} MB")
    print(f"chromium open → settled (bounded stabilisation, physics off): {settled:.2f} s; "
          f"requests off file: {outside}; console errors: {len(errors)}")
    print(f"reference pyvis.Network.write_html of the same graph: {ref:.2f} s, {ref_size / 1e6:.2f} MB "
          f"(CDN template, not self-contained)")
    print(f"ratio html write / pyvis write: {write / ref:.2f}")
    print(f"screenshot: {Path(tempfile.gettempdir()) / 'actorgraph-bench-map.png'}")


if __name__ == "__main__":
    main()
