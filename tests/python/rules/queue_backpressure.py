# A bounded queue: put() blocks while the queue is full, until a get() makes room.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import log, run


async def producer(q):
    for i in range(1, 6):
        log(f"producer puts {i}")
        await q.put(i)
        log(f"producer put {i}, qsize {q.qsize()}")
    await q.put(0)


async def consumer(q):
    while True:
        await asyncio.sleep(0.1)
        item = await q.get()
        log(f"consumer got {item}")
        if item == 0:
            return


async def main():
    q = asyncio.Queue(maxsize=2)
    p = asyncio.create_task(producer(q), name="producer")
    c = asyncio.create_task(consumer(q), name="consumer")
    await p
    log("producer finished")
    await c
    log(f"full() {q.full()} empty() {q.empty()}")


run(main())
