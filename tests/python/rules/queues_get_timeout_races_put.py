# From CPython 3.11 Lib/test/test_asyncio/test_queues.py: QueueGetTests.test_get_cancelled_race
# and test_cancelled_getters_not_being_held_in_self_getters, with the timeout and the put in the
# same loop iteration. wait_for(q.get(), 0.1) and a put_nowait at t=0.1: if the put comes first,
# the woken get finishes before wait_for looks, and wait_for returns the item. If the timeout comes
# first, wait_for raises TimeoutError and the item is not lost: a getter waiting behind gets it
# (the cancelled get leaves the line), or it stays queued.
# convention: timer-ties: timers fall due at the same moment; CPython leaves their order open, vloop and aio fire them in creation order
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import describe, log, run


async def getter(name, q):
    item = await q.get()
    log(f"{name} got {item}")


async def attempt(q, put_first, behind):
    loop = asyncio.get_running_loop()
    if put_first:
        loop.call_later(0.1, q.put_nowait, "x")
    t = asyncio.create_task(asyncio.wait_for(q.get(), 0.1), name="timed")
    await asyncio.sleep(0)  # wait_for starts the get in a task of its own
    g = None
    if behind:
        g = asyncio.create_task(getter("behind", q), name="behind")
    await asyncio.sleep(0)
    if not put_first:
        loop.call_later(0.1, q.put_nowait, "x")
    try:
        log(f"timed got {await t}")
    except TimeoutError as e:
        log(f"timed: {describe(e)}")
    await asyncio.sleep(0)
    log(f"put_first={put_first} behind={behind}: qsize {q.qsize()} behind done() {g.done() if g else None}")
    if g and not g.done():
        q.put_nowait("y")
        await g
    while not q.empty():
        q.get_nowait()


async def main():
    q = asyncio.Queue()
    for put_first in (True, False):
        for behind in (False, True):
            await attempt(q, put_first, behind)


run(main())
