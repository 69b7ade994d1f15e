# wait_for's race between the result and the timeout: when the future gets its result at the
# very moment the timeout fires, the result wins whichever timer runs first, because wait_for
# looks at the future only when it wakes up, one iteration later.
# From CPython 3.11 Lib/test/test_asyncio/test_waitfor.py: AsyncioWaitForTest.test_wait_for_race_condition.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import Boom, blocking_sleep, describe, log, run


async def waiter(fut):
    r = await asyncio.wait_for(fut, timeout=0.2)
    log(f"waiter got {r}")
    return r


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    loop.call_later(0.1, fut.set_result, "early")
    log(f"result before the deadline: {await asyncio.wait_for(fut, timeout=0.2)}")

    fut = loop.create_future()
    loop.call_later(0.2, fut.set_result, "set first")
    log(f"result set just before the timeout fires: {await asyncio.wait_for(fut, timeout=0.2)}")

    fut = loop.create_future()
    t = asyncio.create_task(waiter(fut), name="waiter")
    await asyncio.sleep(0)
    loop.call_later(0.2, fut.set_result, "set second")
    r = await t
    log(f"result set just after the timeout fired: {r}, fut.cancelled() {fut.cancelled()}")


run(main())
