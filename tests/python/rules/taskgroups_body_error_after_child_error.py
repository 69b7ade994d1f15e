# From CPython 3.11 Lib/test/test_asyncio/test_taskgroups.py: TestTaskGroup.test_taskgroup_19
# and test_taskgroup_context_manager_exit_raises (gh-95289). A child fails while the body waits;
# the body, cancelled by the group, raises its own error from its cleanup instead of
# CancelledError. The group holds both, the child's first and the body's last, and takes back
# the cancel it sent: the task's cancelling() is 0 afterwards.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import Boom, describe, log, run


async def crash_soon(delay):
    await asyncio.sleep(delay)
    log("crash_soon raises")
    raise Boom("child")


async def nested():
    try:
        await asyncio.sleep(10)
    finally:
        log("nested cleanup raises")
        raise Boom("body")


async def main():
    for delay in (0.1, 0):
        try:
            async with asyncio.TaskGroup() as tg:
                tg.create_task(crash_soon(delay), name="crash_soon")
                await nested()
        except BaseExceptionGroup as eg:
            log(f"caught {describe(eg)} cancelling() {asyncio.current_task().cancelling()}")


run(main())
