# From CPython 3.11 Lib/test/test_asyncio/test_locks.py: EventTests.test_wait,
# test_clear_with_waiters, test_wait_on_set and test_wait_cancel. A task created before set()
# but not yet started runs first in the next iteration and finds the event set (wait returns
# at once, True), ahead of the waiters set() woke. set(); clear(); set(); set() wakes a waiter
# once. A cancelled waiter is dropped: set() afterwards wakes only the others.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import describe, log, run


async def waiter(name, ev):
    try:
        result = await ev.wait()
    except asyncio.CancelledError:
        log(f"{name} cancelled")
        raise
    log(f"{name} woke: {result}")


async def main():
    ev = asyncio.Event()
    t1 = asyncio.create_task(waiter("t1", ev), name="t1")
    t2 = asyncio.create_task(waiter("t2", ev), name="t2")
    await asyncio.sleep(0)
    t3 = asyncio.create_task(waiter("t3", ev), name="t3")
    ev.set()
    log("set")
    await asyncio.sleep(0)
    log(f"all done: {t1.done() and t2.done() and t3.done()}")

    ev.clear()
    t4 = asyncio.create_task(waiter("t4", ev), name="t4")
    t5 = asyncio.create_task(waiter("t5", ev), name="t5")
    await asyncio.sleep(0)
    ev.set()
    ev.clear()
    log(f"set, clear: is_set() {ev.is_set()}")
    ev.set()
    ev.set()
    log(f"set, set: is_set() {ev.is_set()}, cancel t4 -> {t4.cancel()}")
    await asyncio.sleep(0)
    log(f"t4.cancelled() {t4.cancelled()} t5.done() {t5.done()}")

    ev.clear()
    t6 = asyncio.create_task(waiter("t6", ev), name="t6")
    t7 = asyncio.create_task(waiter("t7", ev), name="t7")
    await asyncio.sleep(0)
    log(f"cancel t6 -> {t6.cancel()}")
    await asyncio.sleep(0)
    ev.set()
    log(f"set, wait on a set event: {await ev.wait()}")
    await t7


run(main())
