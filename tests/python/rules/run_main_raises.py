# An exception escaping main ends the run: the other tasks are cancelled and cleaned up
# first, then run() raises it.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import Boom, log, run


async def background():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        log("background cancelled")
        raise


async def main():
    asyncio.create_task(background(), name="background")
    await asyncio.sleep(0.5)
    log("main raises")
    raise Boom("main")


run(main())
