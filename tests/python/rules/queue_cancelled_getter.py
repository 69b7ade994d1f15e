# A getter that was woken and then cancelled before it ran passes its wake-up on:
# the next getter gets the item.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import describe, log, run


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
    await asyncio.sleep(0.1)
    q.put_nowait("x")
    log(f"main put x and cancels g1 -> {g1.cancel()}")
    try:
        await g1
    except asyncio.CancelledError as e:
        log(f"g1: {describe(e)}")
    await g2
    log(f"qsize {q.qsize()}")


run(main())
