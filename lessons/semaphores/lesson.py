import asyncio
from dirigent import Rng, log, param, pitfall, run

PAGES = 8
in_flight = 0  # fetches running right now


async def fetch(page, latency, sem, limit, delay):
    global in_flight
    if pitfall():
        sem = asyncio.Semaphore(limit)  # the pitfall: every call gets its own semaphore  # @own-sem
    async with sem:  # at most `limit` fetches hold a permit at once  # @acquire
        in_flight += 1
        log(f"page {page} starts ({in_flight} in flight)")
        await asyncio.sleep(latency)  # stands in for the network  # @network
        in_flight -= 1
        log(f"page {page} done ({in_flight} in flight)")
        await asyncio.sleep(delay)  # polite pause before the permit goes back  # @pause


class TokenBucket:
    # `rate` tokens per second drip in, up to `capacity`; the bucket starts full.
    def __init__(self, rate, capacity):
        self.rate, self.capacity, self.tokens = rate, capacity, capacity
        self.last = None  # the clock starts with the first acquire
        self.line = asyncio.Lock()  # first come, first served

    async def acquire(self):
        async with self.line:
            while True:
                now = asyncio.get_running_loop().time()
                if self.last is None:
                    self.last = now
                self.tokens = min(self.capacity, self.tokens + (now - self.last) * self.rate)
                self.last = now
                if self.tokens >= 1:
                    self.tokens -= 1
                    return
                # until one has dripped in (at least 1 ns, so a virtual clock moves)
                await asyncio.sleep(max((1 - self.tokens) / self.rate, 1e-9))


async def main():
    # Part 1: a crawler; the semaphore keeps at most `limit` fetches in flight.
    limit, delay = param("limit", 2), param("delay", 0.25)
    sem, rng = asyncio.Semaphore(limit), Rng(7)  # rng: each page's latency, 0.25 to 0.625 s  # @semaphore
    fetches = [asyncio.create_task(fetch(page, rng.randint(2, 5) / 8, sem, limit, delay), name=f"fetch-{page}")  # @create_task
               for page in range(1, PAGES + 1)]
    await asyncio.gather(*fetches)  # @gather
    log(f"crawled {PAGES} pages")

    # Part 2: a token bucket lets 50 requests through: a burst, then a steady rate.
    bucket = TokenBucket(param("rate", 8), param("capacity", 5))  # @bucket
    loop = asyncio.get_running_loop()
    start, at_once = loop.time(), 0
    for request in range(1, 51):
        await bucket.acquire()  # @token
        if loop.time() - start < 0.001:
            at_once += 1  # granted right away, from the full bucket
        if request % 10 == 0:
            log(f"request {request} granted")
    log(f"a burst of {at_once}, then {(50 - at_once) / (loop.time() - start):.1f} requests per second")


run(main())
