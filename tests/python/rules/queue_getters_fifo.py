# Blocked get() callers are served first come, first served.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import log, run


async def getter(name, q, delay):
    await asyncio.sleep(delay)
    log(f"{name} waits")
    item = await q.get()
    log(f"{name} got {item}")


async def main():
    q = asyncio.Queue()
    gs = [asyncio.create_task(getter(n, q, d), name=n) for n, d in (("g1", 0.3), ("g2", 0.1), ("g3", 0.2))]
    await asyncio.sleep(0.5)
    for item in ("x", "y", "z"):
        q.put_nowait(item)
    log("main put x y z")
    for g in gs:
        await g


run(main())
