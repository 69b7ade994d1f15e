#!/usr/bin/env python3
"""Fidelity of the tracing harness: a lesson's lesson.py traced under CPython must give the same
story as the lesson's C++ scenario. The lessons are the oracle.

Usage:
  fidelity.py --dirigent PATH --repo ROOT (--lesson ID... | --all) [--set NAME]...

For each lesson and parameter set (the sets of tests/lessons/compare_lesson.py: defaults, min,
max, middle, pitfall) it runs
  dirigent run ID --set p=v ... --save cpp.trace
  dirigent trace lessons/ID/lesson.py --set P=v ... --save python.trace
and compares the two traces as a sequence of what a learner sees, in order:
  created  a task is created (by which task)
  runs     a task's step begins
  waits    a task suspends: on what (sleep, Queue.get, Lock, ...), which object
  ends     a task finishes: result, exception or cancelled
  log      a line of the program's log, with its time
  deadlock a task is still waiting when nothing can happen any more
Tasks and objects are numbered in the order they appear (their ids and names are each side's
own), times are the loop's in nanoseconds. The first difference is shown with its context.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "lessons"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "python"))
import compare_lesson  # noqa: E402  (the lesson listing and the parameter sets)
import run_listing  # noqa: E402  (a parameter's constant in lesson.py)

TIMEOUT = 280
SYNC_OBJECTS = {"Queue", "LifoQueue", "PriorityQueue", "Semaphore", "BoundedSemaphore", "Lock", "Event",
                "Condition"}


def read_trace(path: Path) -> list[dict]:
    lines = path.read_text(encoding="utf-8").splitlines()
    header = json.loads(lines[0])
    if header.get("format") != "dirigent-trace":
        raise ValueError(f"{path}: not a Dirigent trace")
    return [json.loads(line) for line in lines[1:]]


def story(events: list[dict], python_side: bool) -> list[str]:
    """The trace as the lines the comparison looks at."""
    tasks: dict[int, int] = {}
    objects: dict[int, int] = {}
    out = []

    def task(tid):
        return f"T{tasks.get(tid, 0)}" if tid else "loop"

    def obj(oid):
        return f"O{objects[oid]}" if oid in objects else "-"

    for e in events:
        kind, t = e["kind"], e["t"]
        tid = e.get("task", 0)
        if kind == "task_created":
            tasks[tid] = len(tasks) + 1
            out.append(f"created {task(tid)} by {task(e.get('other', 0))}")
        elif kind == "object_created":
            if e.get("object_kind") in SYNC_OBJECTS:
                objects[e["object"]] = len(objects) + 1
        elif kind == "step_begin":
            out.append(f"t={t} runs {task(tid)}")
        elif kind == "suspended":
            wait = e.get("wait", "none")
            if wait == "TokenBucket":
                # aio::TokenBucket waits on a timer for the next token; the listings write the
                # bucket in Python (tests/python/token_bucket.py's algorithm), which sleeps.
                wait = "sleep"
            if wait in ("sleep", "yield"):
                # A sleep's object is its timer (ids of their own); when it ends shows in the
                # time of the task's next step.
                out.append(f"t={t} {task(tid)} waits on {wait}")
                continue
            what = task(e.get("object", 0)) if wait == "task" else obj(e.get("object", 0))
            out.append(f"t={t} {task(tid)} waits on {wait} {what}")
        elif kind == "finished":
            out.append(f"t={t} {task(tid)} ends: {e.get('outcome', 'none')}")
        elif kind == "log":
            # The C++ scenario logs the text and `dirigent run` puts the time in front; the Python
            # listing prints the time itself.
            text = e.get("text", "")
            out.append(f"log {text}" if python_side else f"log t={t / 1e9:.3f} {text}")
        elif kind == "deadlock":
            out.append(f"deadlock: {task(tid)} waits on {e.get('wait', 'none')}")
    return out


def run(command: list[str]) -> subprocess.CompletedProcess:
    env = compare_lesson.cpp_env()
    try:
        return subprocess.run(command, capture_output=True, text=True, encoding="utf-8", env=env, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return subprocess.CompletedProcess(command, -1, "", f"timed out after {TIMEOUT} s")


def compare(dirigent: str, repo: Path, lesson: dict, set_name: str, folder: Path) -> bool:
    lesson_id = lesson["id"]
    label = f"{lesson_id} [{set_name}]"
    values = compare_lesson.values_for(lesson, set_name)
    if values is None:
        print(f"skipped: {label}: the lesson has no pitfall switch")
        return True
    cpp_trace, py_trace = folder / f"{lesson_id}-{set_name}.cpp.trace", folder / f"{lesson_id}-{set_name}.py.trace"
    cpp = [dirigent, "run", lesson_id, "--save", str(cpp_trace)]
    # No wall-clock limit of its own (CTest has one): many-tasks at 100,000 tasks is 1.7 million
    # events, about a minute for the harness on a busy machine.
    py = [dirigent, "trace", str(repo / "lessons" / lesson_id / "lesson.py"), "--save", str(py_trace),
          "--timeout", "0"]
    for name, value in values.items():
        cpp += ["--set", f"{name}={value}"]
        py += ["--set", f"{run_listing.constant_name(name)}={value}"]
    if set_name == "pitfall":
        cpp.append("--pitfall")
        py += ["--set", "PITFALL=True"]
    cpp_run, py_run = run(cpp), run(py)
    # A deadlock or an exception of the program ends `dirigent trace` with 1, as it does for
    # `dirigent run` only when the run itself fails: the traces are compared all the same.
    if cpp_run.returncode != 0 or not cpp_trace.exists():
        print(f"FAIL {label}: dirigent run exited with {cpp_run.returncode}\n{cpp_run.stderr}")
        return False
    if py_run.returncode not in (0, 1) or not py_trace.exists():
        print(f"FAIL {label}: dirigent trace exited with {py_run.returncode}\n{py_run.stderr}")
        return False
    want, got = story(read_trace(cpp_trace), False), story(read_trace(py_trace), True)
    if want != got:
        diff = difflib.unified_diff(want, got, fromfile=f"c++ {lesson_id}", tofile=f"python {lesson_id}/lesson.py",
                                    lineterm="", n=4)
        print(f"FAIL {label}: the traces tell different stories\n" + "\n".join(list(diff)[:80]))
        return False
    if not any(line.startswith("log ") for line in want) or not any(" runs " in line for line in want):
        print(f"FAIL {label}: nothing to compare (no log line or no step)")
        return False
    print(f"ok   {label}: {len(want)} identical lines")
    return True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dirigent", required=True)
    parser.add_argument("--repo", required=True, type=Path)
    parser.add_argument("--lesson", action="append", default=[])
    parser.add_argument("--all", action="store_true")
    parser.add_argument("--set", action="append", choices=compare_lesson.SETS, dest="sets")
    args = parser.parse_args()

    listing = {lesson["id"]: lesson for lesson in compare_lesson.lesson_listing(args.dirigent)}
    ids = [i for i, lesson in listing.items() if not lesson["placeholder"]] if args.all else args.lesson
    if not ids:
        parser.error("name a --lesson or give --all")
    failures = 0
    with tempfile.TemporaryDirectory(prefix="dirigent-fidelity-") as folder:
        for lesson_id in ids:
            if lesson_id not in listing:
                print(f"FAIL {lesson_id}: not in `dirigent lessons --json`")
                failures += 1
                continue
            for set_name in args.sets or compare_lesson.SETS:
                if not compare(args.dirigent, args.repo, listing[lesson_id], set_name, Path(folder)):
                    failures += 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
