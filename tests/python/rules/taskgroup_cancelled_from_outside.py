# A task cancelled while inside a TaskGroup: the body gets CancelledError, the group cancels
# its children, waits for them, and lets CancelledError out.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import describe, log, run


async def child():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        log("child cancelled, cleaning up")
        await asyncio.sleep(0.1)
        log("child cleanup done")
        raise


async def grouped():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(child(), name="child")
            await asyncio.sleep(1)
    except asyncio.CancelledError:
        log("grouped: CancelledError left the group")
        raise


async def main():
    t = asyncio.create_task(grouped(), name="grouped")
    await asyncio.sleep(0.2)
    log(f"cancel grouped -> {t.cancel()}")
    try:
        await t
    except asyncio.CancelledError as e:
        log(f"main: {describe(e)}")


run(main())
