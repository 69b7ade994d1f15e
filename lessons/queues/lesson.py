import asyncio
from dirigent import log, param, pitfall, run


async def producer(q, items):
    for item in range(1, items + 1):
        if q.full():
            log(f"queue full, producer waits with item {item}")
        await q.put(item)  # waits while the queue is full: backpressure  # @put
        log(f"producer put item {item} ({q.qsize()} in queue)")


async def worker(name, q, work):
    while True:  # a worker never stops by itself: main cancels it
        item = await q.get()  # @get
        log(f"{name} got item {item}")
        await asyncio.sleep(work)  # @work
        log(f"{name} done with item {item}")
        if not pitfall():  # the pitfall forgets this line
            q.task_done()  # @task_done


def show_order(kind):
    # The same items in, and out in the order this kind of queue gives them.
    q = kind()
    for item in (3, 1, 4, 2):
        q.put_nowait(item)  # @order-put
    out = []
    while not q.empty():
        out.append(q.get_nowait())  # @order-get
    log(f"{kind.__name__:13} gives {out}")


async def main():
    q = asyncio.Queue(maxsize=param("maxsize", 2))  # maxsize 0: unbounded
    work = param("work", 0.5)
    workers = [asyncio.create_task(worker(f"worker-{i}", q, work), name=f"worker-{i}")  # @create-workers
               for i in range(1, param("workers", 2) + 1)]
    await asyncio.create_task(producer(q, param("items", 6)), name="producer")  # @producer
    log("producer finished, main waits in join()")
    await q.join()  # returns when task_done() was called once per item  # @join
    log("every item is done, main cancels the workers")
    for w in workers:
        w.cancel()  # @cancel
    results = await asyncio.gather(*workers, return_exceptions=True)  # @gather
    stopped = sum(isinstance(r, asyncio.CancelledError) for r in results)
    log(f"{stopped} workers stopped")

    # put_nowait never waits: on a full queue it raises QueueFull at once.
    small = asyncio.Queue(maxsize=1)
    small.put_nowait(1)
    try:
        small.put_nowait(2)  # @queue-full
    except asyncio.QueueFull:
        log("put_nowait(2) on a full queue raised QueueFull")

    for kind in (asyncio.Queue, asyncio.LifoQueue, asyncio.PriorityQueue):
        show_order(kind)


run(main())
