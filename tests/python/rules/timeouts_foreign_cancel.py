# A cancellation that does not come from the timeout passes through the scope as
# CancelledError (expired() stays False, the request stays counted); a task whose own timeout
# fired and that caught the TimeoutError is not cancelled: it finishes with its result.
# From CPython 3.11 Lib/test/test_asyncio/test_timeouts.py:
# TimeoutTests.test_foreign_cancel_doesnt_timeout_if_not_expired, test_outer_task_is_not_cancelled.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import Boom, blocking_sleep, describe, log, run


async def worker():
    try:
        async with asyncio.timeout(0.1):
            await asyncio.sleep(10)
    except TimeoutError as e:
        log(f"worker: {describe(e)}")
    return "worker result"


async def main():
    me = asyncio.current_task()
    cm = asyncio.timeout(10)
    try:
        async with cm:
            log(f"cancel myself -> {me.cancel()}")
            await asyncio.sleep(10)
            log("not reached")
    except asyncio.CancelledError as e:
        log(f"caught {describe(e)}, expired() {cm.expired()}, cancelling() {me.cancelling()}")
    log(f"uncancel() -> {me.uncancel()}")
    t = asyncio.create_task(worker(), name="worker")
    r = await t
    log(f"{r}: done() {t.done()} cancelled() {t.cancelled()} cancelling() {t.cancelling()}")


run(main())
