# wait_for's caller cancelled after the inner task finished but before wait_for resumed: 3.11
# returns the inner result (the cancellation is swallowed; cancelling() stays 1).
# convention: timer-ties: timers fall due at the same moment; CPython leaves their order open, vloop and aio fire them in creation order
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import describe, log, run


async def inner():
    await asyncio.sleep(1)
    log("inner returns 5")
    return 5


async def outer():
    try:
        r = await asyncio.wait_for(inner(), 10)
        log(f"outer got {r}, cancelling() {asyncio.current_task().cancelling()}")
        return r
    except asyncio.CancelledError as e:
        log(f"outer: {describe(e)}")
        raise


async def canceller(target):
    await asyncio.sleep(1)
    log(f"canceller: cancel() -> {target.cancel()}")


async def main():
    o = asyncio.create_task(outer(), name="outer")
    await asyncio.sleep(0)
    c = asyncio.create_task(canceller(o), name="canceller")
    try:
        log(f"main got {await o}")
    except asyncio.CancelledError as e:
        log(f"main: {describe(e)}")
    await c


run(main())
