# Condition.notify(1) twice before the first woken task has run: the second notify skips the
# waiter already woken and wakes the next one (two wake up, not one).
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import log, run


async def waiter(name, cond):
    async with cond:
        await cond.wait()
        log(f"{name} woken")


async def main():
    cond = asyncio.Condition()
    tasks = [asyncio.create_task(waiter(n, cond), name=n) for n in ("w1", "w2", "w3")]
    await asyncio.sleep(0)
    async with cond:
        cond.notify(1)
        cond.notify(1)
        log("notify(1) twice")
    await asyncio.sleep(1)
    async with cond:
        cond.notify_all()
        log("notify_all()")
    await asyncio.gather(*tasks)


run(main())
