#!/usr/bin/env python3
"""Mutation testing of core/aio: apply each mutant of mutants.txt in a scratch copy of the
repository, rebuild the core-only tests there and run them in stages; a mutant is killed by
the first test that fails (or hangs), survives if every stage passes, and is invalid if it
does not compile. See README.md (next to this file) for how to run it and add a mutant.

Stages (each builds only the targets it needs, and stops at the first failure):
  1 aio_tests   the gtest unit tests (the binary run directly, --gtest_fail_fast)
  2 aio_rules   every CPython comparison rule: the C++ side against the Python side's log
                (the Python logs do not depend on the mutant: recorded once, on the baseline)
  3 ctest       everything else a core-only build registers (pitfalls, lessons, levels, trace,
                fuzz_regressions, ...), `ctest --stop-on-failure`; without the slow
                fuzz_seeds_* batches (and without what stages 1 and 2 ran already)
"""

from __future__ import annotations

import argparse
import fnmatch
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
DEFAULT_LIST = os.path.join(HERE, "mutants.txt")
DEFAULT_WORK = "/tmp/dirigent-mutate"
DEFAULT_REPORT = os.path.join(HERE, "REPORT.md")

# What the scratch copy leaves out (top-level build folders, VCS, caches).
SKIP_TOP = re.compile(r"^(build.*|\.git|\.cache|\.vscode|\.idea)$")
SKIP_ANY = {"__pycache__", ".pytest_cache"}

# The build: core only, no optimisation, no debug info (compiles fastest; the tests are
# dominated by process start-up and the Python side, so -O0 costs little at run time).
CMAKE_ARGS = [
    "-G", "Ninja",
    "-DDIRIGENT_CORE_ONLY=ON",
    "-DDIRIGENT_BUILD_BENCH=OFF",
    "-DCMAKE_BUILD_TYPE=Debug",
    "-DCMAKE_CXX_FLAGS_DEBUG=-O0 -g0",
]

# Appended to the scratch copy's CMakeLists (never to the repository's):
# - precompiled headers for the two big test executables (every test includes the whole of aio,
#   so a mutant in a header recompiles all of them; the PCH makes each compile much cheaper);
# - one small executable per gtest file (mut_<file>) and per CPython rule (mut_rule_<rule>),
#   outside of `all`, for the focused stages: a mutant is first tested by the tests of its own
#   area, which build in seconds, before the whole of aio_tests and aio_rules is rebuilt.
PCH_PATCHES = {
    "tests/aio/CMakeLists.txt": """\
target_precompile_headers(aio_tests PRIVATE <gtest/gtest.h> test_support.hpp)
# (the focused executables share a PCH of their own: REUSE_FROM aio_tests would make each of
# them depend on the whole of aio_tests)
file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/mut_pch.cpp "// the precompiled header's own source\\n")
add_library(mut_pch_gtest OBJECT EXCLUDE_FROM_ALL ${CMAKE_CURRENT_BINARY_DIR}/mut_pch.cpp)
target_link_libraries(mut_pch_gtest PRIVATE dirigent_aio GTest::gtest)
target_precompile_headers(mut_pch_gtest PRIVATE <gtest/gtest.h> test_support.hpp)
foreach(src IN LISTS aio_test_sources)
  get_filename_component(n ${src} NAME_WE)
  add_executable(mut_${n} EXCLUDE_FROM_ALL ${src})
  target_link_libraries(mut_${n} PRIVATE dirigent_aio GTest::gtest_main)
  target_precompile_headers(mut_${n} REUSE_FROM mut_pch_gtest)
endforeach()
""",
    "tests/python/CMakeLists.txt": """\
target_precompile_headers(aio_rules PRIVATE rules_cpp/rule_registry.hpp)
add_library(mut_rules_main OBJECT EXCLUDE_FROM_ALL ${CMAKE_CURRENT_SOURCE_DIR}/rules_cpp/main.cpp)
target_link_libraries(mut_rules_main PRIVATE dirigent_aio)
target_precompile_headers(mut_rules_main PRIVATE rules_cpp/rule_registry.hpp)
foreach(src IN LISTS rule_sources)
  get_filename_component(n ${src} NAME_WE)
  if(NOT n STREQUAL "main")
    add_executable(mut_rule_${n} EXCLUDE_FROM_ALL ${src} $<TARGET_OBJECTS:mut_rules_main>)
    target_link_libraries(mut_rule_${n} PRIVATE dirigent_aio)
    target_precompile_headers(mut_rule_${n} REUSE_FROM mut_rules_main)
  endif()
endforeach()
""",
}
PCH_MARK = "# [mutation testing] added by tests/mutation/mutate.py (scratch copy only, v2)\n"

# The focused stages: the gtest files (tests/aio/<name>.cpp) and the CPython rules (fnmatch
# patterns) that test the code of each file. A mutant's `focus:` line adds to these.
FOCUS = {
    "task_core.cpp": (["cancellation_test", "task_test", "cancel_message_test"],
                      ["cancel_*", "self_cancel_*", "cancelling_counts", "tasks_*"]),
    "task_core.hpp": (["cancellation_test", "task_test"], ["cancel_*", "cancelling_counts"]),
    "future_core.cpp": (["future_test", "cancel_message_test"], ["future_basics", "cancel_message*", "shield*"]),
    "event_loop.cpp": (["event_loop_test", "call_soon_test", "sleep_test", "run_test"],
                       ["equal_deadlines", "call_soon_order", "ready_queue_order", "iteration_counts",
                        "run_end_cancels", "cleanup_rounds", "sequential_sleeps"]),
    "task_group.cpp": (["task_group_test"], ["taskgroup_*", "outer_cancel_*", "taskgroups_*"]),
    "gather.hpp": (["gather_test"], ["gather_*", "cancel_message_gather"]),
    "shield.hpp": (["shield_test"], ["shield*"]),
    "wait_for.hpp": (["wait_for_test"], ["wait_for_*", "waitfor_*", "cancel_wait_for_race"]),
    "timeout.hpp": (["timeout_test"], ["timeout_*", "cancelling_counts", "timeouts_*"]),
    "queue.hpp": (["queue_test"], ["queue_*", "deadlock_join", "queues_*"]),
    "wait_list.hpp": (["queue_test", "as_completed_test"], ["queue_*", "as_completed_*"]),
    "semaphore.hpp": (["semaphore_test"], ["semaphore_*", "bounded_semaphore", "locks_*"]),
    "lock.hpp": (["lock_test"], ["lock_*", "locks_*"]),
    "condition.hpp": (["condition_test"], ["condition_*", "locks_*"]),
    "event.hpp": (["event_test"], ["event_*", "queue_join"]),
    "sleep.hpp": (["sleep_test"], ["sleep*", "sequential_sleeps"]),
    "wait.hpp": (["wait_test"], ["wait_all_*", "wait_first_*"]),
    "as_completed.hpp": (["as_completed_test"], ["as_completed_*"]),
}

BUILD_TIMEOUT_S = 3600
AIO_TESTS_TIMEOUT_S = 180
RULE_TIMEOUT_S = 20
CTEST_TIMEOUT_S = 1800
CTEST_EXCLUDE_ALWAYS = r"^fuzz_seeds_"


# --------------------------------------------------------------------------------------
# The list of mutants


@dataclass
class Mutant:
    id: str
    description: str
    file: str
    original: str
    replacement: str
    reason: str = ""  # why it survives (equivalent / unobservable), if it does
    focus: list = field(default_factory=list)  # extra gtest files (*_test) and rules for the focused stages
    line: int = 0  # where it is in mutants.txt

    def area(self) -> str:
        return os.path.splitext(os.path.basename(self.file))[0]


class ListError(Exception):
    pass


def parse_list(path: str) -> list[Mutant]:
    """mutants.txt: blocks that start with `[ID] description`, then `file:`, `-` lines (the
    original text, exactly, indentation included after "- "), `+` lines (the replacement) and
    optionally `reason:`. `#` starts a comment line outside of the -/+ lines."""
    mutants: list[Mutant] = []
    cur = None
    minus: list[str] = []
    plus: list[str] = []

    def close():
        nonlocal cur, minus, plus
        if cur is None:
            return
        if not cur.file or not minus:
            raise ListError(f"{path}:{cur.line}: mutant {cur.id} needs file: and - lines")
        cur.original = "\n".join(minus)
        cur.replacement = "\n".join(plus)
        mutants.append(cur)
        cur, minus, plus = None, [], []

    with open(path, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            m = re.match(r"^\[([A-Za-z0-9_.-]+)\]\s+(.*)$", line)
            if m:
                close()
                cur = Mutant(id=m.group(1), description=m.group(2).strip(), file="", original="",
                             replacement="", line=n)
                continue
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            if cur is None:
                raise ListError(f"{path}:{n}: text outside of a mutant: {line!r}")
            if line.startswith("file:"):
                cur.file = line[5:].strip()
            elif line.startswith("reason:"):
                cur.reason = line[7:].strip()
            elif line.startswith("focus:"):
                cur.focus += line[6:].split()
            elif line == "-" or line.startswith("- "):
                minus.append(line[2:])
            elif line == "+" or line.startswith("+ "):
                plus.append(line[2:])
            else:
                raise ListError(f"{path}:{n}: unknown line in mutant {cur.id}: {line!r}")
    close()
    seen = set()
    for m in mutants:
        if m.id in seen:
            raise ListError(f"{path}:{m.line}: mutant id {m.id} twice")
        seen.add(m.id)
    return mutants


def check_texts(mutants: list[Mutant], root: str) -> list[str]:
    """Every original text must occur exactly once in its file (else the list has rotted)."""
    problems = []
    for m in mutants:
        p = os.path.join(root, m.file)
        if not os.path.isfile(p):
            problems.append(f"[{m.id}] {m.file}: no such file")
            continue
        with open(p, encoding="utf-8") as f:
            text = f.read()
        count = text.count(m.original)
        if count != 1:
            problems.append(f"[{m.id}] {m.file}: the original text occurs {count} times (must be exactly once):\n"
                            + "\n".join("    | " + l for l in m.original.split("\n")))
        if m.original == m.replacement:
            problems.append(f"[{m.id}] replacement is the original text")
    return problems


# --------------------------------------------------------------------------------------
# Processes


def log(msg: str) -> None:
    print(msg, flush=True)


def run(cmd, cwd=None, timeout=None, env=None):
    """(status, output) with stdout and stderr together; status "timeout" on a hang. The whole
    process group is killed on a timeout (a hung test's children too)."""
    p = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                         errors="replace", env=env, start_new_session=True)
    try:
        out, _ = p.communicate(timeout=timeout)
        return p.returncode, out
    except subprocess.TimeoutExpired:
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        out, _ = p.communicate()
        return "timeout", out
    except BaseException:
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        p.wait()
        raise


# --------------------------------------------------------------------------------------
# The scratch copy


def sync_tree(src: str, dst: str) -> int:
    """Make dst a copy of src (without build folders and .git), copying only files whose
    content differs, so that an unchanged file keeps its time stamp and ninja rebuilds only
    what changed since the last run. Returns how many files were copied or removed."""
    changed = 0
    wanted = set()
    for dirpath, dirnames, filenames in os.walk(src):
        rel = os.path.relpath(dirpath, src)
        if rel == ".":
            dirnames[:] = [d for d in dirnames if not SKIP_TOP.match(d)]
        dirnames[:] = [d for d in dirnames if d not in SKIP_ANY]
        out_dir = os.path.join(dst, rel) if rel != "." else dst
        os.makedirs(out_dir, exist_ok=True)
        wanted.add(os.path.normpath(out_dir))
        for fn in filenames:
            s = os.path.join(dirpath, fn)
            d = os.path.join(out_dir, fn)
            wanted.add(os.path.normpath(d))
            if os.path.islink(s):
                continue
            if os.path.exists(d) and same_content(s, d):
                continue
            shutil.copy(s, d)  # (a fresh time stamp: ninja must see the change)
            changed += 1
    # Files deleted in the repository go from the copy too.
    for dirpath, dirnames, filenames in os.walk(dst, topdown=False):
        for fn in filenames:
            d = os.path.normpath(os.path.join(dirpath, fn))
            if d not in wanted:
                os.remove(d)
                changed += 1
        if os.path.normpath(dirpath) not in wanted and dirpath != dst:
            try:
                os.rmdir(dirpath)
            except OSError:
                pass
    return changed


def same_content(a: str, b: str) -> bool:
    if os.path.getsize(a) != os.path.getsize(b):
        return False
    with open(a, "rb") as fa, open(b, "rb") as fb:
        return fa.read() == fb.read()


def patch_pch(src: str) -> None:
    for rel, line in PCH_PATCHES.items():
        p = os.path.join(src, rel)
        with open(p, encoding="utf-8") as f:
            text = f.read()
        if PCH_MARK in text:
            continue
        with open(p, "a", encoding="utf-8") as f:
            f.write("\n" + PCH_MARK + line)


# --------------------------------------------------------------------------------------
# The stages


@dataclass
class Outcome:
    status: str  # killed / survived / invalid / baseline-failed
    killer: str = ""  # the test that failed (or why invalid)
    stage: str = ""
    build_s: float = 0.0
    test_s: float = 0.0
    detail: str = ""


class Runner:
    def __init__(self, args):
        self.args = args
        self.work = os.path.abspath(args.work)
        self.src = os.path.join(self.work, "src")
        self.build = os.path.join(self.work, "build")
        self.rule_logs: dict[str, str] = {}
        self.aio_suites: list[str] = []
        self.aio_tests_timeout = AIO_TESTS_TIMEOUT_S
        # Tests that fail on the unmutated copy (--allow-baseline-failures): left out.
        self.skip_gtests: list[str] = []
        self.skip_rules: set[str] = set()
        self.skip_ctests: list[str] = []

    # -- build
    def configure(self):
        if os.path.exists(os.path.join(self.build, "build.ninja")):
            return
        log(f"configuring {self.build}")
        status, out = run(["cmake", "-S", self.src, "-B", self.build, *CMAKE_ARGS], timeout=600)
        if status != 0:
            sys.exit(f"cmake failed:\n{out[-4000:]}")

    def ninja(self, targets: list[str]):
        t0 = time.monotonic()
        status, out = run(["ninja", "-C", self.build, f"-j{self.args.jobs}", *targets], timeout=BUILD_TIMEOUT_S)
        return status == 0, time.monotonic() - t0, out

    # -- stage 1: the gtest binary
    def stage_aio_tests(self, fail_fast=True):
        exe = os.path.join(self.build, "tests", "aio", "aio_tests")
        cmd = [exe, "--gtest_brief=1"] + (["--gtest_fail_fast"] if fail_fast else [])
        if self.skip_gtests:
            cmd.append("--gtest_filter=-" + ":".join(self.skip_gtests))
        status, out = run(cmd, cwd=self.build, timeout=self.aio_tests_timeout)
        self.last_output = out
        if status == 0:
            return None
        if status == "timeout":
            running = re.findall(r"^\[ RUN      \] (\S+)", out, re.M)
            return f"aio_tests (hang{': ' + running[-1] if running else ''})"
        failed = re.findall(r"^\[  FAILED  \] (\S+)", out, re.M)
        if failed:
            return f"aio_tests {failed[0]}"
        running = re.findall(r"^\[ RUN      \] (\S+)", out, re.M)
        sig = f"signal {-status}" if isinstance(status, int) and status < 0 else f"status {status}"
        return f"aio_tests ({sig}{', in ' + running[-1] if running else ''})"

    # -- stage 2: the CPython rules, C++ side against the recorded Python logs
    def record_python_logs(self):
        rules_dir = os.path.join(self.src, "tests", "python", "rules")
        names = sorted(f[:-3] for f in os.listdir(rules_dir) if f.endswith(".py") and not f.startswith("_"))
        digest = hashlib.sha256()
        for n in names:
            with open(os.path.join(rules_dir, n + ".py"), "rb") as f:
                digest.update(n.encode() + b"\0" + f.read())
        for aux in ("vloop.py",):
            p = os.path.join(self.src, "tests", "python", aux)
            if os.path.exists(p):
                with open(p, "rb") as f:
                    digest.update(f.read())
        cache = os.path.join(self.work, "python_logs.json")
        key = digest.hexdigest()
        if os.path.exists(cache):
            with open(cache, encoding="utf-8") as f:
                data = json.load(f)
            if data.get("key") == key:
                self.rule_logs = data["logs"]
                return
        log(f"recording the Python side of {len(names)} rules (once)")
        logs = {}
        for n in names:
            status, out = run_split([sys.executable, "-B", os.path.join(rules_dir, n + ".py")], timeout=60)
            if status != 0:
                msg = f"the Python side of rule {n} fails on its own (status {status})"
                if not self.args.allow_baseline_failures:
                    sys.exit(msg + ":\n" + out[-2000:])
                log(msg + ": left out (--allow-baseline-failures)")
                continue
            logs[n] = out
        with open(cache, "w", encoding="utf-8") as f:
            json.dump({"key": key, "logs": logs}, f)
        self.rule_logs = logs

    def stage_rules(self):
        exe = os.path.join(self.build, "tests", "python", "aio_rules")
        for name, expected in self.rule_logs.items():
            if name in self.skip_rules:
                continue
            status, out = run_split([exe, name], timeout=RULE_TIMEOUT_S)
            if status == "timeout":
                return f"cpython_{name} (hang)"
            if status != 0:
                return f"cpython_{name} (aio_rules status {status})"
            if out != expected:
                return f"cpython_{name}"
        return None

    # -- stage 3: the rest of ctest
    def stage_ctest(self, stop_on_failure=True):
        exclude = [CTEST_EXCLUDE_ALWAYS, r"^cpython_"] + ["^" + re.escape(t) + "$" for t in self.skip_ctests]
        if self.aio_suites:
            exclude.append(r"^(" + "|".join(re.escape(s) for s in self.aio_suites) + r")\.")
        cmd = ["ctest", "--test-dir", self.build, "-j", str(self.args.jobs), "--timeout", "300",
               "-E", "|".join(exclude), "--output-on-failure"] + (["--stop-on-failure"] if stop_on_failure else [])
        status, out = run(cmd, timeout=CTEST_TIMEOUT_S)
        self.last_output = out
        if status == 0:
            return None
        if status == "timeout":
            return "ctest (hang)"
        failed = re.findall(r"^\s*\d+ - (.+?) \((Failed|Timeout|SEGFAULT|Subprocess aborted|Child aborted|Exception|"
                            r"[A-Za-z ]+)\)\s*$", out, re.M)
        if failed:
            name, why = failed[0]
            return f"ctest {name}" + ("" if why == "Failed" else f" ({why.lower()})")
        return "ctest (status %s)" % status

    # -- stage 3a: the fuzzer's regression seeds (one small executable)
    def stage_fuzz_regressions(self):
        if "fuzz_regressions" in self.skip_ctests:
            return None
        cmd = ["ctest", "--test-dir", self.build, "-R", "^fuzz_regressions$", "--timeout", "300",
               "--output-on-failure"]
        status, out = run(cmd, timeout=CTEST_TIMEOUT_S)
        if status == 0:
            return None
        return "ctest fuzz_regressions" + (" (hang)" if status == "timeout" or "Timeout" in out else "")

    def list_aio_suites(self):
        exe = os.path.join(self.build, "tests", "aio", "aio_tests")
        status, out = run([exe, "--gtest_list_tests"], timeout=60)
        self.aio_suites = sorted({l.rstrip(".") for l in out.splitlines() if l and not l.startswith(" ")
                                  and l.endswith(".")})

    # -- the focused stages: the tests of the mutant's own area, in small executables
    def focus_of(self, m):
        gtests, rules = FOCUS.get(os.path.basename(m.file), ([], []))
        gtests = list(gtests) + [f for f in m.focus if f.endswith("_test")]
        patterns = list(rules) + [f for f in m.focus if not f.endswith("_test")]
        gtests = [g for g in dict.fromkeys(gtests)
                  if os.path.exists(os.path.join(self.src, "tests", "aio", g + ".cpp"))]
        names = [n for n in self.rule_logs if n not in self.skip_rules
                 and any(fnmatch.fnmatchcase(n, p) for p in patterns)
                 and os.path.exists(os.path.join(self.src, "tests", "python", "rules_cpp", n + ".cpp"))]
        return gtests, names

    def stage_focus_gtests(self, gtests):
        for g in gtests:
            exe = os.path.join(self.build, "tests", "aio", "mut_" + g)
            cmd = [exe, "--gtest_brief=1", "--gtest_fail_fast"]
            if self.skip_gtests:
                cmd.append("--gtest_filter=-" + ":".join(self.skip_gtests))
            status, out = run(cmd, cwd=self.build, timeout=self.aio_tests_timeout)
            if status == 0:
                continue
            if status == "timeout":
                running = re.findall(r"^\[ RUN      \] (\S+)", out, re.M)
                return f"aio_tests (hang{': ' + running[-1] if running else ''})"
            failed = re.findall(r"^\[  FAILED  \] (\S+)", out, re.M)
            if failed:
                return f"aio_tests {failed[0]}"
            running = re.findall(r"^\[ RUN      \] (\S+)", out, re.M)
            sig = f"signal {-status}" if isinstance(status, int) and status < 0 else f"status {status}"
            return f"aio_tests ({sig}{', in ' + running[-1] if running else ''})"
        return None

    def stage_focus_rules(self, names):
        for name in names:
            exe = os.path.join(self.build, "tests", "python", "mut_rule_" + name)
            status, out = run_split([exe, name], timeout=RULE_TIMEOUT_S)
            if status == "timeout":
                return f"cpython_{name} (hang)"
            if status != 0:
                return f"cpython_{name} (aio_rules status {status})"
            if out != self.rule_logs[name]:
                return f"cpython_{name}"
        return None

    def run_stages(self, m=None) -> Outcome:
        gtests, rules = self.focus_of(m) if m else ([], [])
        stages = []
        if gtests:
            stages.append(("focus", ["mut_" + g for g in gtests], lambda: self.stage_focus_gtests(gtests)))
        if rules:
            stages.append(("focus rules", ["mut_rule_" + r for r in rules], lambda: self.stage_focus_rules(rules)))
        stages.append(("aio_tests", ["aio_tests"], self.stage_aio_tests))
        stages.append(("rules", ["aio_rules"], self.stage_rules))
        stages.append(("fuzz", ["aio_fuzz"], self.stage_fuzz_regressions))
        stages.append(("ctest", [], self.stage_ctest))  # [] = the default target (everything)
        o = Outcome(status="survived")
        for name, targets, method in stages:
            ok, secs, out = self.ninja(targets)
            o.build_s += secs
            if not ok:
                errors = [l for l in out.splitlines() if "error" in l][:3]
                return Outcome(status="invalid", killer="does not compile", stage=name, build_s=o.build_s,
                               test_s=o.test_s, detail="\n".join(errors) or out[-1500:])
            t0 = time.monotonic()
            killer = method()
            o.test_s += time.monotonic() - t0
            if killer:
                o.status, o.killer, o.stage = "killed", killer, name
                return o
        return o


def drop_uncompilable_tests(src: str, ninja_output: str) -> list[str]:
    dropped = []
    for rel in re.findall(r"^FAILED: \S*?CMakeFiles/\S+?\.dir/(\S+?)\.o\b", ninja_output, re.M):
        name = os.path.basename(rel)[:-4] if rel.endswith(".cpp") else None
        if not name:
            continue
        if "/rules_cpp/" in "/" + rel or rel.startswith("rules_cpp/"):
            for f in (os.path.join(src, "tests", "python", "rules_cpp", name + ".cpp"),
                      os.path.join(src, "tests", "python", "rules", name + ".py")):
                if os.path.exists(f):
                    os.remove(f)
            dropped.append("rule " + name)
        elif rel.endswith("_test.cpp") and os.path.exists(os.path.join(src, "tests", "aio", name + ".cpp")):
            os.remove(os.path.join(src, "tests", "aio", name + ".cpp"))
            dropped.append("tests/aio/" + name + ".cpp")
    return dropped


def baseline(runner: Runner, allow_failures: bool) -> None:
    """Every stage on the unmutated copy, without stopping at a failure. A failing test stops
    the run, or (allow_failures: tests other work in the tree is still writing) is left out."""
    exe = os.path.join(runner.build, "tests", "aio", "aio_tests")
    t0 = time.monotonic()
    status, out = run([exe, "--gtest_brief=1"], cwd=runner.build, timeout=900)
    secs = time.monotonic() - t0
    runner.aio_tests_timeout = max(AIO_TESTS_TIMEOUT_S, int(secs * 10))
    failing = []
    bad_gtests = re.findall(r"^\[  FAILED  \] (\S+\.\S+)", out, re.M)
    if status != 0 and not bad_gtests:
        sys.exit(f"baseline: aio_tests fails (status {status}):\n{out[-3000:]}")
    failing += [f"aio_tests {t}" for t in bad_gtests]
    log(f"baseline aio_tests: {secs:.0f} s")
    t0 = time.monotonic()
    exe = os.path.join(runner.build, "tests", "python", "aio_rules")
    bad_rules = []
    for name, expected in runner.rule_logs.items():
        st, got = run_split([exe, name], timeout=RULE_TIMEOUT_S)
        if st != 0 or got != expected:
            bad_rules.append(name)
    failing += [f"cpython_{n}" for n in bad_rules]
    log(f"baseline rules: {time.monotonic() - t0:.0f} s")
    t0 = time.monotonic()
    runner.stage_ctest(stop_on_failure=False)
    bad_ctests = [m for m in re.findall(r"^\s*\d+ - (.+?) \([^()]*\)\s*$", runner.last_output, re.M)]
    failing += [f"ctest {t}" for t in bad_ctests]
    log(f"baseline ctest: {time.monotonic() - t0:.0f} s")
    if failing:
        log("baseline: these fail on the UNMUTATED copy:\n  " + "\n  ".join(failing))
        if not allow_failures:
            sys.exit("stopping: fix them first (or --allow-baseline-failures to leave them out)")
        runner.skip_gtests, runner.skip_rules, runner.skip_ctests = bad_gtests, set(bad_rules), bad_ctests
        log("left out of the run (--allow-baseline-failures)")
    else:
        log("baseline passes")


def run_split(cmd, timeout):
    """(status, stdout) with stderr dropped (the rules' logs are stdout only)."""
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, errors="replace",
                         start_new_session=True)
    try:
        out, _ = p.communicate(timeout=timeout)
        return p.returncode, out
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        p.communicate()
        return "timeout", ""
    except BaseException:
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        p.wait()
        raise


# --------------------------------------------------------------------------------------
# Applying a mutant


class Applied:
    """Context manager: the mutant is in the scratch copy inside the `with`, and the file is
    restored on the way out, whatever happens (an error, Ctrl-C)."""

    def __init__(self, src: str, m: Mutant):
        self.path = os.path.join(src, m.file)
        self.m = m
        self.original_text = None

    def __enter__(self):
        with open(self.path, encoding="utf-8") as f:
            text = f.read()
        if text.count(self.m.original) != 1:
            raise ListError(f"[{self.m.id}] original text occurs {text.count(self.m.original)} times in the "
                            f"scratch copy of {self.m.file}")
        self.original_text = text
        with open(self.path, "w", encoding="utf-8") as f:
            f.write(text.replace(self.m.original, self.m.replacement, 1))
        return self

    def __exit__(self, *exc):
        if self.original_text is not None:
            with open(self.path, "w", encoding="utf-8") as f:
                f.write(self.original_text)
        return False


# --------------------------------------------------------------------------------------
# Results and the report


def load_results(path):
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    return {}


def save_results(path, results):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(results, f, indent=1, sort_keys=True)
    os.replace(tmp, path)


def mutant_key(m: Mutant) -> str:
    return hashlib.sha256("\0".join([m.file, m.original, m.replacement]).encode()).hexdigest()[:16]


def summary_line(results: dict, mutants: list[Mutant]):
    rs = [results.get(m.id) for m in mutants]
    rs = [r for r in rs if r]
    killed = sum(r["status"] == "killed" for r in rs)
    survived = sum(r["status"] == "survived" for r in rs)
    invalid = sum(r["status"] == "invalid" for r in rs)
    valid = killed + survived
    pct = 100.0 * killed / valid if valid else 0.0
    return len(rs), killed, survived, invalid, pct


def write_report(path: str, mutants: list[Mutant], results: dict, runs: list[dict]):
    n, killed, survived, invalid, pct = summary_line(results, mutants)
    lines = ["# Mutation testing of core/aio: report", "",
             "Written by `tests/mutation/mutate.py` (see README.md). Each mutant is applied alone in a scratch copy;",
             "the core-only tests run in stages (aio_tests, the CPython rules, the rest of ctest without fuzz_seeds_*);",
             "the first failing test kills it.", "",
             f"**{len(mutants)} mutants, {n} with a result: {killed} killed, {survived} survived, {invalid} invalid "
             f"({pct:.1f} % of the valid ones killed).**", ""]
    if runs:
        lines += ["## Runs", ""]
        for r in runs:
            lines.append(f"- {r['when']}: {r['what']}: {r['count']} mutants in {r['minutes']:.1f} min "
                         f"({r['per_mutant_s']:.0f} s per mutant)")
        lines.append("")
    lines += ["## Survivors", ""]
    surv = [m for m in mutants if results.get(m.id, {}).get("status") == "survived"]
    if not surv:
        lines.append("None.")
    for m in surv:
        lines.append(f"- **{m.id}** ({m.file}): {m.description}. Reason: {m.reason or '(none given: add a test!)'}")
    lines += ["", "## Every mutant", "",
              "| id | file | mutant | result | killed by | build s | test s |",
              "| --- | --- | --- | --- | --- | --- | --- |"]
    for m in mutants:
        r = results.get(m.id)
        if not r:
            lines.append(f"| {m.id} | {m.file} | {m.description} | not run | | | |")
            continue
        killer = r.get("killer", "").replace("|", "\\|")
        lines.append(f"| {m.id} | {os.path.basename(m.file)} | {m.description.replace('|', '/')} | {r['status']} | "
                     f"{killer} | {r.get('build_s', 0):.0f} | {r.get('test_s', 0):.0f} |")
    lines.append("")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


# --------------------------------------------------------------------------------------


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--list", action="store_true", help="print the mutants and check their texts; run nothing")
    ap.add_argument("--only", help="comma-separated mutant ids (default: all)")
    ap.add_argument("--work", default=DEFAULT_WORK, help=f"scratch folder (default {DEFAULT_WORK})")
    ap.add_argument("--jobs", type=int, default=2, help="parallel build and ctest jobs (default 2)")
    ap.add_argument("--keep-going", action="store_true",
                    help="go on after an invalid mutant (one that does not compile); by default the run stops")
    ap.add_argument("--mutants", default=DEFAULT_LIST, help="the list (default tests/mutation/mutants.txt)")
    ap.add_argument("--report", help=f"write the Markdown report here (default after a full run: {DEFAULT_REPORT})")
    ap.add_argument("--skip-baseline", action="store_true",
                    help="do not run the tests on the unmutated copy first (only when it passed just before)")
    ap.add_argument("--no-sync", action="store_true", help="do not copy the repository into the scratch folder again")
    ap.add_argument("--allow-baseline-failures", action="store_true",
                    help="leave out the tests that fail on the unmutated copy (others' work in progress) instead of stopping")
    ap.add_argument("--report-only", action="store_true",
                    help="write the report (--report, default REPORT.md) from the results kept in the scratch folder; run nothing")
    ap.add_argument("--baseline-only", action="store_true", help="build and test the unmutated copy, then stop")
    args = ap.parse_args()
    # Ctrl-C, and a plain `kill`, end the run through the finally blocks that restore the file
    # (a background job may have inherited SIGINT as ignored).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))

    try:
        mutants = parse_list(args.mutants)
    except ListError as e:
        sys.exit(f"error: {e}")
    problems = check_texts(mutants, REPO)
    if problems:
        print("error: the mutant list does not match the sources (fix the list):", file=sys.stderr)
        for p in problems:
            print("  " + p, file=sys.stderr)
        sys.exit(2)

    if args.list:
        for m in mutants:
            extra = f"   [expected survivor: {m.reason}]" if m.reason else ""
            print(f"{m.id:24} {m.file}: {m.description}{extra}")
        print(f"{len(mutants)} mutants; every original text found exactly once")
        return 0

    if args.report_only:
        work = os.path.abspath(args.work)
        results = load_results(os.path.join(work, "results.json"))
        runs = load_results(os.path.join(work, "runs.json")) or {"runs": []}
        current = {m.id: results[m.id] for m in mutants
                   if m.id in results and results[m.id].get("key") == mutant_key(m)}
        write_report(args.report or DEFAULT_REPORT, mutants, current, runs["runs"])
        n, killed, survived, invalid, pct = summary_line(current, mutants)
        print(f"{n} mutants, {killed} killed, {survived} survived, {invalid} invalid ({pct:.1f} % killed)")
        return 0

    chosen = mutants
    if args.only:
        ids = [s.strip() for s in args.only.split(",") if s.strip()]
        unknown = [i for i in ids if i not in {m.id for m in mutants}]
        if unknown:
            sys.exit(f"error: unknown mutant ids: {', '.join(unknown)}")
        chosen = [m for m in mutants if m.id in ids]
    # Mutants of the same file one after another: the restored file and the next mutant then
    # make one rebuild, not two.
    order = {}
    for m in chosen:
        order.setdefault(m.file, len(order))
    chosen = sorted(chosen, key=lambda m: (order[m.file], mutants.index(m)))

    runner = Runner(args)
    os.makedirs(runner.work, exist_ok=True)
    t_start = time.monotonic()
    if not args.no_sync:
        n = sync_tree(REPO, runner.src)
        log(f"scratch copy {runner.src}: {n} files updated")
    patch_pch(runner.src)
    runner.configure()

    # The baseline: everything must pass before a mutant means anything.
    if not args.skip_baseline:
        log("baseline: building and testing the unmutated copy")
    ok, secs, out = runner.ninja([])
    for _attempt in range(3):
        if ok or not args.allow_baseline_failures:
            break
        # Test files that do not compile on the unmutated copy (someone is still writing them):
        # leave them out of the scratch copy, both sides of a rule.
        dropped = drop_uncompilable_tests(runner.src, out)
        if not dropped:
            break
        log("baseline: left out (they do not compile): " + ", ".join(dropped))
        ok, more, out = runner.ninja(["-k", "0"])
        secs += more
    if not ok:
        sys.exit(f"the unmutated copy does not build:\n{out[-4000:]}")
    log(f"baseline build: {secs:.0f} s")
    runner.record_python_logs()
    runner.list_aio_suites()
    if not args.skip_baseline:
        baseline(runner, args.allow_baseline_failures)
    if args.baseline_only:
        return 0

    results_path = os.path.join(runner.work, "results.json")
    results = load_results(results_path)
    runs_path = os.path.join(runner.work, "runs.json")
    runs = load_results(runs_path) or {"runs": []}

    t_mut = time.monotonic()
    done = 0
    try:
        for i, m in enumerate(chosen, 1):
            prefix = f"[{i}/{len(chosen)}] {m.id:24}"
            with Applied(runner.src, m):
                o = runner.run_stages(m)
            done += 1
            times = f"(build {o.build_s:.0f} s, tests {o.test_s:.0f} s)"
            if o.status == "killed":
                log(f"{prefix} killed by {o.killer}  {times}")
            elif o.status == "survived":
                log(f"{prefix} SURVIVED{'  (expected: ' + m.reason + ')' if m.reason else ''}  {times}")
            else:
                log(f"{prefix} invalid: {o.killer}\n{o.detail}")
            results[m.id] = {"status": o.status, "killer": o.killer, "stage": o.stage, "build_s": o.build_s,
                             "test_s": o.test_s, "key": mutant_key(m),
                             "when": time.strftime("%Y-%m-%d %H:%M")}
            save_results(results_path, results)
            if o.status == "invalid" and not args.keep_going:
                log("stopping: an invalid mutant (fix it in the list, or pass --keep-going)")
                break
    except KeyboardInterrupt:
        log("\ninterrupted: the scratch copy is restored")
    finally:
        # Leave the scratch build matching the sources (the file was restored already).
        pass

    minutes = (time.monotonic() - t_mut) / 60
    if done:
        runs["runs"].append({"when": time.strftime("%Y-%m-%d %H:%M"),
                             "what": "all mutants" if not args.only else
                                     ("--only " + args.only if len(chosen) <= 5 else f"--only, {len(chosen)} mutants"),
                             "count": done, "minutes": minutes, "per_mutant_s": minutes * 60 / done})
        save_results(runs_path, runs)

    # Results of mutants changed since they were run do not count.
    current = {m.id: results[m.id] for m in mutants if m.id in results and results[m.id].get("key") == mutant_key(m)}
    this_run = {m.id: current[m.id] for m in chosen if m.id in current}
    n, killed, survived, invalid, pct = summary_line(this_run, chosen)
    log(f"\n{n} mutants, {killed} killed, {survived} survived, {invalid} invalid ({pct:.1f} % killed)"
        f"  in {minutes:.1f} min ({(time.monotonic() - t_start) / 60:.1f} min with the baseline)")
    for m in chosen:
        r = this_run.get(m.id)
        if r and r["status"] == "survived":
            log(f"  survivor {m.id}: {m.description}" + (f"\n      reason: {m.reason}" if m.reason else
                                                             "\n      NO REASON GIVEN: kill it with a test or explain"))
    report = args.report or (DEFAULT_REPORT if not args.only else None)
    if report:
        write_report(report, mutants, current, runs["runs"])
        log(f"report: {report}")
    unexplained = [m for m in chosen if this_run.get(m.id, {}).get("status") == "survived" and not m.reason]
    return 1 if invalid or unexplained else 0


if __name__ == "__main__":
    sys.exit(main())
