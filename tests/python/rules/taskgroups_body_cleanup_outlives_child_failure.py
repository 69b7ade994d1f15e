# From CPython 3.11 Lib/test/test_asyncio/test_taskgroups.py: TestTaskGroup.test_taskgroup_15
# and test_taskgroup_16 (a task cancelled from outside whose TaskGroup body, cleaning up, still
# waits when a child fails). The group cancels its body again (the cleanup's sleep is cut short)
# and raises ExceptionGroup, not CancelledError; the same when the cancel comes through another
# task that awaits the one holding the group.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import Boom, describe, log, run


async def crash_soon():
    await asyncio.sleep(0.3)
    log("crash_soon raises")
    raise Boom("child")


async def grouped():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(crash_soon(), name="crash_soon")
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            log("body cancelled, cleaning up")
            try:
                await asyncio.sleep(0.5)
                log("body cleanup done")
            except asyncio.CancelledError:
                log("body cleanup cancelled")
            raise


async def outer():
    t = asyncio.create_task(grouped(), name="grouped")
    await t


async def main():
    for coro, name in ((grouped, "grouped"), (outer, "outer")):
        r = asyncio.create_task(coro(), name=name)
        await asyncio.sleep(0.1)
        log(f"cancel {name} -> {r.cancel()}")
        try:
            await r
        except BaseException as e:
            log(f"main: {describe(e)} cancelled() {r.cancelled()}")


run(main())
