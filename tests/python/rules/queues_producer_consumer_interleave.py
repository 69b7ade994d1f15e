# From CPython 3.11 Lib/test/test_asyncio/test_queues.py: QueueGetTests.test_why_are_getters_waiting,
# QueuePutTests.test_why_are_putters_waiting and QueueBasicTests.test_maxsize. With Queue(1) a
# producer and a consumer alternate step by step; with Queue(2) four putters block, and one
# get_nowait() loop wakes as many of them, in order, as it freed slots.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import log, run


async def producer(q, n):
    for i in range(n):
        await q.put(i)
        log(f"producer put {i} qsize {q.qsize()}")


async def consumer(q, n):
    for _ in range(n):
        item = await q.get()
        log(f"consumer got {item}")


async def putter(q, i):
    await q.put(i)
    log(f"putter{i} put {i}")


async def drainer(q):
    await asyncio.sleep(0)
    n = q.qsize()
    got = [q.get_nowait() for _ in range(n)]
    log(f"drainer took {got}, qsize {q.qsize()}")


async def main():
    q = asyncio.Queue(1)
    async with asyncio.TaskGroup() as tg:
        tg.create_task(producer(q, 4), name="producer")
        tg.create_task(consumer(q, 4), name="consumer")
    log("first group done")

    q2 = asyncio.Queue(2)
    async with asyncio.TaskGroup() as tg:
        tg.create_task(drainer(q2), name="drainer")
        for i in range(4):
            tg.create_task(putter(q2, i), name=f"putter{i}")
    log(f"second group done, qsize {q2.qsize()} full() {q2.full()}")


run(main())
