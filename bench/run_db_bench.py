#!/usr/bin/env python3
"""The database workloads (issue 11): Dirigent's pool (bench/db_bench, db::Pool over Qt SQL)
beside asyncpg on PostgreSQL and aiosqlite on SQLite, the same work on each side
(bench/python/db_asyncpg.py, db_aiosqlite.py): `SELECT $1` queries/s and transfers/s (a
transaction with two UPDATEs) with a pool of 10 and 100 tasks at a time.

PostgreSQL is a throwaway cluster started here (tests/db/pg_cluster.py: 127.0.0.1, a free port,
a temporary folder) and stopped at the end, also on failure. SQLite files go to a temporary
folder. The sides alternate, repetition by repetition; the figures are wall clock.

Usage: run_db_bench.py --db-bench PATH [--reps N] [--smoke] [--python PATH] [--json FILE]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PYDIR = os.path.join(HERE, "python")
CLUSTER = os.path.join(HERE, "..", "tests", "db", "pg_cluster.py")


def python_with(modules, choice):
    for candidate in ([choice] if choice else [sys.executable, "/usr/bin/python3"]):
        if candidate and subprocess.run([candidate, "-c", f"import {modules}"], capture_output=True).returncode == 0:
            return candidate
    return None


def run(command):
    done = subprocess.run(command, capture_output=True, text=True, cwd=PYDIR, timeout=900)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)}: exit {done.returncode}: {done.stderr.strip()}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def median_range(values):
    return statistics.median(values), min(values), max(values)


def cell(values):
    m, lo, hi = median_range(values)
    return f"{m:,.0f}/s ({lo:,.0f}–{hi:,.0f})"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db-bench", required=True)
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, one repetition")
    parser.add_argument("--python", help="an interpreter with asyncpg and aiosqlite (default: one that has them)")
    parser.add_argument("--json")
    args = parser.parse_args()
    reps = 1 if args.smoke else args.reps
    size = ["--queries", "200", "--transfers", "100"] if args.smoke else ["--queries", "20000", "--transfers", "5000"]
    size += ["--pool", "10", "--concurrency", "100"]
    python = python_with("asyncpg, aiosqlite", args.python)
    if not python:
        print("run_db_bench: no Python with asyncpg and aiosqlite (Debian: python3-asyncpg python3-aiosqlite)")
        return 1

    results = {"postgresql": {"dirigent": [], "asyncpg": []}, "sqlite": {"dirigent": [], "aiosqlite": []}}
    with tempfile.TemporaryDirectory(prefix="dirigent-db-bench-") as folder:
        root = os.path.join(folder, "pg")
        started = subprocess.run([sys.executable, CLUSTER, "start", root], capture_output=True, text=True)
        url_file = os.path.join(root, "url.txt")
        url = open(url_file).read().strip() if started.returncode == 0 and os.path.exists(url_file) else None
        if not url:
            print(f"run_db_bench: no PostgreSQL ({(started.stdout + started.stderr).strip()}): its rows are left out")
        try:
            for rep in range(reps):
                t0 = time.monotonic()
                if url:
                    results["postgresql"]["dirigent"].append(run([os.path.abspath(args.db_bench), "--db", url, *size]))
                    results["postgresql"]["asyncpg"].append(
                        run([python, os.path.join(PYDIR, "db_asyncpg.py"), "--db", url, *size]))
                for side, command in (("dirigent", [os.path.abspath(args.db_bench)]),
                                      ("aiosqlite", [python, os.path.join(PYDIR, "db_aiosqlite.py")])):
                    path = os.path.join(folder, f"{side}-{rep}.sqlite")
                    results["sqlite"][side].append(run([*command, "--db", path, *size]))
                print(f"db bench: repetition {rep + 1}/{reps} done ({time.monotonic() - t0:.0f} s)", file=sys.stderr)
        finally:
            subprocess.run([sys.executable, CLUSTER, "stop", root], capture_output=True, text=True)

    rows = []
    for backend, twin, target, factor in (("postgresql", "asyncpg", "≥ ½ × asyncpg", 0.5),
                                          ("sqlite", "aiosqlite", "≥ aiosqlite", 1.0)):
        ours, theirs = results[backend]["dirigent"], results[backend][twin]
        if not ours:
            continue
        for figure, label in (("queries_per_s", "`SELECT $1` queries/s"), ("transfers_per_s", "transfers/s")):
            d = [r[figure] for r in ours]
            t = [r[figure] for r in theirs]
            ratio = statistics.median(d) / statistics.median(t)
            met = "—" if args.smoke else ("met" if ratio >= factor else "MISSED")
            rows.append((f"{backend}: {label}, pool 10, 100 tasks — {twin}", cell(d), cell(t), f"{ratio:.2f}×",
                         target, met))
        cpu = {side: statistics.median(r["queries_cpu_s"] for r in results[backend][side]) for side in results[backend]}
        rows.append((f"{backend}: client CPU per query", *(f"{cpu[s] * 1e6 / ours[0]['queries']:.0f} µs"
                                                          for s in ("dirigent", twin)), "—", "—", "—"))
    header = ("workload", "Dirigent (median, min–max)", "Python (median, min–max)", "ratio", "target", "met")
    widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(len(header))]
    print("| " + " | ".join(h.ljust(widths[i]) for i, h in enumerate(header)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in rows:
        print("| " + " | ".join(str(c).ljust(widths[i]) for i, c in enumerate(r)) + " |")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
