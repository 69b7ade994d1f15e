# Cancelling a task that is inside wait_for cancels the inner task, waits for its cleanup,
# and raises CancelledError (not TimeoutError).
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import describe, log, run


async def inner():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        log("inner cancelled, cleaning up")
        await asyncio.sleep(0.1)
        log("inner cleanup done")
        raise


async def outer():
    try:
        await asyncio.wait_for(inner(), timeout=5)
    except asyncio.CancelledError:
        log("outer: CancelledError")
        raise


async def main():
    o = asyncio.create_task(outer(), name="outer")
    await asyncio.sleep(0.2)
    o.cancel()
    try:
        await o
    except asyncio.CancelledError as e:
        log(f"main: {describe(e)}")


run(main())
