# A task that cancels itself and then awaits: the await raises CancelledError at once (its
# future is cancelled when the task yields it), with the message; a sleep is not waited out.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import describe, log, run


async def worker(msg):
    asyncio.current_task().cancel(msg)
    try:
        await asyncio.sleep(5)
        log("worker slept")
    except asyncio.CancelledError as e:
        log(f"worker: {describe(e)} '{e}'")
    await asyncio.sleep(1)
    log("worker slept after swallowing")
    return msg or "none"


async def main():
    for msg in (None, "stop"):
        t = asyncio.create_task(worker(msg), name="worker")
        log(f"result {await t}")


run(main())
