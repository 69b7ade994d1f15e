# From CPython 3.11 Lib/test/test_asyncio/test_taskgroups.py: TestTaskGroup.test_taskgroup_04
# and test_cancel_children_on_child_error. Three children fail in the same loop iteration: the
# first failure cancels the sibling and the body, but the other two have already failed, so the
# ExceptionGroup holds all three, in the order they failed. Code after the group never runs.
# convention: timer-ties: timers fall due at the same moment; CPython leaves their order open, vloop and aio fire them in creation order
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import Boom, describe, log, run


async def fails(name):
    await asyncio.sleep(0.1)
    log(f"{name} raises")
    raise Boom(name)


async def sibling():
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        log("sibling cancelled")
        raise


async def runner():
    async with asyncio.TaskGroup() as tg:
        for name in ("a", "b", "c"):
            tg.create_task(fails(name), name=name)
        s = tg.create_task(sibling(), name="sibling")
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            log(f"body cancelled, sibling done() {s.done()}")
            raise
    log("after the group (not reached)")


async def main():
    r = asyncio.create_task(runner(), name="runner")
    try:
        await r
    except BaseExceptionGroup as eg:
        log(f"main: {describe(eg)}")


run(main())
