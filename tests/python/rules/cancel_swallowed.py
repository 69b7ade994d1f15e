# A task that catches CancelledError and returns normally is not cancelled:
# it finishes with its result (its cancelling() count stays 1).
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import log, run


async def stubborn():
    try:
        await asyncio.sleep(1)
        return "slept"
    except asyncio.CancelledError:
        log("stubborn swallows CancelledError")
    await asyncio.sleep(0.2)
    log("stubborn keeps working")
    return "swallowed"


async def main():
    s = asyncio.create_task(stubborn(), name="stubborn")
    await asyncio.sleep(0.1)
    log(f"cancel() -> {s.cancel()}")
    r = await s
    log(f"result {r}")
    log(f"cancelled() {s.cancelled()} cancelling() {s.cancelling()}")


run(main())
