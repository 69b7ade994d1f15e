# From CPython 3.11 Lib/test/test_asyncio/test_taskgroups.py: TestTaskGroup.test_taskgroup_17
# and test_taskgroup_18 (a task cancelled from outside inside a TaskGroup without children).
# If the body lets CancelledError out, CancelledError leaves the group; if it raises another
# error instead, the group raises ExceptionGroup(that error), and the task's cancelling() stays 1.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import Boom, describe, log, run


async def runner(swap):
    try:
        async with asyncio.TaskGroup():
            try:
                await asyncio.sleep(10)
            except asyncio.CancelledError:
                log(f"body cancelled, swap={swap}")
                if swap:
                    raise Boom("instead")
                raise
    except BaseException as e:
        log(f"runner: {describe(e)} cancelling() {asyncio.current_task().cancelling()}")
        raise


async def main():
    for swap in (False, True):
        r = asyncio.create_task(runner(swap), name="runner")
        await asyncio.sleep(0.1)
        log(f"cancel runner -> {r.cancel()}")
        try:
            await r
        except BaseException as e:
            log(f"main: {describe(e)} r.cancelled() {r.cancelled()}")


run(main())
