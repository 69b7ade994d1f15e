# An async generator runs inside the task that iterates it: its awaits interleave with other
# tasks as the consumer's own awaits would, and nothing runs before the first __anext__.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import log, run


async def pages(n):
    log("pages starts")
    for i in range(n):
        await asyncio.sleep(0.1)
        log(f"pages yields {i} in {asyncio.current_task().get_name()}")
        yield i
    log("pages ends")


async def ticker():
    for i in range(4):
        log(f"tick {i}")
        await asyncio.sleep(0.07)


async def main():
    t = asyncio.create_task(ticker(), name="ticker")
    gen = pages(3)
    log("generator made")
    await asyncio.sleep(0)
    async for page in gen:
        log(f"main got {page}")
        await asyncio.sleep(0)
    log("async for done")
    await t


run(main())
