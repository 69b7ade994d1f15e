# Cancelling the task that runs wait_for(task, timeout) cancels the awaited task too, with or
# without a timeout (timeout=None is a plain await): the cancel comes from a call_soon callback
# in the very next iteration, and both tasks end cancelled.
# From CPython 3.11 Lib/test/test_asyncio/test_waitfor.py: AsyncioWaitForTest.test_cancel_blocking_wait_for,
# test_cancel_wait_for.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import Boom, blocking_sleep, describe, log, run


async def blocking(name, fut):
    try:
        await fut
    except asyncio.CancelledError as e:
        log(f"{name}: {describe(e)}")
        raise


async def main():
    loop = asyncio.get_running_loop()
    for timeout in (None, 60.0):
        label = "None" if timeout is None else f"{timeout:.1f}"
        fut = loop.create_future()
        task = asyncio.create_task(blocking(f"blocking({label})", fut), name=f"blocking({label})")
        wait = asyncio.create_task(asyncio.wait_for(task, timeout), name=f"wait_for({label})")
        loop.call_soon(wait.cancel)
        try:
            await wait
            log("not reached")
        except asyncio.CancelledError as e:
            log(f"await wait_for({label}): {describe(e)}")
        log(f"task cancelled() {task.cancelled()}, future cancelled() {fut.cancelled()}")


run(main())
