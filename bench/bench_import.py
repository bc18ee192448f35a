"""Benchmark: import 100,000 relation rows into a fresh workspace.

Prints the import time (goal: under 60 s) and, as a reference measured in the
same run on the same machine, the time rdflib takes merely to parse the
resulting TriG file — the import's ratio to it shows the cost of checking,
building and writing on top of reading.

    python bench/bench_import.py [ROWS]
"""

from __future__ import annotations

import csv
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.importers import import_file  # noqa: E402
from graph.store import bundled_graph_path  # noqa: E402
from graph.workspace import init  # noqa: E402

NAMES = ["Pakistan", "Taliban regime", "TTP", "China", "India"]
TYPES = ["attacks", "accuses", "tensions with", "supports", "negotiates with", "pressures", "opposes"]


def make_csv(path: Path, rows: int) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["subject", "relation", "object", "start", "end", "claimed_by", "quote", "source"])
        for i in range(rows):
            a = NAMES[i % len(NAMES)]
            b = NAMES[(i // len(NAMES) + 1 + i) % len(NAMES)]
            if a == b:
                b = NAMES[(NAMES.index(a) + 1) % len(NAMES)]
            year = 2000 + i % 26
            out.writerow([a, TYPES[i % len(TYPES)], b, f"{year}-{1 + i % 12:02d}", "", "",
                          f"Report {i}: {a} and {b}, the report says.", ""])


def main() -> int:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        src = d / "rows.csv"
        make_csv(src, rows)
        seed = None if bundled_graph_path().exists() else ROOT / "tests" / "data" / "mini-dataset.trig"
        if seed is not None and not seed.exists():
            from graph.build import compile_dataset

            seed = d / "seed.trig"
            seed.write_text(compile_dataset(ROOT / "tests" / "data" / "mini-dataset.yaml").serialize(format="trig"))
        ws = init(d / "ws.trig", seed=seed)
        t0 = time.perf_counter()
        report = import_file(ws, src, progress=False)
        t_import = time.perf_counter() - t0
        size = ws.path.stat().st_size

        from rdflib import Dataset

        t0 = time.perf_counter()
        ds = Dataset()
        ds.parse(ws.path, format="trig")
        t_parse = time.perf_counter() - t0
        quads = len(ds)

        t0 = time.perf_counter()
        again = import_file(ws, src, progress=False)
        t_again = time.perf_counter() - t0

    print(f"rows imported:                 {rows:,} ({report.counts['statements']:,} statements, "
          f"{report.counts['triples added']:,} triples)")
    print(f"import time:                   {t_import:.1f} s  (goal < 60 s: {'OK' if t_import < 60 else 'TOO SLOW'})")
    print(f"reference, rdflib parse only:  {t_parse:.1f} s  ({quads:,} quads, {size / 1e6:.0f} MB TriG)")
    print(f"ratio import / parse:          {t_import / t_parse:.2f}")
    print(f"re-import (idempotent):        {t_again:.1f} s, {again.counts['triples added']} triples added")
    return 0 if t_import < 60 else 1


if __name__ == "__main__":
    raise SystemExit(main())
