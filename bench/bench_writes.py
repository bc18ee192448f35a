"""Benchmark: writes into a 1M-triple Oxigraph workspace, as cold CLI processes.

Goals (issue 12): ``add relation`` ≤ 0.5 s; import 10,000 rows ≤ 15 s with
peak RSS < 1.5 GB. References measured in the same run on the same machine:
``actorgraph --help`` (the CLI's start-up floor) and a raw pyoxigraph
process committing the same quads into the same store (open, ``extend``,
close) — the ratio shows what checking, resolving and validating cost on
top of the store's own write.

    python bench/bench_writes.py [--triples 1000000] [--rows 10000] [--runs 3] [--json OUT]

Data: ``bench/synthetic.py`` triples plus the bundled graph, bulk-loaded once
into a cached store (``$ACTORGRAPH_BENCH_CACHE``, default
``/tmp/actorgraph-bench``); every measured write runs on a fresh copy.
CPU seconds are printed next to wall seconds: on a busy machine the wall
time includes waiting for a core.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CACHE = Path(os.environ.get("ACTORGRAPH_BENCH_CACHE", "/tmp/actorgraph-bench"))
CLI = "from actorgraph.cli import main; main()"
#: Runs a command; prints wall/user/sys seconds and the child's peak RSS (MB) as JSON.
MEASURE = (
    "import json, resource, subprocess, sys, time\n"
    "t = time.perf_counter()\n"
    "p = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
    "wall = time.perf_counter() - t\n"
    "r = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(json.dumps({'wall': wall, 'cpu': r.ru_utime + r.ru_stime, 'rss_mb': r.ru_maxrss / 1024,"
    " 'code': p.returncode, 'out': p.stdout[-400:], 'err': p.stderr[-400:]}))\n"
)
GOALS = {"add relation": (0.5, None), "import 10,000 rows": (15.0, 1536.0)}


def measure(cmd: list[str]) -> dict:
    """Run ``cmd`` as a child of a fresh measuring process (so RSS is that command's alone)."""
    out = subprocess.run([sys.executable, "-c", MEASURE, *cmd], capture_output=True, text=True, cwd=ROOT, check=True)
    result = json.loads(out.stdout)
    if result["code"] != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{result['err']}")
    return result


def base_store(triples: int) -> Path:
    """A cached Oxigraph workspace: the bundled graph plus ``triples`` synthetic triples."""
    from actorgraph.store.oxigraph import bulk_load
    from actorgraph.write.workspace import init
    from bench.synthetic import write

    CACHE.mkdir(parents=True, exist_ok=True)
    data = CACHE / f"synthetic-{triples}.nq"
    if not data.exists():
        tmp = data.with_suffix(".tmp.nq")
        write(tmp, triples)
        tmp.rename(data)
    store = CACHE / f"workspace-{triples}"
    if not (store / "CURRENT").exists():
        shutil.rmtree(store, ignore_errors=True)
        init(store, store="oxigraph")
        bulk_load(data, store)
    return store


def fresh_copy(store: Path, tmp: Path, name: str) -> Path:
    target = tmp / name
    shutil.copytree(store, target, ignore=shutil.ignore_patterns("LOCK", "actorgraph-write.lock"))
    return target


def make_csv(path: Path, rows: int) -> None:
    from bench.bench_import import make_csv as relations_csv

    relations_csv(path, rows)


def raw_extend(store: Path, nquads: Path) -> dict:
    """A raw pyoxigraph process committing the quads of ``nquads`` into ``store`` in one transaction."""
    code = ("import sys, pyoxigraph as ox; s = ox.Store(sys.argv[1]); "
            "s.extend(list(ox.parse(path=sys.argv[2], format=ox.RdfFormat.N_QUADS))); del s")
    return measure([sys.executable, "-c", code, str(store), str(nquads)])


def delta_nquads(before: Path, after: Path, out: Path) -> int:
    """The quads ``after`` holds and ``before`` does not, as N-Quads (the reference's input)."""
    import pyoxigraph as ox

    old = ox.Store.read_only(str(before))
    new = ox.Store.read_only(str(after))
    lines = [f"{q} .\n" for q in new if q not in old]
    out.write_text("".join(lines), encoding="utf-8")
    return len(lines)


def run(triples: int, rows: int, runs: int) -> dict:
    store = base_store(triples)
    report: dict = {"triples": triples, "rows": rows, "runs": runs, "machine": os.uname().machine,
                    "cpus": os.cpu_count()}
    with tempfile.TemporaryDirectory(prefix="agwrites-") as tmp_name:
        tmp = Path(tmp_name)
        report["help"] = statistics.median(measure([sys.executable, "-c", CLI, "--help"])["wall"] for _ in range(runs))
        # add relation: one new statement per run, each on a fresh copy of the 1M store
        adds, raws = [], []
        for i in range(runs):
            ws = fresh_copy(store, tmp, f"add-{i}")
            ref = fresh_copy(store, tmp, f"add-ref-{i}")
            adds.append(measure([sys.executable, "-c", CLI, "--graph", f"oxigraph:{ws}", "add", "relation", "China",
                                 "supports", "Pakistan", "--start", f"{2000 + i}",
                                 "--quote", f"China supports Pakistan, said report {i}."]))
            delta = tmp / f"add-{i}.nq"
            delta_nquads(ref, ws, delta)
            raws.append(raw_extend(ref, delta))
            shutil.rmtree(ws)
            shutil.rmtree(ref)
        report["add relation"] = _summary(adds, raws)
        # import 10,000 rows
        csv_path = tmp / "rows.csv"
        make_csv(csv_path, rows)
        imports, raws = [], []
        for i in range(runs):
            ws = fresh_copy(store, tmp, f"imp-{i}")
            ref = fresh_copy(store, tmp, f"imp-ref-{i}")
            imports.append(measure([sys.executable, "-c", CLI, "--graph", f"oxigraph:{ws}", "import", str(csv_path)]))
            delta = tmp / f"imp-{i}.nq"
            report["import quads"] = delta_nquads(ref, ws, delta)
            raws.append(raw_extend(ref, delta))
            shutil.rmtree(ws)
            shutil.rmtree(ref)
        report[f"import {rows:,} rows"] = _summary(imports, raws)
    return report


def _summary(runs: list[dict], raws: list[dict]) -> dict:
    return {
        "wall": statistics.median(r["wall"] for r in runs),
        "cpu": statistics.median(r["cpu"] for r in runs),
        "rss_mb": max(r["rss_mb"] for r in runs),
        "raw_wall": statistics.median(r["wall"] for r in raws),
        "raw_cpu": statistics.median(r["cpu"] for r in raws),
    }


def print_table(report: dict) -> None:
    print(f"writes into a {report['triples']:,}-triple Oxigraph workspace (cold CLI, median of {report['runs']}; "
          f"{report['cpus']} CPUs; `actorgraph --help` {report['help']:.2f} s)")
    print(f"{'measure':<22} {'wall s':>7} {'cpu s':>6} {'RSS MB':>7} {'raw pyoxigraph s':>17} {'ratio':>6}  goal")
    for name, (limit, rss_limit) in GOALS.items():
        if name not in report:
            continue
        r = report[name]
        met = r["wall"] <= limit and (rss_limit is None or r["rss_mb"] < rss_limit)
        goal = f"≤ {limit} s" + (f", RSS < {rss_limit:.0f} MB" if rss_limit else "")
        print(f"{name:<22} {r['wall']:>7.2f} {r['cpu']:>6.2f} {r['rss_mb']:>7.0f} {r['raw_wall']:>17.2f} "
              f"{r['wall'] / r['raw_wall']:>6.1f}  {goal}: {'met' if met else 'MISSED'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path, help="Also write the report as JSON here.")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    report = run(args.triples, args.rows, args.runs)
    GOALS[f"import {args.rows:,} rows"] = GOALS.pop("import 10,000 rows")
    report["seconds"] = time.perf_counter() - started
    print_table(report)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
