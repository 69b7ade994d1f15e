#!/usr/bin/env python3
"""`dirigent break` ("break it" levels) from the outside.

1. `dirigent break` lists at least six levels; with --lang de their German titles.
2. For every level, `--solve` lets the game's search find an order that breaks it ("picks: ...",
   the numbers to type); typing those picks into `dirigent break LEVEL` must break the program:
   "Broken after N move(s)", the level's explanation, the fixed program and the search's word
   that no order breaks it. `--fixed --solve` finds no breaking order. Nothing here knows a
   solution in advance.
3. The same game under a real German locale (de_DE.UTF-8 made with localedef) in German:
   the picks line is the same, the words are German.
4. Keys: u undoes, r starts again, a wrong number is asked again, q and end of input end the
   game; bad command lines get one clear line and exit 2.
Usage: check_break_cli.py DIRIGENT
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile

failures: list[str] = []


def check(ok: bool, what: str) -> None:
    if not ok:
        failures.append(what)
        print(f"FAIL {what}")


def env(extra: dict[str, str] | None = None) -> dict[str, str]:
    e = {k: v for k, v in os.environ.items()
         if k not in ("DISPLAY", "WAYLAND_DISPLAY", "LANG", "LANGUAGE") and not k.startswith("LC_")}
    e.update(LC_ALL="C.UTF-8", QT_QPA_PLATFORM="offscreen")
    e.update(extra or {})
    return e


def run(dirigent: str, args: list[str], stdin: str = "", extra: dict[str, str] | None = None):
    return subprocess.run([dirigent, *args], input=stdin, capture_output=True, text=True, env=env(extra),
                          timeout=120)


def level_ids(dirigent: str) -> list[str]:
    out = run(dirigent, ["break", "--lang", "en"])
    check(out.returncode == 0, f"dirigent break exits 0 ({out.returncode}: {out.stderr})")
    ids = re.findall(r"^\d+\. ([a-z-]+)  ", out.stdout, re.M)
    check(len(ids) >= 6, f"at least six levels listed: {ids}")
    return ids


def solve(dirigent: str, level: str, fixed: bool = False, lang: str = "en", extra=None) -> tuple[list[str], str]:
    args = ["break", level, "--solve", "--lang", lang] + (["--fixed"] if fixed else [])
    out = run(dirigent, args, extra=extra)
    check(out.returncode == 0, f"{' '.join(args)} exits 0 ({out.returncode}: {out.stderr})")
    picks = re.search(r"^picks: ([\d ]+)$", out.stdout, re.M)
    return (picks.group(1).split() if picks else []), out.stdout


def check_level(dirigent: str, level: str) -> None:
    picks, text = solve(dirigent, level)
    check(bool(picks), f"{level}: the search finds an order that breaks it:\n{text}")
    check("The search found an order that breaks it" in text, f"{level}: --solve says what it found")
    if not picks:
        return
    played = run(dirigent, ["break", level, "--lang", "en"], "\n".join(picks) + "\n")
    out = played.stdout
    check(played.returncode == 0, f"{level}: the game exits 0")
    check(re.search(r"^Broken after %d move" % len(picks), out, re.M) is not None,
          f"{level}: typing the picks {picks} breaks it after {len(picks)} moves:\n{out[-1500:]}")
    check("What went wrong" in out, f"{level}: the explanation follows the break")
    check(re.search(r"^Must hold: \S", out, re.M) is not None, f"{level}: the game says what must hold")
    check("The fixed program:" in out, f"{level}: the fixed program is shown")
    check(re.search(r"The game tried every possible order of moves, all \d+ of them.*none breaks it\.", out)
          is not None, f"{level}: the search's word on the fixed program")
    check(out.count("Every task waits. What happens next?") == len(picks),
          f"{level}: one question per move")
    _, fixed = solve(dirigent, level, fixed=True)
    check("none breaks it." in fixed and "picks:" not in fixed, f"{level}: --fixed --solve finds no break:\n{fixed}")
    # The same picks on the fixed program never break it (they may not even fit: then the
    # game asks again and the input ends).
    played = run(dirigent, ["break", level, "--fixed", "--lang", "en"], "\n".join(picks) + "\n")
    check("Broken after" not in played.stdout, f"{level}: the picks do not break the fixed program")


def check_german(dirigent: str, level: str) -> None:
    with tempfile.TemporaryDirectory() as locpath:
        made = subprocess.run(["localedef", "-i", "de_DE", "-f", "UTF-8", os.path.join(locpath, "de_DE.UTF-8")],
                              capture_output=True, text=True)
        if made.returncode not in (0, 1) or not os.path.isdir(os.path.join(locpath, "de_DE.UTF-8")):
            check(False, f"localedef could not make de_DE.UTF-8: {made.stderr.strip()}")
            return
        german = {"LOCPATH": locpath, "LC_ALL": "de_DE.UTF-8", "LANG": "de_DE.UTF-8"}
        listed = run(dirigent, ["break"], extra=german)
        check("Verlorenes Update" in listed.stdout, f"the German desktop lists German titles:\n{listed.stdout}")
        picks_de, text_de = solve(dirigent, level, lang="de", extra=german)
        picks_en, _ = solve(dirigent, level)
        check(picks_de == picks_en and picks_de, f"the picks line is the same in German: {picks_de} vs {picks_en}")
        check("Die Suche hat eine Reihenfolge gefunden" in text_de, f"--solve speaks German:\n{text_de}")
        played = run(dirigent, ["break", level], "\n".join(picks_de) + "\n", extra=german)
        out = played.stdout
        check(re.search(r"^Kaputt nach %d Zügen" % len(picks_de), out, re.M) is not None,
              f"German: the break in German:\n{out[-1200:]}")
        check("Was schiefging" in out and "Das reparierte Programm:" in out, "German: explanation and fix in German")
        check("kommt zurück" in out, "German: the moves in German")
        check("Muss gelten: balance == 100 + 50 * deposits written" in out, "German: what must hold")


def check_keys(dirigent: str) -> None:
    level = "lost-update"
    out = run(dirigent, ["break", level, "--lang", "en"], "x\n99\n1\nu\nr\nq\n").stdout
    check("Type a number from 1 to 2, or u, r or q." in out, f"a wrong pick is asked again:\n{out}")
    check("Undone." in out, "u undoes")
    check("From the start." in out, "r starts again")
    check(out.rstrip().endswith("Not broken yet."), "q ends the game")
    out = run(dirigent, ["break", level, "--lang", "en"], "1\n").stdout
    check(out.rstrip().endswith("Not broken yet."), "the end of input ends the game")
    for args, phrase in ((["break", "nope"], "unknown level 'nope', choose one of: lost-update"),
                         (["break", "--fixed"], "--fixed and --solve need a level"),
                         (["break", "lost-update", "extra"], "unexpected argument 'extra'"),
                         (["run", "queues", "--solve"], "the option '--solve' does not work with 'dirigent run'")):
        bad = run(dirigent, args + ["--lang", "en"])
        check(bad.returncode == 2, f"{args}: exit 2 ({bad.returncode})")
        check(phrase in bad.stderr and bad.stdout == "", f"{args}: says '{phrase}': {bad.stderr!r}")


def check_lesson_texts(ids: list[str]) -> None:
    """The lesson texts that point to a level name one that exists."""
    lessons = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "lessons")
    named = 0
    for folder in sorted(os.listdir(lessons)):
        for lang in ("en", "de"):
            path = os.path.join(lessons, folder, f"text.{lang}.md")
            if not os.path.isfile(path):
                continue
            for level in re.findall(r"dirigent break ([a-z-]+)", open(path, encoding="utf-8").read()):
                named += 1
                check(level in ids, f"{folder}/text.{lang}.md names the level '{level}', which does not exist")
    check(named >= 5, f"the lesson texts point to the levels ({named} mentions)")


def main() -> int:
    dirigent = sys.argv[1]
    ids = level_ids(dirigent)
    check_lesson_texts(ids)
    for level in ids:
        check_level(dirigent, level)
    check_german(dirigent, "lost-update")
    check_keys(dirigent)
    if failures:
        print(f"{len(failures)} check(s) failed")
        return 1
    print("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
