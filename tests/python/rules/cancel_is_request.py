# cancel() only requests: it returns True, the task is not cancelled yet and keeps running
# until its next await, where CancelledError is raised.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import describe, log, run


async def victim():
    log("victim sleeps")
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        log("victim: CancelledError at its sleep")
        raise


async def self_canceller():
    log(f"self: cancel() -> {asyncio.current_task().cancel()}")
    log("self: still running after cancel()")
    total = 0
    for i in range(10):
        total += i
    log(f"self: computed {total}")
    try:
        await asyncio.sleep(0)
        log("self: not reached")
    except asyncio.CancelledError:
        log("self: CancelledError at the next await")
        raise


async def main():
    v = asyncio.create_task(victim(), name="victim")
    await asyncio.sleep(0.1)
    log(f"cancel() -> {v.cancel()}")
    log(f"cancelled() {v.cancelled()} done() {v.done()} cancelling() {v.cancelling()}")
    log("main keeps running")
    await asyncio.sleep(0)
    log(f"cancelled() {v.cancelled()} done() {v.done()}")
    s = asyncio.create_task(self_canceller(), name="self")
    try:
        await s
    except asyncio.CancelledError as e:
        log(f"main: awaiting self: {describe(e)}")
    log(f"self cancelled() {s.cancelled()}")


run(main())
