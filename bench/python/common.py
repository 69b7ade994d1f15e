"""Shared helpers of the asyncio workloads: argument parsing, timing, JSON output.

Every workload script runs one plain asyncio.run (the default event loop, real
clock) and prints one JSON object on stdout, the same figures that
bench/dirigent_bench.cpp reports as counters for its twin. Times are the process's
CPU time (time.process_time, as the C++ side's CLOCK_PROCESS_CPUTIME_ID): the
workloads are single-threaded, and on a shared machine CPU time is what the run
itself costs. The wall-clock time is reported beside it as wall_s.
"""
import argparse
import json
import os
import sys
import time


def parse(description, **sizes):
    parser = argparse.ArgumentParser(description=description)
    for name, default in sizes.items():
        parser.add_argument(f"--{name}", type=int, default=default)
    return parser.parse_args()


_last_wall = [0.0]


def start():
    return (time.process_time(), time.perf_counter())


def elapsed(t0):
    """CPU seconds since start() returned t0; the wall seconds are kept for emit()."""
    _last_wall[0] = time.perf_counter() - t0[1]
    return time.process_time() - t0[0]


def rss_bytes():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def emit(workload, **figures):
    figures = {"workload": workload, "python": sys.version.split()[0], "wall_s": _last_wall[0], **figures}
    print(json.dumps(figures))


def rate(workload, items, seconds, **extra):
    emit(workload, items=items, seconds=seconds, per_s=items / seconds, ns_per_item=seconds * 1e9 / items, **extra)
