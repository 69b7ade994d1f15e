# From CPython 3.11 Lib/test/test_asyncio/test_taskgroups.py: TestTaskGroup.test_taskgroup_09
# and test_taskgroup_10 (the body of a TaskGroup raises). The group cancels every child and
# raises ExceptionGroup(the body's error). Children created in the same step as the raise are
# cancelled before they ever run: their first line is never reached.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import Boom, describe, log, run


async def child(name, delay):
    log(f"{name} starts")
    try:
        await asyncio.sleep(delay)
    except asyncio.CancelledError:
        if name == "t1":  # one sibling only: the group cancels them in set order
            log(f"{name} cancelled")
        raise
    return delay


async def main():
    for wait in (0.1, None):
        t1 = t2 = None
        try:
            async with asyncio.TaskGroup() as tg:
                t1 = tg.create_task(child("t1", 1), name="t1")
                t2 = tg.create_task(child("t2", 2), name="t2")
                if wait is not None:
                    await asyncio.sleep(wait)
                log("body raises")
                raise Boom("body")
        except BaseExceptionGroup as eg:
            log(f"caught {describe(eg)}")
        log(f"t1.cancelled() {t1.cancelled()} t2.cancelled() {t2.cancelled()}")


run(main())
