# From CPython 3.11 Lib/test/test_asyncio/test_queues.py: LifoQueueTests.test_order,
# PriorityQueueTests.test_order, QueueGetTests.test_get_with_putters and
# test_get_with_waiting_putters, on bounded LIFO and priority queues. A get frees a slot and wakes
# the first blocked putter; its item goes in only when it runs, so it is ordered by the queue's own
# rule (top of the stack, or by priority) among what is there then. The nowait calls raise
# QueueFull and QueueEmpty at the edges.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import describe, log, run


async def putter(name, q, item):
    await q.put(item)
    log(f"{name} put {item}")


async def drive(kind, q):
    q.put_nowait(5)
    q.put_nowait(1)
    try:
        q.put_nowait(7)
    except asyncio.QueueFull as e:
        log(f"{kind}: put_nowait on a full queue: {describe(e)}")
    p1 = asyncio.create_task(putter("p1", q, 3), name="p1")
    p2 = asyncio.create_task(putter("p2", q, 0), name="p2")
    await asyncio.sleep(0)
    first = q.get_nowait()
    log(f"{kind}: get_nowait {first}, p1.done() {p1.done()}")
    second = await q.get()
    log(f"{kind}: get {second}")
    await asyncio.sleep(0)
    rest = []
    while not q.empty():
        rest.append(q.get_nowait())
    log(f"{kind}: then {rest} p2.done() {p2.done()}")
    try:
        q.get_nowait()
    except asyncio.QueueEmpty as e:
        log(f"{kind}: get_nowait on an empty queue: {describe(e)}")


async def main():
    await drive("lifo", asyncio.LifoQueue(2))
    await drive("priority", asyncio.PriorityQueue(2))
    await drive("fifo", asyncio.Queue(2))


run(main())
