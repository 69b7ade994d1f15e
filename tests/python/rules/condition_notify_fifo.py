# Condition: notify() wakes the longest waiting task, notify(n) the next n, notify_all() the
# rest; a woken waiter returns from wait() (True) only once it holds the lock again, so they
# come back one at a time, and not before the notifier releases. notify() and wait() need the
# lock (RuntimeError).
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import describe, log, run


async def waiter(name, cond, start):
    await asyncio.sleep(start)
    async with cond:
        log(f"{name} waits")
        r = await cond.wait()
        log(f"{name} woken -> {r} locked() {cond.locked()}")
        await asyncio.sleep(0.1)
    log(f"{name} released")


async def main():
    cond = asyncio.Condition()
    ws = [asyncio.create_task(waiter(n, cond, s), name=n)
          for n, s in (("a", 0.0), ("b", 0.2), ("c", 0.1), ("d", 0.3), ("e", 0.4))]
    await asyncio.sleep(1)
    async with cond:
        cond.notify()
        log("notify() while holding the lock")
        await asyncio.sleep(0.5)
        log("main releases")
    await asyncio.sleep(1)
    async with cond:
        cond.notify(2)
        log("notify(2)")
    await asyncio.sleep(1)
    async with cond:
        cond.notify_all()
        log("notify_all()")
    for w in ws:
        await w
    async with cond:
        cond.notify_all()
        log("notify_all() with no waiter")
    try:
        cond.notify()
    except RuntimeError as e:
        log(f"notify() without the lock: {describe(e)} {e}")
    try:
        await cond.wait()
    except RuntimeError as e:
        log(f"wait() without the lock: {describe(e)} {e}")
    log(f"locked() {cond.locked()}")


run(main())
