# gather without return_exceptions: a child cancelled from outside makes the gather raise
# CancelledError; the other children keep running.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import describe, log, run


async def job(name, delay):
    await asyncio.sleep(delay)
    log(f"{name} done")
    return name


async def main():
    a = asyncio.create_task(job("a", 0.5), name="a")
    b = asyncio.create_task(job("b", 1.0), name="b")
    await asyncio.sleep(0.2)
    log(f"cancel a -> {a.cancel()}")
    try:
        await asyncio.gather(a, b)
    except asyncio.CancelledError as e:
        log(f"gather raised {describe(e)}")
    log(f"main not cancelled: cancelling() {asyncio.current_task().cancelling()}")
    log(f"b result {await b}")


run(main())
