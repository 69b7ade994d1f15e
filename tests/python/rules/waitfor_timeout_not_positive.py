# wait_for with a timeout of 0 or less: a future that is already done gives its result at
# once, without yielding to the loop; a running task is cancelled at once, wait_for waits for
# its cleanup (however long it takes) and then raises TimeoutError; the task ends cancelled.
# From CPython 3.11 Lib/test/test_asyncio/test_waitfor.py:
# AsyncioWaitForTest.test_wait_for_timeout_less_then_0_or_0_future_done,
# test_wait_for_timeout_less_then_0_or_0, test_wait_for_waits_for_task_cancellation_w_timeout_0.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import Boom, blocking_sleep, describe, log, run


async def other():
    log("other task runs")


async def worker(name):
    log(f"{name} starts")
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        log(f"{name} cancelled, cleaning up")
        await asyncio.sleep(0.2)
        log(f"{name} cleanup done")
        raise
    return "done"


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.set_result("ready")
    asyncio.create_task(other(), name="other")
    r = await asyncio.wait_for(fut, 0)
    log(f"done future -> {r}")
    await asyncio.sleep(0)
    for timeout in (0, -1):
        t = asyncio.create_task(worker(f"w{timeout}"), name=f"w{timeout}")
        await asyncio.sleep(0)
        try:
            await asyncio.wait_for(t, timeout)
            log("not reached")
        except TimeoutError as e:
            log(f"timeout={timeout}: {describe(e)}, cancelled() {t.cancelled()}")


run(main())
