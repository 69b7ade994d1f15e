#!/usr/bin/env python3
"""Dirigent under a German locale gives the same machine-readable output as under C.

Usage: check_locale.py --dirigent PATH [--window]

A de_DE.UTF-8 locale is generated with localedef into a temporary LOCPATH (no system locale is
needed), and checked to really give a decimal comma. Then, for every lesson, with and without its
pitfall, `dirigent` runs once under LC_ALL=C and once under LC_ALL=de_DE.UTF-8:
- `run --log` and `--trace-json` are byte-identical (machine-readable: never localized);
- `run --quiz --lang de` and `--lang en` are byte-identical (what a person reads follows the UI
  language, not the locale), and without --lang the German locale picks German;
- the quiz answers in German and English are the same up to the decimal separator, and German
  numbers have a decimal comma.
With --window, `dirigent screenshot` of every lesson in each language is byte-identical under both
locales (the window's views format numbers by the UI language, not by the process locale).
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

TIMEOUT = 120
failures: list[str] = []


def fail(message: str) -> None:
    failures.append(message)
    print(f"FAIL {message}")


def make_locale(folder: Path) -> dict[str, str]:
    """A de_DE.UTF-8 locale in `folder`, and the environment that selects it."""
    target = folder / "de_DE.UTF-8"
    result = subprocess.run(["localedef", "-i", "de_DE", "-f", "UTF-8", str(target)],
                            capture_output=True, text=True, timeout=TIMEOUT)
    # localedef warns (exit 1) about harmless things; what counts is that the locale works.
    env = {"LOCPATH": str(folder), "LC_ALL": "de_DE.UTF-8", "LANG": "de_DE.UTF-8", "LANGUAGE": "de"}
    probe = subprocess.run([sys.executable, "-c",
                            "import locale; locale.setlocale(locale.LC_ALL, ''); "
                            "print(locale.localeconv()['decimal_point'])"],
                           capture_output=True, text=True, env={**os.environ, **env}, timeout=TIMEOUT)
    if probe.stdout.strip() != ",":
        sys.exit(f"the generated de_DE.UTF-8 locale does not work (localedef: {result.returncode} "
                 f"{result.stderr.strip()}; decimal point {probe.stdout.strip()!r} {probe.stderr.strip()})")
    return env


def environment(extra: dict[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_") and k not in ("LANG", "LANGUAGE")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.update(extra)
    return env


def run(dirigent: str, args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([dirigent, *args], capture_output=True, env=env, timeout=TIMEOUT)


ANSWER = re.compile(r"^   (?:Answer|Antwort): (.*)$", re.MULTILINE)
NUMBER = re.compile(r"\d[.,]\d")


def answers(quiz: bytes) -> list[str]:
    return ANSWER.findall(quiz.decode("utf-8"))


def check_lesson(dirigent: str, lesson: dict, c_env: dict, de_env: dict, window: bool, tmp: Path) -> None:
    lesson_id = lesson["id"]
    for pitfall in ([False, True] if lesson["has_pitfall"] else [False]):
        extra = ["--pitfall"] if pitfall else []
        label = lesson_id + (" --pitfall" if pitfall else "")

        def both(args: list[str]) -> tuple[subprocess.CompletedProcess, subprocess.CompletedProcess]:
            return run(dirigent, args, c_env), run(dirigent, args, de_env)

        if window:
            check_window(dirigent, lesson_id, label, extra, c_env, de_env, tmp)
            continue

        c, de = both(["run", lesson_id, "--log", *extra])
        if c.returncode != 0 or not c.stdout:
            fail(f"{label}: `run --log` under C failed ({c.returncode}): {c.stderr.decode()}")
        elif c.stdout != de.stdout:
            fail(f"{label}: the log differs between C and de_DE.UTF-8")
        elif not re.match(rb"t=\d+\.\d{3} ", c.stdout):
            fail(f"{label}: the log does not start with a time stamp t=<s.mmm>: {c.stdout[:40]!r}")

        traces = []
        for name, env in (("c", c_env), ("de", de_env)):
            path = tmp / f"{lesson_id}-{int(pitfall)}-{name}.json"
            result = run(dirigent, ["run", lesson_id, "--trace-json", str(path), *extra], env)
            traces.append(path.read_bytes() if result.returncode == 0 and path.exists() else b"")
        if not traces[0] or traces[0] != traces[1]:
            fail(f"{label}: the Chrome trace is missing or differs between C and de_DE.UTF-8")
        else:
            json.loads(traces[1])

        quizzes = {}
        for lang in ("de", "en"):
            c, de = both(["run", lesson_id, "--quiz", "--lang", lang, *extra])
            if c.returncode != 0 or not answers(c.stdout):
                fail(f"{label}: `run --quiz --lang {lang}` printed no answers ({c.returncode})")
            elif c.stdout != de.stdout:
                fail(f"{label}: the {lang} quiz differs between C and de_DE.UTF-8")
            quizzes[lang] = c.stdout
        default = run(dirigent, ["run", lesson_id, "--quiz", *extra], de_env)
        if default.stdout != quizzes["de"]:
            fail(f"{label}: under de_DE.UTF-8 without --lang the quiz is not the German one")

        de_answers, en_answers = answers(quizzes["de"]), answers(quizzes["en"])
        if len(de_answers) != len(en_answers):
            fail(f"{label}: {len(de_answers)} German and {len(en_answers)} English answers")
        for de_answer, en_answer in zip(de_answers, en_answers):
            if NUMBER.search(en_answer) and de_answer != en_answer.replace(".", ","):
                fail(f"{label}: German answer {de_answer!r} is not {en_answer!r} with a decimal comma")
        for line in quizzes["de"].decode("utf-8").splitlines():
            if re.search(r"\d\.\d", line) and not re.search(r"[A-Za-z_]\w*\.\w|\d\.\d\.\d", line):
                fail(f"{label}: a German quiz line has a decimal point: {line.strip()!r}")

        print(f"checked {label}")


def check_window(dirigent: str, lesson_id: str, label: str, extra: list[str], c_env: dict, de_env: dict,
                 tmp: Path) -> None:
    pictures = {}
    for lang in ("de", "en"):
        shots = []
        for name, env in (("c", c_env), ("de", de_env)):
            path = tmp / f"{lesson_id}-{len(extra)}-{lang}-{name}.png"
            result = run(dirigent, ["screenshot", lesson_id, "--lang", lang, "--at", "0.5",
                                    "--size", "1100x700", *extra, str(path)], env)
            shots.append(path.read_bytes() if result.returncode == 0 and path.exists() else b"")
        if not shots[0] or shots[0] != shots[1]:
            fail(f"{label}: the {lang} window differs between C and de_DE.UTF-8 (or was not saved)")
        pictures[lang] = shots[0]
    if pictures["de"] == pictures["en"]:
        fail(f"{label}: the German and the English window look the same")
    print(f"checked the window of {label}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dirigent", required=True)
    parser.add_argument("--window", action="store_true", help="compare screenshots of the window too")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="dirigent-locale-") as folder:
        tmp = Path(folder)
        (tmp / "locales").mkdir()
        de_env = environment(make_locale(tmp / "locales"))
        c_env = environment({"LC_ALL": "C"})
        listing = run(args.dirigent, ["lessons", "--json"], c_env)
        if listing.returncode != 0 or listing.stdout != run(args.dirigent, ["lessons", "--json"], de_env).stdout:
            fail("`lessons --json` failed or differs between C and de_DE.UTF-8")
            return 1
        lessons = [l for l in json.loads(listing.stdout)["lessons"] if not l["placeholder"]]
        for lesson in lessons:
            check_lesson(args.dirigent, lesson, c_env, de_env, args.window, tmp)
    if failures:
        print(f"{len(failures)} problem(s)")
        return 1
    print(f"all {len(lessons)} lessons give the same output under C and de_DE.UTF-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
