# Cancelling a task that awaits another task cancels the awaited task too;
# the awaiting task sees CancelledError once the awaited one has finished cancelling.
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


async def outer(t):
    try:
        await t
    except asyncio.CancelledError:
        log("outer: CancelledError")
        raise


async def main():
    i = asyncio.create_task(inner(), name="inner")
    o = asyncio.create_task(outer(i), name="outer")
    await asyncio.sleep(0.2)
    log(f"cancel outer -> {o.cancel()}")
    try:
        await o
    except asyncio.CancelledError as e:
        log(f"main: outer {describe(e)}")
    log(f"inner cancelled() {i.cancelled()}")


run(main())
