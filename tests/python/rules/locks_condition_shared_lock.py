# From CPython 3.11 Lib/test/test_asyncio/test_locks.py: ConditionTests.test_explicit_lock,
# test_notify, test_notify_all and test_context_manager. Two Conditions built on one Lock: each
# reports the lock's state, `async with lock` is as good as `async with cond` for notify(), and
# a notify on one wakes only its own waiters. notify(1) then notify(2048) wakes the rest in
# order; the woken ones come back one at a time as the lock frees.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import log, run


async def waiter(name, cond):
    async with cond:
        await cond.wait()
        log(f"{name} woke")


async def main():
    lock = asyncio.Lock()
    a = asyncio.Condition(lock)
    b = asyncio.Condition(lock)
    log(f"locked(): lock {lock.locked()} a {a.locked()} b {b.locked()}")
    async with a:
        log(f"in async with a: lock {lock.locked()} b {b.locked()}")
    async with lock:
        log(f"in async with lock: a {a.locked()}")

    ws = [asyncio.create_task(waiter(n, a), name=n) for n in ("a1", "a2", "a3")]
    wb = asyncio.create_task(waiter("b1", b), name="b1")
    await asyncio.sleep(0)
    log(f"all wait, lock {lock.locked()}")
    async with lock:
        a.notify(1)
        log("notify(1) on a")
    await asyncio.sleep(0)
    log(f"a1 done() {ws[0].done()} b1 done() {wb.done()}")
    async with lock:
        a.notify(1)
        a.notify(2048)
        log("notify(1), notify(2048) on a")
    await asyncio.gather(*ws)
    log(f"b1 done() {wb.done()}")
    async with lock:
        b.notify_all()
    await wb
    log(f"lock {lock.locked()}")


run(main())
