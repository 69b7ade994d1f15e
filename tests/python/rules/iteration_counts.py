# How many loop iterations each kind of wait costs when the awaited work finishes at once.
# asyncio wakes a waiter through done callbacks scheduled with call_soon, one hop per iteration:
# awaiting a task costs 2 iterations, gather 3, wait_for 3 ... The ticker counts them.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import log, run

tick = 0


async def ticker():
    global tick
    while True:
        tick += 1
        await asyncio.sleep(0)


async def quick(x):
    return x


async def get_one(q):
    return await q.get()


async def wait_event(ev):
    await ev.wait()


async def main():
    t = asyncio.create_task(ticker(), name="ticker")
    await asyncio.sleep(0)

    before = tick
    await asyncio.create_task(quick(1), name="q")
    log(f"await task: {tick - before}")

    before = tick
    await asyncio.gather(quick(1), quick(2))
    log(f"gather: {tick - before}")

    before = tick
    await asyncio.wait_for(quick(1), timeout=1)
    log(f"wait_for: {tick - before}")

    before = tick
    await asyncio.wait([asyncio.create_task(quick(1), name="w")])
    log(f"wait: {tick - before}")

    before = tick
    await asyncio.shield(asyncio.create_task(quick(1), name="s"))
    log(f"shield: {tick - before}")

    before = tick
    async with asyncio.TaskGroup() as tg:
        tg.create_task(quick(1), name="g")
    log(f"TaskGroup: {tick - before}")

    q = asyncio.Queue()
    getter = asyncio.create_task(get_one(q), name="getter")
    await asyncio.sleep(0)
    before = tick
    q.put_nowait(1)
    await getter
    log(f"Queue.get woken by put: {tick - before}")

    ev = asyncio.Event()
    waiter = asyncio.create_task(wait_event(ev), name="waiter")
    await asyncio.sleep(0)
    before = tick
    ev.set()
    await waiter
    log(f"Event.wait woken by set: {tick - before}")

    before = tick
    async with asyncio.timeout(1):
        await quick(1)
    log(f"timeout scope without await: {tick - before}")
    t.cancel()


run(main())
