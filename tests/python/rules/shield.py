# shield: cancelling the task that awaits a shielded task does not cancel the inner task.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import describe, log, run


async def inner():
    log("inner starts")
    await asyncio.sleep(0.5)
    log("inner done")
    return "inner result"


async def outer(inner_task):
    try:
        return await asyncio.shield(inner_task)
    except asyncio.CancelledError:
        log("outer: CancelledError")
        raise


async def main():
    it = asyncio.create_task(inner(), name="inner")
    ot = asyncio.create_task(outer(it), name="outer")
    await asyncio.sleep(0.1)
    log(f"cancel outer -> {ot.cancel()}")
    try:
        await ot
    except asyncio.CancelledError as e:
        log(f"main: outer raised {describe(e)}")
    log(f"inner done? {it.done()} cancelled? {it.cancelled()}")
    r = await it
    log(f"inner result: {r}")


run(main())
