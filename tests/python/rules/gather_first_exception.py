# Without return_exceptions, gather raises the first exception at once;
# the other tasks are not cancelled and keep running.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import Boom, describe, log, run


async def job(name, delay):
    await asyncio.sleep(delay)
    log(f"{name} done")
    return name


async def failing(name, delay):
    await asyncio.sleep(delay)
    log(f"{name} raises")
    raise Boom(name)


async def main():
    try:
        await asyncio.gather(job("slow", 0.3), failing("bad", 0.1), failing("worse", 0.2))
    except Boom as e:
        log(f"caught {describe(e)}")
    await asyncio.sleep(0.5)
    log("main done")


run(main())
