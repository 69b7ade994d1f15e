# From CPython 3.11 Lib/test/test_asyncio/test_queues.py: QueuePutTests.test_get_cancel_drop_one_pending_reader,
# test_get_cancel_drop_many_pending_readers and QueueGetTests.test_get_cancelled_race. A getter
# woken by put_nowait and cancelled before it runs takes no item: the items stay in the queue, in
# order, and its wake-up goes to the next getter. A getter cancelled while it still waits is
# skipped: the next put goes to the getter behind it.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import describe, log, run


async def reader(name, q):
    try:
        item = await q.get()
    except asyncio.CancelledError:
        log(f"{name} cancelled")
        raise
    log(f"{name} got {item}")
    return item


async def main():
    q = asyncio.Queue()
    r = asyncio.create_task(reader("r0", q), name="r0")
    await asyncio.sleep(0)
    q.put_nowait(1)
    q.put_nowait(2)
    log(f"put 1 and 2, cancel r0 -> {r.cancel()}")
    try:
        await r
    except asyncio.CancelledError as e:
        log(f"r0: {describe(e)} qsize {q.qsize()}")
    log(f"retry: {await asyncio.create_task(reader('r0b', q), name='r0b')} qsize {q.qsize()}")
    q.get_nowait()

    r1 = asyncio.create_task(reader("r1", q), name="r1")
    r2 = asyncio.create_task(reader("r2", q), name="r2")
    r3 = asyncio.create_task(reader("r3", q), name="r3")
    await asyncio.sleep(0)
    q.put_nowait(1)
    q.put_nowait(2)
    log(f"put 1 and 2, cancel r1 -> {r1.cancel()}")
    await asyncio.gather(r1, r2, r3, return_exceptions=True)
    log(f"qsize {q.qsize()}")

    w1 = asyncio.create_task(reader("w1", q), name="w1")
    w2 = asyncio.create_task(reader("w2", q), name="w2")
    await asyncio.sleep(0)
    log(f"cancel waiting w1 -> {w1.cancel()}")
    await asyncio.sleep(0)
    log(f"w1.done() {w1.done()}")
    await q.put("a")
    await asyncio.sleep(0)
    log(f"w2.done() {w2.done()} qsize {q.qsize()}")


run(main())
