#!/usr/bin/env python3
"""Runs rule programs under CPython's asyncio (vloop) and under aio (aio_rules), and compares logs.

  compare.py --rule NAME --cpp AIO_RULES   both sides of one rule; unified diff and exit 1 on mismatch
  compare.py --all --cpp AIO_RULES         every rule; a summary line per rule
  compare.py --determinism                 the Python side of every rule twice; exit 1 if a log differs
  compare.py --check-list --cpp AIO_RULES  every rules/NAME.py has a C++ twin registered in aio_rules, and back
  compare.py --conventions                 every rule whose log depends on a convention says so
  compare.py --self-test                   shows that the checks above fail when they should

A log that is empty on either side fails (a rule that prints nothing would compare nothing),
unless the rule's .py has the line `# rule: prints nothing`; then both sides must be empty.
A rule with `# requires: CPython 3.11.N` is skipped (exit 77) under an older 3.11.

See README.md for the log format.
"""

import argparse
import difflib
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
RULES_DIR = os.path.join(HERE, "rules")
TIMEOUT_S = 60
SKIPPED = 77  # CTest's SKIP_RETURN_CODE for the comparisons
PRINTS_NOTHING = "# rule: prints nothing"


def python_rules():
    return sorted(f[:-3] for f in os.listdir(RULES_DIR) if f.endswith(".py") and not f.startswith("_"))


# Orders CPython leaves open, which vloop and aio fix the same way, and the deadlock report where
# CPython would wait forever (README "Conventions"), with the VLOOP_FLIP value that makes vloop
# do the opposite. "port" has no flip: the rule compares aio with a Python port of itself
# (token_bucket; token_bucket_independent checks it against another bucket).
CONVENTIONS = {"timer-ties": "timer-ties", "shutdown-order": "shutdown-order",
               "deadlock-report": "deadlock-report", "port": None}
CPP_RULES_DIR = os.path.join(HERE, "rules_cpp")
# Rules named <module>_... come from CPython 3.11's Lib/test/test_asyncio/test_<module>.py.
CPYTHON_TEST_MODULES = ("tasks", "waitfor", "timeouts", "taskgroups", "queues", "locks")


def declared_conventions(name):
    """The conventions a rule declares: `# convention: NAME: why` lines in rules/NAME.py."""
    with open(os.path.join(RULES_DIR, name + ".py"), encoding="utf-8") as f:
        return {line.split()[2].rstrip(":") for line in f
                if line.startswith("# convention: ") and len(line.split()) > 2}


def required_version(name):
    """The CPython patch release a rule needs, from a `# requires: CPython 3.11.N` line (asyncio
    changed within 3.11: 3.11.2's timeouts differ from 3.11.7's), as a tuple; (3, 11, 0) if none."""
    with open(os.path.join(RULES_DIR, name + ".py"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("# requires: CPython "):
                return tuple(int(x) for x in line.split()[3].rstrip(":").split("."))
    return (3, 11, 0)


def too_old_for(name):
    """Why this Python cannot judge the rule, or None."""
    need = required_version(name)
    if sys.version_info[:3] < need:
        return (f"needs CPython {'.'.join(map(str, need))} or later (its asyncio changed within 3.11); "
                f"this is {sys.version.split()[0]}")
    return None


def prints_nothing(name):
    """Whether the rule declares that it prints nothing (then an empty log is its result)."""
    with open(os.path.join(RULES_DIR, name + ".py"), encoding="utf-8") as f:
        return any(line.rstrip() == PRINTS_NOTHING for line in f)


def run(cmd, extra_env=None):
    """(exit status, stdout, stderr) of cmd; a hang or a crash is a result too."""
    env = dict(os.environ, **extra_env) if extra_env else None
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT_S, env=env)
    except subprocess.TimeoutExpired as e:
        out = e.stdout.decode() if isinstance(e.stdout, bytes) else (e.stdout or "")
        return "timeout", out, f"timed out after {TIMEOUT_S} s"
    return p.returncode, p.stdout, p.stderr


def run_python(name):
    return run([sys.executable, "-B", os.path.join(RULES_DIR, name + ".py")])


def run_cpp(cpp, name):
    return run([cpp, name])


def describe_failure(side, status, err):
    return f"{side} exited with status {status}\n{err}"


def compare(name, cpp, quiet=False):
    """True if both sides ran cleanly and printed the same log."""
    py_status, py_out, py_err = run_python(name)
    cpp_status, cpp_out, cpp_err = run_cpp(cpp, name)
    problems = []
    if py_status != 0:
        problems.append(describe_failure("python", py_status, py_err))
    if cpp_status != 0:
        problems.append(describe_failure("aio_rules", cpp_status, cpp_err))
    if prints_nothing(name):
        for side, out in (("python", py_out), ("aio_rules", cpp_out)):
            if out:
                problems.append(f"{side} printed {len(out.splitlines())} lines, but the rule says it prints nothing")
    else:
        for side, out in (("python", py_out), ("aio_rules", cpp_out)):
            if not out:
                problems.append(f"{side} printed nothing: an empty log compares nothing "
                                f"(a rule meant to print nothing says `{PRINTS_NOTHING}`)")
    if py_out != cpp_out:
        diff = difflib.unified_diff(py_out.splitlines(keepends=True), cpp_out.splitlines(keepends=True),
                                    fromfile=f"cpython/{name}", tofile=f"aio/{name}")
        problems.append("".join(diff))
    if problems and not quiet:
        print(f"rule {name}: MISMATCH")
        for p in problems:
            print(p, end="" if p.endswith("\n") else "\n")
    elif not problems and not quiet:
        lines = len(py_out.splitlines())
        print(f"rule {name}: same log ({lines} lines)" if lines else f"rule {name}: both print nothing, as declared")
        print(py_out, end="")
    return not problems


def determinism(names):
    ok = True
    for name in names:
        first = run_python(name)
        second = run_python(name)
        if first[0] != 0:
            print(f"{name}: python exited with status {first[0]}\n{first[2]}")
            ok = False
        elif first != second:
            print(f"{name}: two runs differ")
            print("".join(difflib.unified_diff(first[1].splitlines(keepends=True), second[1].splitlines(keepends=True),
                                               fromfile="run 1", tofile="run 2")))
            ok = False
        else:
            print(f"{name}: deterministic")
    return ok


def conventions(names):
    """A rule's log changes under VLOOP_FLIP=X if and only if it declares `# convention: X`, in both
    of its files; so no rule rests on an open order without saying so, and no mark is stale."""
    ok = True
    for name in names:
        problems = []
        declared = declared_conventions(name)
        unknown = declared - set(CONVENTIONS)
        if unknown:
            problems.append(f"unknown convention {sorted(unknown)} (known: {sorted(CONVENTIONS)})")
        cpp_path = os.path.join(CPP_RULES_DIR, name + ".cpp")
        cpp_text = open(cpp_path, encoding="utf-8").read() if os.path.exists(cpp_path) else ""
        for c in sorted(declared):
            if f"// convention: {c}" not in cpp_text:
                problems.append(f"rules/{name}.py declares '{c}', rules_cpp/{name}.cpp does not")
        base = run_python(name)
        depends = set()
        for c, flip in CONVENTIONS.items():
            if flip is None:
                continue
            flipped = run([sys.executable, "-B", os.path.join(RULES_DIR, name + ".py")], {"VLOOP_FLIP": flip})
            if flipped != base:
                depends.add(c)
            if (c in depends) != (c in declared):
                what = "its log changes with the opposite order but it does not say" if c in depends else \
                    "it says so but its log does not change with the opposite order"
                problems.append(f"convention '{c}': {what}")
        for p in problems:
            print(f"{name}: {p}")
        if not problems:
            print(f"{name}: {', '.join(sorted(declared)) or 'no convention'}")
        ok = ok and not problems
    return ok


def check_list(cpp):
    status, out, err = run([cpp, "--list"])
    if status != 0:
        print(describe_failure("aio_rules --list", status, err))
        return False
    cpp_names = set(out.split())
    py_names = set(python_rules())
    for n in sorted(py_names - cpp_names):
        print(f"{n}: rules/{n}.py has no C++ twin in aio_rules")
    for n in sorted(cpp_names - py_names):
        print(f"{n}: registered in aio_rules but rules/{n}.py is missing")
    # The rules taken from CPython's own test suite name the test they come from, in both files.
    unsourced = []
    for n in sorted(py_names):
        if n.split("_")[0] in CPYTHON_TEST_MODULES:
            for path in (os.path.join(RULES_DIR, n + ".py"), os.path.join(CPP_RULES_DIR, n + ".cpp")):
                if os.path.exists(path) and f"test_asyncio/test_{n.split('_')[0]}.py" not in open(path, encoding="utf-8").read():
                    unsourced.append(path)
                    print(f"{n}: {os.path.basename(path)} does not name its source in test_asyncio/test_{n.split('_')[0]}.py")
    if py_names == cpp_names and not unsourced:
        from_suite = sum(1 for n in py_names if n.split("_")[0] in CPYTHON_TEST_MODULES)
        print(f"{len(py_names)} rules on both sides, {from_suite} of them from CPython's test_asyncio")
    return py_names == cpp_names and not unsourced


SELF_TEST_CASES = [
    # (rule name, Python side prints, C++ side prints, C++ exit status, declared empty, must pass)
    ("same_log", "t=0.000 a\n", "t=0.000 a\n", 0, False, True),
    ("different_log", "t=0.000 a\n", "t=0.000 b\n", 0, False, False),
    ("both_empty", "", "", 0, False, False),
    ("python_empty", "", "t=0.000 a\n", 0, False, False),
    ("cpp_empty", "t=0.000 a\n", "", 0, False, False),
    ("cpp_crashes", "t=0.000 a\n", "t=0.000 a\n", 3, False, False),
    ("declared_empty", "", "", 0, True, True),
    ("declared_empty_but_prints", "t=0.000 a\n", "t=0.000 a\n", 0, True, False),
]


def self_test():
    """Runs compare() on made-up rules and a fake aio_rules: each must pass or fail as it should."""
    global RULES_DIR
    import tempfile
    saved = RULES_DIR
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        RULES_DIR = os.path.join(tmp, "rules")
        os.mkdir(RULES_DIR)
        fake = os.path.join(tmp, "fake_aio_rules")
        table = {name: (out, status) for name, _, out, status, _, _ in SELF_TEST_CASES}
        with open(fake, "w", encoding="utf-8") as f:
            f.write(f"#!{sys.executable}\nimport sys\ntable = {table!r}\n"
                    "out, status = table[sys.argv[1]]\nsys.stdout.write(out)\nsys.exit(status)\n")
        os.chmod(fake, 0o755)
        for name, py_out, _, _, declared, must_pass in SELF_TEST_CASES:
            with open(os.path.join(RULES_DIR, name + ".py"), "w", encoding="utf-8") as f:
                f.write((PRINTS_NOTHING + "\n" if declared else "") + f"import sys\nsys.stdout.write({py_out!r})\n")
            passed = compare(name, fake, quiet=True)
            print(f"{name}: {'passes' if passed else 'fails'}{'' if passed == must_pass else ' (WRONG)'}")
            ok = ok and passed == must_pass
    RULES_DIR = saved
    print("self-test:", "every case judged right" if ok else "a case was judged wrong")
    return ok


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rule")
    ap.add_argument("--all", action="store_true")
    ap.add_argument("--determinism", action="store_true")
    ap.add_argument("--check-list", action="store_true")
    ap.add_argument("--self-test", action="store_true")
    ap.add_argument("--conventions", action="store_true")
    ap.add_argument("--cpp", help="path to the aio_rules executable")
    args = ap.parse_args()

    if sys.version_info[:2] != (3, 11):
        print(f"the reference is CPython 3.11 (asyncio changed in 3.12); this is {sys.version.split()[0]}")
        return 1
    if args.self_test:
        return 0 if self_test() else 1
    if args.conventions:
        return 0 if conventions(python_rules()) else 1
    if args.determinism:
        return 0 if determinism(python_rules()) else 1
    if not args.cpp:
        ap.error("--cpp is required")
    if args.check_list:
        return 0 if check_list(args.cpp) else 1
    if args.rule:
        if too_old_for(args.rule):
            print(f"skipped: rule {args.rule} {too_old_for(args.rule)}")
            return SKIPPED
        return 0 if compare(args.rule, args.cpp) else 1
    if args.all:
        names = python_rules()
        skipped = [n for n in names if too_old_for(n)]
        failed = [n for n in names if n not in skipped and not compare(n, args.cpp, quiet=True)]
        for n in names:
            print(f"{'FAIL' if n in failed else 'skip' if n in skipped else 'ok  '} {n}")
        print(f"{len(names) - len(failed) - len(skipped)} of {len(names) - len(skipped)} rules match"
              + (f" ({len(skipped)} skipped: they need a later CPython 3.11)" if skipped else ""))
        return 1 if failed else 0
    ap.error("one of --rule, --all, --determinism, --check-list, --conventions, --self-test")


if __name__ == "__main__":
    sys.exit(main())
