# loop.call_soon / call_later / call_at: call_soon goes to the end of the ready queue (behind
# the task steps already there) and runs in the next iteration; timers fire in (deadline,
# creation order), together with sleeps; a cancelled handle never runs; what a callback
# schedules runs one iteration later. cancel() after the call still marks the handle.
# convention: timer-ties: timers fall due at the same moment; CPython leaves their order open, vloop and aio fire them in creation order
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import describe, log, run


async def ticker():
    for i in range(3):
        log(f"ticker {i}")
        await asyncio.sleep(0)


async def sleeper(delay):
    await asyncio.sleep(delay)
    log(f"sleeper woke after {delay}")


def outer(loop):
    log("outer callback")
    loop.call_soon(lambda: log("inner callback"))


async def main():
    loop = asyncio.get_running_loop()
    asyncio.create_task(ticker(), name="ticker")
    loop.call_soon(lambda: log("soon 1"))
    h = loop.call_soon(lambda: log("soon 2 (not reached)"))
    loop.call_soon(lambda: log("soon 3"))
    h.cancel()
    log(f"h.cancelled() {h.cancelled()}")
    await asyncio.sleep(0)
    log("main after one iteration")

    t1 = loop.call_later(0.5, lambda: log("later 0.5"))
    asyncio.create_task(sleeper(0.5), name="sleeper")
    t2 = loop.call_at(loop.time() + 0.5, lambda: log("at now+0.5"))
    t3 = loop.call_later(0.2, lambda: log("later 0.2 (not reached)"))
    t3.cancel()
    loop.call_later(0.1, outer, loop)
    log(f"t1.when() {t1.when():.3f}, t2.when() {t2.when():.3f}, t3.cancelled() {t3.cancelled()}")
    await asyncio.sleep(1)
    log(f"t1.cancelled() {t1.cancelled()}")
    t1.cancel()
    log(f"t1.cancelled() after cancel() {t1.cancelled()}")

    fut = loop.create_future()
    loop.call_later(0.3, fut.set_result, "from a timer")
    log(f"awaited: {await fut}")


run(main())
