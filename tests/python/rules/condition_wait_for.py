# Condition.wait_for(predicate): the predicate is checked first, then after every wake-up, with
# the lock held; wait_for returns its value once it is true (at once, without yielding, if it
# already is). notify_all() wakes both consumers: the first to get the lock back takes the item,
# the second finds the predicate false and waits again.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import log, run


async def consumer(name, cond, items):
    async with cond:
        def ready():
            log(f"{name} checks: {len(items)} item(s), locked() {cond.locked()}")
            return len(items) > 0
        r = await cond.wait_for(ready)
        item = items.pop(0)
        log(f"{name} got {item} (wait_for -> {r})")


async def bystander():
    for i in range(3):
        log(f"bystander {i}")
        await asyncio.sleep(0)


async def main():
    cond = asyncio.Condition()
    items = []
    cs = [asyncio.create_task(consumer(n, cond, items), name=n) for n in ("a", "b")]
    await asyncio.sleep(0.1)
    async with cond:
        items.append("x")
        cond.notify_all()
        log("put x, notify_all()")
    await asyncio.sleep(0.1)
    async with cond:
        items.append("y")
        cond.notify()
        log("put y, notify()")
    for c in cs:
        await c
    b = asyncio.create_task(bystander(), name="bystander")
    async with cond:
        r = await cond.wait_for(lambda: True)
        log(f"wait_for(true) -> {r} without yielding")
    await b


run(main())
