# cancel(msg) of a task that is ready to run (it yielded with sleep(0), or its sleep just ended):
# nothing to cancel in its place, so __step throws CancelledError(msg) into it.
# convention: timer-ties: timers fall due at the same moment; CPython leaves their order open, vloop and aio fire them in creation order
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import describe, log, run


async def yielder():
    try:
        await asyncio.sleep(0)
        log("yielder not cancelled")
    except asyncio.CancelledError as e:
        log(f"yielder: {describe(e)} '{e}'")
        raise


async def sleeper():
    try:
        await asyncio.sleep(1)
        log("sleeper not cancelled")
    except asyncio.CancelledError as e:
        log(f"sleeper: {describe(e)} '{e}'")
        raise


async def main():
    y = asyncio.create_task(yielder(), name="yielder")
    await asyncio.sleep(0)
    log(f"cancel yielder -> {y.cancel('while queued')}")
    s = asyncio.create_task(sleeper(), name="sleeper")
    await asyncio.sleep(1)  # armed before the sleeper's timer: this task runs first at t=1
    log(f"sleeper done() {s.done()}; cancel -> {s.cancel('woken')}")
    for t in (y, s):
        try:
            await t
        except asyncio.CancelledError as e:
            log(f"main: {t.get_name()} {describe(e)} '{e}'")


run(main())
