# asyncio.wait sorts the tasks into done and pending when it wakes up, not when it is
# released: a task whose timer fires at the wait's deadline, armed before the wait's own
# timeout, finishes first and counts as done; armed after it, the task is still pending. With
# FIRST_COMPLETED, a task that finishes in the iteration between the release and the wake-up
# is done too.
# From CPython 3.11 Lib/test/test_asyncio/test_tasks.py: BaseTaskTests.test_wait_concurrent_complete,
# test_wait_with_timeout, test_wait_really_done.
# convention: timer-ties: timers fall due at the same moment; CPython leaves their order open, vloop and aio fire them in creation order
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import Boom, blocking_sleep, describe, log, run


def names(tasks):
    return sorted(t.get_name() for t in tasks)


async def job(name, delay):
    await asyncio.sleep(delay)
    log(f"{name} done")


async def yielder(name, n):
    for _ in range(n):
        await asyncio.sleep(0)
    log(f"{name} done")


async def main():
    a = asyncio.create_task(job("a", 0.1), name="a")
    b = asyncio.create_task(job("b", 0.15), name="b")
    await asyncio.sleep(0)
    done, pending = await asyncio.wait([b, a], timeout=0.1)
    log(f"timers armed first: done {names(done)} pending {names(pending)}")
    await b

    c = asyncio.create_task(job("c", 0.1), name="c")
    d = asyncio.create_task(job("d", 0.15), name="d")
    done, pending = await asyncio.wait([d, c], timeout=0.1)
    log(f"wait's timeout armed first: done {names(done)} pending {names(pending)}")
    await d

    e = asyncio.create_task(yielder("e", 1), name="e")
    f = asyncio.create_task(yielder("f", 2), name="f")
    done, pending = await asyncio.wait([f, e], return_when=asyncio.FIRST_COMPLETED)
    log(f"FIRST_COMPLETED: done {names(done)} pending {names(pending)}")


run(main())
