# Cancelling a task that awaits gather cancels every child of the gather.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import describe, log, run


async def child(name, delay):
    try:
        await asyncio.sleep(delay)
        log(f"{name} done")
    except asyncio.CancelledError:
        log(f"{name} cancelled")
        raise


async def wrapper():
    try:
        await asyncio.gather(child("c1", 1.0), child("c2", 2.0), child("c3", 0.05))
    except asyncio.CancelledError:
        log("wrapper got CancelledError")
        raise


async def main():
    w = asyncio.create_task(wrapper(), name="wrapper")
    await asyncio.sleep(0.1)
    log(f"cancel() -> {w.cancel()}")
    try:
        await w
    except asyncio.CancelledError as e:
        log(f"caught {describe(e)}")
    log(f"wrapper cancelled? {w.cancelled()}")


run(main())
