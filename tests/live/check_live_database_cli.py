#!/usr/bin/env python3
"""`dirigent live database` from the outside: the SQLite run with its summary and its
invariant (the total balance before equals the one after), the pitfall, a kept SQLite file,
and every kind of bad input: one line on stderr, exit 2 before anything runs, or exit 1
when the database cannot be used, and never a hang.

Usage: check_live_database_cli.py DIRIGENT
"""

from __future__ import annotations

import os
import re
import socket
import sqlite3
import subprocess
import sys
import tempfile

failures: list[str] = []

SUMMARY_NAMES = ["queries", "queries ok", "connections opened", "peak connections in use", "acquire waits",
                 "commits", "rollbacks", "cancelled queries", "total balance before", "total balance after",
                 "total time"]


def run(dirigent: str, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(LC_ALL="C.UTF-8", LANG="C.UTF-8", QT_QPA_PLATFORM="offscreen")
    return subprocess.run([dirigent, "live", "database", *args], capture_output=True, text=True, env=env,
                          timeout=120)


def expect(condition: bool, what: str, result: subprocess.CompletedProcess) -> None:
    print(f"{'ok  ' if condition else 'FAIL'} {' '.join(result.args[1:])}: {what}")
    if not condition:
        failures.append(what)
        print("  stdout (end):", result.stdout[-1500:])
        print("  stderr:", result.stderr)


def summary_of(stdout: str) -> dict[str, str]:
    _, _, block = stdout.rpartition("\n\n")
    pairs = (line.split(": ", 1) for line in block.splitlines() if ": " in line)
    return {name: value for name, value in pairs}


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def check_sqlite(dirigent: str) -> None:
    result = run(dirigent)
    expect(result.returncode == 0, "SQLite by default: exits with 0", result)
    summary = summary_of(result.stdout)
    expect(all(name in summary for name in SUMMARY_NAMES), "prints every summary line with its name", result)
    expect(summary.get("queries ok") == "50", "all 50 lookups answered", result)
    expect(summary.get("connections opened") == "5", "the pool opened max_size (5) connections, no more", result)
    expect(summary.get("peak connections in use") == "5", "all 5 in use at once", result)
    expect(summary.get("commits") == "1" and summary.get("rollbacks") == "2", "one commit, two rollbacks", result)
    expect(summary.get("cancelled queries") == "1", "the timed-out transfer's statement was stopped", result)
    expect(summary.get("total balance before") == summary.get("total balance after") == "150",
           "the total balance is 150 before and after", result)
    expect("transfer bob -> alice 50: timed out, rolled back" in result.stdout
           and "CHECK constraint failed" in result.stdout, "logs the CHECK failure and the timeout", result)
    expect(re.search(r"^t=\d+\.\d{3} conn-\d+: interrupted \(cancelled\)$", result.stdout, re.M) is not None,
           "logs the interrupt at the database", result)

    pitfall = run(dirigent, "--pitfall", "--set", "max_size=3")
    summary = summary_of(pitfall.stdout)
    expect(pitfall.returncode == 0 and int(summary.get("connections opened", "0")) >= 50,
           "the pitfall opens a connection per lookup", pitfall)
    expect(summary.get("total balance before") == summary.get("total balance after") == "150",
           "the pitfall keeps the total too", pitfall)


def check_kept_file(dirigent: str, folder: str) -> None:
    path = os.path.join(folder, "bank.sqlite")
    result = run(dirigent, "--db", path)
    expect(result.returncode == 0 and os.path.exists(path), "--db FILE runs on that file and keeps it", result)
    if os.path.exists(path):
        with sqlite3.connect(path) as db:
            rows = dict(db.execute("SELECT name, balance FROM accounts"))
        expect(rows == {"alice": 20, "bob": 130}, f"the file holds the committed state ({rows})", result)
    again = run(dirigent, "--db", path)
    expect(again.returncode == 0 and summary_of(again.stdout).get("total balance before") == "150",
           "a second run on the same file starts afresh", again)


def check_bad_input(dirigent: str, folder: str) -> None:
    for args, what in [
        (["--db", os.path.join(folder, "missing", "x.sqlite")], "a file in a folder that does not exist"),
        (["--db", folder], "a folder"),
        (["--db", "ftp://example.org/x"], "a URL that is neither sqlite nor postgresql"),
        (["--db", ""], "an empty --db"),
        (["--url", "http://127.0.0.1:1"], "--url, which is the HTTP lesson's"),
        (["--http2"], "--http2, which is the HTTP lesson's"),
        (["--set", "max_size=99"], "a pool beyond the live range"),
    ]:
        result = run(dirigent, *args)
        lines = result.stderr.splitlines()
        expect(result.returncode == 2 and len(lines) == 1 and lines[0].startswith("dirigent: ")
               and result.stdout == "", f"{what}: one line, exit 2, nothing runs", result)

    # A file that is not a SQLite database: the run cannot use it, and the file is left alone.
    junk = os.path.join(folder, "junk.sqlite")
    with open(junk, "wb") as f:
        f.write(b"this is not a database\n" * 100)
    result = run(dirigent, "--db", junk)
    lines = result.stderr.splitlines()
    expect(result.returncode == 1 and len(lines) == 1 and "cannot use the database (SQLite at" in lines[0],
           "a file that is no database: one line naming it, exit 1", result)
    with open(junk, "rb") as f:
        expect(f.read() == b"this is not a database\n" * 100, "and the file is untouched", result)

    # A SQLite file that cannot be written. Root writes anything it may open, so the file is
    # made immutable (chattr +i, ext2/3/4 and similar) instead of read-only; where that is
    # not possible the case says so and is left out.
    locked = os.path.join(folder, "locked.sqlite")
    with sqlite3.connect(locked) as db:
        db.execute("CREATE TABLE accounts (name TEXT PRIMARY KEY, balance INTEGER)")
        db.execute("INSERT INTO accounts VALUES ('carol', 7)")
    db.close()
    with open(locked, "rb") as f:
        before = f.read()
    if os.geteuid() != 0:
        os.chmod(locked, 0o444)
        os.chmod(folder, 0o555)
        lock, unlock = None, lambda: (os.chmod(folder, 0o755), os.chmod(locked, 0o644))
    else:
        lock = subprocess.run(["chattr", "+i", locked], capture_output=True, text=True)
        unlock = lambda: subprocess.run(["chattr", "-i", locked], capture_output=True)
    try:
        if lock is not None and lock.returncode != 0:
            print(f"skip a file that cannot be written: chattr +i is not possible here ({lock.stderr.strip()})")
        else:
            result = run(dirigent, "--db", locked)
            lines = result.stderr.splitlines()
            expect(result.returncode == 1 and len(lines) == 1 and ("readonly" in lines[0] or "read-only" in lines[0]),
                   "a SQLite file that cannot be written: one line, exit 1", result)
            with open(locked, "rb") as f:
                expect(f.read() == before, "and the file is as it was", result)
    finally:
        unlock()

    # PostgreSQL that is not there: refused at once, no summary, no hang.
    url = f"postgresql://dirigent:secret@127.0.0.1:{closed_port()}/bank"
    result = run(dirigent, "--db", url)
    lines = result.stderr.splitlines()
    expect(result.returncode == 1 and len(lines) == 1 and "PostgreSQL at 127.0.0.1:" in lines[0]
           and "secret" not in result.stderr, "an unreachable PostgreSQL: one line without the password, exit 1",
           result)
    expect("total balance" not in result.stdout, "and no summary", result)


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    dirigent = sys.argv[1]
    with tempfile.TemporaryDirectory() as folder:
        check_sqlite(dirigent)
        check_kept_file(dirigent, folder)
        check_bad_input(dirigent, folder)
    if failures:
        print(f"{len(failures)} check(s) failed")
        return 1
    print("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
