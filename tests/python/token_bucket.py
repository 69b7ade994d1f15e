"""aio::TokenBucket (core/aio/include/aio/token_bucket.hpp), written identically for CPython.

`rate` tokens per second refill up to `capacity`; the bucket starts full and starts counting
at its first acquire. An internal Lock is the FIFO line. Holding it: refill
(tokens = min(capacity, tokens + (now - last) * rate); last = now); if enough tokens, take them
and return; else sleep until the missing tokens have dripped in, and try again.
"""

import asyncio


class TokenBucket:
    def __init__(self, rate, capacity, name=None):
        if rate <= 0:
            raise ValueError("TokenBucket rate must be > 0")
        if capacity <= 0:
            raise ValueError("TokenBucket capacity must be > 0")
        self.rate = rate
        self.capacity = capacity
        self.name = name
        self.tokens = capacity
        self._last = 0.0
        self._started = False
        self._line = asyncio.Lock()

    async def acquire(self, n=1):
        if n > self.capacity:
            raise ValueError("TokenBucket: cannot take more tokens than its capacity")
        async with self._line:
            while True:
                self._refill()
                if self.tokens >= n:
                    self.tokens -= n
                    return
                # At least a nanosecond, as aio::TokenBucket: a shortfall that rounds to 0 ns
                # would let virtual time stand still while the bucket never fills.
                await asyncio.sleep(max((n - self.tokens) / self.rate, 1e-9))

    def _refill(self):
        now = asyncio.get_running_loop().time()
        if not self._started:
            self._started = True
            self._last = now
        self.tokens = min(self.capacity, self.tokens + (now - self._last) * self.rate)
        self._last = now
