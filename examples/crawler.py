"""A small crawler to open in Dirigent (File > Open Python program, or `dirigent open`).

Workers take pages from a bounded queue; at most LIMIT of them fetch at the same time.
The constants at the top become sliders in the window: try WORKERS = 1, or LIMIT = 1.
"""
import asyncio

WORKERS = 3      # tasks that take pages from the queue
LIMIT = 2        # fetches allowed at the same time (a semaphore)
DELAY = 0.5      # seconds one fetch takes
PAGES = 8        # pages to crawl
QUEUE_SIZE = 2   # the queue's maxsize: the producer waits when it is full


async def fetch(limit: asyncio.Semaphore, page: int) -> str:
    async with limit:
        await asyncio.sleep(DELAY)  # stands for the network
    return f"page {page}"


async def worker(name: str, queue: asyncio.Queue, limit: asyncio.Semaphore) -> None:
    while True:
        page = await queue.get()
        text = await fetch(limit, page)
        print(f"{name} got {text}")
        queue.task_done()


async def main() -> None:
    queue: asyncio.Queue[int] = asyncio.Queue(maxsize=QUEUE_SIZE)
    limit = asyncio.Semaphore(LIMIT)
    workers = [asyncio.create_task(worker(f"w{i}", queue, limit), name=f"w{i}") for i in range(WORKERS)]
    for page in range(PAGES):
        await queue.put(page)
    await queue.join()
    for task in workers:
        task.cancel()
    await asyncio.gather(*workers, return_exceptions=True)
    print("all pages crawled")


asyncio.run(main())
