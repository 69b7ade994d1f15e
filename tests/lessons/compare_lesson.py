#!/usr/bin/env python3
"""Compares a lesson's C++ scenario with its lesson.py under CPython's asyncio.

Usage:
  compare_lesson.py --dirigent PATH --repo ROOT --lesson ID [--set NAME]...
  compare_lesson.py --dirigent PATH --repo ROOT --all

The Python side is the plain listing, run on the virtual clock of tests/python/vloop.py by
run_listing.py, which sets its constants from outside:
  PYTHONPATH=ROOT/tests/python python3 tests/lessons/run_listing.py lessons/ID/lesson.py --set p=v ...
the C++ side is
  dirigent run ID --log --set p=v ...
and their outputs (stdout) must be identical. Parameter sets (default: all):
  defaults  no parameters given: the defaults of lesson.py and of lesson.cpp must agree too
  min       every parameter at its minimum
  max       every parameter at its maximum
  middle    every parameter halfway between, snapped to its step
  pitfall   the defaults with --pitfall (skipped when the lesson has no pitfall switch)
The parameters come from `dirigent lessons --json`. On a mismatch: a unified diff, exit code 1.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import subprocess
import sys
from pathlib import Path

SETS = ("defaults", "min", "max", "middle", "pitfall")
TIMEOUT = 60


def lesson_listing(dirigent: str) -> list[dict]:
    result = subprocess.run([dirigent, "lessons", "--json"], capture_output=True, text=True,
                            timeout=TIMEOUT, env=cpp_env())
    if result.returncode != 0:
        sys.exit(f"`dirigent lessons --json` failed ({result.returncode}): {result.stderr.strip()}")
    return json.loads(result.stdout)["lessons"]


def snap(parameter: dict, value: float) -> float:
    """As lessons::snap: the nearest min + k*step, within min..max."""
    low, high, step = parameter["min"], parameter["max"], parameter["step"]
    if step > 0:
        value = low + round((value - low) / step) * step
        value = round(value * 1e9) / 1e9
    return min(max(value, low), high)


def text_of(parameter: dict, value: float) -> str:
    """A value as both command lines get it: whole numbers without a decimal point."""
    if parameter["integer"] or value == int(value):
        return str(int(round(value)))
    return repr(float(value))


def values_for(lesson: dict, name: str) -> dict[str, str] | None:
    """The parameter values of a set (None: the set does not apply to the lesson)."""
    parameters = lesson["parameters"]
    if name == "defaults":
        return {}
    if name == "pitfall":
        return {} if lesson["has_pitfall"] else None
    if name == "min":
        return {p["id"]: text_of(p, p["min"]) for p in parameters}
    if name == "max":
        return {p["id"]: text_of(p, p["max"]) for p in parameters}
    if name == "middle":
        return {p["id"]: text_of(p, snap(p, (p["min"] + p["max"]) / 2)) for p in parameters}
    raise ValueError(name)


def cpp_env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["LC_ALL"] = "C.UTF-8"
    return env


def python_command(repo: Path, lesson_id: str, values: dict[str, str], pitfall: bool) -> tuple[list[str], dict]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(repo / "tests" / "python")
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["PYTHONIOENCODING"] = "utf-8"
    command = [sys.executable, str(Path(__file__).resolve().parent / "run_listing.py"),
               str(repo / "lessons" / lesson_id / "lesson.py")]
    for name, value in values.items():
        command += ["--set", f"{name}={value}"]
    if pitfall:
        command.append("--pitfall")
    return command, env


def cpp_command(dirigent: str, lesson_id: str, values: dict[str, str], pitfall: bool) -> list[str]:
    command = [dirigent, "run", lesson_id, "--log"]
    for name, value in values.items():
        command += ["--set", f"{name}={value}"]
    if pitfall:
        command.append("--pitfall")
    return command


def run(command: list[str], env: dict) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(command, capture_output=True, text=True, encoding="utf-8",
                              env=env, timeout=TIMEOUT)
    except subprocess.TimeoutExpired as exc:
        return subprocess.CompletedProcess(command, -1, exc.stdout or "", f"timed out after {TIMEOUT} s")


def compare(dirigent: str, repo: Path, lesson: dict, set_name: str) -> bool:
    lesson_id = lesson["id"]
    values = values_for(lesson, set_name)
    label = f"{lesson_id} [{set_name}]"
    if values is None:
        print(f"skipped: {label}: the lesson has no pitfall switch")
        return True
    pitfall = set_name == "pitfall"
    py_cmd, py_env = python_command(repo, lesson_id, values, pitfall)
    cpp_cmd = cpp_command(dirigent, lesson_id, values, pitfall)
    print(f"{label}\n  python: run_listing.py {os.path.relpath(py_cmd[2], repo)} "
          f"{' '.join(py_cmd[3:])}\n  c++:    dirigent {' '.join(cpp_cmd[1:])}")

    python = run(py_cmd, py_env)
    cpp = run(cpp_cmd, cpp_env())
    ok = True
    if python.returncode != 0:
        print(f"FAIL {label}: lesson.py exited with {python.returncode}\n{python.stderr}")
        ok = False
    if cpp.returncode != 0:
        print(f"FAIL {label}: dirigent exited with {cpp.returncode}\n{cpp.stderr}")
        ok = False
    if python.stdout != cpp.stdout:
        diff = difflib.unified_diff(python.stdout.splitlines(keepends=True), cpp.stdout.splitlines(keepends=True),
                                    fromfile=f"python {lesson_id}/lesson.py", tofile=f"c++ dirigent run {lesson_id}")
        print(f"FAIL {label}: the logs differ\n" + "".join(diff))
        ok = False
    elif not python.stdout:
        print(f"FAIL {label}: both sides printed nothing")
        ok = False
    if ok:
        lines = python.stdout.count("\n")
        print(f"ok   {label}: {lines} identical lines")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dirigent", required=True)
    parser.add_argument("--repo", required=True, type=Path)
    parser.add_argument("--lesson", action="append", default=[])
    parser.add_argument("--all", action="store_true", help="every lesson that is not a placeholder")
    parser.add_argument("--set", action="append", choices=SETS, dest="sets")
    args = parser.parse_args()

    listing = {lesson["id"]: lesson for lesson in lesson_listing(args.dirigent)}
    ids = [i for i, lesson in listing.items() if not lesson["placeholder"]] if args.all else args.lesson
    if not ids:
        parser.error("name a --lesson or give --all")
    failures = 0
    for lesson_id in ids:
        if lesson_id not in listing:
            print(f"FAIL {lesson_id}: not in `dirigent lessons --json` (known: {', '.join(listing)})")
            failures += 1
            continue
        if listing[lesson_id]["placeholder"]:
            print(f"skipped: {lesson_id}: a placeholder")
            continue
        for set_name in args.sets or SETS:
            if not compare(args.dirigent, args.repo, listing[lesson_id], set_name):
                failures += 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
