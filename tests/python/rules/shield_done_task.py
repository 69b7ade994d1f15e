# shield() of a task that is already done returns that task itself: awaiting it raises the
# task's own CancelledError, with the message of a cancel(msg) that never reached its
# coroutine, or returns its result at once.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import describe, log, run


async def job():
    log("job runs")
    return 7


async def main():
    c = asyncio.create_task(job(), name="c")
    c.cancel("stop")
    await asyncio.sleep(0)
    log(f"c cancelled? {c.cancelled()}")
    try:
        await asyncio.shield(c)
    except asyncio.CancelledError as e:
        log(f"shield(c) raised {describe(e)} '{e}'")
    d = asyncio.create_task(job(), name="d")
    await asyncio.sleep(0)
    r = await asyncio.shield(d)
    log(f"shield(d) -> {r}")


run(main())
