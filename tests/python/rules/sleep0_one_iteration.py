# sleep(0) gives the word back to the loop for exactly one iteration.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import log, run

tick = 0


async def ticker():
    global tick
    while True:
        tick += 1
        await asyncio.sleep(0)


async def yielder(name, times):
    for _ in range(times):
        before = tick
        await asyncio.sleep(0)
        log(f"{name}: sleep(0) took {tick - before} iteration(s), tick {tick}")


async def main():
    t = asyncio.create_task(ticker(), name="ticker")
    y1 = asyncio.create_task(yielder("y1", 3), name="y1")
    y2 = asyncio.create_task(yielder("y2", 2), name="y2")
    await y1
    await y2
    before = tick
    await asyncio.sleep(0)
    log(f"main: sleep(0) took {tick - before} iteration(s)")
    t.cancel()


run(main())
