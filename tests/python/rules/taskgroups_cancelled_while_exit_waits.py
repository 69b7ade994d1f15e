# From CPython 3.11 Lib/test/test_asyncio/test_taskgroups.py: TestTaskGroup.test_taskgroup_22
# and test_cancellation (the task is cancelled after the body finished, while the group waits
# for its children in __aexit__). The group cancels the children, waits for their cleanup and
# lets CancelledError out (with the cancel's message); a second cancel during that cleanup does
# not cut the wait short.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import describe, log, run


async def child(name, delay):
    try:
        await asyncio.sleep(delay)
    except asyncio.CancelledError:
        if name == "c1":  # one sibling only: the group cancels them in set order
            log(f"{name} cancelled, cleaning up")
            await asyncio.sleep(0.2)
            log(f"{name} cleanup done")
        raise
    return delay


async def runner():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(child("c1", 1), name="c1")
            tg.create_task(child("c2", 2), name="c2")
            log("body done")
    except asyncio.CancelledError as e:
        log(f"runner: {describe(e)} '{e}' cancelling() {asyncio.current_task().cancelling()}")
        raise


async def main():
    r = asyncio.create_task(runner(), name="runner")
    await asyncio.sleep(0.05)
    log(f"cancel runner -> {r.cancel('stop')}")
    await asyncio.sleep(0.1)
    log(f"cancel runner again -> {r.cancel('again')}")
    try:
        await r
    except asyncio.CancelledError as e:
        log(f"main: {describe(e)} r.cancelled() {r.cancelled()}")


run(main())
