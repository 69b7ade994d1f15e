#!/usr/bin/env python3
"""Checks `dirigent lessons` and `dirigent run`: listings, runs, quiz, trace export, and that
every wrong command line prints ONE line on stderr naming the valid choices and exits with 2.

Usage: check_lesson_cli.py --dirigent PATH

The lesson checks use the first runnable lesson of `dirigent lessons --json` (and the first
with a pitfall, the first without); they are skipped while no lesson is built. Every run
happens with QT_QPA_PLATFORM=xcb and no DISPLAY, so a subcommand that created a
QApplication would abort: the subcommands must stay headless.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

failures: list[str] = []
DIRIGENT = ""


def run(*args: str, lang_env: str = "C.UTF-8") -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "LANGUAGE", "LC_MESSAGES")}
    env.update(QT_QPA_PLATFORM="xcb", LC_ALL=lang_env, LANG=lang_env)
    return subprocess.run([DIRIGENT, *args], capture_output=True, text=True, encoding="utf-8",
                          env=env, timeout=60)


def expect(condition: bool, what: str, result: subprocess.CompletedProcess) -> None:
    print(f"{'ok  ' if condition else 'FAIL'} dirigent {' '.join(result.args[1:])}: {what}")
    if not condition:
        failures.append(what)
        print(f"     exit code {result.returncode}\n     stdout: {result.stdout[:2000]!r}\n"
              f"     stderr: {result.stderr[:2000]!r}")


def expect_error(*args: str, mentions: list[str]) -> subprocess.CompletedProcess:
    result = run(*args)
    lines = result.stderr.splitlines()
    expect(result.returncode == 2, "exits with code 2", result)
    expect(result.stdout == "", "prints nothing on stdout", result)
    expect(len(lines) == 1 and lines[0].startswith("dirigent: "), "prints one line 'dirigent: ...' on stderr",
           result)
    for text in mentions:
        expect(bool(lines) and text in lines[0], f"the line names {text!r}", result)
    return result


def listing() -> list[dict]:
    result = run("lessons", "--json")
    expect(result.returncode == 0, "lists the lessons as JSON", result)
    return json.loads(result.stdout)["lessons"]


def check_listing(lessons: list[dict]) -> None:
    english = run("lessons", "--lang", "en")
    german = run("lessons", "--lang", "de")
    for result, lang in ((english, "en"), (german, "de")):
        expect(result.returncode == 0 and result.stderr == "", "exits with 0, nothing on stderr", result)
        lines = result.stdout.splitlines()
        expect(len(lines) == len(lessons), f"one line per lesson ({len(lessons)})", result)
        for number, (line, lesson) in enumerate(zip(lines, lessons), 1):
            words = line.split()
            expect(words[:2] == [f"{number}.", lesson["id"]] and line.endswith(lesson["title"][lang])
                   or lesson["placeholder"] and lesson["title"][lang] in line,
                   f"line {number} is '{number}. {lesson['id']}  {lesson['title'][lang]}'", result)
    # A lesson still to come (none is left in the curriculum today) says so in both languages.
    for lesson in (l for l in lessons if l["placeholder"]):
        for result, lang, later in ((english, "en", "comes later"), (german, "de", "kommt später")):
            line = [line for line in result.stdout.splitlines() if line.split()[1:2] == [lesson["id"]]]
            expect(bool(line) and lesson["title"][lang] in line[0] and later in line[0],
                   f"the placeholder {lesson['id']} {later}", result)
    from_locale = run("lessons", lang_env="de_DE.UTF-8")
    expect(from_locale.stdout == german.stdout, "a German locale lists in German", from_locale)

    help_text = run("--help")
    for text in ("lessons", "run LESSON", "--set <name=value>", "--pitfall", "--quiz", "--trace-json <file>"):
        expect(text in help_text.stdout, f"--help mentions {text!r}", help_text)
    expect("--json" not in help_text.stdout, "--help hides --json", help_text)
    version = run("--version")
    expect(version.returncode == 0 and version.stdout.startswith("dirigent "), "--version still works", version)


def value_text(parameter: dict, value: float) -> str:
    return str(int(value)) if parameter["integer"] or value == int(value) else repr(value)


def check_runs(lesson: dict, all_lessons: list[dict]) -> None:
    lid = lesson["id"]
    parameter = lesson["parameters"][0]
    runnable = [l["id"] for l in all_lessons if not l["placeholder"]]
    plain = run("run", lid)
    expect(plain.returncode == 0 and plain.stdout.startswith("t=") and plain.stderr == "",
           "runs and prints the log", plain)
    with_log = run("run", lid, "--log")
    expect(with_log.stdout == plain.stdout, "--log prints exactly the same log", with_log)
    at_max = run("run", lid, "--set", f"{parameter['id']}={value_text(parameter, parameter['max'])}")
    expect(at_max.returncode == 0, "accepts the maximum of a parameter", at_max)

    for lang, answer_word in (("en", "Answer: "), ("de", "Antwort: ")):
        quiz = run("run", lid, "--quiz", "--lang", lang)
        expect(quiz.returncode == 0 and answer_word in quiz.stdout and "t=" not in quiz.stdout,
               f"--quiz prints the questions with '{answer_word.strip()}' and no log", quiz)
        expect(quiz.stdout.startswith("1. "), "--quiz starts with question 1", quiz)
    both = run("run", lid, "--quiz", "--log")
    expect(both.stdout.startswith(plain.stdout) and "Answer: " in both.stdout, "--quiz --log prints both", both)

    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "trace.json"
        result = run("run", lid, "--trace-json", str(target))
        expect(result.returncode == 0 and result.stdout == plain.stdout, "--trace-json still prints the log", result)
        try:
            data = json.loads(target.read_text(encoding="utf-8"))
            valid = isinstance(data.get("traceEvents"), list) and len(data["traceEvents"]) > 0
        except (OSError, ValueError) as exc:
            valid = False
            print(f"     {exc}")
        expect(valid, "--trace-json writes valid Chrome trace JSON", result)
        expect(sorted(p.name for p in Path(tmp).iterdir()) == ["trace.json"], "leaves no temporary file", result)
        missing = Path(tmp) / "no-such-folder" / "trace.json"
        result = run("run", lid, "--trace-json", str(missing))
        expect(result.returncode != 0 and len(result.stderr.splitlines()) == 1 and "no-such-folder" in result.stderr
               and result.stdout == "", "a missing folder: one clear line, nothing run", result)
        expect(not missing.parent.exists(), "creates no folder", result)

    # Errors: one line, exit code 2, naming the valid choices.
    expect_error("run", "nope", mentions=["nope", *runnable])
    expect_error("run", mentions=runnable)
    expect_error("run", lid, "--set", "bogus=1", mentions=["bogus", *(p["id"] for p in lesson["parameters"])])
    expect_error("run", lid, "--set", f"{parameter['id']}", mentions=["name=value", parameter["id"]])
    expect_error("run", lid, "--set", f"{parameter['id']}=many", mentions=["many", parameter["id"]])
    too_big = parameter["max"] + max(parameter["step"], 1)
    expect_error("run", lid, "--set", f"{parameter['id']}={value_text(parameter, too_big)}",
                 mentions=[parameter["id"], f"{value_text(parameter, parameter['min'])}.."
                                            f"{value_text(parameter, parameter['max'])}"])
    for later in (l["id"] for l in all_lessons if l["placeholder"]):
        expect_error("run", later, mentions=[later, *runnable])
    expect_error("run", lid, "extra", mentions=["extra"])
    expect_error("--pitfall", mentions=["--pitfall", "run"])
    expect_error("lessons", "--quiz", mentions=["--quiz", "lessons"])
    expect_error("run", lid, "--set", mentions=["--set"])
    german = run("--lang", "de", "run", "nope")
    expect(german.returncode == 2 and "unbekannte Lektion 'nope'" in german.stderr, "the error in German", german)


def check_pitfalls(lessons: list[dict]) -> None:
    without = next((l for l in lessons if not l["placeholder"] and not l["has_pitfall"]), None)
    with_one = [l["id"] for l in lessons if not l["placeholder"] and l["has_pitfall"]]
    if without:
        expect_error("run", without["id"], "--pitfall", mentions=[without["id"], *with_one])
    else:
        print("skip --pitfall on a lesson without one: every lesson has a pitfall switch")
    if with_one:
        result = run("run", with_one[0], "--pitfall")
        expect(result.returncode == 0 and result.stdout.startswith("t="), "runs the pitfall", result)


def check_deadlock_report(lessons: list[dict]) -> None:
    """A pitfall that hangs in Python: the log ends with the loop's report (as vloop prints it), and
    stderr adds who waits on what at which line of the scenario."""
    if not any(l["id"] == "queues" for l in lessons):
        return
    result = run("run", "queues", "--pitfall", "--lang", "en")
    expect(result.returncode == 0, "a deadlocked lesson still exits with 0", result)
    expect("deadlock\n" in result.stdout and "waiting: main" in result.stdout, "the log holds the report", result)
    lines = result.stderr.splitlines()
    expect(bool(lines) and lines[0].startswith("dirigent: deadlock at t="), "stderr starts the report", result)
    expect(any(re.fullmatch(r"  main waits on Queue\.join #\d+ at scenario\.cpp:\d+", l) for l in lines),
           "stderr names main, what it waits on and the line of its await", result)


def main() -> int:
    global DIRIGENT
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dirigent", required=True)
    DIRIGENT = parser.parse_args().dirigent

    lessons = listing()
    check_listing(lessons)
    runnable = [l for l in lessons if not l["placeholder"]]
    if runnable:
        check_runs(runnable[0], lessons)
        check_pitfalls(lessons)
        check_deadlock_report(lessons)
    else:
        print("skip the run checks: no lesson is built yet")
        expect_error("run", "nope", mentions=["nope"])
    print(f"{len(failures)} failed" if failures else "all checks passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
