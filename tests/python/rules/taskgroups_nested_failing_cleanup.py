# From CPython 3.11 Lib/test/test_asyncio/test_taskgroups.py: TestTaskGroup.test_taskgroup_11
# and test_taskgroup_12 (nested TaskGroups, the task cancelled from outside, the inner group's
# child raising in its cleanup). The inner group turns the cancel into ExceptionGroup(Boom);
# the outer group gets that as its body's error, cancels its own child, and wraps it once more:
# ExceptionGroup(ExceptionGroup(Boom)).
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import Boom, describe, log, run


async def inner_child():
    try:
        await asyncio.sleep(10)
    finally:
        log("inner_child cleanup raises")
        raise Boom("inner")


async def outer_child():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        log("outer_child cancelled")
        raise


async def runner():
    async with asyncio.TaskGroup() as g1:
        g1.create_task(outer_child(), name="outer_child")
        try:
            async with asyncio.TaskGroup() as g2:
                g2.create_task(inner_child(), name="inner_child")
                try:
                    await asyncio.sleep(10)
                except asyncio.CancelledError:
                    log("inner body cancelled")
                    raise
        except BaseExceptionGroup as eg:
            log(f"inner group raised {describe(eg)}")
            raise


async def main():
    r = asyncio.create_task(runner(), name="runner")
    await asyncio.sleep(0.1)
    log(f"cancel runner -> {r.cancel()}")
    try:
        await r
    except BaseException as e:
        log(f"main: {describe(e)} r.cancelled() {r.cancelled()}")


run(main())
