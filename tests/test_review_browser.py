"""The review page in headless Chromium: offline, hostile text inert; drive a review, import it, query it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from actorgraph.ingest.extract.evaluate import quote_problems
from actorgraph.ingest.extract.reading import read_document

playwright_api = pytest.importorskip("playwright.sync_api")

DATA = Path(__file__).resolve().parent / "data" / "extract"
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


class ReviewPage:
    """A review page with every request, console message, page error and dialog recorded."""

    def __init__(self, browser, path: Path):
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.console: list[str] = []
        self.context = browser.new_context(accept_downloads=True, viewport={"width": 1300, "height": 900})
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}") if m.type == "error" else None)
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

    def card(self, n: int):
        return self.page.locator(f"article.card[data-n='{n}']")

    def save(self, target: Path) -> Path:
        with self.page.expect_download() as info:
            self.page.click("#save")
        info.value.save_as(target)
        return target

    def close(self):
        self.context.close()


def _extract_and_review(cli, report: Path, folder: Path, *options: str) -> tuple[Path, dict]:
    cands = folder / "candidates.yaml"
    code, _, err = cli("extract", str(report), "-o", str(cands), *options)
    assert code == 0, err
    page = folder / "review.html"
    code, out, err = cli("review", str(cands), "-o", str(page))
    assert code == 0, err
    assert "reviewed.yaml" in out
    return page, yaml.safe_load(cands.read_text(encoding="utf-8"))


def test_hostile_report_stays_inert_and_offline(browser, cli, tmp_path):
    page_path, cands = _extract_and_review(cli, DATA / "hostile-report.txt", tmp_path, "--source-id", "hostile")
    html_text = page_path.read_text(encoding="utf-8")
    assert "<img src=x" not in html_text and "<script>alert" not in html_text  # escaped in the data element
    page = ReviewPage(browser, page_path)
    try:
        assert page.page.locator("article.card").count() == len(cands["relations"])
        cards_text = page.page.inner_text("#cards")
        assert "<img src=x onerror=alert(1)>" in cards_text  # shown as text…
        assert page.page.locator("#cards img, #cards script, #cards a").count() == 0  # …never as markup
        page.page.click("#accept-all")
        page.page.wait_for_timeout(300)
        assert page.dialogs == [] and page.errors == [] and page.console == []
        assert all(u.startswith("file:") for u in page.requests), page.requests
        saved = yaml.safe_load(page.save(tmp_path / "reviewed.yaml").read_text(encoding="utf-8"))
        assert [r["quote"] for r in saved["relations"]] == [r["quote"] for r in cands["relations"]]
        assert not any(r["relation"] == "harbors" for r in saved["relations"])  # a denial states nothing
        assert page.dialogs == [] and all(u.startswith("file:") for u in page.requests)
    finally:
        page.close()


def test_drive_a_review_then_import_and_query(browser, cli, tmp_path):
    report = DATA / "news" / "2026-03-20-truce.txt"
    page_path, cands = _extract_and_review(cli, report, tmp_path, "--source-id", "truce-report", "--date",
                                           "2026-03-20", "--source-title", "Five-day truce")
    rows = cands["relations"]
    assert len(rows) >= 3
    page = ReviewPage(browser, page_path)
    try:
        # candidate 0: accept as is; candidate 1: reject; candidate 2: edit its start, then accept
        page.card(0).locator("button.accept").click()
        page.card(1).locator("button.reject").click()
        start = page.card(2).locator("input[data-field='start']")
        start.fill("2026-13")  # not a date: accepting is refused until it is fixed
        page.card(2).locator("button.accept").click()
        assert page.card(2).get_attribute("data-decision") == "undecided"
        assert "start" in page.card(2).inner_text()
        start.fill("2026-03")
        page.card(2).locator("button.accept").click()
        assert page.card(2).get_attribute("data-decision") == "accepted"
        # a candidate with a matching statement in the graph can be merged into it
        merge = page.page.locator("article.card:not([data-n='1']):not([data-n='2']) button.merge").first
        merged_n = None
        if merge.count():
            merged_n = int(merge.locator("xpath=ancestor::article").get_attribute("data-n"))
            merge.click()  # a diff first: nothing is overwritten until the reviewer applies it
            assert page.card(merged_n).get_attribute("data-decision") == "undecided"
            assert page.card(merged_n).locator(".diff").is_visible()
            page.card(merged_n).locator("button.apply-merge").click()
            assert page.card(merged_n).get_attribute("data-decision") == "merged"
        counts = page.page.inner_text("#counts")
        assert "1 rejected" in counts
        saved_path = page.save(tmp_path / "reviewed.yaml")
        assert page.errors == [] and page.dialogs == [] and all(u.startswith("file:") for u in page.requests)
    finally:
        page.close()
    saved = yaml.safe_load(saved_path.read_text(encoding="utf-8"))
    kept_quotes = [r["quote"] for r in saved["relations"]]
    rejected = rows[1]

    def same(r, subject_key="subject", relation_key="relation"):
        return (r[subject_key], r[relation_key], r["quote"]) == (rejected["subject"], rejected["relation"],
                                                                rejected["quote"])

    assert not any(same(r) for r in saved["relations"])
    edited = [r for r in saved["relations"] if r["start"] == "2026-03"]
    assert edited, saved["relations"]
    # import the saved file into a workspace, then query it
    ws = tmp_path / "ws.trig"
    assert cli("init", str(ws))[0] == 0
    code, _, err = cli("--graph", str(ws), "add", "source", "truce-report", "--title", "Five-day truce",
                       "--date", "2026-03-20")
    assert code == 0, err
    code, out, err = cli("--graph", str(ws), "import", str(saved_path))
    assert code == 0, err
    code, out, err = cli("--graph", str(ws), "relations", "--format", "json")
    assert code == 0, err
    found = json.loads(out)
    imported = [r for r in found if r["source"] == "source/truce-report"]
    assert {r["quote"] for r in imported} == set(kept_quotes)
    assert any(r["start"] == "2026-03" for r in imported)
    assert not any(same(r, "subject_label", "predicate") for r in imported)


def test_letter_end_to_end(browser, cli, tmp_path, source_text):
    page_path, cands = _extract_and_review(cli, source_text, tmp_path, "--source-id", "ifri-letter-116",
                                           "--date", "2026-03-31")
    assert quote_problems([r["quote"] for r in cands["relations"]], read_document(source_text).text) == []
    page = ReviewPage(browser, page_path)
    try:
        page.page.click("#accept-all")
        saved_path = page.save(tmp_path / "reviewed.yaml")
        assert page.errors == [] and page.dialogs == []
    finally:
        page.close()
    ws = tmp_path / "ws.trig"
    assert cli("init", str(ws))[0] == 0  # the bundled graph already holds the letter's source record
    code, out, err = cli("--graph", str(ws), "import", str(saved_path))
    assert code == 0, err
    code, out, err = cli("--graph", str(ws), "relations", "--type", "mediatesBetween", "--format", "json")
    assert code == 0, err
    assert {r["subject_label"] for r in json.loads(out)} >= {"Qatar", "Turkey", "China"}


def test_proposed_actors_are_saved_with_the_rows_that_use_them(browser, cli, tmp_path):
    report = tmp_path / "r.txt"
    report.write_text("Defence Minister Khawaja Asif said Jaish al-Adl attacked Iran in 2025.\n"
                      "Pakistan accused the Taliban government of harbouring the TTP.\n", encoding="utf-8")
    page_path, cands = _extract_and_review(cli, report, tmp_path)
    assert {a["label"] for a in cands["actors"]} == {"Khawaja Asif", "Jaish al-Adl"}
    page = ReviewPage(browser, page_path)
    try:
        assert page.page.locator("#proposed .prop").count() == 2
        jaish = page.page.locator("#proposed .prop").filter(
            has=page.page.locator("strong").get_by_text("Jaish al-Adl", exact=True))
        jaish.locator("select").select_option("TerroristGroup")  # correct a class guess
        page.page.click("#accept-all")
        assert page.page.locator("article.card[data-decision='accepted']").count() == 0  # no source yet
        page.page.fill("#source-id", "user")  # the workspace's own notes
        page.page.click("#accept-all")
        first = yaml.safe_load(page.save(tmp_path / "reviewed.yaml").read_text(encoding="utf-8"))
        khawaja = page.page.locator("#proposed .prop").filter(
            has=page.page.locator("strong").get_by_text("Khawaja Asif", exact=True))
        khawaja.locator("input[type=checkbox]").uncheck()
        second = yaml.safe_load(page.save(tmp_path / "reviewed-2.yaml").read_text(encoding="utf-8"))
        assert page.errors == [] and page.dialogs == []
    finally:
        page.close()
    assert {(a["label"], a["type"]) for a in first["actors"]} == {("Khawaja Asif", "Person"),
                                                                 ("Jaish al-Adl", "TerroristGroup")}
    assert [a["label"] for a in second["actors"]] == ["Jaish al-Adl"]
    ws = tmp_path / "ws.trig"
    assert cli("init", str(ws))[0] == 0
    code, _, err = cli("--graph", str(ws), "import", str(tmp_path / "reviewed.yaml"))
    assert code == 0, err
    code, out, _ = cli("--graph", str(ws), "actors", "--type", "TerroristGroup", "--format", "json")
    assert "Jaish al-Adl" in {a["label"] for a in json.loads(out)}


def _truce_page(cli, tmp_path, *options):
    report = DATA / "news" / "2026-03-20-truce.txt"
    return _extract_and_review(cli, report, tmp_path, "--date", "2026-03-20", *options)


def test_a_source_is_required_before_saving(browser, cli, tmp_path):
    page_path, cands = _truce_page(cli, tmp_path)  # no --source-id: the candidates carry none
    assert all(not r["source"] for r in cands["relations"])
    page = ReviewPage(browser, page_path)
    try:
        page.card(0).locator("button.accept").click()
        assert page.card(0).get_attribute("data-decision") == "undecided"
        assert "source" in page.card(0).locator(".problems").inner_text()
        page.card(0).locator("input[data-field='source']").fill("truce-report")
        page.card(0).locator("button.accept").click()
        page.card(1).locator("input[data-field='source']").fill("other")
        page.card(1).locator("button.accept").click()
        assert page.card(1).get_attribute("data-decision") == "accepted"
        page.card(1).locator("input[data-field='source']").fill("")  # kept, then its source removed: not kept
        assert page.card(1).get_attribute("data-decision") == "undecided"
        saved = yaml.safe_load(page.save(tmp_path / "reviewed.yaml").read_text(encoding="utf-8"))
        assert [r["source"] for r in saved["relations"]] == ["truce-report"]
        page.page.fill("#source-id", "truce-report")  # one source for every row that names none
        page.page.click("#accept-all")
        saved = yaml.safe_load(page.save(tmp_path / "reviewed-2.yaml").read_text(encoding="utf-8"))
        assert len(saved["relations"]) == len(cands["relations"])
        assert {r["source"] for r in saved["relations"]} == {"truce-report"}
        assert page.errors == [] and page.dialogs == []
    finally:
        page.close()


def test_add_a_statement_for_a_missed_sentence_and_shortcuts(browser, cli, tmp_path):
    page_path, cands = _truce_page(cli, tmp_path, "--source-id", "truce-report")
    missed = "Pakistan and the Taliban government agreed on Thursday to a five-day truce."
    page = ReviewPage(browser, page_path)
    try:
        n = len(cands["relations"])
        page.page.fill("#new-quote", missed)
        page.page.click("#add-statement")
        card = page.card(n)
        assert card.count() == 1 and "added by the reviewer" in card.inner_text()
        card.locator("input[data-field='subject']").fill("Pakistan")
        card.locator("select[data-field='relation']").select_option("agreementWith")
        card.locator("input[data-field='object']").fill("Taliban regime")
        card.locator("input[data-field='start']").fill("2026-02-30")  # validated as typed
        assert "bad" in card.locator("input[data-field='start']").get_attribute("class")
        card.locator("input[data-field='start']").fill("2026-03-19")
        assert "bad" not in (card.locator("input[data-field='start']").get_attribute("class") or "")
        card.locator("button.accept").click()
        # the keyboard: j next, a accept (and move on), r reject, k previous, u undecided
        assert page.page.get_attribute("body", "data-current") == str(n)  # the added card is the current one
        page.card(0).locator("p.quote").click()
        assert page.page.get_attribute("body", "data-current") == "0"
        page.page.keyboard.press("a")
        assert page.card(0).get_attribute("data-decision") == "accepted"
        assert page.page.get_attribute("body", "data-current") == "1"
        page.page.keyboard.press("r")
        assert page.card(1).get_attribute("data-decision") == "rejected"
        page.page.keyboard.press("k")
        page.page.keyboard.press("k")
        page.page.keyboard.press("u")
        assert page.card(0).get_attribute("data-decision") == "undecided"
        page.page.keyboard.press("j")
        assert page.page.get_attribute("body", "data-current") == "1"
        saved = yaml.safe_load(page.save(tmp_path / "reviewed.yaml").read_text(encoding="utf-8"))
        added = [r for r in saved["relations"] if r["quote"] == missed]
        assert added == [dict(added[0], subject="Pakistan", relation="agreementWith", object="Taliban regime",
                              start="2026-03-19", source="truce-report")]
        assert page.errors == [] and page.dialogs == []
    finally:
        page.close()


def test_merge_shows_a_diff_labels_not_ids_and_keeps_both_dates(browser, cli, tmp_path):
    page_path, cands = _truce_page(cli, tmp_path, "--source-id", "truce-report")
    page = ReviewPage(browser, page_path)
    try:
        merge = page.page.locator("article.card button.merge").first
        n = int(merge.locator("xpath=ancestor::article").get_attribute("data-n"))
        card = page.card(n)
        matches = card.locator(".matches").inner_text()
        assert "mediatesBetween" not in matches and "taliban-regime" not in matches and "statement/" not in matches
        before = {k: card.locator(f"[data-field='{k}']").first.input_value() for k in ("subject", "object", "start")}
        merge.click()
        diff = card.locator(".diff")
        assert diff.is_visible() and "the graph says" in diff.inner_text()
        assert {k: card.locator(f".fields [data-field='{k}']").input_value() for k in before} == before  # untouched
        start_choice = diff.locator("select[data-field='start']")
        if start_choice.count():
            assert start_choice.input_value() == "candidate"  # its own sentence's date stays with it
        card.locator("button.apply-merge").click()
        assert card.get_attribute("data-decision") == "merged"
        assert card.locator(".fields [data-field='start']").input_value() == before["start"]
    finally:
        page.close()


def test_sort_and_filter_by_confidence(browser, cli, tmp_path):
    page_path, cands = _truce_page(cli, tmp_path, "--source-id", "truce-report")
    confidences = [float(r["confidence"]) for r in cands["relations"]]
    page = ReviewPage(browser, page_path)
    try:
        page.page.select_option("#sort", "low")
        shown = [float(c) for c in page.page.eval_on_selector_all(
            "#cards article.card", "cs => cs.map(c => c.dataset.confidence)")]
        assert shown == sorted(confidences)
        cut = sorted(set(confidences))[-1]
        page.page.fill("#min-conf", str(cut))
        visible = page.page.locator("#cards article.card:visible").count()
        assert visible == sum(1 for c in confidences if c >= cut) < len(confidences)
        page.page.click("#accept-all")  # only what is shown
        assert page.page.locator("article.card[data-decision='accepted']").count() == visible
    finally:
        page.close()
