#!/usr/bin/env python3
"""Differential fuzzer: random asyncio programs on CPython (vloop) and on aio (aio_fuzz).

  fuzz.py --seed N --cpp AIO_FUZZ                 one program; on a difference, prints it
  fuzz.py --seeds A..B --cpp AIO_FUZZ [--jobs J]  seeds A to B (inclusive)
  fuzz.py --seconds S [--from SEED] --cpp AIO_FUZZ   as many seeds as fit in S seconds
  fuzz.py --regressions --cpp AIO_FUZZ            the seeds listed in regressions.txt
  fuzz.py --self-test --seeds A..B --cpp AIO_FUZZ passes only if every seed is reported different
                                                  (aio_fuzz --self-test changes one log line)
  --keep                                          appends a failing seed to regressions.txt
  --keep-going                                    (long runs) do not stop at the first difference:
                                                  print each one's first differing lines, go on

Exit status: 0 all the same, 1 a difference (or a broken side), 77 not CPython 3.11 (skipped).
See README.md.
"""

import argparse
import concurrent.futures
import os
import random
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import generate  # noqa: E402

REGRESSIONS = os.path.join(HERE, "regressions.txt")
TIMEOUT_S = 30
CONTEXT = 4


def run(cmd, stdin_text=None):
    """(status, stdout, stderr); a timeout is the status "timeout"."""
    try:
        p = subprocess.run(cmd, input=stdin_text, capture_output=True, text=True, timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        return "timeout", "", f"timed out after {TIMEOUT_S} s"
    return p.returncode, p.stdout, p.stderr


def check(seed, cpp, self_test=False):
    """Runs both sides of `seed`. Returns (problem text or None, lines compared)."""
    prog = generate.generate(seed)
    source = generate.to_python(prog)
    desc = generate.to_text(prog)
    with tempfile.NamedTemporaryFile("w", suffix=f"_fuzz_{seed}.py", delete=False) as f:
        f.write(source)
        path = f.name
    try:
        py = run([sys.executable, "-B", path])
    finally:
        os.unlink(path)
    cc = run([cpp] + (["--self-test"] if self_test else []) + ["-"], desc)
    problems = []
    if py[0] != 0:
        problems.append(f"python exited with status {py[0]}\n{py[2]}")
    if cc[0] != 0:
        problems.append(f"aio_fuzz exited with status {cc[0]}\n{cc[2]}")
    if not py[1]:
        problems.append("python printed no log (every program logs at least its start line)")
    if not cc[1]:
        problems.append("aio_fuzz printed no log (every program logs at least its start line)")
    a, b = py[1].splitlines(), cc[1].splitlines()
    if not problems and a != b:
        problems.append(first_difference(a, b))
    if not problems:
        return None, len(a)
    report = [f"=== seed {seed}: DIFFERENCE", *problems,
              f"--- the Python program (generate.py --seed {seed})", source.rstrip(),
              f"--- the description (generate.py --seed {seed} --desc | aio_fuzz -)", desc.rstrip()]
    return "\n".join(report) + "\n", min(len(a), len(b))


def first_difference(a, b):
    i = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    lo = max(0, i - CONTEXT)
    out = [f"the logs differ at line {i + 1} (cpython {len(a)} lines, aio {len(b)} lines):"]
    for side, lines in (("cpython", a), ("aio", b)):
        out.append(f"  {side}:")
        for j in range(lo, min(len(lines), i + CONTEXT + 1)):
            out.append(f"  {'>' if j == i else ' '} {j + 1:4} {lines[j]}")
        if i >= len(lines):
            out.append(f"  > {i + 1:4} (end of log)")
    return "\n".join(out)


def parse_range(text):
    a, sep, b = text.partition("..")
    if not sep:
        raise argparse.ArgumentTypeError("expected A..B")
    return range(int(a), int(b) + 1)


def read_regressions():
    seeds = []
    if os.path.exists(REGRESSIONS):
        with open(REGRESSIONS) as f:
            for line in f:
                line = line.split("#", 1)[0].strip()
                if line:
                    seeds.append(int(line))
    return seeds


def keep(seed, report):
    what = next((l for l in report.splitlines()[1:] if l.strip()), "difference").strip()
    with open(REGRESSIONS, "a") as f:
        f.write(f"{seed}  # {what[:100]}\n")
    print(f"seed {seed} appended to {REGRESSIONS}")


def seed_stream(args):
    if args.seed is not None:
        yield args.seed
    elif args.seeds is not None:
        yield from args.seeds
    elif args.regressions:
        yield from read_regressions()
    else:
        start = args.start if args.start is not None else random.randrange(1, 10**9)
        print(f"fuzzing for {args.seconds} s from seed {start}", flush=True)
        deadline = time.monotonic() + args.seconds
        s = start
        while time.monotonic() < deadline:
            yield s
            s += 1


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    which = ap.add_mutually_exclusive_group(required=True)
    which.add_argument("--seed", type=int)
    which.add_argument("--seeds", type=parse_range, metavar="A..B")
    which.add_argument("--seconds", type=float)
    which.add_argument("--regressions", action="store_true")
    ap.add_argument("--from", dest="start", type=int, metavar="SEED", help="first seed for --seconds")
    ap.add_argument("--cpp", required=True, help="path to the aio_fuzz executable")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--keep", action="store_true", help="append a failing seed to regressions.txt")
    ap.add_argument("--keep-going", action="store_true",
                    help="go on after a difference (each is printed without its programs)")
    ap.add_argument("--self-test", action="store_true")
    args = ap.parse_args()

    if sys.version_info[:2] != (3, 11):
        print(f"fuzz.py: skipped: the reference is CPython 3.11 (asyncio changed in 3.12); "
              f"this is {sys.version.split()[0]}")
        return 77
    if not os.access(args.cpp, os.X_OK):
        print(f"fuzz.py: {args.cpp} is not an executable")
        return 1

    tried = differences = lines = 0
    failed = []
    seeds = seed_stream(args)
    if args.regressions and not read_regressions():
        print(f"{REGRESSIONS}: no seeds (nothing to do)")
        return 0
    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        pending = {}
        done = False
        while True:
            while not done and len(pending) < 2 * max(1, args.jobs):
                s = next(seeds, None)
                if s is None:
                    done = True
                    break
                pending[pool.submit(check, s, args.cpp, args.self_test)] = s
            if not pending:
                break
            finished, _ = concurrent.futures.wait(pending, return_when=concurrent.futures.FIRST_COMPLETED)
            for fut in sorted(finished, key=lambda f: pending[f]):
                s = pending.pop(fut)
                report, n = fut.result()
                tried += 1
                lines += n
                if report:
                    differences += 1
                    failed.append(s)
                    if args.keep_going:
                        # the programs are long; the seed reproduces them (--seed N)
                        print(report.split("\n--- the Python program", 1)[0], flush=True)
                    elif not args.self_test:
                        print(report, flush=True)
                    if args.keep and not args.self_test:
                        keep(s, report)
            if differences and not args.self_test and not args.keep_going:
                done = True  # stop at the first difference; finish what runs
    took = time.monotonic() - started
    print(f"{tried} programs tried, {differences} differences, {lines} log lines compared ({took:.1f} s)")
    if args.self_test:
        if tried and differences == tried:
            print("self-test: every seed's changed log line was reported")
            return 0
        print(f"self-test FAILED: {tried - differences} of {tried} changed logs were not reported")
        return 1
    if failed:
        print("failing seeds: " + " ".join(map(str, sorted(failed))))
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
