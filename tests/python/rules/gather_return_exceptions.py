# gather(return_exceptions=True) waits for everyone and returns errors (and cancellations)
# as results, in argument order.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import Boom, describe, log, run


async def job(name, delay, value):
    await asyncio.sleep(delay)
    log(f"{name} done")
    return value


async def failing(name, delay):
    await asyncio.sleep(delay)
    log(f"{name} raises")
    raise Boom(name)


async def cancel_later(task, delay):
    await asyncio.sleep(delay)
    log("canceller cancels victim")
    task.cancel()


async def main():
    victim = asyncio.create_task(job("victim", 1.0, 3), name="victim")
    canceller = asyncio.create_task(cancel_later(victim, 0.2), name="canceller")
    results = await asyncio.gather(
        job("ok", 0.3, 1), failing("bad", 0.1), victim, return_exceptions=True)
    for r in results:
        if isinstance(r, BaseException):
            log(f"result {describe(r)}")
        else:
            log(f"result {r}")
    await canceller


run(main())
