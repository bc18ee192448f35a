"""Benchmark: import 100,000 ACLED-shaped rows into a fresh workspace, as a user runs it.

The rows are generated here (synthetic, shaped like the current ACLED export:
31 columns, CRLF, quoted commas in notes, every event type, time and geo
precisions, a few hundred actor names in ACLED's conventions, a few thousand
locations). The import runs as a cold CLI process
(``actorgraph --graph WS import FILE --create-actors``); the figures are its
wall time (goal: under 60 s) and peak RSS (goal: under 2 GB), and, as a
reference measured in the same run, the time Python's csv module takes merely
to read the rows. The workspace is an Oxigraph store where ``init`` makes one
(a path without ``.trig``), else a TriG file.

    python bench/bench_acled.py [ROWS]
"""

from __future__ import annotations

import csv
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from actorgraph.ingest.datasets.acled import ACLED_COLUMNS, ACLED_EVENT_TYPES  # noqa: E402

COUNTRIES = {"Pakistan": ("586", ["Khyber Pakhtunkhwa", "Balochistan", "Punjab", "Sindh"]),
             "Afghanistan": ("4", ["Kabul", "Nangarhar", "Kandahar", "Helmand", "Kunar"])}
ARMED = ["TTP: Tehreek-i-Taliban Pakistan", "Taliban", "Islamic State (Afghanistan)", "BLA: Baloch Liberation Army",
         "NATO: North Atlantic Treaty Organization", "Lashkar-e-Islam", "Jamaat-ul-Ahrar"]
STATE = {"Pakistan": ["Military Forces of Pakistan (2018-)", "Police Forces of Pakistan (2018-)",
                      "Military Forces of Pakistan (2018-) Frontier Corps"],
         "Afghanistan": ["Military Forces of Afghanistan (2021-)", "Police Forces of Afghanistan (2021-)"]}


def _name(rng: random.Random, country: str) -> tuple[str, str]:
    roll = rng.random()
    if roll < 0.35:
        return rng.choice(STATE[country]), "1"
    if roll < 0.6:
        return rng.choice(ARMED), "2"
    if roll < 0.7:
        return f"Unidentified Armed Group ({country})", "3"
    if roll < 0.8:
        return f"{rng.choice(['Tribal', 'Clan', 'Communal'])} Militia ({country}) {rng.randint(1, 60)}", "4"
    if roll < 0.9:
        return f"Protesters ({country})", "6"
    return f"Civilians ({country})", "7"


def make_csv(path: Path, rows: int, seed: int = 13) -> None:
    rng = random.Random(seed)
    types = [(t, s) for t, (_, subs) in ACLED_EVENT_TYPES.items() for s in subs]
    places = []
    for country, (iso, admins) in COUNTRIES.items():
        for i in range(2500):
            admin1 = admins[i % len(admins)]
            places.append((country, iso, admin1, f"District {i % 40}", f"Tehsil {i % 150}", f"Village {i}",
                           round(rng.uniform(29.0, 36.0), 4), round(rng.uniform(61.0, 74.0), 4)))
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh, lineterminator="\r\n")
        out.writerow(ACLED_COLUMNS)
        for i in range(rows):
            country, iso, admin1, admin2, admin3, location, lat, lon = rng.choice(places)
            event_type, sub = rng.choice(types)
            a1, i1 = _name(rng, country)
            a2, i2 = _name(rng, country) if rng.random() < 0.8 else ("", "")
            assoc = rng.choice(["", "", "", "Journalists (Pakistan)", "PTI: Pakistan Tehreek-i-Insaf"])
            day = f"{2018 + i % 8}-{1 + i % 12:02d}-{1 + i % 28:02d}"
            values = {
                "event_id_cnty": f"{iso}X{i:07d}", "event_date": day, "year": day[:4],
                "time_precision": rng.choice("1112223"), "disorder_type": "Political violence",
                "event_type": event_type.capitalize() if event_type != "explosions/remote violence"
                else "Explosions/Remote violence", "sub_event_type": sub.capitalize(), "actor1": a1,
                "assoc_actor_1": assoc, "inter1": i1, "actor2": a2, "assoc_actor_2": "", "inter2": i2,
                "interaction": f"{i1}{i2}", "civilian_targeting": "", "iso": iso, "region": "Caspian",
                "country": country, "admin1": admin1, "admin2": admin2, "admin3": admin3, "location": location,
                "latitude": lat, "longitude": lon, "geo_precision": rng.choice("1112"),
                "source": "Example Daily; Example Wire", "source_scale": "National",
                "notes": f"Synthetic row {i}: on {day}, {a1} and {a2 or 'others'}, near {location}, per a report.",
                "fatalities": rng.choice([0, 0, 0, 1, 2, 5]), "tags": "", "timestamp": 1700000000 + i,
            }
            out.writerow([values[c] for c in ACLED_COLUMNS])


def main() -> int:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        src = d / "acled.csv"
        make_csv(src, rows)
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        run = [sys.executable, "-c", "from actorgraph.cli import main; main()"]
        # an Oxigraph workspace where this version has them (a path without .trig), else a TriG file
        store = d / "ws"
        if subprocess.run([*run, "init", str(store)], capture_output=True, cwd=ROOT, env=env).returncode:
            store = d / "ws.trig"
            subprocess.run([*run, "init", str(store)], check=True, capture_output=True, cwd=ROOT, env=env)
        print(f"workspace:                     {'Oxigraph store' if store.suffix != '.trig' else 'TriG file'}")
        cli = [*run, "--graph", str(store)]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu_before = before.ru_utime + before.ru_stime
        w0 = time.perf_counter()
        done = subprocess.run([*cli, "import", str(src), "--create-actors", "--format", "json"], cwd=ROOT, env=env,
                              capture_output=True, text=True)
        wall = time.perf_counter() - w0
        if done.returncode:
            print(done.stderr[-2000:])
            return 1
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        peak_mb, cpu = usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime - cpu_before
        import json

        report = json.loads(done.stdout)
        print(f"rows imported:                 {rows:,} ({report['events']:,} events, {report['statements']:,} "
              f"statements, {report['actors']:,} actors, {report['places']:,} places, "
              f"{report['triples added']:,} triples)")
        print(f"import, cold CLI process:      {wall:.1f} s wall, {cpu:.1f} s CPU  "
              f"(goal < 60 s: {'OK' if wall < 60 else 'TOO SLOW'}; on a shared machine wall includes waiting for a core)")
        print(f"peak RSS:                      {peak_mb:,.0f} MB  (goal < 2048 MB: "
              f"{'OK' if peak_mb < 2048 else 'TOO BIG'})", flush=True)
        # reference, same run: reading the CSV rows alone (the floor any importer pays)
        w0 = time.perf_counter()
        with src.open(newline="", encoding="utf-8") as fh:
            n = sum(1 for _ in csv.DictReader(fh))
        read = time.perf_counter() - w0
        print(f"reference, csv.DictReader only: {read:.2f} s for {n:,} rows (ratio import / read: {wall / read:.0f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
