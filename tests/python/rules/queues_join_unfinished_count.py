# From CPython 3.11 Lib/test/test_asyncio/test_queues.py: _QueueJoinTestMixin.test_task_done,
# test_join_empty_queue and test_task_done_underflow. join() on a queue with no unfinished work
# returns without yielding; it counts task_done() calls against puts, not gets (a get alone does
# not finish anything, and task_done() may come before the get); every joiner wakes when the
# count reaches zero, in the order they joined; a later put re-arms join().
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import describe, log, run


async def bystander():
    log("bystander runs")


async def joiner(name, q):
    await q.join()
    log(f"{name} join returned, qsize {q.qsize()}")


async def main():
    for make in (asyncio.Queue, asyncio.LifoQueue, asyncio.PriorityQueue):
        q = make()
        b = asyncio.create_task(bystander(), name="bystander")
        await q.join()
        log(f"{make.__name__}: join on an empty queue, bystander done() {b.done()}")
        await b

    q = asyncio.Queue()
    q.put_nowait(1)
    q.put_nowait(2)
    j1 = asyncio.create_task(joiner("j1", q), name="j1")
    j2 = asyncio.create_task(joiner("j2", q), name="j2")
    await asyncio.sleep(0)
    log(f"get_nowait {q.get_nowait()}")
    await asyncio.sleep(0)
    log(f"after a get: j1.done() {j1.done()}")
    q.task_done()
    await asyncio.sleep(0)
    log(f"one task_done: j1.done() {j1.done()}")
    q.task_done()
    log("second task_done, item 2 still queued")
    await asyncio.sleep(0)
    log(f"j1.done() {j1.done()} j2.done() {j2.done()}")
    try:
        q.task_done()
    except ValueError as e:
        log(f"third task_done: {describe(e)}")
    q.put_nowait(3)
    j3 = asyncio.create_task(joiner("j3", q), name="j3")
    await asyncio.sleep(0.1)
    log(f"after a new put: j3.done() {j3.done()}")
    q.task_done()
    await j3


run(main())
