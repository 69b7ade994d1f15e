# Seven rules of thumb, each as a before/after pair: RULE picks one, PITFALL = True shows the
# mistake ("before"), PITFALL = False the fix ("after").
import asyncio
import time

# The lesson's sliders. Change them here when you run this file yourself.
RULE = 1          # which rule, 1..7
PITFALL = False   # True: the mistake ("before"); False: the fix ("after")

opened = 0                            # connections opened so far
in_flight = peak = 0                  # requests running right now, and the most at once

START = time.monotonic()


def log(message):
    """Print the message with the seconds since the start (the loop's clock is time.monotonic)."""
    print(f"t={asyncio.get_running_loop().time() - START:.3f} {message}")


async def connect():                  # opening a connection (TCP, and TLS for https): 0.3 s
    global opened
    opened += 1
    await asyncio.sleep(0.3)  # @connect


async def request():                  # one HTTP request or one query: 0.1 s
    await asyncio.sleep(0.1)  # @request


class Session:                        # like aiohttp.ClientSession: creating one does no I/O
    def __init__(self):
        self.connected = False        # its connection pool starts empty

    async def get(self):              # one request; the first one on a session opens the connection
        if not self.connected:
            await connect()  # @session-connect
            self.connected = True
        await request()  # @session-request


async def one_session():              # 1. one session per app
    session = Session()               # after: one session for everything  # @session-once
    for _ in range(3):
        if PITFALL:
            session = Session()       # before: a new session, with an empty pool, per request  # @session-each
        await session.get()  # @get
    log(f"3 requests done, connections opened: {opened}")


async def hanging_request():          # a server that never answers
    await asyncio.Event().wait()  # @never


async def always_timeout():           # 2. always a timeout
    if PITFALL:
        await hanging_request()       # before: waits forever  # @no-timeout
    try:
        await asyncio.wait_for(hanging_request(), 0.5)  # @wait_for
    except TimeoutError:
        log("caught TimeoutError after 0.5 s; the program goes on")


async def worker(q):
    while True:
        item = await q.get()  # @get-item
        await request()  # @work-item
        log(f"worker finished item {item}")
        if not PITFALL:
            q.task_done()             # before: forgotten, so join() never returns  # @task_done


async def task_done_after_get():      # 3. task_done() after every get()
    q = asyncio.Queue()
    w = asyncio.create_task(worker(q), name="worker")  # @create_task
    for item in range(3):
        q.put_nowait(item)  # @put
    await q.join()  # @join
    log("join() returned: every item is done")
    w.cancel()  # @cancel


async def job():
    try:
        await asyncio.sleep(1)  # @job
    except asyncio.CancelledError:
        log("job: cancelled, cleaning up")
        if not PITFALL:
            raise                     # after: pass the cancellation on  # @reraise
    log("job: carries on as if nothing happened")
    await asyncio.sleep(1)  # @carry-on


async def reraise_cancelled():        # 4. re-raise CancelledError
    try:
        async with asyncio.timeout(0.5):  # @timeout
            await job()
        log("no TimeoutError although the timeout fired at 0.5 s: the job swallowed the cancellation")
    except TimeoutError:
        log("caught TimeoutError after 0.5 s")


async def limited(shared):
    global in_flight, peak
    sem = asyncio.Semaphore(2) if PITFALL else shared   # before: a new one on every call  # @own-sem
    async with sem:  # @acquire
        in_flight += 1
        peak = max(peak, in_flight)
        await request()  # @limited-request
        in_flight -= 1


async def semaphore_outside():        # 5. create the semaphore once, outside
    shared = asyncio.Semaphore(2)  # @shared-sem
    await asyncio.gather(*[limited(shared) for _ in range(5)])  # @gather
    log(f"5 requests done, at most {peak} at once (the limit is 2)")


async def work():
    await request()  # @work
    log("work done")


async def run_once():                 # 6. asyncio.run() once, at the top
    if PITFALL:
        try:
            asyncio.run(work())       # before: a second event loop inside the running one  # @nested-run
        except RuntimeError:
            log("caught RuntimeError")
    else:
        await work()                  # after: inside the loop, just await  # @await-work


async def pool_not_connect():         # 7. a pool instead of a connection per query
    pool = asyncio.Queue()
    if not PITFALL:
        await connect()               # after: the pool opens its connection once  # @pool-connect
        pool.put_nowait("connection")  # @pool-put
    for _ in range(4):
        if PITFALL:
            await connect()           # before: a new connection for every query  # @connect-per-query
            await request()  # @query-before
        else:
            conn = await pool.get()  # @pool-get
            await request()  # @query
            pool.put_nowait(conn)  # @pool-return
    log(f"4 queries done, connections opened: {opened}")


RULES = [one_session, always_timeout, task_done_after_get, reraise_cancelled,
         semaphore_outside, run_once, pool_not_connect]


async def main():
    demo = RULES[RULE - 1]
    log(f"rule {RULE}: {demo.__name__}, {'before' if PITFALL else 'after'}")
    await demo()  # @demo


asyncio.run(main())
