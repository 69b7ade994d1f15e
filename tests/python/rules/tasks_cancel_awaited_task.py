# A task that cancels itself while running is not interrupted until it awaits: the next await
# raises CancelledError at once (a sleep(100) ends at t=0), and if that await is on another
# task, the cancellation is passed on to it (and to the future it awaits). A finished task's
# cancel() returns False.
# From CPython 3.11 Lib/test/test_asyncio/test_tasks.py: BaseTaskTests.test_cancel_awaited_task,
# test_cancel_current_task.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import Boom, blocking_sleep, describe, log, run


async def nested(fut):
    try:
        await fut
    except asyncio.CancelledError as e:
        log(f"nested: {describe(e)}")
        raise


async def outer(fut):
    n = asyncio.create_task(nested(fut), name="nested")
    await asyncio.sleep(0)
    log(f"outer cancels itself -> {asyncio.current_task().cancel()}")
    log("outer still runs, then awaits nested")
    await n


async def sleeper():
    log(f"sleeper cancels itself -> {asyncio.current_task().cancel()}")
    await asyncio.sleep(100)
    return 12


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    t = asyncio.create_task(outer(fut), name="outer")
    try:
        await t
    except asyncio.CancelledError as e:
        log(f"await outer: {describe(e)}")
    log(f"outer cancelled() {t.cancelled()}, future cancelled() {fut.cancelled()}")
    s = asyncio.create_task(sleeper(), name="sleeper")
    try:
        await s
    except asyncio.CancelledError as e:
        log(f"await sleeper: {describe(e)}")
    log(f"sleeper cancelled() {s.cancelled()}, cancel() -> {s.cancel()}")


run(main())
