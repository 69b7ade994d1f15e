# Seven rules of thumb, each as a before/after pair: --rule picks one, --pitfall shows
# the mistake ("before"), without it you see the fix ("after").
import asyncio
from dirigent import log, param, pitfall, run

RULE = param("rule", 1)               # 1..7
BEFORE = pitfall()
opened = 0                            # sessions or connections opened so far
in_flight = peak = 0                  # requests running right now, and the most at once

async def connect():                  # opening a session or a connection: a 0.3 s handshake
    global opened
    opened += 1
    await asyncio.sleep(0.3)  # @handshake

async def request():                  # one HTTP request or one query: 0.1 s
    await asyncio.sleep(0.1)  # @request

async def one_session():              # 1. one session per app
    if not BEFORE:
        await connect()               # after: open it once, use it for everything  # @connect-once
    for _ in range(3):
        if BEFORE:
            await connect()           # before: a new session for every request  # @connect-each
        await request()  # @session-request
    log(f"3 requests done, sessions opened: {opened}")

async def hanging_request():          # a server that never answers
    await asyncio.Event().wait()  # @never

async def always_timeout():           # 2. always a timeout
    if BEFORE:
        await hanging_request()       # before: waits forever  # @no-timeout
    try:
        await asyncio.wait_for(hanging_request(), 0.5)  # @wait_for
    except TimeoutError:
        log("caught TimeoutError after 0.5 s; the program goes on")

async def worker(q):
    while True:
        item = await q.get()  # @get
        await request()  # @work-item
        log(f"worker finished item {item}")
        if not BEFORE:
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
        if not BEFORE:
            raise                     # after: pass the cancellation on  # @reraise
    log("job: carries on as if nothing happened")
    await asyncio.sleep(1)  # @carry-on

async def reraise_cancelled():        # 4. re-raise CancelledError
    try:
        async with asyncio.timeout(0.5):  # @timeout
            await job()
        log("no TimeoutError: the job swallowed the cancellation")
    except TimeoutError:
        log("caught TimeoutError after 0.5 s")

async def limited(shared):
    global in_flight, peak
    sem = asyncio.Semaphore(2) if BEFORE else shared   # before: a new one on every call  # @own-sem
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
    if BEFORE:
        try:
            asyncio.run(work())       # before: a second event loop inside the running one  # @nested-run
        except RuntimeError:
            log("caught RuntimeError")
    else:
        await work()                  # after: inside the loop, just await  # @await-work

async def pool_not_connect():         # 7. a pool instead of a connection per query
    pool = asyncio.Queue()
    if not BEFORE:
        await connect()               # after: the pool opens its connection once  # @pool-connect
        pool.put_nowait("connection")  # @pool-put
    for _ in range(4):
        if BEFORE:
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
    log(f"rule {RULE}: {demo.__name__}, {'before' if BEFORE else 'after'}")
    await demo()  # @demo

run(main())
