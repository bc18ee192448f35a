"""Benchmark: `actorgraph extract` — recall and precision on the letter and news sets, safety checks, speed.

    python bench/bench_extract.py [--quick] [--verbose]          # letter, paraphrased sets, news dev split
    python bench/bench_extract.py --test --final                  # + the news TEST split (once per release)

* The letter: Ifri's Letter 116 (read from ../shared/sources when present; its
  text is never committed), scored against the bundled graph's hostile,
  friendly and mediation statements, with its actors known.
* News: our own short paraphrases of 2025–2026 coverage of the
  Afghanistan–Pakistan conflict (tests/data/extract/news/), with our own gold
  (tests/data/extract/news/gold.yaml).
* Real news, per failure class (bench/news_score.py): 32 dev and 11 test
  articles (October 2025 – March 2026, several outlets, wire copy and
  analysis) read from a local cache outside the repository
  (bench/news_corpus.py), against gold written before the extractor ever ran
  on them (bench/gold/news-*.yaml). Skipped, with a message, where the cache
  is absent (CI). The test split is scored only with ``--test --final``.

A candidate matches a gold statement when it has the same actor pair (or
mediator and parties), the same relation family (hostile / friendly /
mediation) and a consistent date (graph/ingest/extract/evaluate.py). Goals: recall
≥ 0.6 and precision ≥ 0.7 on each; 100 % of quotes verbatim in the input; no
date finer than its sentence; no unattributed claim; ≥ 50 KB/s (cold CLI,
start-up included, on a 300 KB report), printed next to a reference measured
in the same run: the time the sentence segmenter alone takes on that text.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import actorgraph  # noqa: E402
from actorgraph.ingest.extract import candidate_rows, extract_text  # noqa: E402
from actorgraph.ingest.extract.evaluate import date_precision_problems, quote_problems, score, unattributed_claims  # noqa: E402
from actorgraph.ingest.extract.reading import read_document  # noqa: E402
from actorgraph.ingest.extract.segment import sentences  # noqa: E402
from actorgraph.model.names import resolve  # noqa: E402
from actorgraph.model.records import local_id  # noqa: E402

LETTER = next((d / "shared" / "sources" / "ifri-letter-116.txt" for d in (ROOT.parent, ROOT.parent.parent)
               if (d / "shared" / "sources" / "ifri-letter-116.txt").exists()),
              ROOT.parent / "shared" / "sources" / "ifri-letter-116.txt")
LETTER_DATE = "2026-03-31"
NEWS = ROOT / "tests" / "data" / "extract" / "news"
HELDOUT = ROOT / "tests" / "data" / "extract" / "heldout"
GOALS = {"recall": 0.6, "precision": 0.7, "kb_per_s": 50.0}


def to_ids(rows: list[dict], kg, fields: tuple[str, ...] = ("subject",)) -> list[dict]:
    """Candidate rows (labels) → rows with actor ids in ``fields`` and the object, mediation parties split."""
    cache: dict[str, str] = {}

    def ident(name: str) -> str:
        if name not in cache:
            try:
                cache[name] = local_id(resolve(kg, name))
            except actorgraph.ActorGraphError:
                cache[name] = name
        return cache[name]

    out = []
    for r in rows:
        row = dict(r)
        for field in fields:
            row[field] = ident(r[field]) if r.get(field) else ""
        if r["relation"] == "mediatesBetween":
            row["parties"] = [ident(p.strip()) for p in r["object"].split(";")]
            row["object"] = None
        else:
            row["object"] = ident(r["object"])
        out.append(row)
    return out


def letter_gold() -> list[dict]:
    data = yaml.safe_load((ROOT / "graph" / "data" / "ifri-letter-116.yaml").read_text(encoding="utf-8"))
    return [{**r, "relation": r["predicate"], "start": str(r.get("start") or ""), "end": str(r.get("end") or "")}
            for r in data["relations"]]


def news_set(folder: Path = NEWS) -> list[tuple[Path, str, list[dict]]]:
    gold = yaml.safe_load((folder / "gold.yaml").read_text(encoding="utf-8"))
    out = []
    for doc in gold["documents"]:
        rows = []
        for s in doc.get("statements", []):
            row = {"subject": s["subject"], "relation": s["relation"], "object": s.get("object"),
                   "start": str(s.get("start") or ""), "end": str(s.get("end") or "")}
            if s.get("parties"):
                row["parties"] = s["parties"]
            rows.append(row)
        out.append((folder / doc["file"], str(doc["date"]), rows))
    return out


def run(text: str, date: str, kg) -> tuple[list[dict], list[dict]]:
    ex = extract_text(text, kg, date)
    rows = candidate_rows(ex)
    return rows, to_ids(rows, kg)


def report(name: str, result: dict, verbose: bool) -> None:
    ok = result["recall"] >= GOALS["recall"] and result["precision"] >= GOALS["precision"]
    print(f"{name:<8} gold {result['gold']:>3}  candidates {result['candidates']:>3}  "
          f"recall {result['recall']:.2f}  precision {result['precision']:.2f}  {'OK' if ok else 'BELOW GOAL'}")
    if verbose:
        for g in result["missed"]:
            print(f"   missed: {g['subject']} {g['relation']} {g.get('object') or g.get('parties')} "
                  f"[{g.get('start', '')}..{g.get('end', '')}]  {str(g.get('quote', ''))[:90]}")
        for c in result["wrong"]:
            print(f"   wrong:  {c['subject']} {c['relation']} {c.get('object') or c.get('parties')} "
                  f"[{c.get('start', '')}..{c.get('end', '')}]  {c['quote'][:90]}")


def main() -> int:
    quick = "--quick" in sys.argv
    verbose = "--verbose" in sys.argv or "-v" in sys.argv
    kg = actorgraph.load()
    texts: list[str] = []
    all_rows: list[dict] = []
    failures = 0
    print("recall / precision (hostile, friendly, mediation statements; goal recall ≥ 0.6, precision ≥ 0.7)")
    if LETTER.exists():
        text = LETTER.read_text(encoding="utf-8")
        texts.append(text)
        rows, ids = run(text, LETTER_DATE, kg)
        all_rows += rows
        result = score(ids, letter_gold())
        report("letter", result, verbose)
        failures += quote_problems([r["quote"] for r in rows], text) != []
    else:
        print(f"letter   skipped: {LETTER} not found")
    for name, folder in (("news", NEWS), ("held-out", HELDOUT)):
        total = {"gold": 0, "candidates": 0, "missed": [], "wrong": []}
        for path, date, gold in news_set(folder):
            text = read_document(path).text
            texts.append(text)
            rows, ids = run(text, date, kg)
            all_rows += rows
            bad_quotes = quote_problems([r["quote"] for r in rows], text)
            if bad_quotes:
                print(f"   {path.name}: quotes not verbatim: {bad_quotes}")
                failures += 1
            result = score(ids, gold)
            for key in ("gold", "candidates"):
                total[key] += result[key]
            for key in ("missed", "wrong"):
                total[key] += [dict(r, quote=r.get("quote") or path.name) for r in result[key]]
        total["recall"] = round(1 - len(total["missed"]) / total["gold"], 3) if total["gold"] else 1.0
        total["precision"] = round(1 - len(total["wrong"]) / total["candidates"], 3) if total["candidates"] else 1.0
        report(name, total, verbose)
    sys.path.insert(0, str(ROOT / "bench"))
    import news_score

    splits = ["dev"] + (["test"] if "--test" in sys.argv and "--final" in sys.argv else [])
    if "--test" in sys.argv and "--final" not in sys.argv:
        print("news-test skipped: the test split is scored once per release (add --final; never tune on it)")
    for split in splits:
        result = news_score.score_split(split, kg, verbose)
        if result is not None:
            texts += result["texts"]
            failures += bool(result["quotes_not_verbatim"])
    print()
    dates = date_precision_problems(all_rows)
    claims = unattributed_claims(all_rows)
    print(f"quotes verbatim in the input: {'100 %' if not failures else 'NO'}")
    print(f"dates finer than their sentence: {len(dates)}")
    for d in dates[:10]:
        print("   ", d)
    print(f"unattributed claims: {len(claims)}")
    for c in claims[:10]:
        print("   ", c["subject"], c["relation"], c["object"], "|", c["quote"][:100])
    # speed: a 300 KB report through the cold CLI, against the segmenter alone
    corpus = "\n\n".join(texts)
    size = 30_000 if quick else 300_000
    big = (corpus + "\n\n") * (size // max(1, len(corpus)) + 1)
    big = big[:size]
    big = big[: big.rfind("\n\n")]
    t0 = time.perf_counter()
    sentences(big)
    ref = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "big.txt"
        src.write_text(big, encoding="utf-8")
        t0 = time.perf_counter()
        proc = subprocess.run([sys.executable, "-c", "from actorgraph.cli import main; main()", "extract", str(src),
                               "--date", LETTER_DATE, "-o", str(Path(tmp) / "out.yaml")],
                              cwd=ROOT, capture_output=True, text=True)
        cold = time.perf_counter() - t0
    if proc.returncode:
        print("CLI failed:", proc.stderr.strip())
        return 1
    kb = len(big.encode("utf-8")) / 1000
    rate = kb / cold
    print(f"speed: {kb:.0f} KB in {cold:.2f} s through the cold CLI = {rate:.0f} KB/s (goal ≥ {GOALS['kb_per_s']:.0f}); "
          f"reference, segmenter alone: {ref:.2f} s (extract/segment = {cold / ref:.1f}×)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
