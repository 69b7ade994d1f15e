# A sleep cancelled by a callback due at the same moment as the sleep's own timer (the callback
# armed first, so it runs first): the timer finds the future cancelled and the sleep raises.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import describe, log, run


async def sleeper():
    try:
        await asyncio.sleep(1)
        log("sleeper woke normally")
    except asyncio.CancelledError as e:
        log(f"sleeper: {describe(e)} '{e}'")
        raise


async def main():
    loop = asyncio.get_running_loop()
    holder = []
    loop.call_later(1, lambda: log(f"cancel('now') -> {holder[0].cancel('now')}"))
    t = asyncio.create_task(sleeper(), name="sleeper")
    holder.append(t)
    try:
        await t
    except asyncio.CancelledError as e:
        log(f"main: {describe(e)} '{e}'")
    log(f"cancelled() {t.cancelled()}")


run(main())
