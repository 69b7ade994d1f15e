# When wait_for's timeout cancels the inner task and the task's cleanup raises another error,
# wait_for raises that error (not TimeoutError), once the cleanup is over.
# From CPython 3.11 Lib/test/test_asyncio/test_waitfor.py:
# AsyncioWaitForTest.test_wait_for_reraises_exception_during_cancellation.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import Boom, blocking_sleep, describe, log, run


async def inner():
    try:
        await asyncio.sleep(1)
    finally:
        log("inner cleanup")
        await asyncio.sleep(0.1)
        log("inner cleanup raises Boom")
        raise Boom("cleanup")


async def main():
    t = asyncio.create_task(inner(), name="inner")
    try:
        await asyncio.wait_for(t, timeout=0.3)
        log("not reached")
    except Boom as e:
        log(f"wait_for raised {describe(e)}")
    except TimeoutError as e:
        log(f"wait_for raised {describe(e)}")
    log(f"inner cancelled() {t.cancelled()}, exception {describe(t.exception())}")
    log(f"main cancelling() {asyncio.current_task().cancelling()}")


run(main())
