# From CPython 3.11 Lib/test/test_asyncio/test_locks.py: LockTests.test_acquire, test_lock,
# test_release_no_waiters and test_context_manager. acquire() returns True; release() wakes
# the first waiter but the lock stays free until it runs. A task that starts in between (it runs
# before the woken one in that iteration) finds a live waiter in line and queues behind it
# instead of taking the free lock. release() with nobody waiting just unlocks.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import log, run


async def taker(name, lock):
    log(f"{name} acquires")
    result = await lock.acquire()
    log(f"{name} acquired: {result}")


async def main():
    lock = asyncio.Lock()
    log(f"main acquired: {await lock.acquire()}")
    c1 = asyncio.create_task(taker("c1", lock), name="c1")
    c2 = asyncio.create_task(taker("c2", lock), name="c2")
    await asyncio.sleep(0)
    lock.release()
    log(f"released: locked() {lock.locked()}")
    await asyncio.sleep(0)
    log(f"c1.done() {c1.done()} locked() {lock.locked()}")
    c3 = asyncio.create_task(taker("c3", lock), name="c3")
    lock.release()
    log(f"released for c2: locked() {lock.locked()}")
    await asyncio.sleep(0)
    log(f"c2.done() {c2.done()} c3.done() {c3.done()}")
    lock.release()
    await c3
    lock.release()
    log(f"release with nobody waiting: locked() {lock.locked()}")
    async with lock:
        log(f"async with: locked() {lock.locked()}")
    log(f"after: locked() {lock.locked()}")


run(main())
