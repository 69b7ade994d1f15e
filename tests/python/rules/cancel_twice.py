# cancel() twice before the task runs: both return True and count (cancelling() == 2), but
# the task gets one CancelledError; if it swallows it, it runs on normally.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import log, run


async def stubborn():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        log(f"stubborn: CancelledError, cancelling() {asyncio.current_task().cancelling()}")
    log(f"uncancel() -> {asyncio.current_task().uncancel()}")
    await asyncio.sleep(0.5)
    log("stubborn slept on undisturbed")
    return "done"


async def main():
    s = asyncio.create_task(stubborn(), name="stubborn")
    await asyncio.sleep(0.1)
    log(f"cancel() -> {s.cancel()}")
    log(f"cancel() -> {s.cancel()}")
    log(f"cancelling() {s.cancelling()}")
    log(f"result {await s}, cancelled() {s.cancelled()}")


run(main())
