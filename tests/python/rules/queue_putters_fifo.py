# Blocked put() callers of a full queue are served first come, first served.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import log, run


async def putter(name, q, delay):
    await asyncio.sleep(delay)
    log(f"{name} waits to put")
    await q.put(name)
    log(f"{name} put")


async def main():
    q = asyncio.Queue(maxsize=1)
    q.put_nowait("first")
    ps = [asyncio.create_task(putter(n, q, d), name=n) for n, d in (("p1", 0.2), ("p2", 0.1), ("p3", 0.3))]
    await asyncio.sleep(0.5)
    for _ in range(4):
        log(f"main got {await q.get()}")
        await asyncio.sleep(0.1)
    for p in ps:
        await p


run(main())
