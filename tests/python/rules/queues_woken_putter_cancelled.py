# From CPython 3.11 Lib/test/test_asyncio/test_queues.py: QueuePutTests.test_put_cancel_drop,
# test_cancelled_put_silence_value_error_exception, test_put_cancelled_race and
# test_cancelled_puts_not_being_held_in_self_putters. A putter woken by get_nowait and cancelled
# before it runs puts nothing, and passes the free slot on to the next putter; a putter
# cancelled while it still waits is skipped when a slot frees.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import describe, log, run


async def writer(name, q, item):
    try:
        await q.put(item)
    except asyncio.CancelledError:
        log(f"{name} cancelled")
        raise
    log(f"{name} put {item}")


async def main():
    q = asyncio.Queue(1)
    q.put_nowait(1)
    w1 = asyncio.create_task(writer("w1", q, 2), name="w1")
    w2 = asyncio.create_task(writer("w2", q, 3), name="w2")
    await asyncio.sleep(0)
    log(f"get_nowait {q.get_nowait()}, cancel w1 -> {w1.cancel()}")
    try:
        await w1
    except asyncio.CancelledError as e:
        log(f"w1: {describe(e)} qsize {q.qsize()}")
    await asyncio.sleep(0)
    log(f"w2.done() {w2.done()} get_nowait {q.get_nowait()} qsize {q.qsize()}")

    put_a = asyncio.create_task(writer("put_a", q, "a"), name="put_a")
    put_b = asyncio.create_task(writer("put_b", q, "b"), name="put_b")
    put_c = asyncio.create_task(writer("put_c", q, "c"), name="put_c")
    await asyncio.sleep(0)
    log(f"put_a.done() {put_a.done()} put_b.done() {put_b.done()}, cancel put_b -> {put_b.cancel()}")
    await asyncio.sleep(0)
    log(f"put_b.done() {put_b.done()} get_nowait {q.get_nowait()}")
    await asyncio.sleep(0)
    log(f"put_c.done() {put_c.done()} get_nowait {q.get_nowait()} empty() {q.empty()}")


run(main())
