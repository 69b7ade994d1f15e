# From CPython 3.11 Lib/test/test_asyncio/test_taskgroups.py: TestTaskGroup.test_taskgroup_08
# (a task cancelled from outside while its TaskGroup's child raises in its cleanup). The group
# raises ExceptionGroup, not CancelledError: the child's error wins over the cancellation. The
# same when the cancel arrives while the group already waits in __aexit__. The cancelled task's
# cancelling() stays 1 (nobody took the outside cancel back).
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import Boom, describe, log, run


async def child():
    try:
        await asyncio.sleep(10)
    finally:
        log("child cleanup raises")
        raise Boom("cleanup")


async def runner(body_waits):
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(child(), name="child")
            if body_waits:
                try:
                    await asyncio.sleep(10)
                except asyncio.CancelledError:
                    log("body cancelled")
                    raise
            else:
                log("body done")
    except BaseExceptionGroup as eg:
        log(f"runner: {describe(eg)} cancelling() {asyncio.current_task().cancelling()}")
        raise


async def main():
    for body_waits in (True, False):
        r = asyncio.create_task(runner(body_waits), name="runner")
        await asyncio.sleep(0.1)
        log(f"cancel runner -> {r.cancel()}")
        try:
            await r
        except BaseException as e:
            log(f"main: {describe(e)} r.cancelled() {r.cancelled()}")


run(main())
