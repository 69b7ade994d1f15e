# wait_for stays cancellable while it waits for the inner task to finish its cancellation:
# the inner task swallows the timeout's cancellation and goes on working; cancelling the task
# that runs wait_for then ends wait_for with CancelledError at once, without cancelling the
# inner task again, which later returns its value.
# From CPython 3.11 Lib/test/test_asyncio/test_waitfor.py: AsyncioWaitForTest.test_wait_for_self_cancellation.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import Boom, blocking_sleep, describe, log, run


async def inner():
    try:
        await asyncio.sleep(0.3)
    except asyncio.CancelledError:
        log("inner swallows the first cancellation")
        try:
            await asyncio.sleep(0.3)
        except asyncio.CancelledError:
            log("inner cancelled a second time")
            await asyncio.sleep(0.3)
    log("inner returns 42")
    return 42


async def waiting(t):
    try:
        return await asyncio.wait_for(t, timeout=0.1)
    except asyncio.CancelledError as e:
        log(f"wait_for raised {describe(e)}")
        raise


async def main():
    inner_task = asyncio.create_task(inner(), name="inner")
    w = asyncio.create_task(waiting(inner_task), name="waiting")
    await asyncio.sleep(0.2)
    log(f"cancel waiting -> {w.cancel()}")
    try:
        await w
    except asyncio.CancelledError as e:
        log(f"await waiting: {describe(e)}, inner done() {inner_task.done()}")
    log(f"inner result {await inner_task}, cancelling() {inner_task.cancelling()}")


run(main())
