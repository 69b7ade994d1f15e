# asyncio.timeout: reschedule() moves the deadline (absolute loop time).
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import describe, log, run


async def main():
    loop = asyncio.get_running_loop()
    async with asyncio.timeout(0.5) as cm:
        await asyncio.sleep(0.3)
        cm.reschedule(loop.time() + 0.5)
        log(f"rescheduled to {cm.when():.3f}")
        await asyncio.sleep(0.4)
        log("finished inside the extended deadline")
    try:
        async with asyncio.timeout(10) as cm:
            cm.reschedule(loop.time() + 0.25)
            log(f"shortened to {cm.when():.3f}")
            try:
                await asyncio.sleep(1)
                log("not reached")
            except asyncio.CancelledError:
                log(f"body: CancelledError, expired() {cm.expired()}")
                raise
    except TimeoutError as e:
        log(f"caught {describe(e)}")


run(main())
