# asyncio.to_thread: the function's value is the await's value. The loop goes on while the
# thread works (its blocking_sleep is the thread's time, not the loop's). Calls at once complete
# in the order of their durations, equal durations in the order they were submitted. The result
# comes back three loop iterations after the thread finished (executor, call_soon_threadsafe,
# the task's wakeup): the counter shows it.
# convention: timer-ties: timers fall due at the same moment; CPython leaves their order open, vloop and aio fire them in creation order
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import blocking_sleep, log, run


def compute(x, seconds):
    blocking_sleep(seconds)
    return x * 2


async def ticker():
    for i in range(3):
        log(f"tick {i}")
        await asyncio.sleep(0.2)


async def counter(box):
    while True:
        box[0] += 1
        await asyncio.sleep(0)


async def job(name, seconds):
    v = await asyncio.to_thread(compute, len(name), seconds)
    log(f"{name} done: {v}")


async def main():
    t = asyncio.create_task(ticker(), name="ticker")
    v = await asyncio.to_thread(compute, 21, 0.5)
    log(f"result {v}")
    await t

    box = [0]
    c = asyncio.create_task(counter(box), name="counter")
    await asyncio.sleep(0)
    before = box[0]
    await asyncio.to_thread(compute, 1, 0)
    log(f"iterations while waiting: {box[0] - before}")
    c.cancel()

    await asyncio.gather(job("aaa", 0.3), job("b", 0.1), job("cc", 0.3), job("dddd", 0), job("e", 0.1))
    log("all done")


run(main())
