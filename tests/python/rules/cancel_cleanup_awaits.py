# Cleanup in except/finally may await; whoever awaits the cancelled task waits for it.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import describe, log, run


async def worker():
    try:
        log("worker sleeps")
        await asyncio.sleep(10)
    finally:
        log("worker cleanup starts")
        await asyncio.sleep(0.5)
        log("worker cleanup done")


async def main():
    w = asyncio.create_task(worker(), name="worker")
    await asyncio.sleep(0.1)
    w.cancel()
    log("main cancelled worker")
    try:
        await w
    except asyncio.CancelledError as e:
        log(f"main: {describe(e)}")
    log(f"worker cancelled? {w.cancelled()}")


run(main())
