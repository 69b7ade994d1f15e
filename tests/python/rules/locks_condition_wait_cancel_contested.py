# From CPython 3.11 Lib/test/test_asyncio/test_locks.py: ConditionTests.test_wait_cancel,
# test_wait_cancel_contested and test_timeout_in_block. A Condition.wait() cancelled in its
# first step raises CancelledError with the lock held again. A waiter notified while the
# notifier still holds the lock, then cancelled while it waits to re-acquire, keeps trying: it
# takes the lock once it is released and only then raises CancelledError, holding it.
# wait_for(cond.wait(), timeout) inside `async with cond` raises TimeoutError with the lock held.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import describe, log, run


async def wait_on(name, cond):
    try:
        result = await cond.wait()
    except asyncio.CancelledError:
        log(f"{name} cancelled, locked() {cond.locked()}")
        raise
    log(f"{name} returned {result}, locked() {cond.locked()}")


async def main():
    loop = asyncio.get_running_loop()
    cond = asyncio.Condition()
    await cond.acquire()
    w = asyncio.create_task(wait_on("w", cond), name="w")
    loop.call_soon(w.cancel)
    try:
        await w
    except asyncio.CancelledError as e:
        log(f"w: {describe(e)}, locked() {cond.locked()}")
    cond.release()

    await cond.acquire()
    w2 = asyncio.create_task(wait_on("w2", cond), name="w2")
    await asyncio.sleep(0)
    log(f"w2 waits, locked() {cond.locked()}")
    await cond.acquire()
    cond.notify()
    loop.call_soon(w2.cancel)
    loop.call_soon(cond.release)
    try:
        await w2
    except asyncio.CancelledError as e:
        log(f"w2: {describe(e)}")
    log(f"after w2: locked() {cond.locked()}")
    cond.release()

    async with cond:
        try:
            await asyncio.wait_for(cond.wait(), 0.5)
        except TimeoutError as e:
            log(f"wait_for(cond.wait(), 0.5): {describe(e)}, locked() {cond.locked()}")
    log(f"locked() {cond.locked()}")


run(main())
