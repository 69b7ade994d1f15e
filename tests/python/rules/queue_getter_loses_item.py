# A woken get() that loses its item to a task that did not wait (get_nowait) goes back to
# the end of the line.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import log, run


async def getter(name, q):
    log(f"{name} waits")
    item = await q.get()
    log(f"{name} got {item}")


async def main():
    q = asyncio.Queue()
    g1 = asyncio.create_task(getter("g1", q), name="g1")
    g2 = asyncio.create_task(getter("g2", q), name="g2")
    await asyncio.sleep(0.1)
    q.put_nowait("x")
    log("main put x (wakes g1) and takes it back at once")
    log(f"main got {q.get_nowait()}")
    await asyncio.sleep(0.1)
    q.put_nowait("y")
    log("main put y")
    await asyncio.sleep(0.1)
    q.put_nowait("z")
    log("main put z")
    await g1
    await g2


run(main())
