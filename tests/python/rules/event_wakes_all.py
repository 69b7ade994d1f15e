# Event.set() wakes every waiter, in the order they started waiting; wait() on a set event
# returns at once; clear() makes the next waiters block again.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import log, run


async def waiter(name, ev, delay):
    await asyncio.sleep(delay)
    log(f"{name} waits")
    await ev.wait()
    log(f"{name} woke")


async def main():
    ev = asyncio.Event()
    ws = [asyncio.create_task(waiter(n, ev, d), name=n) for n, d in (("a", 0.2), ("b", 0.1), ("c", 0.3))]
    await asyncio.sleep(0.5)
    log("main sets the event")
    ev.set()
    for w in ws:
        await w
    log(f"is_set() {ev.is_set()}")
    await ev.wait()
    log("wait() on a set event returned")
    ev.clear()
    late = asyncio.create_task(waiter("late", ev, 0), name="late")
    await asyncio.sleep(0.25)
    log(f"late done? {late.done()}")
    ev.set()
    await late


run(main())
