# Cancellation travels down through awaits: cancelling a task that awaits a coroutine that
# awaits a future cancels the future, and the CancelledError goes up through both frames
# (the outer one may catch it and return normally: the task is then not cancelled). A task
# that awaits asyncio.wait() is different: the cancellation stops at the wait, the waited task
# is not cancelled and finishes later.
# From CPython 3.11 Lib/test/test_asyncio/test_tasks.py: BaseTaskTests.test_yield_future_passes_cancel,
# test_yield_wait_does_not_shield_cancel.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import Boom, blocking_sleep, describe, log, run


async def inner(fut):
    try:
        await fut
    except asyncio.CancelledError as e:
        log(f"inner: {describe(e)}")
        raise


async def outer(fut):
    try:
        await inner(fut)
    except asyncio.CancelledError as e:
        log(f"outer caught {describe(e)}")
    return "outer returned"


async def worker(fut):
    await fut
    log("worker finished")


async def waiting(w):
    await asyncio.wait([w])
    log("not reached")


async def main():
    loop = asyncio.get_running_loop()
    f1 = loop.create_future()
    t1 = asyncio.create_task(outer(f1), name="outer")
    await asyncio.sleep(0)
    log(f"cancel outer -> {t1.cancel()}")
    r = await t1
    log(f"{r}: outer cancelled() {t1.cancelled()}, future cancelled() {f1.cancelled()}")

    f2 = loop.create_future()
    w = asyncio.create_task(worker(f2), name="worker")
    t2 = asyncio.create_task(waiting(w), name="waiting")
    await asyncio.sleep(0)
    log(f"cancel waiting -> {t2.cancel()}")
    try:
        await t2
    except asyncio.CancelledError as e:
        log(f"await waiting: {describe(e)}, worker done() {w.done()}")
    f2.set_result(None)
    await w
    log(f"worker cancelled() {w.cancelled()}")


run(main())
