# TaskGroup: the first failure cancels the siblings and the body; the group waits for
# their cleanup and raises an ExceptionGroup holding every error, in the order they happened.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import Boom, describe, log, run


async def fails():
    await asyncio.sleep(0.1)
    log("fails raises")
    raise Boom("first")


async def sibling():
    try:
        await asyncio.sleep(1)
        log("sibling done")
    except asyncio.CancelledError:
        log("sibling cancelled, cleaning up")
        await asyncio.sleep(0.1)
        log("sibling raises in cleanup")
        raise Boom("second")


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fails(), name="fails")
            tg.create_task(sibling(), name="sibling")
            try:
                await asyncio.sleep(1)
                log("body done")
            except asyncio.CancelledError:
                log("body cancelled")
                raise
        log("after the group (not reached)")
    except BaseExceptionGroup as eg:
        log(f"caught {describe(eg)}")
    log(f"main cancelling() {asyncio.current_task().cancelling()}")


run(main())
