# Deadlock report: main joins a queue whose worker never calls task_done. Nothing is ready,
# no timer is pending: the loop reports who waits, then cancels them in creation order.
# convention: deadlock-report: CPython would wait here forever; vloop and aio report the deadlock and cancel what is left
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import log, run


async def worker(q):
    while True:
        item = await q.get()
        log(f"worker got {item}, forgets task_done()")
        await asyncio.sleep(0.1)


async def main():
    q = asyncio.Queue()
    q.put_nowait(1)
    w = asyncio.create_task(worker(q), name="worker")
    try:
        await q.join()
        log("join returned (not reached)")
    except asyncio.CancelledError:
        log("main cancelled in join()")
        raise


run(main())
