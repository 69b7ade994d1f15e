# gather() given the same coroutine several times runs it once, as one task, and puts its
# result at every place it was given; the task's done callback wakes the gather once it and
# the other child are done.
# From CPython 3.11 Lib/test/test_asyncio/test_tasks.py: CoroutineGatherTests.test_duplicate_coroutines.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import Boom, blocking_sleep, describe, log, run


async def job(name, delay):
    log(f"{name} runs")
    await asyncio.sleep(delay)
    log(f"{name} finished")
    return name


async def main():
    c = job("abc", 0.2)
    r = await asyncio.gather(c, c, job("def", 0.1), c)
    log(f"gather -> {r}")


run(main())
