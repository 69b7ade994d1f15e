"""Workload 4, queue: Queue(maxsize=100), one producer, four consumers, sleep(0) per item."""
import asyncio

from common import elapsed, start, parse, rate


async def producer(q, items, consumers):
    for i in range(items):
        await q.put(i)
    for _ in range(consumers):
        await q.put(-1)


async def consumer(q, got):
    while True:
        item = await q.get()
        if item < 0:
            q.task_done()
            return
        await asyncio.sleep(0)
        got[0] += 1
        q.task_done()


async def main(items):
    q = asyncio.Queue(maxsize=100)
    got = [0]
    await asyncio.gather(producer(q, items, 4), *[consumer(q, got) for _ in range(4)])
    assert got[0] == items


if __name__ == "__main__":
    args = parse(__doc__, items=1000000)
    t0 = start()
    asyncio.run(main(args.items))
    rate(f"queue/{args.items}", args.items, elapsed(t0))
