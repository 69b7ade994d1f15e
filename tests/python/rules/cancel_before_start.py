# A task cancelled before its first step never runs its body.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import describe, log, run


async def body():
    log("body runs (not reached)")
    return 1


async def main():
    t = asyncio.create_task(body(), name="body")
    log(f"cancel() -> {t.cancel()}")
    await asyncio.sleep(0)
    log(f"done() {t.done()} cancelled() {t.cancelled()}")
    try:
        await t
    except asyncio.CancelledError as e:
        log(f"await: {describe(e)}")


run(main())
