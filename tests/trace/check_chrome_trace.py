#!/usr/bin/env python3
"""Checks a Chrome trace-event JSON file written by trace::write_chrome_trace.

    check_chrome_trace.py --program PROG --tasks a,b,c   runs PROG OUT.json, checks OUT.json
    check_chrome_trace.py --file OUT.json --tasks a,b,c  checks an existing file
    check_chrome_trace.py --self-test                    shows that broken traces are rejected

Checks: strict JSON (no NaN/Infinity) with a traceEvents array; every event has
ph and pid 1; exactly one thread_name per track; the track names are the
expected task names plus "event loop"; every task has "X" step slices with
numeric ts and dur >= 0; slices on one track nest (none overlaps another
partially); instants have a scope.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import defaultdict


class TraceError(Exception):
    pass


def _reject_constant(name):
    raise TraceError(f"non-standard JSON constant {name}")


def check(text, expected_tasks):
    try:
        doc = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as e:
        raise TraceError(f"invalid JSON: {e}") from e
    if not isinstance(doc, dict) or not isinstance(doc.get("traceEvents"), list):
        raise TraceError('expected {"traceEvents": [...]}')
    events = doc["traceEvents"]

    names = {}
    slices = defaultdict(list)
    steps = defaultdict(int)
    for e in events:
        if "ph" not in e or e.get("pid") != 1:
            raise TraceError(f"event without ph or with pid != 1: {e}")
        ph = e["ph"]
        if ph == "M" and e.get("name") == "thread_name":
            tid = e["tid"]
            if tid in names:
                raise TraceError(f"two thread_name events for tid {tid}")
            names[tid] = e["args"]["name"]
        elif ph == "X":
            ts, dur = e.get("ts"), e.get("dur")
            if not isinstance(ts, (int, float)) or not isinstance(dur, (int, float)) or dur < 0:
                raise TraceError(f"bad X slice: {e}")
            slices[e["tid"]].append((ts, ts + dur, e["name"]))
            if e["name"] == "step":
                steps[e["tid"]] += 1
        elif ph == "i":
            if e.get("s") not in ("t", "p", "g"):
                raise TraceError(f"instant without scope: {e}")

    got = sorted(names.values())
    want = sorted(list(expected_tasks) + ["event loop"])
    if got != want:
        raise TraceError(f"track names {got} != expected {want}")
    for tid, name in names.items():
        if name != "event loop" and steps[tid] == 0:
            raise TraceError(f"task {name!r} (tid {tid}) has no step slices")

    eps = 1e-6
    for tid, spans in slices.items():
        spans.sort(key=lambda s: (s[0], -s[1]))
        open_stack = []
        for begin, end, name in spans:
            while open_stack and open_stack[-1][1] <= begin + eps:
                open_stack.pop()
            if open_stack and end > open_stack[-1][1] + eps:
                raise TraceError(f"slice {name!r} [{begin}, {end}] overlaps {open_stack[-1][2]!r} "
                                 f"[{open_stack[-1][0]}, {open_stack[-1][1]}] on tid {tid}")
            open_stack.append((begin, end, name))
    return len(events)


def self_test():
    good = ('{"traceEvents":[{"name":"thread_name","ph":"M","pid":1,"tid":1,"args":{"name":"a"}},'
            '{"name":"thread_name","ph":"M","pid":1,"tid":2,"args":{"name":"event loop"}},'
            '{"name":"step","ph":"X","pid":1,"tid":1,"ts":0,"dur":1}]}')
    check(good, ["a"])
    broken = {
        "not JSON": good[:-2],
        "NaN": good.replace('"dur":1', '"dur":NaN'),
        "raw control character": good.replace('"a"}', '"a\x01"}'),
        "wrong task names": good.replace('"name":"a"', '"name":"b"'),
        "no step slices": good.replace('"name":"step"', '"name":"other"'),
        "negative duration": good.replace('"dur":1', '"dur":-1'),
        "partial overlap": good.replace(']}', ',{"name":"w","ph":"X","pid":1,"tid":1,"ts":0.5,"dur":1}]}'),
        "duplicate thread name": good.replace(']}', ',{"name":"thread_name","ph":"M","pid":1,"tid":1,"args":{"name":"a"}}]}'),
    }
    for what, text in broken.items():
        try:
            check(text, ["a"])
        except TraceError:
            continue
        print(f"self-test: a trace with {what} was accepted", file=sys.stderr)
        return 1
    print(f"self-test: 1 good trace accepted, {len(broken)} broken traces rejected")
    return 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--program")
    ap.add_argument("--file")
    ap.add_argument("--tasks", default="")
    ap.add_argument("--self-test", action="store_true")
    args = ap.parse_args()
    if args.self_test:
        return self_test()
    tasks = [t for t in args.tasks.split(",") if t]
    with tempfile.TemporaryDirectory() as tmp:
        path = args.file
        if args.program:
            path = os.path.join(tmp, "trace.json")
            subprocess.run([args.program, path], check=True)
        with open(path, "rb") as f:
            raw = f.read()
    try:
        text = raw.decode("utf-8")
        n = check(text, tasks)
    except (UnicodeDecodeError, TraceError) as e:
        print(f"FAIL: {e}", file=sys.stderr)
        return 1
    print(f"ok: {n} trace events, tracks {sorted(tasks)} + event loop")
    return 0


if __name__ == "__main__":
    sys.exit(main())
