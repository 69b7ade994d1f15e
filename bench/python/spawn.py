"""Workload 2, spawn: create N trivial tasks, let them run and complete."""
import asyncio

from common import elapsed, start, parse, rate


async def trivial():
    return None


async def main(n):
    tasks = [asyncio.create_task(trivial()) for _ in range(n)]
    await asyncio.sleep(0)  # one iteration: every task runs its only step
    assert all(t.done() for t in tasks)


if __name__ == "__main__":
    args = parse(__doc__, warm=0, n=10000)
    if args.warm:
        asyncio.run(main(args.n))  # untimed: the same run once before, in this process
    t0 = start()
    asyncio.run(main(args.n))
    rate(f"spawn{'_warm' if args.warm else ''}/{args.n}", args.n, elapsed(t0))
