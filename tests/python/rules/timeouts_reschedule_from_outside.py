# Another task may move a running scope's deadline: reschedule() later, then reschedule(None)
# (no deadline at all: neither old deadline fires). A cancellation from outside then ends the
# body with CancelledError, not TimeoutError, and the scope was never expired().
# From CPython 3.11 Lib/test/test_asyncio/test_timeouts.py: TimeoutTests.test_reschedule.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import Boom, blocking_sleep, describe, log, run


def when(cm):
    w = cm.when()
    return "None" if w is None else f"{w:.3f}"


async def guarded(cm, entered):
    async with cm:
        entered.set_result(None)
        try:
            await asyncio.sleep(50)
        except asyncio.CancelledError as e:
            log(f"guarded: {describe(e)}, expired() {cm.expired()}")
            raise


async def main():
    loop = asyncio.get_running_loop()
    cm = asyncio.timeout_at(1.0)
    entered = loop.create_future()
    task = asyncio.create_task(guarded(cm, entered), name="guarded")
    await entered
    log(f"when {when(cm)}")
    cm.reschedule(3.0)
    log(f"rescheduled: when {when(cm)}")
    cm.reschedule(None)
    log(f"rescheduled: when {when(cm)}")
    await asyncio.sleep(5)
    log(f"no deadline fired, task done() {task.done()}")
    task.cancel()
    try:
        await task
    except asyncio.CancelledError as e:
        log(f"await guarded: {describe(e)}")
    log(f"expired() {cm.expired()}")
    try:
        cm.reschedule(10)
    except RuntimeError as e:
        log(f"reschedule after the block: {describe(e)}")


run(main())
