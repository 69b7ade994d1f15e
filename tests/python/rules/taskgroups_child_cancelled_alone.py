# From CPython 3.11 Lib/test/test_asyncio/test_taskgroups.py: TestTaskGroup.test_taskgroup_01,
# test_taskgroup_02 and test_taskgroup_03 (children cancelled one by one do not fail the group).
# A child cancelled on its own ends cancelled; the group goes on, takes new children after that,
# waits for the rest and raises nothing; the body is not cancelled.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import log, run


async def job(name, delay, value):
    try:
        await asyncio.sleep(delay)
    except asyncio.CancelledError:
        log(f"{name} cancelled")
        raise
    log(f"{name} returns {value}")
    return value


async def main():
    async with asyncio.TaskGroup() as tg:
        t1 = tg.create_task(job("t1", 1, 42), name="t1")
        t2 = tg.create_task(job("t2", 0.1, 7), name="t2")
        await asyncio.sleep(0.15)
        log(f"cancel t1 -> {t1.cancel()}")
        t3 = tg.create_task(job("t3", 0.2, 11), name="t3")
        await asyncio.sleep(0)
        log(f"body done, t1.cancelled() {t1.cancelled()}")
    log(f"after the group: t2 {t2.result()} t3 {t3.result()} cancelling() {asyncio.current_task().cancelling()}")


run(main())
