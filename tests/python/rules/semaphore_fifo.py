# Semaphore(2): at most two holders; waiters get the permits first come, first served.
# convention: timer-ties: timers fall due at the same moment; CPython leaves their order open, vloop and aio fire them in creation order
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import log, run


async def worker(name, sem, start, hold):
    await asyncio.sleep(start)
    log(f"{name} wants a permit")
    async with sem:
        log(f"{name} holds a permit")
        await asyncio.sleep(hold)
        log(f"{name} releases")


async def main():
    sem = asyncio.Semaphore(2)
    specs = [("w1", 0.0, 0.5), ("w2", 0.0, 0.2), ("w3", 0.1, 0.1), ("w4", 0.05, 0.1), ("w5", 0.15, 0.1)]
    ws = [asyncio.create_task(worker(n, sem, s, h), name=n) for n, s, h in specs]
    for w in ws:
        await w
    log(f"locked() {sem.locked()}")


run(main())
