#!/usr/bin/env python3
"""Runs a lesson's listing (lessons/<id>/lesson.py) on the virtual clock of tests/python/vloop.py.

Usage: run_listing.py LISTING [--set NAME=VALUE]... [--pitfall]

A listing is a plain asyncio program that a learner can copy and run with `python3 lesson.py`:
its parameters are constants at the top (`WORKERS = 2`, `PITFALL = False`), its log stamps each
line with `loop.time() - START`, and it ends with `asyncio.run(main())`. This runner changes
that program from the outside only, without a trace in the listing:
- `--set workers=3` replaces the value of the top-level constant WORKERS (the parameter's id in
  upper case); `--pitfall` sets PITFALL = True; START becomes 0.0, where the virtual clock starts.
  A constant that the listing does not have is an error (exit 2), never silently ignored.
- `asyncio.run` becomes vloop.run: the same asyncio, on a virtual clock that jumps to the next
  timer, ending in a deadlock report instead of a hang. Its `debug=` goes along (debug mode's
  "Executing <Task ...> took ... seconds" becomes a line of the log, as in `dirigent run`).
- While the program runs on that clock, `time.sleep` is vloop.blocking_sleep: called in a
  coroutine it holds the loop and moves the clock; called by to_thread / run_in_executor it is the
  worker thread's time. It is the real time.sleep again when the run is over.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import sys
import time
from pathlib import Path

import vloop


def constant_name(parameter_id: str) -> str:
    return parameter_id.upper().replace("-", "_")


def set_constant(source: str, name: str, value: str) -> str:
    """The source with the first top-level `NAME = ...` line's value replaced (its comment goes too)."""
    pattern = re.compile(rf"^{re.escape(name)}\s*=.*$", re.MULTILINE)
    if not pattern.search(source):
        raise KeyError(name)
    return pattern.sub(lambda _: f"{name} = {value}", source, count=1)


def prepared(source: str, values: dict[str, str], pitfall: bool) -> str:
    source = set_constant(source, "START", "0.0")
    for parameter_id, value in values.items():
        source = set_constant(source, constant_name(parameter_id), value)
    if pitfall:
        source = set_constant(source, "PITFALL", "True")
    return source


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("listing", type=Path)
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE")
    parser.add_argument("--pitfall", action="store_true")
    args = parser.parse_args()

    values = {}
    for assignment in args.set:
        name, sep, value = assignment.partition("=")
        if not sep or not name or not value:
            parser.error(f"--set wants NAME=VALUE, not '{assignment}'")
        values[name] = value
    try:
        source = prepared(args.listing.read_text(encoding="utf-8"), values, args.pitfall)
    except KeyError as missing:
        print(f"run_listing: {args.listing} has no top-level constant {missing.args[0]}", file=sys.stderr)
        return 2

    real_run = asyncio.run
    real_sleep = time.sleep

    def virtual_run(main, *, debug=None):
        # asyncio.run inside a running loop (a lesson may show that mistake) stays CPython's own:
        # it raises RuntimeError. Only the program's top-level call goes to the virtual clock.
        if asyncio._get_running_loop() is not None:
            return real_run(main, debug=debug)
        time.sleep = vloop.blocking_sleep
        try:
            return vloop.run(main, debug=bool(debug))
        finally:
            time.sleep = real_sleep

    asyncio.run = virtual_run
    try:
        code = compile(source, str(args.listing), "exec")
        exec(code, {"__name__": "__main__", "__file__": str(args.listing)})
    finally:
        asyncio.run = real_run
    return 0


if __name__ == "__main__":
    sys.exit(main())
