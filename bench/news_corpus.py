"""The news corpus of the extraction benchmark: addresses only; the texts stay in a local cache.

    python bench/news_corpus.py status              # which articles are cached
    python bench/news_corpus.py fetch [--split dev] # (re-)fetch missing texts by address (needs the network)
    python bench/news_corpus.py add URL FILE        # put a text you saved (e.g. a stored copy) into the cache
    python bench/news_corpus.py numbered URL        # the cached text's sentences, numbered as the gold counts them

Third-party text is never committed: this file holds each article's address,
outlet, date, kind (wire copy / report / analysis) and split; the texts live in
``$ACTORGRAPH_NEWS_CACHE`` (default ``~/.cache/actorgraph-news/``), one
``<key>.txt`` per address (``key`` = the first 16 hex digits of the address's
SHA-256). ``fetch`` downloads a page and keeps its main text (trafilatura when
installed, else actorgraph's own HTML reader). On a machine without the
network the cache was filled from stored copies of the pages (the opening of
each page, as a search index keeps it) with ``add``; the gold covers exactly
that opening. Neither CI nor the tests need this script: the benchmark skips
the news splits, with a message, when the cache is absent.

Splits: ``dev`` (rules may be studied and changed on it) and ``test`` (scored
once per release, never studied). The test split was chosen before the first
run of the extractor on any article of either split.

Gold sentence numbers (``bench/gold/news-*.yaml``) count the sentences of the
cached text as :func:`numbered` splits it: lines and blank-line paragraphs,
then pysbd — a fixed splitter of the benchmark's own, independent of the
extractor's segmentation, so that a change of the extractor never renumbers
the gold.
"""

from __future__ import annotations

import hashlib
import os
import sys
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Article", "ARTICLES", "cache_dir", "cache_path", "cached_text", "numbered", "split"]


@dataclass(frozen=True)
class Article:
    url: str
    outlet: str
    date: str  # the article's date (its dateline, or its page's date)
    kind: str  # wire | report | analysis
    split: str  # dev | test


_A = Article
ARTICLES: list[Article] = [
    # ---- dev split (32) ----
    _A("https://snpnews.in/pakistan-afghanistan-conflict", "SNP News", "2025-10-10", "analysis", "dev"),
    _A("https://www.opindia.com/news-updates/pakistan-launches-air-strikes-on-kabul-claims-it-is-hitting-ttp-hideouts-taliban-calls-it-declaration-of-war/", "OpIndia", "2025-10-10", "report", "dev"),
    _A("https://www.newindianexpress.com/xplore/2025/Oct/18/why-cross-border-terror-has-af-pak-address", "New Indian Express", "2025-10-18", "analysis", "dev"),
    _A("https://www.eurasiantimes.com/pakistan-strikes-afghanistan-after-suicide-bombing-paramilitary-taliban-says-10-killed-in-new-pak-attacks", "EurAsian Times", "2025-11-25", "report", "dev"),
    _A("https://www.aopnews.com/taliban/kabul-accuses-pakistan-of-launching-deadly-strikes-in-western-afghanistan", "RFE/RL via AOP News", "2025-10-17", "wire", "dev"),
    _A("https://www.mingoda.com/News/1889390/PakistanAfghanistanagreetoimmediateceasefireWhattranspiredatDohatalks", "Mingoda (agencies)", "2025-10-19", "wire", "dev"),
    _A("https://wp.globalpulseonline.com/pakistan-afghanistan-agree-to-immediate-ceasefire-in-qatar-talks", "Global Pulse", "2025-10-19", "report", "dev"),
    _A("https://nayakashmir.com/?p=7804", "Naya Kashmir", "2025-10-19", "report", "dev"),
    _A("https://www.businesstoday.in/world/story/pakistan-and-afghanistan-strike-immediate-ceasefire-in-doha-after-deadliest-border-clash-in-four-years-498896-2025-10-19", "Business Today", "2025-10-19", "report", "dev"),
    _A("https://www.jordanib.com", "Reuters via Jordan IB", "2025-10-18", "wire", "dev"),
    _A("https://www.outlookindia.com/international/pakistan-and-afghanistan-agree-to-immediate-ceasefire-during-talks", "Outlook India", "2025-10-19", "report", "dev"),
    _A("https://newsographics.com/?p=3096", "Newsographics", "2025-10-30", "analysis", "dev"),
    _A("https://pakasiayouthforum.com/istanbul-talks-collapsed/", "Pak Asia Youth Forum", "2025-10-30", "analysis", "dev"),
    _A("https://www.moneycontrol.com/world/pakistan-taliban-talks-in-turkey-deadlocked-as-islamabad-holds-final-position-what-went-wrong-and-why-it-matters-article-13634388.html", "Moneycontrol", "2025-10-27", "analysis", "dev"),
    _A("https://www.ujasusi.com/p/pakistan-afghanistan-war-2026-intelligence-analysis", "Ujasusi", "2026-02-28", "analysis", "dev"),
    _A("https://cogitaverse.com/?p=6441", "CogitaVerse", "2026-02-28", "analysis", "dev"),
    _A("https://visualfxtuts.com/pakistan-afghanistan-officially-open-war-3", "VisualFXTuts (blog)", "2026-02-28", "analysis", "dev"),
    _A("https://www.semafor.com/article/02/27/2026/pakistan-in-open-war-with-afghanistan-after-cross-border-strikes", "Semafor", "2026-02-27", "report", "dev"),
    _A("https://www.firstpost.com/world/pakistan-ttp-taliban-abush-soldiers-officers-killed-afghan-border-khyber-pakhtunkhwa-army-13940355.html/amp", "Firstpost", "2025-10-08", "report", "dev"),
    _A("https://thetruthinternational.com/?p=157775", "The Truth International", "2025-10-15", "report", "dev"),
    _A("https://www.shafaq.com/en/World/Pakistani-strikes-kill-10-civilians-in-Afghanistan", "Shafaq News", "2025-11-25", "report", "dev"),
    _A("https://en.dailypakistan.com.pk/25-Nov-2025/has-pakistan-conducted-airstrikes-in-afghanistans-khost-after-peshawar-fc-attack", "Daily Pakistan", "2025-11-25", "report", "dev"),
    _A("https://evrimagaci.org/gpt/deadly-afghan-airstrike-claims-spark-cross-border-crisis-517705", "Evrim Agaci", "2025-11-25", "report", "dev"),
    _A("https://euglobal.news/?p=5611", "EU Global News", "2025-11-25", "report", "dev"),
    _A("https://www.nationalheraldindia.com/international/afghanistan-accuses-pakistan-of-deadly-overnight-airstrikes-that-killed-nine-children", "National Herald (AP)", "2025-11-25", "wire", "dev"),
    _A("https://atlaspress.news/en/?p=2532", "Atlas Press", "2025-12-01", "report", "dev"),
    _A("https://www.ariananews.af/riyadh-may-host-new-round-of-kabul-islamabad-talks/amp", "Ariana News", "2025-12-08", "report", "dev"),
    _A("https://www.ilkha.com/english/world/afghan-and-pakistani-delegations-meet-in-riyadh-in-bid-to-ease-border-tensions-495124", "ILKHA", "2025-11-30", "report", "dev"),
    _A("https://en.dailypakistan.com.pk/01-Dec-2025/saudi-arabia-playing-backdoor-role-in-pakistan-afghanistans-crisis", "Daily Pakistan", "2025-12-01", "report", "dev"),
    _A("https://dawatmedia24.com/asia/tensions-explode-on-durand-line-afghan-forces-launch-major-retaliatory-strikes-amidst-deadly-border-clashes/", "Dawat Media", "2026-03-01", "report", "dev"),
    _A("https://www.ssbcrack.com/?p=98894", "SSBCrack", "2025-10-12", "report", "dev"),
    _A("https://www.devdiscourse.com/article/law-order/3819209-escalation-at-the-durand-line-afghan-pakistani-tensions-flare", "Devdiscourse (agencies)", "2026-02-26", "wire", "dev"),
    # ---- test split (11): chosen before any run; scored once per release ----
    _A("https://www.arabnews.pk/node/2618501", "Arab News Pakistan (Reuters)", "2025-10-11", "wire", "test"),
    _A("https://usmuslims.com/pakistan-afghanistan-agree-to-immediate-ceasefire-in-doha-talks-says-qatar-320248h.htm", "Anadolu via US Muslims", "2025-10-19", "wire", "test"),
    _A("https://tribune.com.pk/story/2572427/trade-suspended-amid-afghan-border-closure", "Express Tribune", "2025-10-15", "report", "test"),
    _A("https://en.didpress.com/?p=20728", "DID Press", "2025-10-29", "report", "test"),
    _A("https://www.thenationalnews.com/news/asia/2025/11/25/at-least-10-killed-after-pakistan-bombs-afghanistan-province/", "The National (AFP)", "2025-11-25", "wire", "test"),
    _A("https://crisis.zone/taliban-accuses-pakistan-of-killing-nine-children-in-khost-airstrikes", "Crisis Zone", "2025-11-26", "analysis", "test"),
    _A("https://www.lokmattimes.com/international/saudi-arabia-mediated-pak-afghan-truce-talk-fails-in-riyadh-report", "Lokmat Times (IANS)", "2025-12-01", "wire", "test"),
    _A("https://www.india.com/news/world/afghan-army-attacks-destroys-pakistani-army-posts-along-durand-line-in-response-to-pakistani-airstrikes-ttp-8320785/", "India.com", "2026-02-24", "report", "test"),
    _A("https://www.2news.com/news/world/pakistan-afghanistan/image_4b13e14a-7bb1-5527-98e9-467ea8cdf93e.html", "AP via 2News", "2026-02-27", "wire", "test"),
    _A("https://www.gamereactor.eu/pakistan-declares-open-war-against-afghanistan-patience-has-now-run-out-1682303/", "Gamereactor", "2026-02-27", "report", "test"),
    _A("https://www.devdiscourse.com/article/law-order/3819300-escalating-tensions-afghan-and-pakistani-forces-clash-along-durand-line", "Devdiscourse (agencies)", "2026-02-27", "wire", "test"),
]


def cache_dir() -> Path:
    """Where the texts are kept (outside the repository)."""
    return Path(os.environ.get("ACTORGRAPH_NEWS_CACHE") or Path.home() / ".cache" / "actorgraph-news")


def key(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]


def cache_path(url: str) -> Path:
    return cache_dir() / f"{key(url)}.txt"


def cached_text(url: str) -> str | None:
    """The cached text of ``url``, or ``None``."""
    path = cache_path(url)
    return path.read_text(encoding="utf-8") if path.is_file() else None


def split(name: str) -> list[Article]:
    """The articles of one split (``dev`` or ``test``)."""
    return [a for a in ARTICLES if a.split == name]


def numbered(text: str) -> list[str]:
    """The sentences of a cached text as the gold numbers them (from 1): lines, then pysbd."""
    import pysbd

    seg = pysbd.Segmenter(language="en", clean=False)
    out = []
    for line in text.splitlines():
        line = " ".join(line.split())
        if line:
            out += [" ".join(s.split()) for s in seg.segment(line) if s.strip()]
    return out


def _fetch(url: str) -> str:
    import urllib.request

    req = urllib.request.Request(url, headers={"User-Agent": "actorgraph-bench/0.2 (research; one request per article)"})
    with urllib.request.urlopen(req, timeout=30) as resp:  # noqa: S310 - addresses of the manifest only
        html = resp.read().decode("utf-8", "replace")
    try:
        import trafilatura

        text = trafilatura.extract(html, include_comments=False, include_tables=False)
    except ImportError:
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
        from actorgraph.extract.reading import html_to_text

        text, _ = html_to_text(html)
    if not text:
        raise RuntimeError("no main text found")
    return text


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "status"
    if command == "status":
        for name in ("dev", "test"):
            arts = split(name)
            have = [a for a in arts if cache_path(a.url).is_file()]
            print(f"{name}: {len(have)}/{len(arts)} cached in {cache_dir()}")
            for a in arts:
                if a not in have:
                    print("   missing:", a.url)
        return 0
    if command == "fetch":
        which = argv[argv.index("--split") + 1] if "--split" in argv else None
        failed = 0
        for a in ARTICLES:
            if (which and a.split != which) or cache_path(a.url).is_file():
                continue
            try:
                text = _fetch(a.url)
            except Exception as exc:  # noqa: BLE001 - report and go on with the next address
                print(f"failed: {a.url}: {exc}")
                failed += 1
                continue
            cache_path(a.url).parent.mkdir(parents=True, exist_ok=True)
            cache_path(a.url).write_text(text, encoding="utf-8")
            print("fetched:", a.url)
        return 1 if failed else 0
    if command == "add" and len(argv) == 3:
        url, file = argv[1], Path(argv[2])
        if url not in {a.url for a in ARTICLES}:
            print(f"error: {url} is not in the manifest")
            return 2
        cache_path(url).parent.mkdir(parents=True, exist_ok=True)
        cache_path(url).write_text(file.read_text(encoding="utf-8"), encoding="utf-8")
        return 0
    if command == "numbered" and len(argv) == 2:
        text = cached_text(argv[1])
        if text is None:
            print(f"error: {argv[1]} is not cached")
            return 2
        for i, s in enumerate(numbered(text), 1):
            print(f"{i:>3}  {s}")
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
