# A task's result (or exception) can be awaited any number of times; awaiting a finished
# task does not yield to the loop.
# (The ticker starts only after the sleeps: a task that always stays ready keeps the virtual
# clock from moving.)
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import Boom, describe, log, run

tick = 0


async def ticker():
    global tick
    while True:
        tick += 1
        await asyncio.sleep(0)


async def job():
    await asyncio.sleep(0.1)
    return 5


async def bad():
    await asyncio.sleep(0.1)
    raise Boom("once")


async def main():
    j = asyncio.create_task(job(), name="job")
    b = asyncio.create_task(bad(), name="bad")
    log(f"first await {await j}")
    t = asyncio.create_task(ticker(), name="ticker")
    await asyncio.sleep(0)
    before = tick
    log(f"second await {await j}, iterations passed {tick - before}")
    for attempt in (1, 2):
        try:
            await b
        except Boom as e:
            log(f"await bad #{attempt}: caught {describe(e)}")
    log(f"exception() {describe(b.exception())}")
    t.cancel()


run(main())
