# One loop iteration runs exactly the callbacks that were ready when it began.
# `ticker` bumps `tick` once per iteration, so every line shows which iteration it ran in.
# D, created by A during iteration 1, runs first in iteration 2, not at the end of iteration 1.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import log, run

tick = 0
spawned = []


async def ticker():
    global tick
    while True:
        tick += 1
        await asyncio.sleep(0)


async def worker(name, rounds, spawn):
    for i in range(rounds):
        log(f"{name} step {i} tick {tick}")
        if spawn and i == 0:
            spawned.append(asyncio.create_task(worker("D", 2, False), name="D"))
            log(f"{name} created D")
        await asyncio.sleep(0)
    log(f"{name} finished tick {tick}")


async def main():
    t = asyncio.create_task(ticker(), name="ticker")
    a = asyncio.create_task(worker("A", 3, True), name="A")
    b = asyncio.create_task(worker("B", 2, False), name="B")
    c = asyncio.create_task(worker("C", 1, False), name="C")
    log(f"main created 4 tasks tick {tick}")
    await a
    log(f"main: A done tick {tick}")
    await b
    await c
    await spawned[0]
    log(f"main: all done tick {tick}")
    t.cancel()


run(main())
