# HTTP, modelled: one session, a limit on requests in flight, a timeout per attempt,
# retries with exponential backoff, and a server that answers 429 when it is busy.
import asyncio
import time

# The lesson's sliders. Change them here when you run this file yourself.
REQUESTS = 8     # how many URLs we fetch
LIMIT = 3        # at most this many requests in flight
TIMEOUT = 0.3    # seconds we wait for one attempt
BACKOFF = 0.2    # first retry delay in seconds; it doubles on every retry
PITFALL = False  # True: retry at once, without backoff and without Retry-After

START = time.monotonic()


def log(message):
    """Print the message with the seconds since the start (the loop's clock is time.monotonic)."""
    print(f"t={asyncio.get_running_loop().time() - START:.3f} {message}")


# --- The model of the server (in real code: the internet and your HTTP client) ---
LATENCY = 0.1    # the server answers after 0.1 s,
HANG_EVERY = 4   # the first call of every 4th request hangs,
RATE = 4         # and it accepts 4 requests per second


class Server:  # a deterministic model of a web server with a rate limit per second
    def __init__(self):
        self.start = asyncio.get_running_loop().time()
        self.second, self.count, self.seen = 0, 0, set()

    async def handle(self, i):
        """The status and the Retry-After in seconds (0 when there is none)."""
        now = asyncio.get_running_loop().time() - self.start
        if int(now) != self.second:  # a new second: the counter starts again
            self.second, self.count = int(now), 0
        self.count += 1
        if self.count > RATE:  # too many: 429, "retry after" the next second
            await asyncio.sleep(LATENCY)  # @busy
            return 429, self.second + 1 - now
        if i % HANG_EVERY == 0 and i not in self.seen:
            self.seen.add(i)
            await asyncio.sleep(3600)  # this call hangs  # @hang
        await asyncio.sleep(LATENCY)  # @answer
        return 200, 0.0


class Session:  # stands in for aiohttp.ClientSession or httpx.AsyncClient
    def __init__(self, server):
        self.server, self.sent = server, 0

    async def get(self, i):
        self.sent += 1
        return await self.server.handle(i)  # @handle


# --- Your code ---
MAX_ATTEMPTS = 4


async def fetch(session, limit, i):
    for attempt in range(1, MAX_ATTEMPTS + 1):
        timed_out, status, retry_after = False, 0, 0.0  # the status stays a number: 0 while there is no answer
        async with limit:  # a free slot, held for one attempt  # @limit
            try:
                # The timeout for one attempt. aiohttp and httpx have their own as well:
                # aiohttp.ClientTimeout(total=..., connect=...), httpx.Timeout(..., connect=...).
                status, retry_after = await asyncio.wait_for(session.get(i), TIMEOUT)  # @wait_for
            except TimeoutError:  # @timeout
                timed_out = True  # no answer, so no status
        if status == 200:
            log(f"req {i} attempt {attempt}: 200 OK")
            return True
        outcome = "timeout" if timed_out else str(status)
        if attempt == MAX_ATTEMPTS:
            log(f"req {i} attempt {attempt}: {outcome}, giving up")
            return False
        # Honour Retry-After, back off exponentially. No jitter, so that every run gives the same
        # times; real code adds some (a random factor), so that clients do not retry in lockstep.
        delay = max(retry_after, BACKOFF * 2 ** (attempt - 1))
        if PITFALL:
            delay = 0.0  # the mistake: try again at once
        log(f"req {i} attempt {attempt}: {outcome}, next try in {delay:.3f} s")
        await asyncio.sleep(delay)  # @backoff


async def main():
    session = Session(Server())  # ONE session for the whole program  # @session
    limit = asyncio.Semaphore(LIMIT)  # created once, outside the requests  # @semaphore
    tasks = [asyncio.create_task(fetch(session, limit, i), name=f"req-{i}")  # @create_task
             for i in range(1, REQUESTS + 1)]
    results = await asyncio.gather(*tasks)  # @gather
    log(f"done: {results.count(True)} ok, {results.count(False)} failed, {session.sent} sent")


asyncio.run(main())
