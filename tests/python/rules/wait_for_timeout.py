# wait_for on timeout cancels the inner task, waits for its cleanup, then raises TimeoutError.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import describe, log, run


async def slow():
    try:
        log("slow starts")
        await asyncio.sleep(1)
        log("slow done (not reached)")
        return 1
    except asyncio.CancelledError:
        log("slow cancelled, cleanup")
        await asyncio.sleep(0.2)
        log("slow cleanup done")
        raise


async def main():
    try:
        await asyncio.wait_for(slow(), timeout=0.5)
    except TimeoutError as e:
        log(f"caught {describe(e)}")


run(main())
