"""Benchmark of ``actorgraph brief``: cold CLI processes, as a user feels them.

Each format (``.md``, ``.html``, ``.pdf``) is written by a fresh
``actorgraph brief`` process on the bundled graph, timed (best of
``--repeat``) and compared with a reference measured in the same run: a cold
``actorgraph export svg`` of the same date (the brief draws that map too).
The goal is an absolute one: under 10 s for each format on the bundled graph.
``--actors N`` adds a synthetic graph of N actors and 5 N relations (the
brief summarises it).

    python bench/bench_brief.py                  # bundled graph, 3 formats
    python bench/bench_brief.py --actors 2000    # + 2,000 actors / 10,000 relations
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GOAL_SECONDS = 10.0
CLI = [sys.executable, "-c", "from actorgraph.cli import main; main()"]


def cold(args: list[str], repeat: int) -> tuple[float, float]:
    """Best wall time and CPU time (the process and its children: chromium) of a fresh CLI process."""
    best, cpu_best = float("inf"), float("inf")
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        out = subprocess.run(CLI + args, cwd=ROOT, capture_output=True, text=True)
        elapsed = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if out.returncode != 0:
            raise SystemExit(f"actorgraph {' '.join(args)} failed: {out.stderr.strip()}")
        best = min(best, elapsed)
        cpu_best = min(cpu_best, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return best, cpu_best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--actors", type=int, default=0, help="also time a synthetic graph of this many actors")
    args = parser.parse_args()
    period = ["--since", "2025-01-01", "--until", "2026-03-31"]
    with tempfile.TemporaryDirectory() as tmp:
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (wall times grow with it; CPU times do not)")
        reference, ref_cpu = cold(["export", "svg", "--as-of", "2026-03-31", "-o", f"{tmp}/map.svg"], args.repeat)
        print(f"reference: actorgraph export svg --as-of 2026-03-31 (cold) {reference:.2f} s wall, {ref_cpu:.2f} s CPU")
        worst = 0.0
        for suffix in ("md", "html", "pdf"):
            seconds, cpu = cold(["brief", *period, "-o", f"{tmp}/brief.{suffix}"], args.repeat)
            worst = max(worst, seconds)
            print(f"brief -o brief.{suffix:<4} (cold) {seconds:6.2f} s wall = {seconds / reference:4.1f} x the reference;"
                  f" {cpu:5.2f} s CPU = {cpu / ref_cpu:4.1f} x; goal < {GOAL_SECONDS:.0f} s: "
                  f"{'ok' if seconds < GOAL_SECONDS else 'MISSED'}")
        if args.actors:
            from actorgraph.exports.samples import synthetic_graph, write_trig

            graph = write_trig(synthetic_graph(args.actors, args.actors * 5), Path(tmp) / "synthetic.trig")
            seconds, cpu = cold(["--graph", str(graph), "brief", "--since", "2024-01-01", "--until", "2025-12-31",
                                 "-o", f"{tmp}/big.md"], 1)
            print(f"brief on {args.actors:,} actors / {args.actors * 5:,} relations (cold, .md) {seconds:.2f} s wall,"
                  f" {cpu:.2f} s CPU")
    sys.exit(0 if worst < GOAL_SECONDS else 1)


if __name__ == "__main__":
    main()
