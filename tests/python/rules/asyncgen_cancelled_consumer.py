# Cancelling the task that iterates a generator raises CancelledError at the await inside the
# generator: its cleanup runs (and may await) in that task, then the cancellation propagates.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import describe, log, run


async def pages():
    try:
        for i in range(10):
            await asyncio.sleep(0.1)
            yield i
    except asyncio.CancelledError:
        log(f"pages: CancelledError in {asyncio.current_task().get_name()}")
        raise
    finally:
        log("pages cleanup")
        await asyncio.sleep(0.05)
        log("pages cleanup done")


async def consumer():
    try:
        async for page in pages():
            log(f"consumer got {page}")
    finally:
        log("consumer finally")


async def main():
    c = asyncio.create_task(consumer(), name="consumer")
    await asyncio.sleep(0.25)
    c.cancel()
    log("main cancelled consumer")
    try:
        await c
    except asyncio.CancelledError as e:
        log(f"main: {describe(e)}")
    log(f"consumer cancelled? {c.cancelled()}")


run(main())
