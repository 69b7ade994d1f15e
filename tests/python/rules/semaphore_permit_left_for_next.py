# Semaphore: a permit released while the only waiter is already woken stays in the semaphore; a
# newcomer still queues behind that waiter (no barging), and the waiter, once it has its permit,
# wakes the newcomer for the permit left over.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import log, run


async def worker(name, sem):
    await sem.acquire()
    log(f"{name} acquired, value {sem._value}")


async def main():
    sem = asyncio.Semaphore(0)
    w1 = asyncio.create_task(worker("w1", sem), name="w1")
    await asyncio.sleep(0)
    w2 = asyncio.create_task(worker("w2", sem), name="w2")  # its first step comes before w1's wake-up
    sem.release()
    sem.release()
    log(f"released twice, locked() {sem.locked()}")
    await asyncio.gather(w1, w2)
    log(f"value {sem._value}")


run(main())
