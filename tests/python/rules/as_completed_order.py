# as_completed yields results in the order the tasks finish, not the order given; a failed
# task's exception is raised by its await; tasks finishing in the same iteration come in the
# order their done callbacks ran. A result arrives two iterations after its task finished (the
# done callback puts it in a queue, the queue wakes the awaiting task): the ticker shows when.
# An empty list yields nothing.
# convention: timer-ties: timers fall due at the same moment; CPython leaves their order open, vloop and aio fire them in creation order
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import Boom, describe, log, run


async def job(name, delay, fail):
    await asyncio.sleep(delay)
    log(f"{name} finishes")
    if fail:
        raise Boom(name)
    return name


async def ticker():
    await asyncio.sleep(0.3)
    for i in range(4):
        log(f"tick {i}")
        await asyncio.sleep(0)


async def main():
    specs = (("a", 0.3, False), ("b", 0.1, False), ("c", 0.2, True), ("d", 0.2, False), ("e", 0.1, False))
    tasks = [asyncio.create_task(job(n, d, f), name=n) for n, d, f in specs]
    t = asyncio.create_task(ticker(), name="ticker")
    for f in asyncio.as_completed(tasks):
        try:
            r = await f
            log(f"got {r}")
        except Boom as e:
            log(f"raised {describe(e)}")
    await t
    n = 0
    for f in asyncio.as_completed([]):
        n += 1
    log(f"as_completed([]) yields {n}")


run(main())
