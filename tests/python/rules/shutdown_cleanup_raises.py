# A task cancelled by asyncio.run's shutdown whose cleanup raises: the shutdown gathers the
# cancelled tasks (return_exceptions=True), which reads the error, so it is not reported as
# "Task exception was never retrieved".
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import Boom, log, run


async def leftover():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        log("leftover cancelled, its cleanup raises")
        raise Boom("cleanup")


async def main():
    asyncio.create_task(leftover(), name="leftover")
    await asyncio.sleep(0.5)
    log("main returns")


run(main())
