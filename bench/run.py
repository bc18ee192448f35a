"""Benchmarks: the scale goals of issue 12 (default), and the store backends compared (``--backends``).

    python bench/run.py [--size 1000000] [--runs 3] [--load-10m] [--json out.json]   # the goals table
    python bench/run.py --backends [--quick] [--sizes 100000,1000000] [--runs 20]     # backends compared

The goals table (:func:`goals_main`) measures cold CLI processes (median of
``--runs``; wall and CPU seconds, peak RSS) on the bundled graph and on the
bundled data replicated to ``--size`` triples (:func:`bench.synthetic.write`
with ``bundled=True``, bulk-loaded into an ``oxigraph:DIR`` store), each
next to a reference measured in the same run: a raw pyoxigraph process
(open the store, run the same SPARQL, read every value — process start
included). The write goals come from ``bench/bench_writes.py`` when present.
Then the machine: ``nproc``, RAM, CPU model and load average.

Backends compared (``--backends``):

For each size (default 100k and 1M triples; ``--quick``: 100k only) a
synthetic N-Quads file is generated (:mod:`bench.synthetic`, cached in the
temp directory) and each case runs in its own subprocess, which reports its
wall time and peak RSS (``ru_maxrss``):

* ``rdflib parse`` — raw ``rdflib.Dataset.parse`` (reference);
* ``pyoxigraph bulk_load`` — raw ``Store.bulk_load`` into a new directory (reference);
* ``rdflib backend`` — ``actorgraph.load(FILE)``;
* ``oxigraph backend`` — ``actorgraph.store.oxigraph.bulk_load`` (``actorgraph load --into``) then ``actorgraph.load("oxigraph:DIR")``.

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

    import actorgraph.store.oxigraph  # noqa: F401

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
        from actorgraph.store.oxigraph import bulk_load

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
    from actorgraph.core.vocab import AGD
    from actorgraph.model.queries import query
    from actorgraph.model.query_library import named_queries

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


def _endpoint_latency(urls: list[str], store: Path, runs: int, cap: float) -> dict:
    """The read goals on each endpoint, and on an `oxigraph serve` over the bench's own store."""
    import shutil
    import socket
    import urllib.request

    out = {}
    exe = shutil.which("oxigraph")
    if exe:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        proc = subprocess.Popen([exe, "serve-read-only", "--location", str(store), "--bind", f"127.0.0.1:{port}",
                                 "--union-default-graph"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            for _ in range(200):
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", timeout=1).read()
                    break
                except OSError:
                    time.sleep(0.1)
            out["oxigraph-serve"] = _child(["--case", "latency", "oxigraph-serve",
                                            f"http://127.0.0.1:{port}/query", str(runs), str(cap)])
        finally:
            proc.terminate()
            proc.wait(10)
    for i, url in enumerate(urls):
        out[f"endpoint-{i + 1}"] = _child(["--case", "latency", f"endpoint {url}", url, str(runs), str(cap)])
    return out


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


def backends_main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--backends", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--quick", action="store_true", help="100k triples only, 5 runs per query")
    p.add_argument("--sizes", help="comma-separated triple counts (default 100000,1000000)")
    p.add_argument("--runs", type=int, help="runs per query (default 20; --quick 5)")
    p.add_argument("--query-cap", type=float, default=None, help="seconds before a query is stopped (default 10)")
    p.add_argument("--json", dest="json_out", help="also write the JSON here")
    p.add_argument("--case", nargs="+", help=argparse.SUPPRESS)
    p.add_argument("--endpoint", action="append", default=[], metavar="URL",
                   help="also time the read goals on this SPARQL endpoint (repeatable), which must hold the "
                        "bench dataset of the size run (its path is printed; load it with the server's bulk "
                        "loader, docs/scale.md); an `oxigraph serve` over the same store is timed next to it")
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
            if args.endpoint:
                latency.update(_endpoint_latency(args.endpoint, Path(tmp) / "oxigraph-backend", runs, cap))
        ox, raw_ox, rd = (loads[k].get("seconds") for k in ("oxigraph-backend", "pyoxigraph-bulk", "rdflib-parse"))
        ratios = {}
        if ox and raw_ox and rd:
            ratios = {"oxigraph_backend_vs_raw_pyoxigraph": ox / raw_ox, "rdflib_parse_vs_oxigraph_backend": rd / ox}
        remote_ratios: dict = {}
        for name, lat in latency.items():  # each remote store's median next to the local oxigraph:DIR's
            if name.startswith(("endpoint", "oxigraph-serve")) and "queries" in lat:
                local = latency["oxigraph"].get("queries", {})
                remote_ratios[f"{name}_vs_oxigraph_dir"] = {
                    q: r["median_ms"] / local[q]["median_ms"] for q, r in lat["queries"].items()
                    if r.get("median_ms") and local.get(q, {}).get("median_ms")}
        report["sizes"][str(size)] = {"quads": loads["rdflib-parse"].get("quads"), "load": loads,
                                      "ratios": ratios, "remote_ratios": remote_ratios, "latency": latency}
    report["cli_help_s"] = cli_cold_start()
    report["goals"] = goals(report)
    print_table(report)
    print_remote_table(report)
    text = json.dumps(report, indent=2)
    print(text)
    if args.json_out:
        Path(args.json_out).write_text(text + "\n", encoding="utf-8")
    return 0


def print_remote_table(report: dict) -> None:
    """Median latency on each remote store as a ratio to the local oxigraph:DIR (markdown)."""
    for size, r in report["sizes"].items():
        remote = [n for n in r["latency"] if n.startswith(("endpoint", "oxigraph-serve"))]
        if not remote:
            continue
        local = r["latency"]["oxigraph"].get("queries", {})
        print(f"\n{int(size):,} triples: median ms (ratio to oxigraph:DIR)\n")
        for n in remote:
            if "queries" not in r["latency"][n]:
                print(f"{n}: not measured: {r['latency'][n]}")
        remote = [n for n in remote if "queries" in r["latency"][n]]
        print("| query | oxigraph:DIR | " + " | ".join(r["latency"][n]["backend"] for n in remote) + " |")
        print("|---|---|" + "---|" * len(remote))
        for q, mine in local.items():
            cells = []
            for n in remote:
                got = r["latency"][n].get("queries", {}).get(q, {})
                ms = got.get("median_ms")
                cells.append(f"{ms:.0f} ({ms / mine['median_ms']:.1f}×)" if ms and mine.get("median_ms")
                             else ("timeout" if got.get("timeout_s") else "—"))
            base = f"{mine['median_ms']:.0f}" if mine.get("median_ms") else "timeout"
            print(f"| {q} | {base} | " + " | ".join(cells) + " |")


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


# ---------------------------------------------------------------------------
# The goals of issue 12 (default)
# ---------------------------------------------------------------------------
CLI = f"import sys; sys.path.insert(0, {str(ROOT)!r}); from actorgraph.cli import main; main()"
#: Runs a command; prints wall/CPU seconds and the child's peak RSS (MB) as JSON.
MEASURE = (
    "import json, resource, subprocess, sys, time\n"
    "t = time.perf_counter()\n"
    "p = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
    "wall = time.perf_counter() - t\n"
    "r = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(json.dumps({'wall': wall, 'cpu': r.ru_utime + r.ru_stime, 'rss_mb': r.ru_maxrss / 1024,"
    " 'code': p.returncode, 'out': p.stdout[-300:], 'err': p.stderr[-300:]}))\n"
)
#: A raw pyoxigraph process: open the store read-only, run one SPARQL query, read every value.
RAW_QUERY = (
    "import sys, pyoxigraph as ox, json\n"
    "prefixes = json.loads(sys.argv[3])\n"
    "s = ox.Store.read_only(sys.argv[1])\n"
    "n = sum(1 for row in s.query(open(sys.argv[2]).read(), prefixes=prefixes, use_default_graph_as_union=True)"
    " for t in row if t is None or t.value)\n"
)
#: The same on the bundled graph parsed into memory (how actorgraph opens it).
RAW_BUNDLED = (
    "import sys, pyoxigraph as ox, json\n"
    "prefixes = json.loads(sys.argv[3])\n"
    "s = ox.Store(); s.load(path=sys.argv[1], format=ox.RdfFormat.TRIG)\n"
    "n = sum(1 for row in s.query(open(sys.argv[2]).read(), prefixes=prefixes, use_default_graph_as_union=True)"
    " for t in row if t is None or t.value)\n"
)
RAW_BULK = "import sys, pyoxigraph as ox; s = ox.Store(sys.argv[2]); s.bulk_load(path=sys.argv[1], format=ox.RdfFormat.N_QUADS); s.flush(); del s"

AS_OF = "2026-03-15"
#: The reference of the analyses (issue 20): a raw fetch of every statement's subject, type, object and dates.
RAW_FETCH = ("SELECT ?st ?s ?p ?o ?party ?start ?end ?status ?source WHERE { ?st a ag:Statement ; ag:subject ?s ; "
             "ag:predicate ?p . OPTIONAL { ?st ag:object ?o } OPTIONAL { ?st ag:party ?party } "
             "OPTIONAL { ?st ag:start ?start } OPTIONAL { ?st ag:end ?end } OPTIONAL { ?st ag:status ?status } "
             "OPTIONAL { ?st ag:source ?source } }")
#: The named queries with the parameters of the competency questions (the backend tests use the same).
NAMED = [
    ("hostile-to", {"actor": "Pakistan", "asof": AS_OF}), ("mediators", {"a": "Pakistan", "b": "Taliban regime"}),
    ("leaders-of", {"group": "TTP"}), ("supporters-of", {"actor": "Pakistan"}), ("figures", {}),
    ("formed-from", {"group": "TTP"}), ("agreements-of", {"actor": "Pakistan"}), ("accusations", {"accuser": "Pakistan"}),
    ("intermediaries", {"from": "China", "to": "TTP"}), ("changes-between", {"from": "2024-12-31", "to": "2026-03-31"}),
    ("evidence", {"subject": "Pakistan", "relation": "attacks", "object": "Taliban regime"}),
    ("events-at", {"place": "Kabul"}), ("events-of", {"actor": "Taliban regime"}),
    ("relations-by-polarity", {"polarity": "hostile"}), ("relationship-history", {"a": "Pakistan", "b": "Taliban"}),
]
#: Reads on the bundled graph (each a cold CLI process).
BUNDLED_READS = [
    ["actors"], ["relations", "--actor", "Pakistan", "--as-of", AS_OF], ["events", "--actor", "Pakistan"],
    ["show", "TTP"], ["timeline", "--actor", "Pakistan"], ["diff", "2024-12-31", "2026-03-31"],
    ["query", "hostile-to", "-p", "actor=Pakistan", "-p", f"asof={AS_OF}"], ["analyze", "blocs", "--as-of", AS_OF],
    ["analyze", "balance", "--as-of", AS_OF], ["sources"], ["figures"],
]


def measure(cmd: list[str], runs: int = 1) -> dict:
    """Median wall/CPU of ``runs`` runs of ``cmd``, each a child of a fresh measuring process (its own RSS)."""
    results = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", MEASURE, *cmd], capture_output=True, text=True, cwd=ROOT, check=True)
        result = json.loads(out.stdout)
        if result["code"] != 0:
            return {"error": (result["err"] or result["out"]).strip().splitlines()[-1:] or ["exit"]}
        results.append(result)
    return {"wall": statistics.median(r["wall"] for r in results), "cpu": statistics.median(r["cpu"] for r in results),
            "rss_mb": max(r["rss_mb"] for r in results), "runs": runs}


def cli(*args: str) -> list[str]:
    return [sys.executable, "-c", CLI, *args]


def machine() -> dict:
    info = {"nproc": os.cpu_count(), "python": sys.version.split()[0]}
    try:
        mem = Path("/proc/meminfo").read_text().splitlines()[0].split()[1]
        info["ram_gb"] = round(int(mem) / 1024 / 1024, 1)
        info["cpu"] = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                           if line.startswith("model name"))
    except (OSError, StopIteration, IndexError, ValueError):
        pass
    info["load_average"] = os.getloadavg()[0]
    return info


def bundled_dataset(size: int) -> Path:
    from bench.synthetic import write

    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"bundled-{size}.nq"
    if not path.exists():
        tmp = path.with_suffix(".tmp.nq")
        write(tmp, size, bundled=True)
        tmp.rename(path)
    return path


def _raw(script: str, target: str, query: str, tmp: Path, runs: int) -> dict:
    from actorgraph.store.graph import PREFIXES

    qfile = tmp / f"q{abs(hash(query))}.rq"
    qfile.write_text(query, encoding="utf-8")
    return measure([sys.executable, "-c", script, target, str(qfile), json.dumps(PREFIXES)], runs)


def _row(rows: list, measure_name: str, goal: str, limit: float, got: dict, raw: dict | None = None,
         ratio_limit: float | None = None, rss_limit: float | None = None) -> None:
    if "error" in got:
        rows.append({"measure": measure_name, "goal": goal, "error": got["error"]})
        return
    ratio = got["wall"] / raw["wall"] if raw and "wall" in raw else None
    met = got["wall"] <= limit and (ratio_limit is None or (ratio is not None and ratio <= ratio_limit)) and (
        rss_limit is None or got["rss_mb"] < rss_limit)
    rows.append({"measure": measure_name, "goal": goal, "wall": got["wall"], "cpu": got["cpu"], "rss_mb": got["rss_mb"],
                 "raw_wall": raw.get("wall") if raw else None, "ratio": ratio, "met": met})


def goals_main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="The scale goals of issue 12, measured in one run.")
    p.add_argument("--size", type=int, default=1_000_000, help="triples of the replicated data (default 1M)")
    p.add_argument("--runs", type=int, default=3, help="cold runs per measure (median)")
    p.add_argument("--load-10m", action="store_true", help="also load 10M triples (minutes; not in CI)")
    p.add_argument("--no-writes", action="store_true", help="skip the write goals (bench/bench_writes.py)")
    p.add_argument("--json", dest="json_out", help="also write the JSON here")
    args = p.parse_args(argv)
    import actorgraph
    from actorgraph.model.names import resolve
    from actorgraph.model.queries import _convert
    from actorgraph.model.query_library import get_query
    from actorgraph.model.selectors import statement_where
    from actorgraph.store.graph import bundled_graph_path
    from actorgraph.store.remote import bind_values

    report: dict = {"machine": machine(), "size": args.size, "runs": args.runs}
    rows: list[dict] = []
    runs = args.runs
    with tempfile.TemporaryDirectory(prefix="agbench-") as tmp_name:
        tmp = Path(tmp_name)
        report["help_s"] = measure(cli("--help"), runs).get("wall")
        # -- the bundled graph ------------------------------------------------
        bundled_kg = actorgraph.load()
        pakistan = str(resolve(bundled_kg, "Pakistan"))
        rel_query = ("SELECT DISTINCT ?st ?prop ?value WHERE { "
                     + statement_where({pakistan}, as_of=actorgraph.parse_day(AS_OF)) + " ?st ?prop ?value }")
        raw_bundled = _raw(RAW_BUNDLED, str(bundled_graph_path()), rel_query, tmp, runs)
        worst, worst_name = None, None
        for read in [*BUNDLED_READS, ["export", "html", "--actor", "Pakistan", "--hops", "2", "-o", str(tmp / "b.html")]]:
            got = measure(cli(*read), runs)
            report.setdefault("bundled", {})[" ".join(read[:2])] = got
            print(f"  bundled {' '.join(read)}: {got}", file=sys.stderr)
            if "wall" in got and (worst is None or got["wall"] > worst["wall"]):
                worst, worst_name = got, " ".join(read[:3])
        _row(rows, f"slowest read on the bundled graph ({worst_name})", "≤ 0.4 s cold", 0.4, worst or {"error": "none"},
             raw_bundled)
        # -- the replicated data -------------------------------------------------
        data = bundled_dataset(args.size)
        store = tmp / "store"
        loaded = measure(cli("load", str(data), "--into", f"oxigraph:{store}"))
        raw_load = measure([sys.executable, "-c", RAW_BULK, str(data), str(tmp / "raw-store")])
        shutil.rmtree(tmp / "raw-store", ignore_errors=True)
        report["load"] = {"cli": loaded, "raw": raw_load}
        n = f"{args.size / 1e6:g}M"
        graph = f"oxigraph:{store}"
        kg = actorgraph.load(graph)
        pakistan = str(resolve(kg, "Pakistan"))
        rel_query = ("SELECT DISTINCT ?st ?prop ?value WHERE { "
                     + statement_where({pakistan}, as_of=actorgraph.parse_day(AS_OF)) + " ?st ?prop ?value }")
        got = measure(cli("--graph", graph, "relations", "--actor", "Pakistan", "--as-of", AS_OF, "--format", "json"), runs)
        raw = _raw(RAW_QUERY, str(store), rel_query, tmp, runs)
        _row(rows, f"relations --actor Pakistan --as-of {AS_OF} at {n}", "≤ 0.5 s and ≤ 4× raw pyoxigraph", 0.5, got,
             raw, ratio_limit=4.0)
        worst_q = None
        for name, params in NAMED:
            named = get_query(name)
            kinds = {key: kind for key, kind, _ in named.params}
            text = bind_values(named.text, {k: _convert(kg, k, kinds[k], v) for k, v in params.items()})
            args_q = [a for k, v in params.items() for a in ("-p", f"{k}={v}")]
            got = measure(cli("--graph", graph, "query", name, *args_q, "--format", "json"), runs)
            raw = _raw(RAW_QUERY, str(store), text, tmp, runs)
            report.setdefault("named", {})[name] = {"cli": got, "raw": raw}
            print(f"  query {name}: {got} raw {raw}", file=sys.stderr)
            if "wall" in got and (worst_q is None or got["wall"] > worst_q[1]["wall"]):
                worst_q = (name, got, raw)
        slow = [q for q, r in report["named"].items() if "wall" not in r["cli"] or r["cli"]["wall"] > 0.5]
        if worst_q:
            _row(rows, f"slowest named query at {n} ({worst_q[0]}; {len(NAMED) - len(slow)} of {len(NAMED)} ≤ 0.5 s)",
                 "every one ≤ 0.5 s cold", 0.5, worst_q[1], worst_q[2])
        raw = _raw(RAW_QUERY, str(store), RAW_FETCH, tmp, runs)
        for what in ("blocs", "balance"):
            got = measure(cli("--graph", graph, "analyze", what, "--as-of", AS_OF, "--format", "json"), runs)
            _row(rows, f"analyze {what} --as-of {AS_OF} at {n}", "≤ 5 s and ≤ 3× raw pyoxigraph", 5.0, got, raw,
                 ratio_limit=3.0)
        got = measure(cli("--graph", graph, "ties", "--as-of", AS_OF, "--format", "json"), runs)
        _row(rows, f"ties --as-of {AS_OF} at {n}", "≤ 5 s and ≤ 3× raw pyoxigraph", 5.0, got, raw, ratio_limit=3.0)
        got = measure(cli("--graph", graph, "export", "html", "--actor", "Pakistan", "--hops", "2",
                          "-o", str(tmp / "map.html")), runs)
        _row(rows, f"export html --actor Pakistan --hops 2 at {n}", "≤ 3 s", 3.0, got, None)
        _row(rows, f"load {n} triples (actorgraph load)", "≤ 1.5× raw bulk_load", float("inf"), loaded, raw_load,
             ratio_limit=1.5)
        del kg
        # -- writes (bench/bench_writes.py, from the writes branch) --------------
        if not args.no_writes:
            try:
                from bench import bench_writes
            except ImportError:
                rows.append({"measure": f"add relation / import 10,000 rows into a {n} workspace", "goal": "≤ 0.5 s / ≤ 15 s",
                             "error": ["bench/bench_writes.py not here yet (Oxigraph workspaces: the writes branch)"]})
            else:
                w = bench_writes.run(args.size, 10_000, runs)
                report["writes"] = w
                for name, limit, rss in (("add relation", 0.5, None), ("import 10,000 rows", 15.0, 1536.0)):
                    if name in w:
                        got = {k: w[name][k] for k in ("wall", "cpu", "rss_mb")}
                        _row(rows, f"{name} into a {n}-triple workspace", f"≤ {limit:g} s" + (", RSS < 1.5 GB" if rss else ""),
                             limit, got, {"wall": w[name]["raw_wall"]}, rss_limit=rss)
        # -- 10M load (bench only) ---------------------------------------------
        if args.load_10m:
            big = bundled_dataset(10_000_000)
            got = measure(cli("load", str(big), "--into", f"oxigraph:{tmp / 'big'}"))
            shutil.rmtree(tmp / "big", ignore_errors=True)
            raw = measure([sys.executable, "-c", RAW_BULK, str(big), str(tmp / "big-raw")])
            shutil.rmtree(tmp / "big-raw", ignore_errors=True)
            _row(rows, "load 10M triples into oxigraph:DIR", "≤ 1.5× raw bulk_load, RSS < 2 GB", float("inf"), got, raw,
                 ratio_limit=1.5, rss_limit=2048)
    report["machine"]["load_average_end"] = os.getloadavg()[0]
    report["goals"] = rows
    print_goals(report)
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


def print_goals(report: dict) -> None:
    """The goals table as markdown (what the README shows)."""
    m = report["machine"]
    print(f"\nMachine: {m.get('nproc')} CPUs ({m.get('cpu', '?')}), {m.get('ram_gb', '?')} GB RAM, Python {m['python']}; "
          f"load average {m['load_average']:.1f} at start, {m.get('load_average_end', 0):.1f} at end. "
          f"Cold CLI processes, median of {report['runs']}; `actorgraph --help` {report.get('help_s') or 0:.2f} s.\n")
    print("| measure | goal | measured (wall; CPU) | raw pyoxigraph | ratio | |")
    print("|---|---|---|---|---|---|")
    for r in report["goals"]:
        if "error" in r:
            print(f"| {r['measure']} | {r['goal']} | not measured: {' '.join(r['error'])} | | | |")
            continue
        raw = f"{r['raw_wall']:.2f} s" if r.get("raw_wall") else "—"
        ratio = f"{r['ratio']:.1f}×" if r.get("ratio") else "—"
        rss = f"; {r['rss_mb']:.0f} MB" if r["rss_mb"] else ""
        print(f"| {r['measure']} | {r['goal']} | {r['wall']:.2f} s; {r['cpu']:.2f} s{rss} | {raw} | {ratio} | "
              f"{'met' if r['met'] else 'MISSED'} |")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if "--backends" in argv or "--case" in argv or any(a.startswith("--endpoint") for a in argv):
        return backends_main(argv)
    return goals_main(argv)


if __name__ == "__main__":
    sys.exit(main())
