# From CPython 3.11 Lib/test/test_asyncio/test_locks.py: SemaphoreTests.test_acquire,
# test_initial_value_zero, test_semaphore_value, test_release_no_waiters and
# test_acquire_fifo_order_2. Semaphore(3): two quick acquires, three waiters (the first gets
# the last permit without waiting); two release() calls in a row hand both permits to the
# waiters in line at once (value stays 0), ahead of a task created in between. Semaphore(0) is
# locked(); a negative value raises ValueError; release() beyond the initial value just counts
# up. A holder that releases and asks again queues behind those already waiting.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import describe, log, run


async def acquirer(name, sem):
    await sem.acquire()
    log(f"{name} acquired, value {sem._value}")


async def again(name, sem):
    await sem.acquire()
    log(f"{name} acquired")
    sem.release()
    await sem.acquire()
    log(f"{name} acquired again")


async def main():
    sem = asyncio.Semaphore(3)
    await sem.acquire()
    await sem.acquire()
    log(f"two acquired: locked() {sem.locked()}")
    c1 = asyncio.create_task(acquirer("c1", sem), name="c1")
    c2 = asyncio.create_task(acquirer("c2", sem), name="c2")
    c3 = asyncio.create_task(acquirer("c3", sem), name="c3")
    await asyncio.sleep(0)
    log(f"locked() {sem.locked()} value {sem._value}")
    c4 = asyncio.create_task(acquirer("c4", sem), name="c4")
    sem.release()
    sem.release()
    log(f"released twice, value {sem._value}")
    await asyncio.sleep(0)
    log(f"c2 {c2.done()} c3 {c3.done()} c4 {c4.done()} locked() {sem.locked()}")
    sem.release()
    await c4

    zero = asyncio.Semaphore(0)
    log(f"Semaphore(0).locked() {zero.locked()}")
    try:
        asyncio.Semaphore(-1)
    except ValueError as e:
        log(f"Semaphore(-1): {describe(e)}")
    one = asyncio.Semaphore(1)
    one.release()
    one.release()
    log(f"Semaphore(1) released twice: value {one._value} locked() {one.locked()}")

    s = asyncio.Semaphore(1)
    await s.acquire()
    tasks = [asyncio.create_task(again("a", s), name="a"), asyncio.create_task(acquirer("b", s), name="b")]
    await asyncio.sleep(0)
    s.release()
    s.release()
    await asyncio.sleep(0)
    log(f"value {s._value} b.done() {tasks[1].done()}")
    s.release()
    await asyncio.gather(*tasks)


run(main())
