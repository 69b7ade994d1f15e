# uncancel() takes a cancel request back: a task that catches CancelledError and calls
# uncancel() is no longer cancelling (0) and runs on; a second cancel() counts from 0 again
# and, not caught, ends the task cancelled. uncancel() on the finished task changes the count
# but not the outcome.
# From CPython 3.11 Lib/test/test_asyncio/test_tasks.py: BaseTaskTests.test_uncancel_basic,
# test_cancelling.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import Boom, blocking_sleep, describe, log, run


async def worker():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        me = asyncio.current_task()
        log(f"worker caught the first cancel, uncancel() -> {me.uncancel()}")
        await asyncio.sleep(10)
        log("not reached")


async def main():
    t = asyncio.create_task(worker(), name="worker")
    await asyncio.sleep(0.1)
    log(f"cancel() -> {t.cancel()}")
    log(f"cancelling() {t.cancelling()} cancelled() {t.cancelled()}")
    await asyncio.sleep(0.1)
    log(f"after uncancel: cancelling() {t.cancelling()} cancelled() {t.cancelled()}")
    log(f"cancel() -> {t.cancel()}")
    log(f"cancel() again -> {t.cancel()}")
    log(f"cancelling() {t.cancelling()}")
    try:
        await t
    except asyncio.CancelledError as e:
        log(f"await worker: {describe(e)}")
    log(f"done() {t.done()} cancelled() {t.cancelled()} cancelling() {t.cancelling()}")
    log(f"uncancel() -> {t.uncancel()}")
    log(f"done() {t.done()} cancelled() {t.cancelled()} cancelling() {t.cancelling()}")


run(main())
