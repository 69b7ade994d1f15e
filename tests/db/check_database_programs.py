#!/usr/bin/env python3
"""The database lesson's program written with real libraries (lessons/database/live_asyncpg.py,
live_aiosqlite.py, live_sqlalchemy.py), checked against a real database, and beside them
Dirigent's own live run (`dirigent live database`).

Usage: check_database_programs.py --backend sqlite --python PYTHON [--dirigent DIRIGENT] PROGRAM...
       check_database_programs.py --backend postgres --url-file FILE --python PYTHON [--dirigent DIRIGENT] PROGRAM...

SQLite: every run gets a fresh database file in a temporary folder. PostgreSQL: the URL is read
from FILE (the CTest fixture postgres_cluster writes it); without it the check exits 77 (skipped).

For each program, with the defaults, with --pitfall, and with other pool sizes and latency:
  - it exits 0 within RUN_TIMEOUT, prints `t=S.SSS ...` log lines, an empty line and the
    summary block (exactly SUMMARY's names, in that order);
  - the log tells the lesson's story in the model's words: the first transfer commits, halfway
    bob has 130 in its transaction while other connections see 50; the second is rolled back
    after alice had 220 inside and 20 outside; the third times out and is rolled back; the
    balances after each are alice 20, bob 130, total 150;
  - the summary: 50 queries, 1 commit, 2 rollbacks, 150 before and after; all 50 queries ok,
    except in the pitfall on a server with a connection limit (PostgreSQL's max_connections),
    where the others must have failed with "too many connections", as in the model;
  - with the pool, connections opened == max_size and 1 <= peak in use <= max_size; with the
    pitfall, one connection per query that got through, besides the pool's min_size;
  - the database itself (read here, not through the program) holds alice 20, bob 130; an
    SQLite file is in WAL mode.
With --dirigent: `dirigent live database --db DB` (and --pitfall) runs too, and its summary must
agree on queries ok, commits, rollbacks, both totals and connections opened. While Dirigent has
no such command (a usage error, exit 2), the comparison is skipped with a message; any other
failure of Dirigent's run fails the check.
"""
import argparse
import os
import re
import sqlite3
import subprocess
import sys
import tempfile

RUN_TIMEOUT = 60  # seconds for one program run
SKIP = 77         # CTest's SKIP_RETURN_CODE for the PostgreSQL test
QUERIES = 50

SUMMARY = ["queries", "queries ok", "connections opened", "peak connections in use", "commits", "rollbacks",
           "total balance before", "total balance after", "total time"]
COMPARED = ["queries ok", "commits", "rollbacks", "total balance before", "total balance after",
            "connections opened"]
DEFAULTS = (2, 5, 0.1)  # min_size, max_size, latency: the lesson's and Dirigent's defaults
# (min_size, max_size, latency, pitfall); Dirigent runs beside those with the defaults.
RUNS = [
    (2, 5, 0.1, False),
    (2, 5, 0.1, True),
    (1, 3, 0.05, False),
]

LOG_LINE = re.compile(r"^t=\d+\.\d{3} \S")
TOTAL_TIME = re.compile(r"^\d+\.\d{3} s$")
QUERY_FAILED = re.compile(r"^t=\S+ query \d+ failed: ")
# The story, in order; each entry matches one log line's message (other lines may come between).
STORY = [
    r"transfer alice -> bob 80: halfway, bob has 130 in the transaction, 50 for other connections",
    r"transfer alice -> bob 80: committed",
    r"balances: alice 20, bob 130, total 150",
    r"transfer bob -> alice 200: halfway, alice has 220 in the transaction, 20 for other connections",
    r"transfer bob -> alice 200: .*(check|CHECK).*, rolled back",
    r"balances: alice 20, bob 130, total 150",
    r"transfer bob -> alice 50: timed out, rolled back",
    r"balances: alice 20, bob 130, total 150",
]
# SQLAlchemy closes a connection whose statement was cancelled (the third transfer's) and its
# pool may open a new one in its place: each such line allows one connection more.
DISCARDED = re.compile(r"^t=\S+ pool closes a connection")

DRIVER = {"sqlite": "aiosqlite", "postgres": "asyncpg"}
LIBRARIES = {"live_asyncpg.py": ["asyncpg"], "live_aiosqlite.py": ["aiosqlite"],
             "live_sqlalchemy.py": ["sqlalchemy", "greenlet"]}  # and the backend's driver


class Failure(Exception):
    pass


def environment():
    env = dict(os.environ, LC_ALL="C.UTF-8", LANG="C.UTF-8", QT_QPA_PLATFORM="offscreen",
               PYTHONDONTWRITEBYTECODE="1")
    env.pop("LANGUAGE", None)
    return env


def run(command, name):
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=RUN_TIMEOUT, env=environment())
    except subprocess.TimeoutExpired:
        raise Failure(f"{name}: did not finish within {RUN_TIMEOUT} s")
    except OSError as error:  # no such program (not built?), not executable
        raise Failure(f"{name}: cannot run {command[0]}: {error}")


def summary_of(stdout):
    """The `name: value` lines with the summary's names, wherever they are."""
    values = {}
    for line in stdout.splitlines():
        name, sep, value = line.partition(": ")
        if sep and name in SUMMARY:
            values[name] = value
    return values


def check_output(name, stdout, params, limited):
    """The program's output against the lesson; its summary's numbers as a dict.
    limited: the server refuses connections beyond a limit (PostgreSQL)."""
    min_size, max_size, latency, pitfall = params
    lines = stdout.splitlines()
    if "" not in lines:
        raise Failure(f"{name}: no empty line before the summary; the output ends {lines[-5:]}")
    blank = lines.index("")
    log, tail = lines[:blank], lines[blank + 1:]
    for line in log:
        if not LOG_LINE.match(line):
            raise Failure(f"{name}: a line before the summary that is no `t=S.SSS ...` log line: {line!r}")
    names = [line.partition(": ")[0] for line in tail]
    if names != SUMMARY:
        raise Failure(f"{name}: the summary's names are {names}, expected {SUMMARY}")
    summary = dict(line.split(": ", 1) for line in tail)
    if not TOTAL_TIME.match(summary["total time"]):
        raise Failure(f"{name}: total time {summary['total time']!r} is not `S.SSS s`")
    try:
        numbers = {key: int(value) for key, value in summary.items() if key != "total time"}
    except ValueError:
        raise Failure(f"{name}: a summary value that is no whole number: {summary}")

    messages = [line.split(" ", 1)[1] for line in log]
    at = 0
    for step in STORY:
        while at < len(messages) and not re.fullmatch(step, messages[at]):
            at += 1
        if at == len(messages):
            raise Failure(f"{name}: the log lacks (in its order) a line like {step!r}; the log:\n  "
                          + "\n  ".join(log))
        at += 1

    expected = {"queries": QUERIES, "commits": 1, "rollbacks": 2, "total balance before": 150,
                "total balance after": 150}
    wrong = {key: numbers[key] for key, value in expected.items() if numbers[key] != value}
    if wrong:
        raise Failure(f"{name}: {wrong}, expected {expected}")

    # Only the pitfall may lose queries, and only to the server's connection limit ("too many
    # clients" from PostgreSQL), as in the model. SQLite has no such limit.
    failed = [line for line in log if QUERY_FAILED.match(line)]
    refused = [line for line in failed if re.search(r"too many", line, re.IGNORECASE)]
    if refused != failed or (failed and not (pitfall and limited)):
        raise Failure(f"{name}: queries failed, and not because the pitfall met the server's connection "
                      "limit:\n  " + "\n  ".join(failed))
    ok = numbers["queries ok"]
    if ok + len(failed) != QUERIES or ok < 1:
        raise Failure(f"{name}: queries ok {ok}, with {len(failed)} failures logged; {QUERIES} queries in all")

    opened, peak = numbers["connections opened"], numbers["peak connections in use"]
    discarded = sum(1 for line in log if DISCARDED.match(line))
    if pitfall:
        if not ok + min_size <= opened <= ok + min_size + discarded:
            raise Failure(f"{name}: {opened} connections opened; the pitfall opens one per query that got "
                          f"through ({ok}), besides the pool's min_size ({min_size})")
        if not 1 <= peak <= opened:
            raise Failure(f"{name}: peak connections in use {peak}, with {opened} opened")
    else:
        if not max_size <= opened <= max_size + discarded:
            raise Failure(f"{name}: {opened} connections opened; the pool opens max_size ({max_size})"
                          + (f" (+{discarded} replaced)" if discarded else ""))
        if not 1 <= peak <= max_size:
            raise Failure(f"{name}: peak connections in use {peak}, max_size is {max_size}")
    numbers["discarded"] = discarded
    return numbers


class Backend:
    """Where the runs go, and how to read the table afterwards, not through the program."""

    def __init__(self, args, folder):
        self.args, self.folder, self.count = args, folder, 0
        if args.backend == "postgres":
            with open(args.url_file) as f:
                self.url = f.read().strip()

    def fresh_db(self):
        if self.args.backend == "postgres":
            return self.url  # the programs drop and create their table at the start
        self.count += 1
        return os.path.join(self.folder, f"lesson-{self.count}.sqlite")

    def table(self, db):
        """[(name, balance)...] and, for SQLite, the journal mode."""
        if self.args.backend == "sqlite":
            conn = sqlite3.connect(db)
            try:
                mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
                rows = conn.execute("SELECT name, balance FROM accounts ORDER BY name").fetchall()
            finally:
                conn.close()
            return rows, mode
        # PostgreSQL: through the programs' interpreter, which has asyncpg.
        read = ("import asyncio, sys, asyncpg\n"
                "async def main():\n"
                "    conn = await asyncpg.connect(sys.argv[1], timeout=10)\n"
                "    rows = await conn.fetch('SELECT name, balance FROM accounts ORDER BY name')\n"
                "    await conn.close()\n"
                "    print(' '.join(f'{name}={balance}' for name, balance in rows))\n"
                "asyncio.run(main())\n")
        result = run([self.args.python, "-c", read, db], "reading the table")
        if result.returncode != 0:
            raise Failure(f"cannot read the table: {result.stderr.strip()}")
        pairs = [item.split("=") for item in result.stdout.split()]
        return [(name, int(balance)) for name, balance in pairs], None


def check_program(program, args, backend, params):
    min_size, max_size, latency, pitfall = params
    name = f"{os.path.basename(program)} min_size={min_size} max_size={max_size} latency={latency}" + (
        " pitfall" if pitfall else "")
    db = backend.fresh_db()
    command = [args.python, program, "--db", db, "--min-size", str(min_size), "--max-size", str(max_size),
               "--latency", str(latency)] + (["--pitfall"] if pitfall else [])
    result = run(command, name)
    if result.returncode != 0:
        raise Failure(f"{name}: exit {result.returncode}; stderr: {result.stderr.strip()!r}")
    numbers = check_output(name, result.stdout, params, limited=args.backend == "postgres")
    rows, mode = backend.table(db)
    if rows != [("alice", 20), ("bob", 130)]:
        raise Failure(f"{name}: afterwards the table holds {rows}, expected alice 20, bob 130")
    if mode is not None and mode.lower() != "wal":
        raise Failure(f"{name}: the SQLite file is in journal mode {mode!r}, not WAL")
    print(f"ok: {name}: " + ", ".join(f"{key} {numbers[key]}" for key in SUMMARY[1:-1])
          + f", {summary_of(result.stdout)['total time']}")
    return numbers


def dirigent_summary(args, backend, pitfall):
    """Dirigent's summary for the defaults, or None while it has no `live database`."""
    db = backend.fresh_db()
    label = "dirigent live database" + (" --pitfall" if pitfall else "")
    command = [args.dirigent, "live", "database", "--db", db, "--lang", "en"] + (["--pitfall"] if pitfall else [])
    result = run(command, label)
    why = (result.stderr.strip().splitlines() or [""])[-1]
    if result.returncode == 2:  # a usage error: no live variant of the lesson, or no --db yet
        print(f"dirigent live database not available yet: comparison skipped (exit 2: {why})")
        return None
    if result.returncode != 0:  # the command is there, and the run failed: that is a failure
        raise Failure(f"{label}: exit {result.returncode}; stderr: {result.stderr.strip()!r}")
    if result.stderr.strip():  # a run that went well says nothing on stderr (no driver notices)
        raise Failure(f"{label}: exit 0 but stderr says {result.stderr.strip()!r}")
    summary = summary_of(result.stdout)
    missing = [key for key in COMPARED if key not in summary]
    if missing:
        raise Failure(f"{label}: no {missing} in its summary:\n{result.stdout}")
    return {key: int(summary[key]) for key in COMPARED}


def compare(label, dirigent, program, numbers, pitfall):
    program = os.path.basename(program)
    # In the pitfall a server with a connection limit (PostgreSQL) may refuse some queries'
    # connections; with the pool, all 50 queries must be ok on both sides.
    limited = pitfall and min(numbers["queries ok"], dirigent["queries ok"]) < QUERIES
    for key in COMPARED:
        ours, theirs = numbers[key], dirigent[key]
        if limited and key in ("queries ok", "connections opened"):
            # The pitfall met the server's connection limit: how many attempts got through depends
            # on how they overlapped in time. What must agree: the connections besides one per query.
            if key == "queries ok":
                continue
            key, ours, theirs = ("connections besides one per query", ours - numbers["queries ok"],
                                 theirs - dirigent["queries ok"])
        # A connection SQLAlchemy discarded may be replaced by a new one: that many more are fine.
        allowed = range(theirs, theirs + numbers["discarded"] + 1) if "connections" in key else [theirs]
        if ours not in allowed:
            raise Failure(f"{label}: {program} says {key} {ours}, Dirigent says {theirs}")
    print(f"ok: {label}: Dirigent agrees with {program}: " + ", ".join(f"{key} {dirigent[key]}" for key in COMPARED)
          + ("" if numbers["queries ok"] == dirigent["queries ok"] else
             f" (the program, at the same connection limit: queries ok {numbers['queries ok']}, "
             f"connections opened {numbers['connections opened']})"))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--backend", choices=["sqlite", "postgres"], required=True)
    parser.add_argument("--python", required=True, help="the interpreter with the libraries (Debian's)")
    parser.add_argument("--url-file", help="postgres: the file with the cluster's postgresql:// URL")
    parser.add_argument("--dirigent", help="compare with `DIRIGENT live database`")
    parser.add_argument("programs", nargs="+")
    args = parser.parse_args()

    if args.backend == "postgres" and not (args.url_file and os.path.isfile(args.url_file)):
        print(f"SKIP: no PostgreSQL cluster: {args.url_file or '--url-file'} does not exist "
              "(the fixture postgres_cluster writes it when PostgreSQL is installed)")
        return SKIP
    needed = sorted({DRIVER[args.backend]}.union(*[LIBRARIES[os.path.basename(p)] for p in args.programs]))
    probe = subprocess.run([args.python, "-c", f"import {', '.join(needed)}"], capture_output=True, text=True)
    if probe.returncode != 0:
        print(f"FAIL: {args.python} cannot import {', '.join(needed)} ({probe.stderr.strip().splitlines()[-1:]}); "
              f"scripts/setup.sh installs {' '.join('python3-' + library for library in needed)}", file=sys.stderr)
        return 1

    try:
        with tempfile.TemporaryDirectory(prefix="dirigent-db-programs-") as folder:
            backend = Backend(args, folder)
            for params in RUNS:
                pitfall = params[3]
                results = {program: check_program(program, args, backend, params) for program in args.programs}
                if args.dirigent and params[:3] == DEFAULTS:
                    dirigent = dirigent_summary(args, backend, pitfall)
                    if dirigent is None:
                        args.dirigent = None  # said once; the programs are still checked
                        continue
                    label = args.backend + (" pitfall" if pitfall else "")
                    for program, numbers in results.items():
                        compare(label, dirigent, program, numbers, pitfall)
    except Failure as failure:
        print(f"FAIL: {failure}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
