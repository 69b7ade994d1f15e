# put_nowait() wakes the first getter whose future is not done: a getter cancelled a moment ago
# (still in the line, its task not run yet) is skipped and the next getter gets the item.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import log, run


async def getter(name, q):
    try:
        item = await q.get()
        log(f"{name} got {item}")
    except asyncio.CancelledError:
        log(f"{name} cancelled")
        raise


async def main():
    q = asyncio.Queue()
    g1 = asyncio.create_task(getter("g1", q), name="g1")
    g2 = asyncio.create_task(getter("g2", q), name="g2")
    await asyncio.sleep(0)
    log(f"cancel g1 -> {g1.cancel()}")
    q.put_nowait("x")
    log("put x")
    await asyncio.gather(g1, g2, return_exceptions=True)
    log(f"qsize {q.qsize()}")


run(main())
