# A hand-made timeout built on uncancel(): a timer callback cancels the task; the block's
# handler cancels the timer and turns the CancelledError into TimeoutError only if it fired
# and uncancel() brings the count back to 0, so the code after the block runs normally. When a
# cancel() from outside arrives as well, uncancel() leaves 1 and CancelledError goes on.
# From CPython 3.11 Lib/test/test_asyncio/test_tasks.py: BaseTaskTests.test_uncancel_structured_blocks.
# convention: timer-ties: timers fall due at the same moment; CPython leaves their order open, vloop and aio fire them in creation order
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import Boom, blocking_sleep, describe, log, run


async def request(sleep, timeout):
    task = asyncio.current_task()
    loop = asyncio.get_running_loop()
    timed_out = False
    finished = False

    def on_timeout():
        nonlocal timed_out
        timed_out = True
        log(f"{task.get_name()}: timer cancels the task")
        task.cancel()

    handle = loop.call_later(timeout, on_timeout)
    try:
        try:
            await asyncio.sleep(sleep)
            finished = True
        except asyncio.CancelledError:
            handle.cancel()
            if timed_out and task.uncancel() == 0:
                raise TimeoutError
            raise
        handle.cancel()
    except TimeoutError as e:
        log(f"{task.get_name()}: {describe(e)}")
    await asyncio.sleep(0)
    log(f"{task.get_name()}: timed_out {timed_out} finished {finished} cancelling() {task.cancelling()}")
    return "ok"


async def main():
    t1 = asyncio.create_task(request(10.0, 0.1), name="slow")
    log(f"slow -> {await t1}")
    t2 = asyncio.create_task(request(0, 10.0), name="quick")
    log(f"quick -> {await t2}")
    t3 = asyncio.create_task(request(10.0, 0.1), name="doubly")
    await asyncio.sleep(0.1)
    log(f"cancel doubly -> {t3.cancel()}")
    try:
        await t3
    except asyncio.CancelledError as e:
        log(f"doubly raised {describe(e)}, cancelling() {t3.cancelling()}")
    await asyncio.sleep(20)
    log("no timer left")


run(main())
