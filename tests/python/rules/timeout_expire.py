# asyncio.timeout: when the deadline passes, the body gets CancelledError at its await,
# and the scope turns it into TimeoutError.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import describe, log, run


async def main():
    try:
        async with asyncio.timeout(0.5) as cm:
            log(f"deadline {cm.when():.3f}")
            try:
                await asyncio.sleep(1)
                log("not reached")
            except asyncio.CancelledError:
                log("body: CancelledError")
                raise
    except TimeoutError as e:
        log(f"caught {describe(e)}")
    log(f"cancelling() {asyncio.current_task().cancelling()}")
    async with asyncio.timeout(0.5):
        await asyncio.sleep(0.2)
        log("second scope finished in time")
    await asyncio.sleep(1)
    log("no late timeout")


run(main())
