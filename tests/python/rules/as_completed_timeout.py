# as_completed(timeout=): once the timer fires, every await still to come raises TimeoutError;
# the tasks are not cancelled and finish later. The timer starts when the iteration begins, so
# a task ending at the deadline itself is too late (its callback runs after the timer's). When
# every task is done before the deadline, the timer is cancelled and nothing raises.
# convention: timer-ties: timers fall due at the same moment; CPython leaves their order open, vloop and aio fire them in creation order
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import describe, log, run


async def job(name, delay):
    await asyncio.sleep(delay)
    log(f"{name} finishes")
    return name


async def main():
    tasks = [asyncio.create_task(job(n, d), name=n) for n, d in (("a", 0.1), ("b", 0.3), ("c", 0.5))]
    for f in asyncio.as_completed(tasks, timeout=0.3):
        try:
            log(f"got {await f}")
        except TimeoutError as e:
            log(f"raised {describe(e)}")
    for t in tasks:
        log(f"{t.get_name()}: cancelled() {t.cancelled()} result {await t}")

    quick = [asyncio.create_task(job(n, d), name=n) for n, d in (("x", 0.2), ("y", 0.1))]
    for f in asyncio.as_completed(quick, timeout=1):
        log(f"got {await f}")
    await asyncio.sleep(2)
    log("no timeout after all were done")


run(main())
