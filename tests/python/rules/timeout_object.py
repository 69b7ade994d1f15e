# asyncio.Timeout as an object: timeout(None) has no deadline until reschedule() sets one;
# timeout_at() takes an absolute loop time; after the block the object still answers
# expired() and when(), and reschedule() raises RuntimeError.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import describe, log, run


def show(cm):
    w = cm.when()
    return f"when {'None' if w is None else f'{w:.3f}'}, expired() {cm.expired()}"


async def main():
    loop = asyncio.get_running_loop()
    cm = asyncio.timeout(None)
    async with cm:
        log(f"in block: {show(cm)}")
        await asyncio.sleep(1)
        cm.reschedule(loop.time() + 0.5)
        log(f"rescheduled: {show(cm)}")
        await asyncio.sleep(0.2)
    log(f"after block: {show(cm)}")
    try:
        cm.reschedule(None)
    except RuntimeError as e:
        log(f"reschedule after the block: {describe(e)}")

    cm2 = asyncio.timeout_at(loop.time() + 0.3)
    try:
        async with cm2:
            await asyncio.sleep(1)
    except TimeoutError as e:
        log(f"caught {describe(e)}")
    log(f"after block: {show(cm2)}")
    try:
        cm2.reschedule(loop.time() + 1)
    except RuntimeError as e:
        log(f"reschedule after expiry: {describe(e)}")

    async with asyncio.timeout_at(loop.time() - 1) as cm3:
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError:
            log(f"past deadline: cancelled at once, {show(cm3)}")
    log("swallowed the cancellation: no TimeoutError")


run(main())
