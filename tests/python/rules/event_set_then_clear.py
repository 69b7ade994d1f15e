# Event: set() wakes the waiters that are waiting now; a clear() right after does not stop them.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import log, run


async def waiter(name, ev):
    await ev.wait()
    log(f"{name} woke, is_set() {ev.is_set()}")


async def main():
    ev = asyncio.Event()
    a = asyncio.create_task(waiter("a", ev), name="a")
    b = asyncio.create_task(waiter("b", ev), name="b")
    await asyncio.sleep(0.1)
    ev.set()
    ev.clear()
    log("main set and cleared the event")
    await a
    await b


run(main())
