"""Regenerate the map's screenshots in docs/ from the bundled graph, in headless Chromium.

Four views at 1440x900 and 1024x700: the map as it opens (``default``), the pair view of Pakistan and the
Taliban regime (``pair``), the search for TTP (``focus-ttp``) and undated statements hidden (``undated-off``);
``docs/map.png`` is the 1440 default and ``docs/pair-view.png`` the 1440 pair view.

    python bench/docs_screenshots.py [OUT_DIR]    # default: docs/
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import actorgraph  # noqa: E402
from actorgraph.exports import export  # noqa: E402

SIZES = ((1440, 900), (1024, 700))
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]


def _pair(page) -> None:
    key = page.evaluate("""() => { const g = actorgraph.computeVisible().edges.find(g =>
        [g.from, g.to].sort().join() === ['pakistan', 'taliban-regime'].sort().join()); return g.id; }""")
    page.evaluate("(k) => actorgraph.showPair(k)", key)


def _focus_ttp(page) -> None:
    page.fill("#search", "TTP")
    page.press("#search", "Enter")


def _undated_off(page) -> None:
    page.uncheck("#show-undated")


VIEWS = {"default": None, "pair": _pair, "focus-ttp": _focus_ttp, "undated-off": _undated_off}


def main(out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    written = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        html = export(actorgraph.load(), "html", Path(tmp) / "map.html")[0]
        browser = p.chromium.launch(executable_path=chromium, args=LAUNCH_ARGS)
        try:
            for width, height in SIZES:
                for name, act in VIEWS.items():
                    context = browser.new_context(viewport={"width": width, "height": height})
                    page = context.new_page()
                    page.goto(html.resolve().as_uri())
                    page.wait_for_selector("body[data-ready='1']", timeout=60000)
                    if act:
                        act(page)
                    page.wait_for_timeout(800)  # the view settles (fit, declutter)
                    path = out / f"map-{width}-{name}.png"
                    page.screenshot(path=str(path))
                    written.append(path)
                    context.close()
        finally:
            browser.close()
    shutil.copyfile(out / "map-1440-default.png", out / "map.png")
    shutil.copyfile(out / "map-1440-pair.png", out / "pair-view.png")
    return written + [out / "map.png", out / "pair-view.png"]


if __name__ == "__main__":
    for written in main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs"):
        print(written)
