import asyncio
import time

# The lesson's sliders. Change them here when you run this file yourself.
URLS = 1000      # pages to crawl: one task per URL
LIMIT = 100      # permits of the semaphore: requests in flight at most
LATENCY = 0.2    # seconds a request takes on average (each one 0.5 to 1.5 times that)
PITFALL = False  # True: no semaphore, every request goes out at once

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


in_flight = 0  # requests on the wire right now
peak = 0       # the most there ever were at once
crawled = 0    # pages done


async def get(latency):
    """The request itself: one more in flight until its answer is in."""
    global in_flight, peak
    in_flight += 1
    peak = max(peak, in_flight)
    await asyncio.sleep(latency)  # stands in for the network  # @network
    in_flight -= 1


async def fetch(latency, sem):
    global crawled
    if PITFALL:
        await get(latency)  # the pitfall: no semaphore, nothing ever waits  # @unbounded
    else:
        async with sem:  # at most LIMIT requests hold a permit at once  # @acquire
            await get(latency)
    crawled += 1
    if crawled % (URLS // 10) == 0:  # a line every 10 %, not one per page
        log(f"{crawled} of {URLS} pages crawled, {in_flight} in flight")


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    sem, rng = asyncio.Semaphore(LIMIT), Rng(11)  # rng: each request's latency  # @semaphore
    # One task per URL: cheap, even 100,000 of them. The semaphore bounds what they do.
    fetches = [asyncio.create_task(fetch(LATENCY * rng.randint(5, 15) / 10, sem), name=f"fetch-{url}")  # @create_task
               for url in range(1, URLS + 1)]
    log(f"{len(fetches)} tasks created, main awaits gather")
    await asyncio.gather(*fetches)  # @gather
    log(f"crawled {crawled} pages in {loop.time() - start:.3f} s")
    log(f"peak: {peak} requests in flight at once")


asyncio.run(main())
