# A Lock waiter that was woken and then cancelled before it ran passes the lock on.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import describe, log, run


async def waiter(name, lock):
    try:
        await lock.acquire()
    except asyncio.CancelledError:
        log(f"{name} cancelled while waiting")
        raise
    log(f"{name} acquired")
    await asyncio.sleep(0.1)
    lock.release()
    log(f"{name} released")


async def main():
    lock = asyncio.Lock()
    await lock.acquire()
    w1 = asyncio.create_task(waiter("w1", lock), name="w1")
    w2 = asyncio.create_task(waiter("w2", lock), name="w2")
    await asyncio.sleep(0.1)
    lock.release()
    log(f"main released (wakes w1) and cancels w1 -> {w1.cancel()}")
    try:
        await w1
    except asyncio.CancelledError as e:
        log(f"w1: {describe(e)}")
    await w2
    log(f"locked() {lock.locked()}")


run(main())
