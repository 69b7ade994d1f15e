#!/usr/bin/env python3
"""`dirigent live blocking` from the outside: the heartbeat beside the three requests, once
with to_thread / run_in_executor and once blocking the loop. A behaviour check with wide
margins, not a benchmark: a call that holds the loop for WORK seconds must make a tick at
least WORK/2 late (physically it is about WORK - TICK), and the same call in a worker thread
must leave every tick well under WORK/2. Also: --pitfall runs the blocking variant only, the
machine-readable summary is the same under a German locale, debug mode reports the slow
steps, and bad input is refused before anything runs.

Usage: check_live_blocking_cli.py DIRIGENT
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile

failures: list[str] = []
WORK = 1.0


def run(dirigent: str, *args: str, locale: str = "C.UTF-8", locpath: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(LC_ALL=locale, LANG=locale, QT_QPA_PLATFORM="offscreen")
    if locpath:
        env["LOCPATH"] = locpath
    return subprocess.run([dirigent, "live", "blocking", *args], capture_output=True, text=True, env=env,
                          timeout=120)


def expect(condition: bool, what: str, result: subprocess.CompletedProcess) -> None:
    print(f"{'ok  ' if condition else 'FAIL'} {' '.join(result.args[1:])}: {what}")
    if not condition:
        failures.append(what)
        print("  stdout (end):", result.stdout[-2000:])
        print("  stderr:", result.stderr)


def summaries(stdout: str) -> dict[str, float]:
    """'to_thread, longest tick lag during time.sleep in a thread: 0.002 s' -> {'to_thread, ...': 0.002}"""
    found = {}
    for line in stdout.splitlines():
        m = re.fullmatch(r"((?:to_thread|blocking), [^:]+): ([0-9.]+)( s)?", line)
        if m:
            found[m[1]] = float(m[2])
    return found


def check_both(dirigent: str, locpath: str | None) -> None:
    result = run(dirigent, "--set", f"work={WORK}")
    expect(result.returncode == 0, "exits with 0", result)
    s = summaries(result.stdout)
    expect("== to_thread" in result.stdout and "== blocking" in result.stdout, "runs both variants", result)
    keys = ["to_thread, longest tick lag during time.sleep in a thread",
            "to_thread, longest tick lag during CPU loop in a thread",
            "blocking, longest tick lag during time.sleep on the loop",
            "blocking, longest tick lag during CPU loop on the loop",
            "to_thread, ticks", "blocking, ticks"]
    expect(all(k in s for k in keys), "prints the lag of every request in both variants", result)
    if not all(k in s for k in keys):
        return
    for k in keys[:2]:
        expect(s[k] < WORK / 2, f"{k} = {s[k]} s stays under {WORK / 2} s: the loop was free", result)
    for k in keys[2:4]:
        expect(s[k] >= WORK / 2, f"{k} = {s[k]} s is at least {WORK / 2} s: the loop stood still", result)
    expect(s["to_thread, longest tick lag during asyncio.sleep"] < WORK / 2,
           "asyncio.sleep never holds the loop", result)
    # Fewer ticks when the loop is blocked: about 2 * WORK / TICK of them never happen.
    expect(s["blocking, ticks"] < s["to_thread, ticks"], "the blocked loop ticks fewer times", result)
    expect(re.search(r"^t=\d+\.\d{3} tick 1 \(\d+\.\d ms late\)$", result.stdout, re.M) is not None,
           "the log shows each tick with its lag", result)

    if locpath:
        german = run(dirigent, "--set", f"work={WORK}", locale="de_DE.UTF-8", locpath=locpath)
        expect(german.returncode == 0, "German locale: exits with 0", german)
        expect(set(summaries(german.stdout)) == set(s), "German locale: the same summary keys", german)
        expect(re.search(r"^t=\d+\.\d{3} tick 1 \(\d+\.\d ms late\)$", german.stdout, re.M) is not None,
               "German locale: the log keeps its decimal points", german)


def check_pitfall_and_debug(dirigent: str) -> None:
    result = run(dirigent, "--pitfall", "--set", "work=0.5", "--set", "debug=1")
    expect(result.returncode == 0, "--pitfall: exits with 0", result)
    expect("== to_thread" not in result.stdout and "== blocking" in result.stdout,
           "--pitfall runs the blocking variant only", result)
    slow = re.findall(r"Executing <Task pending name='handler'> took (\d+\.\d{3}) seconds", result.stdout)
    expect(len(slow) >= 2, "debug mode reports the handler's two blocking steps", result)
    expect(all(float(x) >= 0.25 for x in slow), "each report names at least half of WORK", result)


def check_bad_input(dirigent: str) -> None:
    for args, mention in ((["--set", "work=99"], "work"), (["--set", "nope=1"], "nope"),
                          (["--url", "http://127.0.0.1:1"], "--url"), (["--db", "sqlite"], "--db")):
        result = run(dirigent, *args)
        expect(result.returncode == 2 and mention in result.stderr and result.stdout == "",
               f"refuses {' '.join(args)} before running (exit 2, names {mention})", result)


def main() -> int:
    dirigent = sys.argv[1]
    with tempfile.TemporaryDirectory() as locpath:
        # A German desktop, as most learners have (localedef is part of libc-bin).
        made = subprocess.run(["localedef", "-i", "de_DE", "-f", "UTF-8", os.path.join(locpath, "de_DE.UTF-8")],
                              capture_output=True, text=True)
        if made.returncode not in (0, 1) or not os.path.isdir(os.path.join(locpath, "de_DE.UTF-8")):
            failures.append(f"localedef could not make de_DE.UTF-8: {made.stderr.strip()}")
        check_both(dirigent, locpath)
    check_pitfall_and_debug(dirigent)
    check_bad_input(dirigent)
    if failures:
        print(f"{len(failures)} check(s) failed")
        return 1
    print("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
