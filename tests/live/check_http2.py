#!/usr/bin/env python3
"""Runs `dirigent live http --http2` headless: the demo server behind nghttpx (HTTP/2, h2c).

Usage: check_http2.py DIRIGENT

- `--http2 --set requests=20 --set limit=10`: exit 0; every one of the 20 URLs is accounted
  for (ok + failed = 20, some ok: the demo server's 4 requests per second turn the rest away
  with 429s, as in the lesson); nghttpx saw exactly ONE client connection, with at least one
  request per URL multiplexed on it over HTTP/2.
- The same run without --http2 (HTTP/1.1) keeps more than one connection open to the demo
  server, and prints no HTTP/2 lines.
- `--http2 --url URL`: refused, one line on stderr, exit 2, nothing runs.
- Without nghttpx on the machine, --http2 must fail with one clear line naming the package
  (exit 1), not crash or hang.

Every run is bounded by a timeout; dirigent starts nghttpx (127.0.0.1, a free port) and the
demo server itself and ends both before it exits, so nothing is left behind.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

failures: list[str] = []
ARGS = ["--set", "requests=20", "--set", "limit=10"]


def run(dirigent: str, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(LC_ALL="C.UTF-8", LANG="C.UTF-8", QT_QPA_PLATFORM="offscreen")
    return subprocess.run([dirigent, "live", "http", *args], capture_output=True, text=True, env=env,
                          timeout=120)


def expect(condition: bool, what: str, result: subprocess.CompletedProcess) -> None:
    print(f"{'ok  ' if condition else 'FAIL'} {' '.join(result.args[2:])}: {what}")
    if not condition:
        failures.append(what)
        print(f"     exit code {result.returncode}\n     stdout: {result.stdout!r}\n     stderr: {result.stderr!r}")


def summary_of(stdout: str) -> dict[str, str]:
    """The `name: value` lines after the log's last line."""
    block = stdout.split("\n\n")[-1]
    return dict(line.split(": ", 1) for line in block.splitlines() if ": " in line)


def number(summary: dict[str, str], name: str) -> int:
    try:
        return int(summary.get(name, "-1"))
    except ValueError:
        return -1


def have_nghttpx() -> bool:
    return shutil.which("nghttpx") is not None or os.access("/usr/sbin/nghttpx", os.X_OK)


def check_http2(dirigent: str) -> None:
    result = run(dirigent, "--http2", *ARGS)
    summary = summary_of(result.stdout)
    expect(result.returncode == 0, "exits with 0", result)
    expect(result.stderr == "", "nothing on stderr", result)
    ok, failed = number(summary, "ok"), number(summary, "failed")
    expect(ok >= 1 and failed >= 0 and ok + failed == 20, f"all 20 URLs accounted for (ok {ok}, failed {failed})",
           result)
    expect(number(summary, "client connections (HTTP/2)") == 1, "one client connection (HTTP/2)", result)
    expect(number(summary, "requests multiplexed (HTTP/2)") >= 20,
           "at least one request per URL came over HTTP/2", result)


def check_http1(dirigent: str) -> None:
    result = run(dirigent, *ARGS)
    summary = summary_of(result.stdout)
    expect(result.returncode == 0, "exits with 0", result)
    expect(number(summary, "connections accepted") > 1, "more than one connection accepted (HTTP/1.1)", result)
    expect("client connections (HTTP/2)" not in summary, "no HTTP/2 figures", result)


def check_missing(dirigent: str) -> None:
    result = run(dirigent, "--http2", *ARGS)
    lines = result.stderr.splitlines()
    expect(result.returncode == 1, "exits with 1 without nghttpx", result)
    expect(len(lines) == 1 and "nghttp2-proxy" in lines[0], "one line naming nghttp2-proxy", result)


def check_with_url(dirigent: str) -> None:
    result = run(dirigent, "--http2", "--url", "http://127.0.0.1:9/", *ARGS)
    expect(result.returncode == 2, "--http2 with --url: exit 2", result)
    expect(len(result.stderr.splitlines()) == 1 and "--url" in result.stderr, "one line naming --url", result)
    expect(result.stdout == "", "nothing runs", result)


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    dirigent = sys.argv[1]
    if have_nghttpx():
        check_http2(dirigent)
    else:
        check_missing(dirigent)
    check_http1(dirigent)
    check_with_url(dirigent)
    print("FAILED: " + "; ".join(failures) if failures else "all checks passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
