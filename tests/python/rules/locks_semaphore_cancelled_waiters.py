# From CPython 3.11 Lib/test/test_asyncio/test_locks.py: SemaphoreTests.test_acquire_cancel_before_awoken,
# test_acquire_hang, test_acquire_fifo_order_3, test_acquire_no_hang and test_acquire_cancel.
# Waiters cancelled before a release() are skipped: the permit goes to the first live waiter
# (one permit, one waiter woken), and locked() stays True while a live waiter is in line. A
# waiter woken and then cancelled before it runs gives its permit back, so the semaphore is
# not lost.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import log, run


async def acquirer(name, sem):
    try:
        await sem.acquire()
    except asyncio.CancelledError:
        log(f"{name} cancelled, value {sem._value}")
        raise
    log(f"{name} acquired, value {sem._value}")


async def holder(sem, victim):
    async with sem:
        log("holder holds")
        await asyncio.sleep(0)
    log(f"holder released, cancel victim -> {victim[0].cancel()}")


async def main():
    sem = asyncio.Semaphore(0)
    ts = [asyncio.create_task(acquirer(f"t{i}", sem), name=f"t{i}") for i in range(1, 5)]
    await asyncio.sleep(0)
    ts[0].cancel()
    ts[1].cancel()
    sem.release()
    log("cancelled t1 and t2, released once")
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    log(f"t3.done() {ts[2].done()} t4.done() {ts[3].done()} locked() {sem.locked()} value {sem._value}")
    sem.release()
    await ts[3]

    sem2 = asyncio.Semaphore(1)
    victim = []
    h = asyncio.create_task(holder(sem2, victim), name="holder")
    victim.append(asyncio.create_task(acquirer("victim", sem2), name="victim"))
    await asyncio.gather(h, victim[0], return_exceptions=True)
    log(f"locked() {sem2.locked()} value {sem2._value}")
    await asyncio.wait_for(sem2.acquire(), 1.0)
    log(f"acquired after all, value {sem2._value}")


run(main())
