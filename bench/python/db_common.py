"""What the database workloads share (issue 11): the arguments, the timing of a phase, the
JSON line. The twins are db_asyncpg.py and db_aiosqlite.py; bench/db_bench.cpp is Dirigent's."""
import argparse
import asyncio
import json
import time

ACCOUNTS = 100


def arguments(doc):
    parser = argparse.ArgumentParser(description=doc)
    parser.add_argument("--db", required=True, help="postgresql:// URL (asyncpg) or a SQLite file (aiosqlite)")
    parser.add_argument("--queries", type=int, default=20000)
    parser.add_argument("--transfers", type=int, default=5000)
    parser.add_argument("--pool", type=int, default=10)
    parser.add_argument("--concurrency", type=int, default=100)
    return parser.parse_args()


async def timed(count, concurrency, work):
    """Runs work(i) for i in 0..count-1, at most `concurrency` at a time; (seconds, cpu)."""
    limit = asyncio.Semaphore(concurrency)

    async def one(i):
        async with limit:
            await work(i)

    cpu0, t0 = time.process_time(), time.perf_counter()
    await asyncio.gather(*(one(i) for i in range(count)))
    return time.perf_counter() - t0, time.process_time() - cpu0


def report(client, backend, args, queries, transfers, before, after):
    if before != after:
        raise SystemExit(f"{client}: the total changed: {before} -> {after}")
    print(json.dumps({
        "client": client, "backend": backend, "pool": args.pool, "concurrency": args.concurrency,
        "queries": args.queries, "queries_per_s": args.queries / queries[0], "queries_cpu_s": queries[1],
        "transfers": args.transfers, "transfers_per_s": args.transfers / transfers[0],
        "transfers_cpu_s": transfers[1], "total_before": before, "total_after": after,
    }))
