#!/usr/bin/env python3
"""`dirigent play LESSON` ("you are the event loop") from the outside.

1. A first game answers every question by trying the candidates in order: each wrong pick must
   get an explanation that names a rule of asyncio's loop and the same question again; the right
   pick says "Right". That finds the answers (nothing here knows them in advance).
2. A second game answers each question with the pick the first game found right: it must end
   with full score, "N of N right at the first try".
3. The answers must be the tasks that really ran: in the order of the steps of the same run's
   Chrome trace (`dirigent run --trace-json`), the right picks form a subsequence.
4. q ends the game with the score so far; end of input too; a pick that is no candidate is
   asked again. German: the same game, in German.
Usage: check_play_cli.py DIRIGENT
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile

failures: list[str] = []
LESSONS = ["tasks-gather", "queues", "semaphores"]
RULES = ("first in, first out", "ready", "earliest", "began first", "timer")


def env(lang: str = "en") -> dict[str, str]:
    e = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    e.update(LC_ALL="C.UTF-8", QT_QPA_PLATFORM="offscreen")
    return e


class Game:
    """A `dirigent play` process driven line by line."""

    def __init__(self, dirigent: str, lesson: str, lang: str = "en"):
        self.proc = subprocess.Popen([dirigent, "play", lesson, "--lang", lang], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env(),
                                     bufsize=1)
        self.transcript = ""

    def read_until_prompt(self) -> tuple[str, bool]:
        """Output up to the next "> " prompt, and whether the game ended instead."""
        out = ""
        while True:
            ch = self.proc.stdout.read(1)
            if ch == "":
                self.transcript += out
                return out, True
            out += ch
            if out.endswith("\n> ") or out == "> ":
                self.transcript += out
                return out, False

    def send(self, line: str) -> None:
        self.transcript += line + "\n"
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()

    def finish(self) -> str:
        rest, err = self.proc.communicate(timeout=60)
        self.transcript += rest
        if self.proc.returncode != 0:
            failures.append(f"exit {self.proc.returncode}: {err}")
        return self.transcript


def expect(ok: bool, what: str, detail: str = "") -> None:
    print(f"{'ok  ' if ok else 'FAIL'} {what}")
    if not ok:
        failures.append(what)
        if detail:
            print(detail[-3000:])


def candidates(block: str) -> list[str]:
    return re.findall(r"^  (\d+)\) ", block, re.M)


def discover(dirigent: str, lesson: str) -> tuple[list[str], list[str], str]:
    """Plays by trying the candidates in order; returns the right names, the wrong verdicts and
    the transcript."""
    game = Game(dirigent, lesson)
    right, verdicts = [], []
    block, ended = game.read_until_prompt()
    while not ended:
        numbers = candidates(block)
        names = re.findall(r"^  \d+\) (\S+) · ", block, re.M)
        for number, name in zip(numbers, names):
            game.send(number)
            reply, ended = game.read_until_prompt()
            verdict = reply.split("\n", 1)[0]
            if verdict.startswith("Right"):
                right.append(name)
                block = reply
                break
            verdicts.append(verdict)
            # Wrong: the verdict, then the same question's prompt again (nothing else).
            expect(not ended and reply == verdict + "\n> ", f"{lesson}: a wrong pick is asked again", reply)
        else:
            expect(False, f"{lesson}: one of the candidates is right", block)
            break
    text = game.finish()
    return right, verdicts, text


def steps_in_trace(dirigent: str, lesson: str) -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "t.json")
        subprocess.run([dirigent, "run", lesson, "--trace-json", path], capture_output=True, env=env(), check=True,
                       timeout=60)
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    events = data["traceEvents"] if isinstance(data, dict) else data
    names = {}
    for e in events:
        if e.get("ph") == "M" and e.get("name") == "thread_name":
            names[e["tid"]] = e["args"]["name"]
    steps = [e for e in events if e.get("ph") in ("B", "X") and e.get("cat", "").startswith("step")]
    steps.sort(key=lambda e: (e["ts"], events.index(e)))
    return [names.get(e["tid"], "") for e in steps]


def is_subsequence(small: list[str], big: list[str]) -> bool:
    it = iter(big)
    return all(any(x == y for y in it) for x in small)


def check_lesson(dirigent: str, lesson: str) -> None:
    right, verdicts, text = discover(dirigent, lesson)
    asked = re.search(r"This run has (\d+) decision", text)
    expect(asked is not None and int(asked[1]) == len(right) and len(right) >= 3,
           f"{lesson}: every decision answered ({len(right)})", text)
    expect(all(v.startswith(("Not yet", "Almost")) and any(r in v for r in RULES) for v in verdicts),
           f"{lesson}: each wrong pick names asyncio's rule ({len(verdicts)} wrong picks)",
           "\n".join(verdicts))
    expect(len(verdicts) >= 1, f"{lesson}: the game has at least one wrong pick to explain", text)
    # 2. A perfect game with the answers found.
    game = subprocess.run([dirigent, "play", lesson], input="\n".join(right) + "\n", capture_output=True, text=True,
                          env=env(), timeout=60)
    expect(game.returncode == 0 and f"Score: {len(right)} of {len(right)} right at the first try." in game.stdout,
           f"{lesson}: picking the right tasks by name gives full score", game.stdout)
    # 3. Right picks are the tasks that ran, in order.
    steps = steps_in_trace(dirigent, lesson)
    expect(len(steps) > 0 and is_subsequence(right, steps),
           f"{lesson}: the right picks are steps of the run, in order", f"{right}\n{steps}")


def check_controls(dirigent: str) -> None:
    game = subprocess.run([dirigent, "play", "tasks-gather"], input="99\nnobody\nq\n", capture_output=True, text=True,
                          env=env(), timeout=60)
    expect(game.returncode == 0 and game.stdout.count("Type a number from 1 to") == 2,
           "a pick that is no candidate is asked again", game.stdout)
    expect("Score: 0 of 0 right at the first try." in game.stdout, "q ends with the score so far", game.stdout)
    game = subprocess.run([dirigent, "play", "tasks-gather"], input="", capture_output=True, text=True, env=env(),
                          timeout=60)
    expect(game.returncode == 0 and "Score:" in game.stdout, "end of input ends the game", game.stdout)
    german = subprocess.run([dirigent, "play", "tasks-gather", "--lang", "de"], input="1\n2\n3\nq\n",
                            capture_output=True, text=True, env=env(), timeout=60)
    expect(german.returncode == 0 and "Welcher Task" in german.stdout and "Ergebnis:" in german.stdout,
           "German: the game speaks German", german.stdout)
    bad = subprocess.run([dirigent, "play"], capture_output=True, text=True, env=env(), timeout=60)
    expect(bad.returncode == 2 and "play" in bad.stderr, "play without a lesson: exit 2", bad.stderr)
    bad = subprocess.run([dirigent, "play", "nope"], capture_output=True, text=True, env=env(), timeout=60)
    expect(bad.returncode == 2 and "nope" in bad.stderr, "play with an unknown lesson: exit 2", bad.stderr)


def main() -> int:
    dirigent = sys.argv[1]
    for lesson in LESSONS:
        check_lesson(dirigent, lesson)
    check_controls(dirigent)
    if failures:
        print(f"{len(failures)} check(s) failed")
        return 1
    print("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
