"""Shared parts of the HTTP workloads (issue 10, bench/python/http_*.py): the arguments and
the one JSON line. Times are wall-clock (what the user waits for; the server runs in another
process), the process's CPU seconds beside them."""
import argparse
import asyncio
import json
import sys
import time


def arguments(description):
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--url", required=True)
    parser.add_argument("--requests", type=int, default=10000)
    parser.add_argument("--concurrency", type=int, default=100)
    parser.add_argument("--deadline", type=float, default=600, help="seconds for the whole run")
    args = parser.parse_args()
    if args.requests < 1 or args.concurrency < 1 or args.deadline <= 0:
        parser.error("--requests and --concurrency must be at least 1, --deadline above 0")
    if not args.url.startswith("http://"):
        parser.error(f"--url must be an http:// URL, not {args.url!r}")
    args.url = args.url.rstrip("/")
    return args


def measure(client, run, args):
    """Runs `run(args, figures)` under asyncio.run and prints the JSON line (exit 1 when
    nothing answered or the deadline passed)."""
    figures = {"ok": 0, "other": 0, "failed": 0, "error": ""}
    cpu0, wall0 = time.process_time(), time.perf_counter()
    try:
        asyncio.run(run(args, figures))
    except asyncio.TimeoutError:
        print(f"{client}: {args.requests} GETs from {args.url} not done within {args.deadline:g} s", file=sys.stderr)
        sys.exit(1)
    seconds, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    if figures["ok"] + figures["other"] == 0:
        print(f"{client}: no answer from {args.url}: {figures['error']}", file=sys.stderr)
        sys.exit(1)
    print(json.dumps({"workload": f"http/{args.requests}/{args.concurrency}", "client": client,
                      "python": sys.version.split()[0], "requests": args.requests,
                      "concurrency": args.concurrency, "seconds": seconds, "per_s": args.requests / seconds,
                      "cpu_s": cpu, "ok": figures["ok"], "other": figures["other"], "failed": figures["failed"]}))
