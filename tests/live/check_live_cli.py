#!/usr/bin/env python3
"""Runs `dirigent live` headless and checks its output and exit codes.

Usage: check_live_cli.py DIRIGENT

- `dirigent live http` starts the demo server itself (127.0.0.1, a free port), prints the log
  in the format of `dirigent run` and then the summary, one `name: value` per line; exit 0.
- `--url http://127.0.0.1:<a port nobody listens on>`: the log of what was tried, then exactly
  one line on stderr, `dirigent: cannot reach <url>: <reason>`; exit 1.
- `--url ftp://x` (not http) and a lesson without a live variant: one line on stderr, exit 2,
  at once (nothing runs).

Every run is bounded by a timeout; no server is left behind (the demo server lives inside the
dirigent process, which has ended when subprocess.run returns).
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys

failures: list[str] = []

SUMMARY_NAMES = ["requests sent", "ok", "failed", "429s", "timeouts", "total time",
                 "connections opened by the client", "connections accepted", "peak in flight at the server"]
LOG_LINE = re.compile(r"^t=\d+\.\d{3} (req \d+ attempt \d: .+|done: \d+ ok, \d+ failed, \d+ sent)$")


def run(dirigent: str, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(LC_ALL="C.UTF-8", LANG="C.UTF-8", QT_QPA_PLATFORM="offscreen")
    return subprocess.run([dirigent, "live", *args], capture_output=True, text=True, env=env, timeout=120)


def expect(condition: bool, what: str, result: subprocess.CompletedProcess) -> None:
    print(f"{'ok  ' if condition else 'FAIL'} {' '.join(result.args[1:])}: {what}")
    if not condition:
        failures.append(what)
        print(f"     exit code {result.returncode}\n     stdout: {result.stdout!r}\n     stderr: {result.stderr!r}")


def summary_of(stdout: str) -> dict[str, str]:
    """The `name: value` lines after the log's last line."""
    block = stdout.split("\n\n")[-1]
    return dict(line.split(": ", 1) for line in block.splitlines() if ": " in line)


def closed_port() -> int:
    """A port on 127.0.0.1 that was free a moment ago: bound, noted, closed."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def check_demo_run(dirigent: str) -> None:
    result = run(dirigent, "http")
    expect(result.returncode == 0, "exits with 0", result)
    expect(result.stderr == "", "prints nothing on stderr", result)
    log, _, _ = result.stdout.partition("\n\n")
    lines = log.splitlines()
    expect(bool(lines) and all(LOG_LINE.match(line) for line in lines),
           "prints the log in the format of `dirigent run`", result)
    done = re.search(r"done: (\d+) ok, (\d+) failed, (\d+) sent$", lines[-1]) if lines else None
    expect(done is not None and int(done.group(1)) + int(done.group(2)) == 8, "ends with all 8 URLs done", result)
    summary = summary_of(result.stdout)
    expect(all(name in summary for name in SUMMARY_NAMES), "prints every summary line with its name", result)
    if all(name in summary for name in SUMMARY_NAMES):
        expect(done is not None and summary["requests sent"] == done.group(3), "the summary matches the log", result)
        expect(summary["peak in flight at the server"] == "3", "the server saw the limit (3) in flight", result)
        expect(re.fullmatch(r"\d+\.\d{3} s", summary["total time"]) is not None, "total time in seconds", result)
        expect(int(summary["connections accepted"]) >= 3, "the server counted the connections", result)
        expect(summary["connections opened by the client"] == summary["connections accepted"],
               "the client counted the connections the server accepted", result)

    # Live ranges: 100 requests and a limit of 20 are allowed (the model stops at 12 and 4).
    wide = run(dirigent, "http", "--set", "requests=100", "--set", "limit=20", "--set", "timeout=1")
    expect(wide.returncode == 0, "--set requests=100 --set limit=20 runs", wide)
    expect(summary_of(wide.stdout).get("peak in flight at the server") == "20",
           "the server saw 20 requests in flight", wide)


def check_unreachable(dirigent: str) -> None:
    port = closed_port()
    url = f"http://127.0.0.1:{port}"
    result = run(dirigent, "http", "--url", url, "--set", "requests=2")
    lines = result.stderr.splitlines()
    expect(result.returncode == 1, "exits with 1", result)
    expect(len(lines) == 1 and lines[0].startswith(f"dirigent: cannot reach {url}: "),
           "prints one line naming the URL and the reason", result)
    expect("giving up" in result.stdout and "peak in flight" not in result.stdout,
           "prints the log of what was tried, and no server figures", result)
    expect("failed (Connection refused)" in result.stdout,
           "names the failure in the log's fixed words", result)
    # In German the person reads German on stderr, but the log (for programs) stays the same.
    german = run(dirigent, "http", "--url", url, "--set", "requests=2", "--lang", "de")
    expect(german.returncode == 1 and "failed (Connection refused)" in german.stdout,
           "the log does not follow the UI language", german)


def check_bad_input(dirigent: str) -> None:
    for args, mentions in ((["http", "--url", "ftp://x"], "ftp://x"),
                           (["queues"], "http"),
                           (["http", "--set", "limit=51"], "1..50")):
        result = run(dirigent, *args)
        lines = result.stderr.splitlines()
        expect(result.returncode == 2, "exits with 2", result)
        expect(result.stdout == "", "runs nothing", result)
        expect(len(lines) == 1 and mentions in lines[0], f"one line on stderr naming {mentions!r}", result)


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    dirigent = sys.argv[1]
    check_bad_input(dirigent)
    check_unreachable(dirigent)
    check_demo_run(dirigent)
    print(f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
