# When main returns, the loop finishes the iteration that follows (asyncio.run's
# run_until_complete stops one iteration later), then cancels the remaining tasks in creation
# order and runs their cleanup. A task that was already in the ready queue runs first.
# convention: shutdown-order: the tasks left at the end are cancelled in creation order; asyncio.run's order is a set's
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import log, run


async def sleeper():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        log("sleeper cancelled at shutdown")
        raise


async def spinner():
    i = 0
    try:
        while True:
            log(f"spinner {i}")
            i += 1
            await asyncio.sleep(0)
    except asyncio.CancelledError:
        log("spinner cancelled at shutdown")
        raise


async def cleaner():
    try:
        await asyncio.Event().wait()
    except asyncio.CancelledError:
        log("cleaner cancelled, cleans up for 0.1 s")
        await asyncio.sleep(0.1)
        log("cleaner done")
        raise


async def main():
    asyncio.create_task(sleeper(), name="sleeper")
    asyncio.create_task(spinner(), name="spinner")
    asyncio.create_task(cleaner(), name="cleaner")
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    log("main returns")


run(main())
