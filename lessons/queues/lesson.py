import asyncio
import time

# The lesson's sliders. Change them here when you run this file yourself.
WORKERS = 2      # workers that take items from the queue
MAXSIZE = 2      # places in the queue; 0: unbounded
ITEMS = 6        # items the producer puts in
WORK = 0.5       # seconds of work per item
PITFALL = False  # True: the workers forget task_done()

START = time.monotonic()


def log(message):
    """Print the message with the seconds since the start (the loop's clock is time.monotonic)."""
    print(f"t={asyncio.get_running_loop().time() - START:.3f} {message}")


async def producer(q, items):
    for item in range(1, items + 1):
        if q.full():
            log(f"queue full, producer waits with item {item}")
        await q.put(item)  # waits while the queue is full: backpressure  # @put
        log(f"producer put item {item} ({q.qsize()} in queue)")


async def worker(name, q, work):
    while True:  # a worker never stops by itself: main cancels it
        item = await q.get()  # @get
        try:
            log(f"{name} got item {item}")
            await asyncio.sleep(work)  # @work
            log(f"{name} done with item {item}")
        finally:  # also when the work raises: join() must not wait for this item forever
            if not PITFALL:  # the pitfall forgets this line
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
    q = asyncio.Queue(maxsize=MAXSIZE)  # maxsize 0: unbounded
    workers = [asyncio.create_task(worker(f"worker-{i}", q, WORK), name=f"worker-{i}")  # @create-workers
               for i in range(1, WORKERS + 1)]
    await producer(q, ITEMS)  # main itself puts the items in  # @producer
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


asyncio.run(main())
