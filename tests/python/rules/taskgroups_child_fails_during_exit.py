# From CPython 3.11 Lib/test/test_asyncio/test_taskgroups.py: TestTaskGroup.test_taskgroup_04,
# test_taskgroup_13 and test_taskgroup_24 (a child fails after the body finished, while the group
# waits in __aexit__). The group still cancels the other children and raises ExceptionGroup, but
# in 3.11 it has already passed the point where it takes back the cancel it sends its task: the
# task's cancelling() stays 1 (it is 0 when the child fails while the body still runs). A body
# awaiting another task when a child fails gets that task cancelled with it.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import Boom, describe, log, run


async def fails(delay):
    await asyncio.sleep(delay)
    log("fails raises")
    raise Boom("child")


async def other():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        log("other cancelled")
        raise


async def runner(mode):
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fails(0.1), name="fails")
            if mode == "body sleeps":
                await asyncio.sleep(1)
            elif mode == "body awaits a task":
                await asyncio.create_task(other(), name="other")
            log(f"body done ({mode})")
    except BaseExceptionGroup as eg:
        log(f"{mode}: {describe(eg)} cancelling() {asyncio.current_task().cancelling()}")
    await asyncio.sleep(0.1)
    log(f"{mode}: slept on, cancelling() {asyncio.current_task().cancelling()}")


async def main():
    for mode in ("body sleeps", "body returns", "body awaits a task"):
        await asyncio.create_task(runner(mode), name="runner")


run(main())
