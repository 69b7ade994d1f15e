# Two workers fetch three pages from a queue; main waits until all are done.
# web.fetch() is real I/O: you decide when each call returns, or make it fail.
import asyncio

URLS = ["/home", "/news", "/shop"]
pages = {}


async def worker(web, queue, name):
    while True:
        url = await queue.get()
        try:
            page = await web.fetch(url)
        except ConnectionError:
            print(f"{name} skips {url}: fetch failed")
        else:
            pages[url] = page
            print(f"{name} saved {url}")
        finally:
            queue.task_done()       # on every path: saved, skipped or cancelled


async def main(web):
    queue = asyncio.Queue()
    for url in URLS:
        queue.put_nowait(url)
    workers = [
        asyncio.create_task(worker(web, queue, f"worker-{i}"), name=f"worker-{i}")
        for i in (1, 2)
    ]
    await queue.join()      # returns when each put() item got its task_done()
    for task in workers:
        task.cancel()       # the workers loop for ever: stop them
    await asyncio.gather(*workers, return_exceptions=True)
    print(f"all pages done, {len(pages)} saved")
