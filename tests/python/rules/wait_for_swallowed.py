# wait_for (CPython 3.11): if the inner task swallows the cancellation and returns a value
# after the timeout, wait_for returns that value instead of raising TimeoutError.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import log, run


async def stubborn():
    try:
        await asyncio.sleep(1)
        return "in time"
    except asyncio.CancelledError:
        log("stubborn swallows CancelledError")
        await asyncio.sleep(0.1)
        return "late"


async def main():
    r = await asyncio.wait_for(stubborn(), timeout=0.3)
    log(f"wait_for returned {r}")


run(main())
