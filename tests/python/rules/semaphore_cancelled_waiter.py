# A semaphore waiter that was woken and then cancelled before it ran passes its wake-up on.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import describe, log, run


async def waiter(name, sem):
    try:
        await sem.acquire()
    except asyncio.CancelledError:
        log(f"{name} cancelled while waiting")
        raise
    log(f"{name} acquired")
    await asyncio.sleep(0.1)
    sem.release()
    log(f"{name} released")


async def main():
    sem = asyncio.Semaphore(1)
    await sem.acquire()
    w1 = asyncio.create_task(waiter("w1", sem), name="w1")
    w2 = asyncio.create_task(waiter("w2", sem), name="w2")
    await asyncio.sleep(0.1)
    sem.release()
    log(f"main released (wakes w1) and cancels w1 -> {w1.cancel()}")
    try:
        await w1
    except asyncio.CancelledError as e:
        log(f"w1: {describe(e)}")
    await w2
    log(f"locked() {sem.locked()}")


run(main())
