# join() waits until task_done() was called once for every item put.
# convention: timer-ties: timers fall due at the same moment; CPython leaves their order open, vloop and aio fire them in creation order
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import log, run


async def worker(name, q):
    while True:
        item = await q.get()
        log(f"{name} works on {item}")
        await asyncio.sleep(item / 10)
        log(f"{name} finished {item}")
        q.task_done()


async def main():
    q = asyncio.Queue()
    workers = [asyncio.create_task(worker(f"w{i}", q), name=f"w{i}") for i in (1, 2)]
    for item in (3, 1, 2, 1):
        q.put_nowait(item)
    log("main joins")
    await q.join()
    log("join returned")
    for w in workers:
        w.cancel()
    await asyncio.sleep(0)
    log(f"workers cancelled: {workers[0].cancelled()} {workers[1].cancelled()}")
    await q.join()
    log("join on a finished queue returns at once")


run(main())
