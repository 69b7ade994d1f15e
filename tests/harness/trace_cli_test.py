#!/usr/bin/env python3
"""`dirigent trace PROGRAM.py` from the outside: good programs and every kind of bad input.

Usage: trace_cli_test.py --dirigent PATH [--window] [--case NAME]... [--list]

--window: the build has the window, so `dirigent open` and `dirigent screenshot PROGRAM.py` are
tested too (offscreen); without it those cases are skipped.

Each case writes a small program into a fresh temporary folder, runs `dirigent trace` on it and
checks the exit code, stdout, stderr and, where it saves one, the trace file. A case that fails
prints what it expected and what came; the script exits 1 if any failed.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

TIMEOUT = 120
CASES = {}
WINDOW_CASES = set()


def case(function):
    CASES[function.__name__] = function
    return function


def window_case(function):
    """A case that needs the window (a build with DIRIGENT_GUI)."""
    WINDOW_CASES.add(function.__name__)
    return case(function)


class Failed(Exception):
    pass


def check(condition, what, result=None):
    if not condition:
        detail = ""
        if result is not None:
            detail = (f"\n  exit code: {result.returncode}\n  stdout: {result.stdout[-1500:]!r}"
                      f"\n  stderr: {result.stderr[-1500:]!r}")
        raise Failed(what + detail)


class Runner:
    def __init__(self, dirigent: str, folder: Path):
        self.dirigent = dirigent
        self.folder = folder
        self.env = {}  # for every command of the case

    def program(self, name: str, source: str) -> Path:
        path = self.folder / name
        path.write_text(textwrap.dedent(source), encoding="utf-8")
        return path

    def trace(self, *args, env=None, timeout=TIMEOUT) -> subprocess.CompletedProcess:
        return self.run("trace", *args, env=env, timeout=timeout)

    def run(self, command, *args, env=None, timeout=TIMEOUT) -> subprocess.CompletedProcess:
        environment = dict(os.environ)
        environment.setdefault("QT_QPA_PLATFORM", "offscreen")
        environment["LC_ALL"] = "C.UTF-8"
        environment.update(self.env)
        environment.update(env or {})
        return subprocess.run([self.dirigent, command, *map(str, args)], capture_output=True, text=True,
                              encoding="utf-8", errors="replace", env=environment, timeout=timeout)


def read_trace(path: Path) -> tuple[dict, list[dict]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return json.loads(lines[0]), [json.loads(line) for line in lines[1:]]


WORKERS = """
    import asyncio

    WORKERS = 2
    DELAY = 0.5

    async def worker(name, queue):
        while True:
            item = await queue.get()
            await asyncio.sleep(DELAY)
            print(f"{name} did {item}")
            queue.task_done()

    async def main():
        queue = asyncio.Queue(maxsize=2)
        workers = [asyncio.create_task(worker(f"w{i}", queue), name=f"w{i}") for i in range(WORKERS)]
        for item in range(4):
            await queue.put(item)
        await queue.join()
        for w in workers:
            w.cancel()
        print("all done")

    asyncio.run(main())
"""


@case
def a_program_runs_in_virtual_time_and_prints_its_log(r: Runner):
    program = r.program("workers.py", WORKERS)
    saved = r.folder / "workers.trace"
    started = time.monotonic()
    result = r.trace(program, "--save", saved)
    check(result.returncode == 0, "exit code 0", result)
    lines = result.stdout.splitlines()
    check(lines == ["t=0.500 w0 did 0", "t=0.500 w1 did 1", "t=1.000 w0 did 2", "t=1.000 w1 did 3",
                    "t=1.000 all done"], "the log with the virtual times", result)
    # Two seconds of sleeps in virtual time: the whole run is much faster than that.
    check(time.monotonic() - started < 30, "no real waiting")
    header, events = read_trace(saved)
    check(header["format"] == "dirigent-trace" and header["version"] == 1 and header["clock"] == "virtual",
          f"the header names the format and the clock: {header}")
    kinds = [e["kind"] for e in events]
    check(kinds[-1] == "run_end" and events[-1].get("outcome") == "result", "the trace ends with run_end/result")
    names = [e.get("text") for e in events if e["kind"] == "task_created"]
    check(names == ["main", "w0", "w1"], f"three tasks, named: {names}")
    waits = {e.get("wait") for e in events if e["kind"] == "suspended"}
    check({"Queue.get", "Queue.put", "Queue.join", "sleep"} <= waits, f"the waits the program has: {waits}")
    lines_of_waits = {e.get("line") for e in events if e["kind"] == "suspended" and e.get("wait") == "Queue.get"}
    check(lines_of_waits == {9}, f"Queue.get waits at line 9 of the program: {lines_of_waits}")
    puts = [e for e in events if e["kind"] == "queue_put"]
    check(len(puts) == 4, f"each put counted once: {len(puts)}")


@case
def set_changes_a_constant_and_an_unknown_one_is_refused(r: Runner):
    program = r.program("workers.py", WORKERS)
    result = r.trace(program, "--set", "WORKERS=4", "--set", "DELAY=0.25")
    check(result.returncode == 0, "exit code 0", result)
    check(result.stdout.splitlines()[:4] == ["t=0.250 w0 did 0", "t=0.250 w1 did 1", "t=0.250 w2 did 2",
                                             "t=0.250 w3 did 3"], "four workers, a quarter second each", result)
    result = r.trace(program, "--set", "THREADS=4")
    check(result.returncode == 2, "an unknown constant: exit code 2", result)
    check("THREADS" in result.stderr and "WORKERS" in result.stderr and result.stdout == "",
          "the message names the constant and the ones there are; nothing ran", result)
    result = r.trace(program, "--set", "WORKERS=many")
    check(result.returncode == 2 and "not a number" in result.stderr, "a value that is no number: exit 2", result)
    result = r.trace(program, "--set", "WORKERS")
    check(result.returncode == 2 and "NAME=VALUE" in result.stderr, "no '=': exit 2", result)


@case
def a_syntax_error_names_its_line(r: Runner):
    program = r.program("broken.py", """
        import asyncio

        async def main():
            await asyncio.sleep(1)
            print("missing parenthesis"

        asyncio.run(main())
    """)
    result = r.trace(program)
    check(result.returncode == 2, "exit code 2", result)
    check(re.search(r"broken\.py:6: syntax error", result.stderr) is not None, "the file and line 6", result)
    check(len(result.stderr.strip().splitlines()) == 1, "one line", result)


@case
def a_file_that_is_not_python_is_refused(r: Runner):
    binary = r.folder / "picture.py"
    binary.write_bytes(bytes(range(256)) * 4)
    result = r.trace(binary)
    check(result.returncode == 2 and "not a Python program" in result.stderr, "binary: exit 2", result)
    text = r.program("notes.py", "Dear diary, today I learned about asyncio.\n")
    result = r.trace(text)
    check(result.returncode == 2 and "syntax error" in result.stderr, "prose: exit 2, a syntax error", result)
    result = r.trace(r.folder / "missing.py")
    check(result.returncode == 2 and "no such file" in result.stderr, "a missing file: exit 2", result)
    result = r.trace(r.folder)
    check(result.returncode == 2 and "folder" in result.stderr, "a folder: exit 2", result)


@case
def a_program_without_asyncio_is_told_so(r: Runner):
    program = r.program("plain.py", """
        total = sum(range(10))
        print("total", total)
    """)
    result = r.trace(program)
    check(result.returncode == 2, "exit code 2", result)
    check("never ran an event loop" in result.stderr, "says there is no event loop", result)
    check(result.stdout == "t=0.000 total 45\n", "its output is still shown", result)


@case
def the_programs_exception_gives_its_traceback_and_exit_1(r: Runner):
    program = r.program("fails.py", """
        import asyncio

        async def fetch():
            await asyncio.sleep(0.1)
            raise ValueError("no such page")

        async def main():
            await fetch()

        asyncio.run(main())
    """)
    saved = r.folder / "fails.trace"
    result = r.trace(program, "--save", saved)
    check(result.returncode == 1, "exit code 1", result)
    check("Traceback" in result.stderr and "ValueError: no such page" in result.stderr
          and 'fails.py", line 6' in result.stderr, "the traceback names the program's line", result)
    check("dirigent_trace.py" not in result.stderr, "the harness's own frames are left out", result)
    _, events = read_trace(saved)
    check(events[-1]["kind"] == "run_end" and events[-1].get("outcome") == "exception",
          "the saved trace ends with the exception")


@case
def a_deadlock_is_reported_with_task_wait_and_line(r: Runner):
    program = r.program("hangs.py", """
        import asyncio

        async def consumer(queue):
            item = await queue.get()
            print("got", item)

        async def main():
            queue = asyncio.Queue()
            task = asyncio.create_task(consumer(queue), name="consumer")
            await task

        asyncio.run(main())
    """)
    result = r.trace(program)
    check(result.returncode == 1, "exit code 1", result)
    check("deadlock at t=0.000" in result.stderr, "the deadlock report", result)
    check(re.search(r"consumer waits on Queue\.get #1 at hangs\.py:5", result.stderr) is not None,
          "consumer, Queue.get, line 5", result)
    check(re.search(r"main waits on task #2 at hangs\.py:11", result.stderr) is not None,
          "main waits on the task at line 11", result)


@case
def a_program_that_never_ends_in_real_time_is_stopped_and_its_process_ends(r: Runner):
    program = r.program("forever.py", """
        import asyncio, os, sys

        async def main():
            print("pid", os.getpid())
            sys.stdout.flush()
            n = 0
            while True:
                n += 1
                await asyncio.sleep(0.05)

        asyncio.run(main())
    """)
    saved = r.folder / "forever.trace"
    result = r.trace(program, "--real-time", "--timeout", "1.5", "--save", saved)
    check(result.returncode == 1 and "stopped after 1.5 s" in result.stderr, "stopped, exit 1", result)
    match = re.search(r"pid (\d+)", result.stdout)
    check(match is not None, "the program ran and printed its pid", result)
    pid = int(match[1])
    check(not Path(f"/proc/{pid}").exists() or "zombie" in Path(f"/proc/{pid}/status").read_text().lower(),
          f"the program's process {pid} is gone")
    header, events = read_trace(saved)
    check(header["clock"] == "real", "a real-time trace")
    check(events[-1]["kind"] == "run_end" and "stopped" in events[-1].get("text", ""),
          "the saved trace is closed with a run_end that says it was stopped")
    steps = sum(1 for e in events if e["kind"] == "step_begin")
    check(steps >= 5, f"the loop ran for real before it was stopped ({steps} steps)")


@case
def a_busy_program_in_virtual_time_is_stopped_by_the_timeout(r: Runner):
    program = r.program("busy.py", """
        import asyncio

        async def main():
            print("start")
            while True:
                pass

        asyncio.run(main())
    """)
    result = r.trace(program, "--timeout", "1")
    check(result.returncode == 1 and "stopped after 1 s" in result.stderr, "stopped, exit 1", result)
    check(result.stdout == "t=0.000 start\n", "what it printed before", result)


@case
def a_program_reading_stdin_gets_end_of_file(r: Runner):
    program = r.program("asks.py", """
        import asyncio

        async def main():
            name = input("name? ")
            print("hello", name)

        asyncio.run(main())
    """)
    result = r.trace(program, timeout=60)
    check(result.returncode == 1 and "EOFError" in result.stderr, "EOFError, exit 1, no wait", result)


@case
def threads_are_traced_as_far_as_they_go_and_said_plainly(r: Runner):
    program = r.program("threads.py", """
        import asyncio, threading, time

        def work():
            time.sleep(0.01)
            print("from the thread")

        async def main():
            thread = threading.Thread(target=work)
            thread.start()
            await asyncio.to_thread(thread.join)
            print("joined")

        asyncio.run(main())
    """)
    result = r.trace(program)
    check(result.returncode == 0, "exit 0", result)
    check("from the thread" in result.stdout and "joined" in result.stdout, "both lines", result)
    check("starts a thread" in result.stderr, "says that a thread runs for real", result)


@case
def a_subprocess_in_virtual_time_is_refused_with_a_reason(r: Runner):
    program = r.program("child.py", """
        import asyncio

        async def main():
            process = await asyncio.create_subprocess_exec("true")
            await process.wait()

        asyncio.run(main())
    """)
    result = r.trace(program)
    check(result.returncode == 1 and "--real-time" in result.stderr, "exit 1, points to --real-time", result)
    result = r.trace(program, "--real-time", "--timeout", "60")
    check(result.returncode == 0, "in real time it runs", result)
    check("child process" in result.stderr, "and says the child is not traced", result)


@case
def megabytes_of_output_arrive_whole(r: Runner):
    program = r.program("loud.py", """
        import asyncio

        async def main():
            for i in range(100_000):
                print(f"line {i:06d} " + "x" * 40)
            print("y" * 3_000_000)
            print("end")

        asyncio.run(main())
    """)
    saved = r.folder / "loud.trace"
    result = r.trace(program, "--save", saved)
    check(result.returncode == 0, "exit 0", result)
    lines = result.stdout.splitlines()
    check(lines[0] == "t=0.000 line 000000 " + "x" * 40 and lines[99_999].startswith("t=0.000 line 099999"),
          "every short line", None)
    check(lines[-1] == "t=0.000 end", "the last line", None)
    long_parts = [line for line in lines if line.startswith("t=0.000 yyy")]
    check(sum(len(line) - len("t=0.000 ") for line in long_parts) == 3_000_000,
          f"the long line arrives whole, in {len(long_parts)} pieces")
    check(saved.stat().st_size > 5_000_000, "the saved trace holds it all")


@case
def an_output_file_that_cannot_be_written_is_refused_before_running(r: Runner):
    program = r.program("workers.py", WORKERS)
    result = r.trace(program, "--save", r.folder / "no" / "such" / "folder" / "x.trace")
    check(result.returncode == 2 and result.stdout == "", "exit 2, nothing ran", result)
    result = r.trace(program, "--trace-json", r.folder)
    check(result.returncode == 2 and "folder" in result.stderr, "a folder: exit 2", result)


@case
def the_command_line_is_checked(r: Runner):
    result = r.trace()
    check(result.returncode == 2 and "needs the Python program" in result.stderr, "no file: exit 2", result)
    program = r.program("workers.py", WORKERS)
    result = r.trace(program, "--timeout", "soon")
    check(result.returncode == 2 and "--timeout" in result.stderr, "a bad timeout: exit 2", result)
    result = r.trace(program, "--pitfall")
    check(result.returncode == 2 and "--pitfall" in result.stderr, "a lesson's option: exit 2", result)


@case
def a_german_desktop_reads_german_and_the_log_keeps_its_digits(r: Runner):
    program = r.program("hangs.py", """
        import asyncio

        DELAY = 0.5

        async def main():
            await asyncio.sleep(DELAY)
            print("waiting")
            await asyncio.Event().wait()

        asyncio.run(main())
    """)
    # A real de_DE.UTF-8 locale, made for this test (no system locale is assumed), and no --lang:
    # the language comes from the desktop, as for a learner.
    locales = r.folder / "locales"
    locales.mkdir()
    subprocess.run(["localedef", "-i", "de_DE", "-f", "UTF-8", str(locales / "de_DE.UTF-8")],
                   capture_output=True, text=True)
    check((locales / "de_DE.UTF-8").exists(), "localedef made de_DE.UTF-8")
    german = {"LOCPATH": str(locales), "LC_ALL": "de_DE.UTF-8", "LANG": "de_DE.UTF-8", "LANGUAGE": "de"}
    result = r.trace(program, "--set", "DELAY=1.5", env=german)
    check(result.returncode == 1 and "wartet auf Event" in result.stderr and "t=1.500" in result.stderr,
          "the report in German, the time with a decimal point", result)
    check(result.stdout == "t=1.500 waiting\n", "the log as under C", result)


@case
def the_chrome_trace_of_a_program_is_valid_json(r: Runner):
    program = r.program("workers.py", WORKERS)
    out = r.folder / "workers.json"
    result = r.trace(program, "--trace-json", out)
    check(result.returncode == 0, "exit 0", result)
    data = json.loads(out.read_text(encoding="utf-8"))
    events = data["traceEvents"] if isinstance(data, dict) else data
    names = {e.get("args", {}).get("name") for e in events if e.get("ph") == "M"}
    check({"w0", "w1"} <= names, f"a track per task: {names}")


@case
def a_saved_trace_replays_to_the_same_log(r: Runner):
    program = r.program("workers.py", WORKERS)
    saved = r.folder / "workers.trace"
    traced = r.trace(program, "--save", saved)
    check(traced.returncode == 0, "trace: exit 0", traced)
    replayed = r.run("replay", saved, "--trace-json", r.folder / "replayed.json")
    check(replayed.returncode == 0 and replayed.stdout == traced.stdout, "the same log, exit 0", replayed)
    check((r.folder / "replayed.json").stat().st_size > 100, "and the Chrome trace")
    # A lesson's trace saved by `dirigent run` replays to the lines `run` printed.
    lesson = r.run("run", "queues", "--save", r.folder / "queues.trace")
    check(lesson.returncode == 0, "run --save: exit 0", lesson)
    replayed = r.run("replay", r.folder / "queues.trace")
    check(replayed.returncode == 0 and replayed.stdout and replayed.stdout in lesson.stdout,
          "a lesson's saved trace replays its log lines", replayed)


@case
def a_hang_and_an_exception_replay_as_they_were_traced(r: Runner):
    program = r.program("hangs.py", """
        import asyncio

        async def main():
            await asyncio.Lock().acquire()
            await asyncio.Event().wait()

        asyncio.run(main())
    """)
    saved = r.folder / "hangs.trace"
    traced = r.trace(program, "--save", saved)
    replayed = r.run("replay", saved)
    check(traced.returncode == 1 and replayed.returncode == 1, "both exit 1", replayed)
    check("main waits on Event #2 at hangs.py:6" in replayed.stderr, "the same deadlock report", replayed)


BAD_TRACES = {
    "empty": (b"", "line 1"),
    "not a trace": (b"Hello, I am a text file.\n", "line 1, column 1"),
    "someone else's JSON": (b'{"traceEvents": []}\n', "line 1"),
    "a newer version": (b'{"format":"dirigent-trace","version":2}\n', "newer"),
    "truncated": (None, "truncated"),
    "cut inside a line": (None, "line 5"),
    "a huge number": (None, "line 3"),
    "deep nesting": (None, "line 3"),
    "seq out of order": (None, "line 4"),
    "a task never created": (None, "line 2"),
    "invalid UTF-8": (None, "line 3"),
}


@case
def a_trace_file_that_is_not_one_gets_one_line_with_its_position(r: Runner):
    program = r.program("workers.py", WORKERS)
    saved = r.folder / "good.trace"
    check(r.trace(program, "--save", saved).returncode == 0, "a good trace to spoil")
    good = saved.read_bytes().splitlines(keepends=True)
    spoiled = {
        "truncated": b"".join(good[:-1]),
        "cut inside a line": b"".join(good[:4]) + good[4][: len(good[4]) // 2],
        "a huge number": good[0] + good[1] + good[2].replace(b'"seq":1', b'"seq":99999999999999999999999999'),
        "deep nesting": good[0] + good[1] + b'{"seq":1,"it":0,"t":0,"kind":"scheduled","task":' + b"[" * 100000
                        + b"]" * 100000 + b"}\n",
        "seq out of order": b"".join(good[:3]) + good[4],
        "a task never created": good[0] + b'{"seq":0,"it":0,"t":0,"kind":"step_begin","task":7}\n',
        "invalid UTF-8": good[0] + good[1] + b'{"seq":1,"it":0,"t":0,"kind":"log","text":"\xff\xfe"}\n',
    }
    for name, (content, expected) in BAD_TRACES.items():
        path = r.folder / "bad.trace"
        path.write_bytes(content if content is not None else spoiled[name])
        result = r.run("replay", path)
        check(result.returncode == 2, f"{name}: exit 2", result)
        lines = result.stderr.strip().splitlines()
        check(len(lines) == 1 and expected in lines[0] and "bad.trace" in lines[0],
              f"{name}: one line naming the file and '{expected}'", result)
    result = r.run("replay", r.folder / "missing.trace")
    check(result.returncode == 2 and "missing.trace" in result.stderr, "a missing file: exit 2", result)


@window_case
def open_shows_a_trace_or_a_program_and_refuses_what_it_cannot_show(r: Runner):
    program = r.program("workers.py", WORKERS)
    saved = r.folder / "workers.trace"
    check(r.trace(program, "--save", saved).returncode == 0, "a trace to open")
    # A desktop has its runtime folder; without one Qt would say so on stderr.
    runtime = r.folder / "runtime"
    runtime.mkdir(mode=0o700)
    r.env = {"XDG_RUNTIME_DIR": str(runtime)}
    report = r.folder / "report.json"
    for opened, lang, title in ((saved, "en", "workers.py"), (program, "de", "workers.py")):
        result = r.run("open", opened, "--lang", lang, "--window-report", report)
        check(result.returncode == 0, f"open {opened.name}: exit 0", result)
        shown = json.loads(report.read_text(encoding="utf-8"))
        check(shown["program"] == str(program) and shown["title"].startswith(title) and shown["lesson"] == "",
              f"open {opened.name}: the window shows the program {program}: {shown}")
    # A trace that is not one, a missing file, a folder: one line, exit 2, no window.
    good = saved.read_bytes().splitlines(keepends=True)
    bad = r.folder / "bad.trace"
    bad.write_bytes(b"".join(good[:-1]))
    for path, expected in ((bad, "truncated"), (r.folder / "missing.py", "does not exist"),
                           (r.folder, "folder")):
        result = r.run("open", path)
        lines = result.stderr.strip().splitlines()
        check(result.returncode == 2 and len(lines) == 1 and expected in lines[0] and path.name in lines[0],
              f"open {path.name}: exit 2 and one line naming it and '{expected}'", result)
    result = r.run("open")
    check(result.returncode == 2 and "'open' needs" in result.stderr, "open without a file: exit 2", result)
    # In German, the line is German.
    result = r.run("open", r.folder / "missing.py", "--lang", "de")
    check(result.returncode == 2 and "gibt es nicht" in result.stderr, "German: the line is German", result)


@window_case
def screenshot_runs_a_program_to_its_end_and_pictures_it(r: Runner):
    program = r.program("workers.py", WORKERS)
    for lang in ("en", "de"):
        picture = r.folder / f"workers-{lang}.png"
        result = r.run("screenshot", program, picture, "--lang", lang, "--at", "1", "--set", "WORKERS=1")
        check(result.returncode == 0, f"screenshot ({lang}): exit 0", result)
        check(picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", f"screenshot ({lang}): a PNG")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dirigent", required=True)
    parser.add_argument("--case", action="append", default=[])
    parser.add_argument("--window", action="store_true")
    parser.add_argument("--list", action="store_true")
    args = parser.parse_args()
    if args.list:
        print("\n".join(CASES))
        return 0
    names = args.case or list(CASES)
    failures = 0
    for name in names:
        if name not in CASES:
            print(f"FAIL {name}: no such case")
            failures += 1
            continue
        if name in WINDOW_CASES and not args.window:
            print(f"skip {name}: this build has no window")
            continue
        with tempfile.TemporaryDirectory(prefix="dirigent-trace-") as folder:
            try:
                CASES[name](Runner(args.dirigent, Path(folder)))
                print(f"ok   {name}")
            except Failed as failure:
                print(f"FAIL {name}: {failure}")
                failures += 1
            except subprocess.TimeoutExpired as expired:
                print(f"FAIL {name}: no answer within {expired.timeout} s")
                failures += 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
