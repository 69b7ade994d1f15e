# From CPython 3.11 Lib/test/test_asyncio/test_taskgroups.py: TestTaskGroup.test_taskgroup_13
# and test_taskgroup_14 (nested TaskGroups, one child failing). When the outer group's child
# fails, the outer group cancels its body, so the inner group cancels its child and lets
# CancelledError out; the outer group takes its own cancel back: ExceptionGroup(Boom(outer)).
# When the inner group's child fails, the inner group raises ExceptionGroup into the outer
# body, which cancels the outer child: ExceptionGroup(ExceptionGroup(Boom(inner))).
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import Boom, describe, log, run


async def crash_after(name, delay):
    try:
        await asyncio.sleep(delay)
    except asyncio.CancelledError:
        log(f"{name} cancelled")
        raise
    log(f"{name} raises")
    raise Boom(name)


async def runner(outer_delay, inner_delay):
    async with asyncio.TaskGroup() as g1:
        g1.create_task(crash_after("outer", outer_delay), name="outer")
        try:
            async with asyncio.TaskGroup() as g2:
                g2.create_task(crash_after("inner", inner_delay), name="inner")
                log("inner body done")
        except BaseException as e:
            log(f"inner group raised {describe(e)}")
            raise


async def main():
    for outer_delay, inner_delay in ((0.1, 10), (10, 0.1)):
        try:
            await runner(outer_delay, inner_delay)
        except BaseException as e:
            log(f"main: {describe(e)} cancelling() {asyncio.current_task().cancelling()}")


run(main())
