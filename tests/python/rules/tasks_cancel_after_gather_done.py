# cancel() on a task whose gather has all its children done (the gather's result is on its
# way, its callback has not woken the task yet) cannot cancel any child: the gather keeps its
# result, but the task's cancel() still returns True and the CancelledError lands at the await
# of the gather, so the result is lost.
# From CPython 3.11 Lib/test/test_asyncio/test_tasks.py: BaseTaskTests.test_cancel_gather_1.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import Boom, blocking_sleep, describe, log, run


async def child(fut):
    r = await fut
    log(f"child got {r}")
    return r


async def gathering(fut):
    try:
        r = await asyncio.gather(child(fut))
        log(f"gather -> {r}")
    except asyncio.CancelledError as e:
        log(f"gather await raised {describe(e)}")
        raise


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    g = asyncio.create_task(gathering(fut), name="gathering")
    await asyncio.sleep(0)
    # A task that waits on the future and cancels g when it wakes (the same iteration as the
    # child's wake-up, after it), as a done callback on the future would.
    async def cancel_when_done(fut, g):
        await fut
        log(f"future done, cancel gathering -> {g.cancel()}")

    asyncio.create_task(cancel_when_done(fut, g), name="canceller")
    await asyncio.sleep(0)
    fut.set_result(42)
    try:
        await g
    except asyncio.CancelledError as e:
        log(f"await gathering: {describe(e)}")
    log(f"gathering cancelled() {g.cancelled()}")


run(main())
