# The awaitables as_completed yields are interchangeable: each await takes the next result to
# arrive, whichever of them is awaited, so awaiting the second one first gives the earliest
# result. The same coroutine given twice is run once and reported once.
# From CPython 3.11 Lib/test/test_asyncio/test_tasks.py: BaseTaskTests.test_as_completed_reverse_wait,
# test_as_completed_duplicate_coroutines, test_as_completed_with_unused_timeout.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import Boom, blocking_sleep, describe, log, run


async def job(name, delay):
    await asyncio.sleep(delay)
    log(f"{name} finished")
    return name


async def main():
    a = asyncio.create_task(job("a", 0.05), name="a")
    b = asyncio.create_task(job("b", 0.1), name="b")
    futs = list(asyncio.as_completed([b, a], timeout=1))
    log(f"{len(futs)} awaitables")
    x = await futs[1]
    log(f"second awaitable -> {x}")
    y = await futs[0]
    log(f"first awaitable -> {y}")

    c = job("ham", 0.2)
    results = []
    for f in asyncio.as_completed([c, c, job("spam", 0.1)]):
        results.append(await f)
    log(f"results {results}")
    await asyncio.sleep(2)
    log("the unused timeout did nothing")


run(main())
