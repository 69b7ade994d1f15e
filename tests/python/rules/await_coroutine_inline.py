# Awaiting a coroutine runs it inline in the current task: no loop iteration passes
# until something actually suspends.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import log, run

tick = 0


async def ticker():
    global tick
    while True:
        tick += 1
        await asyncio.sleep(0)


async def leaf(x):
    return x * 2


async def middle(x):
    a = await leaf(x)
    b = await leaf(a)
    return a + b


async def main():
    t = asyncio.create_task(ticker(), name="ticker")
    await asyncio.sleep(0)
    log(f"tick {tick}")
    r = await middle(5)
    log(f"middle(5) = {r}, tick {tick}")
    await asyncio.sleep(0)
    log(f"after sleep(0), tick {tick}")
    t.cancel()


run(main())
