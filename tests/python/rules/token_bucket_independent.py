# aio::TokenBucket against a token bucket written independently of it, the way Python
# tutorials write one (AsyncTokenBucket: rate, capacity, a monotonic clock, a Lock): the same
# grants at the same times, for bursts, mixed sizes, a client arriving after the bucket refilled,
# and fractional tokens. (token_bucket compares aio with a port of itself; this one does not.)
# Rate and sizes are binary fractions, so every refill is exact: on a nanosecond clock the
# tutorial version, without aio's one-nanosecond minimum wait, can spin forever on a shortfall
# of 1e-9 tokens whose wait rounds to 0 ns (try rate 3).
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import log, run


class AsyncTokenBucket:
    """Refill on every look: tokens grow by elapsed * rate up to capacity. Whoever holds the
    lock is next; when short, it sleeps exactly as long as the missing tokens take to drip in."""

    def __init__(self, rate, capacity, monotonic):
        self.rate = rate
        self.capacity = capacity
        self.monotonic = monotonic
        self.tokens = capacity
        self.updated_at = monotonic()
        self.lock = asyncio.Lock()

    async def acquire(self, tokens=1):
        async with self.lock:
            while True:
                now = self.monotonic()
                self.tokens = min(self.capacity, self.tokens + (now - self.updated_at) * self.rate)
                self.updated_at = now
                if self.tokens >= tokens:
                    self.tokens -= tokens
                    return
                await asyncio.sleep((tokens - self.tokens) / self.rate)


async def client(name, bucket, sizes, pause):
    for size in sizes:
        await bucket.acquire(size)
        log(f"{name} granted {size}, {bucket.tokens:.3f} left")
        if pause:
            await asyncio.sleep(pause)


async def late(name, bucket, start, sizes):
    await asyncio.sleep(start)
    await client(name, bucket, sizes, 0)


async def main():
    # The loop's clock is the monotonic clock here (a virtual one: the grants are exact).
    bucket = AsyncTokenBucket(4, 5, asyncio.get_running_loop().time)
    tasks = [asyncio.create_task(client("burst", bucket, [1, 1, 1, 1, 1, 1, 1], 0), name="burst"),
             asyncio.create_task(client("pairs", bucket, [2, 2, 2], 0.25), name="pairs"),
             asyncio.create_task(client("frac", bucket, [0.5, 2.5, 0.75], 0.1), name="frac"),
             asyncio.create_task(late("late", bucket, 9, [2, 1, 4]), name="late")]
    for t in tasks:
        await t
    log("all granted")


run(main())
