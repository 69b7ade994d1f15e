#!/usr/bin/env python3
"""`dirigent live threads` from the outside: the measured table (C++ threads and coroutines,
CPython's two columns when python3 is there), a system limit that stops the threads early
(made deterministic with `prlimit --as`: every thread reserves an 8 MiB stack, so a 2 GiB
address space runs out after a few hundred; the coroutines go on), the same table keys under
a German locale, and bad input refused before anything runs. Figures are read, never timed.

Usage: check_live_threads_cli.py DIRIGENT
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile

failures: list[str] = []
ROWS = ["created", "create, per unit", "memory (RSS), per unit", "reserved, per unit", "wake all", "context switches"]


def run(dirigent: str, *args: str, prefix: list[str] | None = None, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(LC_ALL="C.UTF-8", LANG="C.UTF-8", QT_QPA_PLATFORM="offscreen")
    env.update(env_extra or {})
    return subprocess.run([*(prefix or []), dirigent, "live", "threads", *args], capture_output=True, text=True,
                          env=env, timeout=300)


def expect(condition: bool, what: str, result: subprocess.CompletedProcess) -> None:
    print(f"{'ok  ' if condition else 'FAIL'} {' '.join(result.args)}: {what}")
    if not condition:
        failures.append(what)
        print("  stdout:", result.stdout[-2500:])
        print("  stderr:", result.stderr[-1500:])


def table(stdout: str) -> tuple[list[str], dict[str, list[str]]]:
    """The column heads and each row's cells (columns are apart by two spaces or more)."""
    heads, rows = [], {}
    for line in stdout.splitlines():
        cells = re.split(r"\s{2,}", line.strip())
        if cells and cells[0] == "C++ threads":
            heads = cells
        elif cells and cells[0] in ROWS:
            rows[cells[0]] = cells[1:]
    return heads, rows


def check_measures(dirigent: str) -> dict[str, list[str]]:
    result = run(dirigent, "--set", "n=200")
    expect(result.returncode == 0, "exits with 0", result)
    heads, rows = table(result.stdout)
    expect(heads[:2] == ["C++ threads", "C++ coroutines"], "a column for C++ threads and one for coroutines", result)
    expect(set(ROWS) <= set(rows), "every row of the table", result)
    if not set(ROWS) <= set(rows):
        return rows
    python = shutil.which("python3") is not None
    expect(len(heads) == (4 if python else 2), "CPython's two columns when python3 is there", result)
    expect(all(cell == "200" for cell in rows["created"]), "all 200 of each kind were created", result)
    reserved = [int(cell.split()[0]) for cell in rows["reserved, per unit"]]
    # A thread reserves its whole stack (MiBs); a coroutine a few hundred bytes of frame.
    expect(reserved[0] >= 64 * 1024 and reserved[1] < 4096, "a thread reserves its stack, a coroutine far less", result)
    switches = [int(cell) for cell in rows["context switches"]]
    expect(switches[0] > switches[1], "threads cost context switches, coroutines next to none", result)
    expect("measured" in result.stderr, "tells its progress on stderr", result)
    return rows


def check_limit(dirigent: str) -> None:
    if not shutil.which("prlimit"):
        failures.append("prlimit (util-linux) is missing")
        return
    if os.environ.get("DIRIGENT_SANITIZED"):
        # AddressSanitizer maps terabytes of shadow memory at start, far over any such limit.
        print("skip the address-space limit: this dirigent runs under AddressSanitizer")
        return
    # 2 GiB of address space: a few hundred 8 MiB stacks, then the system says no.
    result = run(dirigent, "--set", "n=2000", prefix=["prlimit", f"--as={2 * 1024 ** 3}"])
    expect(result.returncode == 0, "a system limit is an outcome, not a failure: exit 0", result)
    _, rows = table(result.stdout)
    created = rows.get("created", [])
    expect(len(created) >= 2 and 0 < int(created[0]) < 2000, "the threads stop early", result)
    expect(len(created) >= 2 and created[1] == "2000", "the coroutines all exist", result)
    expect(re.search(r"^C\+\+ threads stopped early: .*ulimit -v", result.stdout, re.M) is not None,
           "says which limit stopped the threads (ulimit -v)", result)


def check_german(dirigent: str, rows_c: dict[str, list[str]]) -> None:
    with tempfile.TemporaryDirectory() as locpath:
        subprocess.run(["localedef", "-i", "de_DE", "-f", "UTF-8", os.path.join(locpath, "de_DE.UTF-8")],
                       capture_output=True)
        result = run(dirigent, "--set", "n=200",
                     env_extra={"LOCPATH": locpath, "LC_ALL": "de_DE.UTF-8", "LANG": "de_DE.UTF-8"})
        expect(result.returncode == 0, "German locale: exits with 0", result)
        heads, rows = table(result.stdout)
        expect(set(rows) == set(rows_c), "German locale: the same rows", result)
        expect(all(re.fullmatch(r"[0-9]+(\.[0-9]+)?( (us|ms|B))?", cell) for cells in rows.values() for cell in cells),
               "German locale: plain numbers with a decimal point (the table is read by scripts too)", result)


def check_bad_input(dirigent: str) -> None:
    for args, mention in ((["--set", "n=5"], "n"), (["--set", "n=2000000"], "n"), (["--pitfall"], "pitfall"),
                          (["--trace-json", "/tmp/x.json"], "trace")):
        result = run(dirigent, *args)
        expect(result.returncode == 2 and mention in result.stderr.lower() and "C++ threads" not in result.stdout,
               f"refuses {' '.join(args)} before measuring (exit 2, names {mention})", result)


def main() -> int:
    dirigent = sys.argv[1]
    rows = check_measures(dirigent)
    check_limit(dirigent)
    check_german(dirigent, rows)
    check_bad_input(dirigent)
    if failures:
        print(f"{len(failures)} check(s) failed")
        return 1
    print("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
