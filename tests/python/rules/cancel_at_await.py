# CancelledError is raised at the await where the task is suspended (here a Queue.get),
# and the queue forgets the cancelled getter.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import describe, log, run


async def consumer(q):
    log("consumer: first sleep")
    await asyncio.sleep(0.1)
    log("consumer: waiting on get()")
    try:
        item = await q.get()
        log(f"consumer got {item} (not reached)")
    except asyncio.CancelledError:
        log("consumer: CancelledError at get()")
        raise


async def main():
    q = asyncio.Queue()
    c = asyncio.create_task(consumer(q), name="consumer")
    await asyncio.sleep(0.5)
    c.cancel()
    try:
        await c
    except asyncio.CancelledError as e:
        log(f"main: {describe(e)}")
    q.put_nowait("x")
    log(f"qsize {q.qsize()}")
    log(f"get_nowait {q.get_nowait()}")


run(main())
