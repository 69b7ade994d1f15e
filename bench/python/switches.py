"""Workload 1, switches: N tasks each sleep(0) K times, gathered."""
import asyncio

from common import elapsed, start, parse, rate


async def switcher(k):
    for _ in range(k):
        await asyncio.sleep(0)


async def main(n, k):
    await asyncio.gather(*[switcher(k) for _ in range(n)])


if __name__ == "__main__":
    args = parse(__doc__, warm=0, n=10000, k=10)
    if args.warm:
        asyncio.run(main(args.n, args.k))  # untimed: the same run once before, in this process
    t0 = start()
    asyncio.run(main(args.n, args.k))
    rate(f"switches{'_warm' if args.warm else ''}/{args.n}", args.n * args.k, elapsed(t0))
