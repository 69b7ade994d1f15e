# Cancelling the future a task awaits (not the task) raises CancelledError in the task; left
# uncaught, the task ends cancelled although nobody called its cancel() (cancelling() 0).
# Cancelling the future and then the task: the task's cancel() still returns True and counts.
# A task that swallows the CancelledError from a cancelled future goes on to its next await
# and returns normally.
# From CPython 3.11 Lib/test/test_asyncio/test_tasks.py: BaseTaskTests.test_cancel_inner_future,
# test_cancel_both_task_and_inner_future, test_cancel_task_ignoring.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import Boom, blocking_sleep, describe, log, run


async def awaits(name, fut):
    log(f"{name} awaits its future")
    await fut
    log(f"{name}: not reached")
    return 12


async def ignoring(fut1, fut2):
    try:
        await fut1
    except asyncio.CancelledError as e:
        log(f"ignoring swallows {describe(e)}")
    r = await fut2
    log(f"ignoring got {r}")
    return r


async def report(name, t):
    try:
        r = await t
        log(f"{name} returned {r}")
    except asyncio.CancelledError as e:
        log(f"{name} raised {describe(e)}")
    log(f"{name}: cancelled() {t.cancelled()} cancelling() {t.cancelling()}")


async def main():
    loop = asyncio.get_running_loop()
    f = loop.create_future()
    t = asyncio.create_task(awaits("a", f), name="a")
    await asyncio.sleep(0)
    log(f"f.cancel() -> {f.cancel()}")
    await report("a", t)

    f = loop.create_future()
    t = asyncio.create_task(awaits("b", f), name="b")
    await asyncio.sleep(0)
    log(f"f.cancel() -> {f.cancel()}")
    log(f"b.cancel() -> {t.cancel()}")
    await report("b", t)

    f1 = loop.create_future()
    f2 = loop.create_future()
    t = asyncio.create_task(ignoring(f1, f2), name="ignoring")
    await asyncio.sleep(0)
    log(f"ignoring.cancel() -> {t.cancel()}, f1 cancelled() {f1.cancelled()}")
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    f2.set_result(42)
    await report("ignoring", t)


run(main())
