"""Benchmarks of the store backends, as ratios measured in one run.

    python bench/run.py [--quick] [--sizes 100000,1000000] [--runs 20] [--json out.json]

For each size (default 100k and 1M triples; ``--quick``: 100k only) a
synthetic N-Quads file is generated (:mod:`bench.synthetic`, cached in the
temp directory) and each case runs in its own subprocess, which reports its
wall time and peak RSS (``ru_maxrss``):

* ``rdflib parse`` — raw ``rdflib.Dataset.parse`` (reference);
* ``pyoxigraph bulk_load`` — raw ``Store.bulk_load`` into a new directory (reference);
* ``rdflib backend`` — ``actorgraph.load(FILE)``;
* ``oxigraph backend`` — ``actorgraph.backends.bulk_load`` (``actorgraph load --into``) then ``actorgraph.load("oxigraph:DIR")``.

Then the median latency (``--runs``, default 20) of each named query and of
``relations --as-of`` (cache cleared each run, as in a fresh CLI call) on the
rdflib and oxigraph backends; a query still running after ``--query-cap``
seconds is stopped and reported as a timeout. Last, the CLI cold start
(``actorgraph --help``). Prints a table, then the JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CACHE = Path(tempfile.gettempdir()) / "actorgraph-bench"
GOALS = {"load_vs_raw_oxigraph": 1.5, "speedup_vs_rdflib": 5.0, "rss_mb_1m": 1024, "query_ms_1m": 200, "help_s": 0.3}


def _rss_mb() -> float:
    """Peak RSS of this process (VmHWM: unlike ru_maxrss it is not inherited across fork+exec)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# ---------------------------------------------------------------------------
# Child cases (run as: python bench/run.py --case NAME FILE DIR)
# ---------------------------------------------------------------------------
def case_load(name: str, file: str, directory: str) -> dict:
    import pyoxigraph  # noqa: F401 - imports are not part of the load time
    import rdflib  # noqa: F401

    import actorgraph.backends  # noqa: F401

    t = time.perf_counter()
    if name == "rdflib-parse":
        from rdflib import Dataset

        ds = Dataset()
        ds.parse(file, format="nquads")
        n = len(ds)
    elif name == "pyoxigraph-bulk":
        import pyoxigraph

        store = pyoxigraph.Store(directory)
        store.bulk_load(path=file, format=pyoxigraph.RdfFormat.N_QUADS)
        n = len(store)
    elif name == "rdflib-backend":
        import actorgraph

        kg = actorgraph.load(file)
        n = len(kg.dataset)
    elif name == "oxigraph-backend":
        import actorgraph
        from actorgraph.backends import bulk_load

        n = bulk_load(file, directory)
        actorgraph.load(f"oxigraph:{directory}")
    else:
        raise SystemExit(f"unknown case {name}")
    return {"case": name, "seconds": time.perf_counter() - t, "rss_mb": _rss_mb(), "quads": n}


class _Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise _Timeout()


def case_latency(backend: str, spec: str, runs: int, cap: float) -> dict:
    import actorgraph
    from actorgraph.queries import named_queries, query
    from actorgraph.vocab import AGD

    t = time.perf_counter()
    kg = actorgraph.load(spec)
    load_s = time.perf_counter() - t
    a, b = AGD["actor-1"], AGD["actor-2"]
    values = {"actor": a, "a": a, "b": b, "group": a, "accuser": a, "place": a, "from": a, "to": b, "subject": a,
              "object": b, "relation": "attacks", "asof": "2010-06-30", "since": "2005", "polarity": "hostile"}
    jobs = []
    for q in named_queries():
        params = {n: values[n] for n, kind, _ in q.params if n in values and kind != "iri"}
        if q.name == "changes-between":
            params = {"from": "2010-01-01", "to": "2010-12-31"}
        jobs.append((q.name, lambda q=q, params=params: query(kg, q.name, params)))

    def as_of():
        kg._cache.clear()
        return actorgraph.relations(kg, as_of="2010-06-30")

    jobs.append(("relations --as-of", as_of))
    signal.signal(signal.SIGALRM, _alarm)
    out = {}
    for name, job in jobs:
        times, rows = [], None
        try:
            for _ in range(runs):
                signal.setitimer(signal.ITIMER_REAL, cap)
                t = time.perf_counter()
                rows = len(job())
                times.append(time.perf_counter() - t)
                signal.setitimer(signal.ITIMER_REAL, 0)
                if sum(times) > cap:  # slow query: fewer runs
                    break
        except Exception as exc:  # the store wraps the alarm's _Timeout in a QueryError
            if not isinstance(exc, _Timeout) and time.perf_counter() - t < cap * 0.95:
                raise
            out[name] = {"median_ms": None, "runs": len(times), "timeout_s": cap}
            continue
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        out[name] = {"median_ms": statistics.median(times) * 1000, "runs": len(times), "rows": rows}
    return {"backend": backend, "open_s": load_s, "rss_mb": _rss_mb(), "queries": out}


def _child(args: list[str], timeout: float = 1800) -> dict:
    proc = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, timeout=timeout)
    if proc.returncode != 0:
        return {"error": proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else f"exit {proc.returncode}"}
    return json.loads(proc.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------------------
# Driver
# ---------------------------------------------------------------------------
def dataset(size: int) -> Path:
    from bench.synthetic import write

    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"synthetic-{size}.nq"
    if not path.exists():
        tmp = path.with_suffix(".tmp.nq")
        write(tmp, size)
        tmp.rename(path)
    return path


def cli_cold_start(runs: int = 10) -> float:
    exe = shutil.which("actorgraph")
    cmd = [exe, "--help"] if exe else [sys.executable, "-c", "from cli import main; main()", "--help"]
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True, cwd=ROOT)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true", help="100k triples only, 5 runs per query")
    p.add_argument("--sizes", help="comma-separated triple counts (default 100000,1000000)")
    p.add_argument("--runs", type=int, help="runs per query (default 20; --quick 5)")
    p.add_argument("--query-cap", type=float, default=None, help="seconds before a query is stopped (default 10)")
    p.add_argument("--json", dest="json_out", help="also write the JSON here")
    p.add_argument("--case", nargs="+", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.case:
        kind, *rest = args.case
        if kind == "latency":
            result = case_latency(rest[0], rest[1], int(rest[2]), float(rest[3]))
        else:
            result = case_load(kind, *rest)
        print(json.dumps(result))
        return 0

    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else ([100_000] if args.quick else [100_000, 1_000_000])
    runs = args.runs or (5 if args.quick else 20)
    cap = args.query_cap or 10.0
    report: dict = {"python": sys.version.split()[0], "cpus": os.cpu_count(), "runs": runs, "sizes": {}}
    for size in sizes:
        t = time.perf_counter()
        file = dataset(size)
        print(f"# {size:,} triples: {file} (generated/cached in {time.perf_counter() - t:.1f} s)", file=sys.stderr)
        loads = {}
        with tempfile.TemporaryDirectory(prefix="agbench-") as tmp:
            for name in ("rdflib-parse", "rdflib-backend", "pyoxigraph-bulk", "oxigraph-backend"):
                directory = Path(tmp) / name
                loads[name] = _child(["--case", name, str(file), str(directory)])
                print(f"  load {name}: {loads[name]}", file=sys.stderr)
            latency = {}
            latency["oxigraph"] = _child(["--case", "latency", "oxigraph", f"oxigraph:{Path(tmp) / 'oxigraph-backend'}",
                                          str(runs), str(cap)])
            latency["rdflib"] = _child(["--case", "latency", "rdflib", str(file), str(runs), str(cap)])
        ox, raw_ox, rd = (loads[k].get("seconds") for k in ("oxigraph-backend", "pyoxigraph-bulk", "rdflib-parse"))
        ratios = {}
        if ox and raw_ox and rd:
            ratios = {"oxigraph_backend_vs_raw_pyoxigraph": ox / raw_ox, "rdflib_parse_vs_oxigraph_backend": rd / ox}
        report["sizes"][str(size)] = {"quads": loads["rdflib-parse"].get("quads"), "load": loads,
                                      "ratios": ratios, "latency": latency}
    report["cli_help_s"] = cli_cold_start()
    report["goals"] = goals(report)
    print_table(report)
    text = json.dumps(report, indent=2)
    print(text)
    if args.json_out:
        Path(args.json_out).write_text(text + "\n", encoding="utf-8")
    return 0


def goals(report: dict) -> dict:
    out = {}
    biggest = max(report["sizes"], key=int)
    r = report["sizes"][biggest]
    ratios = r["ratios"]
    if ratios:
        out[f"oxigraph load <= {GOALS['load_vs_raw_oxigraph']}x raw pyoxigraph ({biggest})"] = (
            ratios["oxigraph_backend_vs_raw_pyoxigraph"] <= GOALS["load_vs_raw_oxigraph"])
        out[f"oxigraph load >= {GOALS['speedup_vs_rdflib']}x faster than rdflib parse ({biggest})"] = (
            ratios["rdflib_parse_vs_oxigraph_backend"] >= GOALS["speedup_vs_rdflib"])
    for name, res in r["load"].items():
        if "rss_mb" in res:
            out[f"peak RSS < 1 GB: {name} ({biggest})"] = res["rss_mb"] < GOALS["rss_mb_1m"]
    for backend in ("oxigraph", "rdflib"):
        qs = r["latency"].get(backend, {}).get("queries", {})
        slow = [n for n, q in qs.items() if q["median_ms"] is None or q["median_ms"] >= GOALS["query_ms_1m"]]
        if qs:
            out[f"every named query < {GOALS['query_ms_1m']} ms median: {backend} ({biggest})"] = not slow
            if slow:
                out[f"  slow on {backend}"] = ", ".join(slow)
    out[f"actorgraph --help < {GOALS['help_s']} s"] = report["cli_help_s"] < GOALS["help_s"]
    return out


def print_table(report: dict) -> None:
    for size, r in report["sizes"].items():
        print(f"\n== {int(size):,} triples requested ({r['quads']} quads) ==")
        print(f"{'load case':22} {'seconds':>9} {'peak RSS MB':>12}")
        for name, res in r["load"].items():
            if "error" in res:
                print(f"{name:22} error: {res['error']}")
            else:
                print(f"{name:22} {res['seconds']:9.2f} {res['rss_mb']:12.0f}")
        for k, v in r["ratios"].items():
            print(f"  ratio {k}: {v:.2f}")
        names = sorted({n for lat in r["latency"].values() for n in lat.get("queries", {})})
        print(f"{'median latency (ms)':26} {'oxigraph':>10} {'rdflib':>10}")
        for n in names:
            cells = []
            for backend in ("oxigraph", "rdflib"):
                q = r["latency"].get(backend, {}).get("queries", {}).get(n)
                if q is None:
                    cells.append("-")
                elif q["median_ms"] is None:
                    cells.append(f">{q['timeout_s']:.0f}s")
                else:
                    cells.append(f"{q['median_ms']:.1f}" + ("" if q["runs"] >= report["runs"] else f" (n={q['runs']})"))
            print(f"{n:26} {cells[0]:>10} {cells[1]:>10}")
    print(f"\nactorgraph --help cold start: {report['cli_help_s']:.3f} s")
    print("goals:")
    for k, v in report["goals"].items():
        print(f"  {'MET   ' if v is True else 'MISSED' if v is False else '      '} {k}" + ("" if isinstance(v, bool) else f": {v}"))


if __name__ == "__main__":
    sys.exit(main())
