"""Workload 3, memory: N tasks pending on one Event; RSS growth per task."""
import asyncio
import gc

from common import elapsed, emit, start, parse, rss_bytes


async def waiter(ev):
    await ev.wait()


async def main(n):
    ev = asyncio.Event()
    gc.collect()
    rss0 = rss_bytes()
    tasks = [asyncio.create_task(waiter(ev)) for _ in range(n)]
    await asyncio.sleep(0)  # every task runs to its wait
    rss = (rss_bytes() - rss0) / n
    ev.set()
    await asyncio.gather(*tasks)
    return rss


if __name__ == "__main__":
    args = parse(__doc__, n=100000)
    t0 = start()
    rss = asyncio.run(main(args.n))
    emit(f"memory/{args.n}", rss_per_task=rss, seconds=elapsed(t0))
