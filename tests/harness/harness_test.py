#!/usr/bin/env python3
"""The tracing harness on its own (harness/dirigent_trace.py as installed beside dirigent).

Usage: harness_test.py --harness PATH

Checks what `dirigent trace` relies on but cannot show from the outside: the constants it offers
as sliders, --set replacing only the number, the event limit that stops a program that never
ends on the virtual clock, one trace line per event whatever the program prints, and that each
primitive's event is counted once (put inside put_nowait, BoundedSemaphore.release inside
Semaphore.release).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

FAILURES = []


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        FAILURES.append(what)


def harness(path: str, program: Path, *args) -> subprocess.CompletedProcess:
    python = os.environ.get("DIRIGENT_PYTHON", sys.executable)
    return subprocess.run([python, path, str(program), *args], capture_output=True, text=True,
                          encoding="utf-8", timeout=120)


def events(result) -> list[dict]:
    lines = result.stdout.splitlines()
    return [json.loads(line) for line in lines[1:]]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--harness", required=True)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="dirigent-harness-"))

    program = folder / "sliders.py"
    program.write_text(textwrap.dedent("""
        import asyncio

        WORKERS = 3        # how many
        DELAY = -0.25      # negative on purpose
        NAME = "not a number"
        DEBUG = False
        lower = 5
        TOTAL = WORKERS * 2

        async def main():
            print(WORKERS, DELAY, DEBUG)

        asyncio.run(main())
    """), encoding="utf-8")
    result = harness(args.harness, program, "--constants")
    constants = json.loads(result.stdout) if result.returncode == 0 else []
    check([(c["name"], c["value"], c["integer"], c["switch"]) for c in constants]
          == [("WORKERS", 3, True, False), ("DELAY", -0.25, False, False), ("DEBUG", False, False, True)],
          f"the sliders are the UPPER_CASE numbers and switches bound at the top: {constants}")

    result = harness(args.harness, program, "--set", "WORKERS=7", "--set", "DELAY=0.5", "--set", "DEBUG=True")
    logs = [e["text"] for e in events(result) if e["kind"] == "log"]
    check(result.returncode == 0 and logs == ["7 0.5 True"], f"--set replaces the values: {logs}")
    check(program.read_text(encoding="utf-8").count("WORKERS = 3        # how many") == 1,
          "the program's file is left as it was")

    forever = folder / "forever.py"
    forever.write_text(textwrap.dedent("""
        import asyncio

        async def tick():
            while True:
                await asyncio.sleep(1)

        async def main():
            await asyncio.gather(tick(), tick())

        asyncio.run(main())
    """), encoding="utf-8")
    result = harness(args.harness, forever, "--max-events", "5000")
    trace = events(result)
    check(result.returncode == 0 and trace[-1]["kind"] == "run_end"
          and "stopped after 5000 events" in trace[-1].get("text", ""),
          "a program that never ends on the virtual clock is stopped at the event limit")
    check(len(trace) < 5200, f"and soon after it ({len(trace)} events)")
    check([e["seq"] for e in trace] == list(range(len(trace))), "seq counts every event once, in order")

    counted = folder / "counted.py"
    counted.write_text(textwrap.dedent("""
        import asyncio

        async def main():
            queue = asyncio.Queue(maxsize=1)
            await queue.put("a")
            queue.get_nowait()
            queue.put_nowait("b")
            await queue.get()
            sem = asyncio.BoundedSemaphore(2)
            async with sem:
                pass
            lock = asyncio.Lock()
            cond = asyncio.Condition(lock)
            async with cond:
                cond.notify_all()
            event = asyncio.Event()
            event.set()
            await event.wait()

        asyncio.run(main())
    """), encoding="utf-8")
    result = harness(args.harness, counted)
    trace = events(result)
    kinds = [e["kind"] for e in trace]
    check(kinds.count("queue_put") == 2 and kinds.count("queue_get") == 2, "each put and get once")
    check(kinds.count("sem_acquire") == 1 and kinds.count("sem_release") == 1, "a BoundedSemaphore's release once")
    created = [e.get("object_kind") for e in trace if e["kind"] == "object_created"]
    check(created == ["Queue", "BoundedSemaphore", "Lock", "Condition", "Event"],
          f"the program's objects, not asyncio's own (a Queue's Event): {created}")

    noisy = folder / "noisy.py"
    noisy.write_text('import sys\nprint("a\\nb", end="")\nsys.stdout.write("c" * 70000 + "\\n")\n'
                     'print("\\u00e4\\u00f6\\u00fc \\x00 \\ud800 end")\n', encoding="utf-8")
    result = harness(args.harness, noisy)
    trace = events(result)
    logs = [e["text"] for e in trace if e["kind"] == "log"]
    check(logs[0] == "a" and logs[1].startswith("bccc") and sum(map(len, logs[1:-1])) == 70001,
          f"lines are split at newlines and long ones cut into pieces: {[len(x) for x in logs]}")
    check(logs[-1].startswith("äöü \x00 ") and logs[-1].endswith(" end"), f"any text survives as UTF-8: {logs[-1]!r}")

    shutil_cleanup(folder)
    print(f"{len(FAILURES)} failed" if FAILURES else "all passed")
    return 1 if FAILURES else 0


def shutil_cleanup(folder: Path):
    import shutil
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
