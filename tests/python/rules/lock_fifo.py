# Lock: one holder at a time; waiters get it first come, first served.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import log, run


async def worker(name, lock, start):
    await asyncio.sleep(start)
    log(f"{name} wants the lock")
    async with lock:
        log(f"{name} holds the lock")
        await asyncio.sleep(0.2)
    log(f"{name} released")


async def main():
    lock = asyncio.Lock()
    ws = [asyncio.create_task(worker(n, lock, s), name=n) for n, s in (("a", 0.0), ("b", 0.1), ("c", 0.05), ("d", 0.15))]
    for w in ws:
        await w
    log(f"locked() {lock.locked()}")


run(main())
