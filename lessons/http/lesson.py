# HTTP, modelled: one session, a limit on requests in flight, a timeout per attempt,
# retries with exponential backoff, and a server that answers 429 when it is busy.
import asyncio
from dirigent import log, param, pitfall, run

REQUESTS = param("requests", 8)   # how many URLs we fetch
LIMIT = param("limit", 3)         # at most this many requests in flight
TIMEOUT = param("timeout", 0.3)   # seconds we wait for one attempt
BACKOFF = param("backoff", 0.2)   # first retry delay in seconds; it doubles on every retry
MAX_ATTEMPTS = 4
LATENCY = 0.1                     # the server answers after 0.1 s,
HANG_EVERY = 4                    # the first call of every 4th request hangs,
RATE = 4                          # and it accepts 4 requests per second

class Server:  # a deterministic model of a web server with a rate limit per second
    def __init__(self):
        self.start = asyncio.get_running_loop().time()
        self.second, self.count, self.seen = 0, 0, set()

    async def handle(self, i):
        now = asyncio.get_running_loop().time() - self.start
        if int(now) != self.second:              # a new second: the counter starts again
            self.second, self.count = int(now), 0
        self.count += 1
        if self.count > RATE:                    # too many: 429, "retry after" the next second
            await asyncio.sleep(LATENCY)  # @busy
            return 429, self.second + 1 - now
        if i % HANG_EVERY == 0 and i not in self.seen:
            self.seen.add(i)
            await asyncio.sleep(3600)            # this call hangs  # @hang
        await asyncio.sleep(LATENCY)  # @answer
        return 200, 0.0

class Session:  # like aiohttp.ClientSession: created once, shared by every request
    def __init__(self, server):
        self.server, self.sent = server, 0

    async def get(self, i):
        self.sent += 1
        return await self.server.handle(i)  # @handle

async def fetch(session, limit, i):
    for attempt in range(1, MAX_ATTEMPTS + 1):
        async with limit:                        # a free slot, held for one attempt  # @limit
            try:
                status, retry_after = await asyncio.wait_for(session.get(i), TIMEOUT)  # @wait_for
            except TimeoutError:  # @timeout
                status, retry_after = "timeout", 0.0
        if status == 200:
            log(f"req {i} attempt {attempt}: 200 OK")
            return True
        if attempt == MAX_ATTEMPTS:
            log(f"req {i} attempt {attempt}: {status}, giving up")
            return False
        # Honour Retry-After, back off exponentially.
        delay = max(retry_after, BACKOFF * 2 ** (attempt - 1))
        if pitfall():
            delay = 0.0                          # the mistake: try again at once
        log(f"req {i} attempt {attempt}: {status}, next try in {delay:.3f} s")
        await asyncio.sleep(delay)  # @backoff

async def main():
    session = Session(Server())                  # ONE session for the whole program  # @session
    limit = asyncio.Semaphore(LIMIT)             # created once, outside the requests  # @semaphore
    tasks = [asyncio.create_task(fetch(session, limit, i), name=f"req-{i}")  # @create_task
             for i in range(1, REQUESTS + 1)]
    results = await asyncio.gather(*tasks)  # @gather
    log(f"done: {results.count(True)} ok, {results.count(False)} failed, {session.sent} sent")

run(main())
