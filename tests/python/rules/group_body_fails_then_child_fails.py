# A TaskGroup whose body raises, then a child fails while being cancelled: the group is already
# aborting, so it does not cancel its parent (cancelling() stays 0); both errors are raised.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import Boom, describe, log, run


async def child():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        log("child cancelled, its cleanup fails")
        raise Boom("child")


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(child(), name="child")
            await asyncio.sleep(0.1)
            raise Boom("body")
    except BaseException as e:
        log(f"group: {describe(e)}")
    log(f"cancelling() {asyncio.current_task().cancelling()}")
    await asyncio.sleep(0.5)
    log("main sleeps on undisturbed")


run(main())
