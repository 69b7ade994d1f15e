import asyncio
import time

# The lesson's sliders. Change them here when you run this file yourself.
LIMIT = 2        # permits of the semaphore: fetches in flight at most
DELAY = 0.25     # seconds of polite pause before a fetch gives its permit back
RATE = 8         # tokens per second that drip into the bucket
CAPACITY = 5     # tokens the bucket holds at most (it starts full)
PITFALL = False  # True: every fetch creates its own semaphore

PAGES = 8
START = time.monotonic()


def log(message):
    """Print the message with the seconds since the start (the loop's clock is time.monotonic)."""
    print(f"t={asyncio.get_running_loop().time() - START:.3f} {message}")


class Rng:
    """A seeded random generator (splitmix64): the same numbers on every run, and in the C++ twin."""

    MASK = (1 << 64) - 1

    def __init__(self, seed):
        self.state = seed & self.MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & self.MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & self.MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & self.MASK
        return z ^ (z >> 31)

    def randint(self, lo, hi):
        """A whole number from lo to hi, both included."""
        return lo + self.next() % (hi - lo + 1)


in_flight = 0  # fetches running right now


async def fetch(page, latency, sem, limit, delay):
    global in_flight
    if PITFALL:
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
    # Part 1: a crawler; the semaphore keeps at most LIMIT fetches in flight.
    sem, rng = asyncio.Semaphore(LIMIT), Rng(7)  # rng: each page's latency, 0.25 to 0.625 s  # @semaphore
    fetches = [asyncio.create_task(fetch(page, rng.randint(2, 5) / 8, sem, LIMIT, DELAY), name=f"fetch-{page}")  # @create_task
               for page in range(1, PAGES + 1)]
    await asyncio.gather(*fetches)  # @gather
    log(f"crawled {PAGES} pages")

    # Part 2: a token bucket lets 50 requests through: a burst, then a steady rate.
    bucket = TokenBucket(RATE, CAPACITY)  # @bucket
    loop = asyncio.get_running_loop()
    start, at_once = loop.time(), 0
    for request in range(1, 51):
        await bucket.acquire()  # @token
        if loop.time() - start < 0.001:
            at_once += 1  # granted right away, from the full bucket
        if request % 10 == 0:
            log(f"request {request} granted")
    log(f"a burst of {at_once}, then {(50 - at_once) / (loop.time() - start):.1f} requests per second")


asyncio.run(main())
