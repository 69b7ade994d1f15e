# From CPython 3.11 Lib/test/test_asyncio/test_queues.py: QueueGetTests.test_cancelled_getters_not_being_held_in_self_getters,
# test_blocking_get_wait and QueuePutTests.test_blocking_put_wait. A get() or put() given up by
# wait_for's timeout leaves no waiter behind: the next put_nowait (or get_nowait) wakes the
# getter (putter) that is really waiting, and a call_later put or get wakes a blocked one on time.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import describe, log, run


async def getter(name, q):
    item = await q.get()
    log(f"{name} got {item}")


async def main():
    loop = asyncio.get_running_loop()
    q = asyncio.Queue(maxsize=1)
    try:
        await asyncio.wait_for(q.get(), 0.1)
    except TimeoutError as e:
        log(f"get: {describe(e)}")
    g = asyncio.create_task(getter("g", q), name="g")
    await asyncio.sleep(0)
    q.put_nowait("x")
    await asyncio.sleep(0)
    log(f"g.done() {g.done()} qsize {q.qsize()}")

    q.put_nowait("y")
    try:
        await asyncio.wait_for(q.put("z"), 0.1)
    except TimeoutError as e:
        log(f"put: {describe(e)} qsize {q.qsize()}")
    loop.call_later(0.2, q.get_nowait)
    await q.put("w")
    log(f"put w after a call_later get_nowait, qsize {q.qsize()}")

    g2 = asyncio.create_task(getter("g2", q), name="g2")
    await asyncio.sleep(0)
    log(f"g2.done() {g2.done()}")
    await g2
    loop.call_later(0.3, q.put_nowait, "v")
    log(f"get: {await q.get()}")


run(main())
