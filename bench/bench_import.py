"""Benchmark: import 100,000 relation rows into a fresh workspace.

Prints the import time (goal: under 60 s) and, as a reference measured in the
same run on the same machine, the time rdflib takes merely to parse the
resulting TriG file — the import's ratio to it shows the cost of checking,
building and writing on top of reading.

    python bench/bench_import.py [ROWS] [--reimport]

CPU time is printed next to wall time: on a busy machine the wall time
includes waiting for a core.
"""

from __future__ import annotations

import csv
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from actorgraph.ingest.importers import import_file  # noqa: E402
from actorgraph.store.graph import bundled_graph_path  # noqa: E402
from actorgraph.write.workspace import init  # noqa: E402

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
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    rows = int(args[0]) if args else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        src = d / "rows.csv"
        make_csv(src, rows)
        seed = None if bundled_graph_path().exists() else d / "seed.trig"
        if seed is not None:
            from actorgraph.ingest.build import compile_dataset

            seed.write_text(compile_dataset(ROOT / "tests" / "data" / "mini-dataset.yaml").serialize(format="trig"))
        ws = init(d / "ws.trig", seed=seed)
        w0, c0 = time.perf_counter(), time.process_time()
        report = import_file(ws, src, progress=False)
        t_import, c_import = time.perf_counter() - w0, time.process_time() - c0
        size = ws.path.stat().st_size
        print(f"rows imported:                 {rows:,} ({report.counts['statements']:,} statements, "
              f"{report.counts['triples added']:,} triples)")
        print(f"import time:                   {t_import:.1f} s wall, {c_import:.1f} s CPU  "
              f"(goal < 60 s: {'OK' if t_import < 60 else 'TOO SLOW'})", flush=True)

        from rdflib import Dataset

        w0, c0 = time.perf_counter(), time.process_time()
        ds = Dataset()
        ds.parse(ws.path, format="trig")
        t_parse, c_parse = time.perf_counter() - w0, time.process_time() - c0
        print(f"reference, rdflib parse only:  {t_parse:.1f} s wall, {c_parse:.1f} s CPU  "
              f"({len(ds):,} quads, {size / 1e6:.0f} MB TriG)")
        print(f"ratio import / parse:          {t_import / t_parse:.2f} wall, {c_import / c_parse:.2f} CPU", flush=True)
        if "--reimport" in sys.argv:
            w0 = time.perf_counter()
            again = import_file(ws, src, progress=False)
            print(f"re-import (idempotent):        {time.perf_counter() - w0:.1f} s, "
                  f"{again.counts['triples added']} triples added")
    return 0 if t_import < 60 else 1


if __name__ == "__main__":
    raise SystemExit(main())
