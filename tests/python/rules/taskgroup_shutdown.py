# Once a TaskGroup is shutting down (a child failed), create_task raises RuntimeError.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import Boom, describe, log, run


async def fails():
    await asyncio.sleep(0.1)
    log("fails raises")
    raise Boom("x")


async def late():
    log("late runs (not reached)")


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fails(), name="fails")
            try:
                await asyncio.sleep(1)
            except asyncio.CancelledError:
                log("body cancelled")
                coro = late()
                try:
                    tg.create_task(coro, name="late")
                except RuntimeError as e:
                    coro.close()
                    log(f"create_task: caught {describe(e)}")
                raise
    except BaseExceptionGroup as eg:
        log(f"caught {describe(eg)}")


run(main())
