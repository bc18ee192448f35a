"""Score ``actorgraph extract`` on the news splits: recall and precision overall and per failure class.

    python bench/news_score.py [--split dev|test] [-v]

(``bench/bench_extract.py`` calls :func:`score_split` for its news lines; this
file also runs alone.) The texts come from the local cache of
``bench/news_corpus.py``; the gold from ``bench/gold/news-<split>.yaml``.

Matching (the letter's rule, extended): a candidate matches a gold statement
of the same article when both are in the same family (hostile, friendly,
mediation — and, for news, *talks*: ``negotiatesWith``), name the same actors
(the same pair in either order; for a mediation the same mediator and
parties) and have consistent dates (spans overlap; a missing bound is open).
Actors are compared at the level an analyst encodes them: a state's organs
(its military, air force, government) count as the state, and so do the
Taliban movement and the Afghan state for the Taliban regime (the extractor
proposes the regime, an analyst may write either).

* recall: matched gold statements / gold statements (``optional`` ones left out); also given with the
  exact relation type required (threatens, not just any hostile type);
* precision: candidates matching some gold statement (optional ones included) / candidates;
* per class: recall over the gold statements of that class (for ``threat`` and ``typing`` the relation
  type itself must be the gold's: an attack read as ``targets`` is a typing miss); precision over the
  candidates quoted from a sentence whose gold carries that class ("none":
  sentences with no gold at all — page furniture, background);
* attribution: of the matched pairs, how many give the gold's claimant
  (``(anonymous)`` = none named), and how many candidates invent a claimant
  the gold does not have;
* quotes verbatim, unattributed claims (graph/extract/evaluate.py), duplicates
  left (the same statement proposed twice in one article).
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import news_corpus  # noqa: E402

GOLD = ROOT / "bench" / "gold"
CLASSES = ["threat", "place", "reciprocal", "anaphora", "venue", "attribution", "date", "typing", "boilerplate",
           "duplicate", "mediation", "talks", "plain"]

#: The level at which the gold names an actor: organs → their state; the movement and the state → the regime.
SAME_AS = {
    "pakistani-military": "pakistan", "pakistani-air-force": "pakistan", "pakistan-federal-government": "pakistan",
    "pakistan-minister-of-defense": "pakistan", "taliban-army": "taliban-regime", "taliban": "taliban-regime",
    "afghanistan": "taliban-regime", "amir-muttaqi": "taliban-regime",
}


def _extract_api():
    """The extractor's functions (imported late: this file also runs alone)."""
    from actorgraph.ingest.extract import candidate_rows, extract_text
    from actorgraph.ingest.extract.evaluate import family, quote_problems, unattributed_claims

    return candidate_rows, extract_text, family, quote_problems, unattributed_claims


def _norm(actor: str | None) -> str | None:
    return SAME_AS.get(actor, actor) if actor else actor


def _family(relation: str, family) -> str | None:
    if relation == "negotiatesWith":
        return "talks"
    try:
        return family(relation)
    except Exception:  # noqa: BLE001 - a relation the ontology does not know is not scored
        return None


def _ends(row: dict) -> frozenset:
    from actorgraph.ingest.extract.evaluate import ends

    return ends(row, _norm)


#: Classes whose recall asks for the gold's relation type itself, not just its family.
STRICT = {"threat", "typing"}


def _matches(cand: dict, gold: dict, strict: bool = False) -> bool:
    if cand["family"] != gold["family"] or _ends(cand) != _ends(gold):
        return False
    if strict and cand["relation"] != gold["relation"]:
        return False
    from actorgraph.ingest.extract.evaluate import date_span

    (a_lo, a_hi), (b_lo, b_hi) = date_span(cand), date_span(gold)
    return a_lo <= b_hi and b_lo <= a_hi


def _ids(rows: list[dict], kg) -> list[dict]:
    """Candidate rows with actor ids (:func:`bench_extract.to_ids`), the claimant resolved too."""
    from bench_extract import to_ids

    return to_ids(rows, kg, fields=("subject", "claimed_by"))


def _sentence_of(quote: str, numbered: list[str]) -> int | None:
    """The gold's number of the sentence a quote comes from (1-based), or None."""
    q = " ".join(quote.split())
    for i, s in enumerate(numbered, 1):
        if q == s or q in s or s in q:
            return i
    head = q[:60]
    for i, s in enumerate(numbered, 1):
        if head and head in s:
            return i
    return None


def load_gold(split: str) -> list[dict]:
    return yaml.safe_load((GOLD / f"news-{split}.yaml").read_text(encoding="utf-8"))["documents"]


def score_split(split: str, kg=None, verbose: bool = False, out=print) -> dict | None:
    """Score one split; ``None`` (with a message) when the local cache lacks its texts."""
    import actorgraph

    candidate_rows, extract_text, family, quote_problems, unattributed_claims = _extract_api()
    docs = load_gold(split)
    missing = [d["url"] for d in docs if news_corpus.cached_text(d["url"]) is None]
    if missing:
        out(f"news-{split}: skipped — {len(missing)} of {len(docs)} articles are not in the local cache "
            f"{news_corpus.cache_dir()} (python bench/news_corpus.py status)")
        return None
    kg = kg or actorgraph.load()
    per_gold: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # class -> [matched, total]
    per_cand: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # class -> [correct, total]
    totals = Counter()
    missed, wrong, bad_quotes, claims, texts = [], [], [], [], []
    attribution = Counter()
    for doc in docs:
        text = news_corpus.cached_text(doc["url"])
        texts.append(text)
        numbered = news_corpus.numbered(text)
        gold = []
        for g in doc["statements"]:
            row = dict(g, start=str(g.get("start") or ""), end=str(g.get("end") or ""))
            row["family"] = _family(g["relation"], family)
            if row["family"]:
                gold.append(row)
        sentence_classes: dict[int, set] = defaultdict(set)
        for g in gold:
            sentence_classes[g["s"]].update(g.get("class") or ["plain"])
        rows = candidate_rows(extract_text(text, kg, str(doc["date"])))
        bad = quote_problems([r["quote"] for r in rows], text)
        bad_quotes += [(doc["url"], q) for q in bad]
        claims += unattributed_claims(rows)
        cands = []
        for r in _ids(rows, kg):
            r["family"] = _family(r["relation"], family)
            if r["family"]:
                r["s"] = _sentence_of(r["quote"], numbered)
                cands.append(r)
        keys = Counter((c["subject"], c["relation"], _ends(c), c.get("claimed_by")) for c in cands)
        totals["duplicates"] += sum(n - 1 for n in keys.values())
        for g in gold:
            hit = [c for c in cands if _matches(c, g)]
            if g.get("optional"):
                continue
            totals["gold"] += 1
            exact = [c for c in hit if _matches(c, g, strict=True)]
            totals["exact"] += bool(exact)
            for cls in g.get("class") or ["plain"]:
                per_gold[cls][1] += 1
                per_gold[cls][0] += bool(exact if cls in STRICT else hit)
            if hit:
                totals["matched"] += 1
                want = _norm(g.get("claimed_by")) if g.get("claimed_by") not in (None, "(anonymous)") else ""
                got = {_norm(c.get("claimed_by")) or "" for c in hit}
                attribution["pairs"] += 1
                attribution["claimant right"] += want in got
            else:
                missed.append((doc["url"], g))
        for c in cands:
            good = [g for g in gold if _matches(c, g)]
            totals["candidates"] += 1
            totals["correct"] += bool(good)
            for cls in sentence_classes.get(c["s"], {"none"}):
                per_cand[cls][1] += 1
                per_cand[cls][0] += bool(good)
            if good and c.get("claimed_by") and all(not g.get("claimed_by") for g in good):
                attribution["invented"] += 1
            if not good:
                wrong.append((doc["url"], c))
    result = {
        "split": split, "articles": len(docs), "gold": totals["gold"], "candidates": totals["candidates"],
        "recall": round(totals["matched"] / totals["gold"], 3) if totals["gold"] else 1.0,
        "precision": round(totals["correct"] / totals["candidates"], 3) if totals["candidates"] else 1.0,
        "type_recall": round(totals["exact"] / totals["gold"], 3) if totals["gold"] else 1.0,
        "per_class": {cls: {"recall": (per_gold[cls][0], per_gold[cls][1]), "precision": (per_cand[cls][0],
                                                                                           per_cand[cls][1])}
                      for cls in CLASSES + ["none"] if per_gold[cls][1] or per_cand[cls][1]},
        "claimant_right": (attribution["claimant right"], attribution["pairs"]),
        "invented_claimants": attribution["invented"], "quotes_not_verbatim": bad_quotes,
        "unattributed_claims": claims, "duplicates": totals["duplicates"], "missed": missed, "wrong": wrong,
        "texts": texts,
    }
    report(result, verbose, out)
    return result


def _ratio(pair: tuple[int, int]) -> str:
    return f"{pair[0] / pair[1]:.2f} ({pair[0]}/{pair[1]})" if pair[1] else "—"


def report(r: dict, verbose: bool = False, out=print) -> None:
    out(f"news-{r['split']:<5} {r['articles']} articles  gold {r['gold']:>3}  candidates {r['candidates']:>3}  "
        f"recall {r['recall']:.2f}  precision {r['precision']:.2f}  (recall with the exact relation type: "
        f"{r['type_recall']:.2f})")
    out(f"   {'class':<12} {'recall':>16} {'precision':>16}")
    for cls, v in r["per_class"].items():
        out(f"   {cls:<12} {_ratio(v['recall']):>16} {_ratio(v['precision']):>16}")
    out(f"   claimant as the gold's: {_ratio(r['claimant_right'])}; invented claimants: {r['invented_claimants']}; "
        f"duplicates left: {r['duplicates']}; quotes not verbatim: {len(r['quotes_not_verbatim'])}; "
        f"unattributed claims: {len(r['unattributed_claims'])}")
    if verbose:
        for url, g in r["missed"]:
            out(f"   missed [{url.split('/')[2]} s{g['s']}] {g['subject']} {g['relation']} "
                f"{g.get('object') or g.get('parties')} {g.get('start', '')} {g.get('class')}  — {g.get('note', '')}")
        for c in r["unattributed_claims"]:
            out(f"   unattributed: {c['subject']} {c['relation']} {c['object']} cue={c['cue']} | {c['quote'][:110]}")
        for url, c in r["wrong"]:
            out(f"   wrong  [{url.split('/')[2]} s{c['s']}] {c['subject']} {c['relation']} "
                f"{c.get('object') or c.get('parties')} {c.get('start', '')} by={c.get('claimed_by', '')} "
                f"cue={c['cue']} | {c['quote'][:110]}")


if __name__ == "__main__":
    split = sys.argv[sys.argv.index("--split") + 1] if "--split" in sys.argv else "dev"
    if split == "test" and "--final" not in sys.argv:
        print("the test split is scored once per release: add --final to score it (never tune on its output)")
        sys.exit(2)
    res = score_split(split, verbose="-v" in sys.argv or "--verbose" in sys.argv)
    sys.exit(0 if res is not None else 0)
