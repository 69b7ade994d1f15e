# From CPython 3.11 Lib/test/test_asyncio/test_locks.py: LockTests.test_cancel_race,
# test_cancel_release_race and test_finished_waiter_cancelled. A waiter cancelled in the same
# step as the holder lets go does not keep the lock nor lose it: the cancelled one passes its
# turn to the next waiter, exactly one task gets the lock, and a task that has not started
# waiting yet can take a free lock when every waiter in line is cancelled.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import log, run


async def lockit(name, lock, blocker=None):
    log(f"{name} acquires")
    try:
        await lock.acquire()
    except asyncio.CancelledError:
        log(f"{name} cancelled while waiting, locked() {lock.locked()}")
        raise
    log(f"{name} holds the lock")
    try:
        if blocker is not None:
            await blocker
    finally:
        lock.release()
        log(f"{name} released")


async def main():
    loop = asyncio.get_running_loop()
    lock = asyncio.Lock()
    fa = loop.create_future()
    ta = asyncio.create_task(lockit("A", lock, fa), name="A")
    await asyncio.sleep(0)
    tb = asyncio.create_task(lockit("B", lock), name="B")
    tc = asyncio.create_task(lockit("C", lock), name="C")
    await asyncio.sleep(0)
    fa.set_result(None)
    log(f"A unblocked, cancel B -> {tb.cancel()}")
    await asyncio.sleep(0)
    log(f"locked() {lock.locked()} A.done() {ta.done()} B.cancelled() {tb.cancelled()}")
    await tc

    await lock.acquire()
    t1 = asyncio.create_task(lockit("t1", lock), name="t1")
    t2 = asyncio.create_task(lockit("t2", lock), name="t2")
    t3 = asyncio.create_task(lockit("t3", lock, loop.create_future()), name="t3")
    await asyncio.sleep(0)

    def trigger():
        log(f"trigger: cancel t1 -> {t1.cancel()}, release")
        lock.release()

    loop.call_soon(trigger)
    try:
        await t1
    except asyncio.CancelledError:
        log(f"t1 cancelled, t2.done() {t2.done()}")
    await asyncio.sleep(0)
    log(f"t3.done() {t3.done()} locked() {lock.locked()}")
    t3.cancel()
    await asyncio.sleep(0)

    await lock.acquire()
    tb = asyncio.create_task(lockit("b", lock), name="b")
    await asyncio.sleep(0)
    tc = asyncio.create_task(lockit("c", lock), name="c")
    log(f"cancel b -> {tb.cancel()}, release")
    lock.release()
    await asyncio.sleep(0)
    log(f"locked() {lock.locked()} b.cancelled() {tb.cancelled()}")
    await tc


run(main())
