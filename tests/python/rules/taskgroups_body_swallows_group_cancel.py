# From CPython 3.11 Lib/test/test_asyncio/test_taskgroups.py: TestTaskGroup.test_taskgroup_04,
# test_taskgroup_15 and test_taskgroup_no_create_task_after_failure (the body of a TaskGroup
# catches the cancel the group sends it when a child fails). The group cancels its task only
# once: a body that swallows it runs on undisturbed (its next sleep ends normally, a second
# failing child sends no new cancel), and when it ends the group still raises ExceptionGroup
# with every child error, its task's cancelling() back to 0.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import Boom, describe, log, run


async def fails(name, delay):
    await asyncio.sleep(delay)
    log(f"{name} raises")
    raise Boom(name)


async def slow_child():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        log("slow child cancelled, cleaning up")
        await asyncio.sleep(0.3)
        log("slow child raises in cleanup")
        raise Boom("cleanup")


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fails("first", 0.1), name="first")
            tg.create_task(slow_child(), name="slow")
            try:
                await asyncio.sleep(1)
            except asyncio.CancelledError:
                log(f"body swallows the cancel, cancelling() {asyncio.current_task().cancelling()}")
            await asyncio.sleep(0.5)
            log(f"body slept on undisturbed, cancelling() {asyncio.current_task().cancelling()}")
    except BaseExceptionGroup as eg:
        log(f"caught {describe(eg)} cancelling() {asyncio.current_task().cancelling()}")


run(main())
