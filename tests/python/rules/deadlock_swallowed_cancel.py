# Deadlock report: a task swallows its cancellation and then waits for an event nobody sets,
# leaving main waiting for it forever.
# convention: deadlock-report: CPython would wait here forever; vloop and aio report the deadlock and cancel what is left
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import log, run


async def stubborn(ev):
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        log("stubborn swallows the cancel and waits for the event")
    try:
        await ev.wait()
    except asyncio.CancelledError:
        log("stubborn cancelled again at shutdown")
        raise


async def main():
    ev = asyncio.Event()
    s = asyncio.create_task(stubborn(ev), name="stubborn")
    await asyncio.sleep(0.1)
    s.cancel()
    log("main cancelled stubborn and awaits it")
    try:
        await s
    except asyncio.CancelledError:
        log("main: CancelledError while awaiting stubborn")
        raise


run(main())
