# asyncio.wait(timeout=0) and as_completed(timeout=0): the timeout is a timer due at once, so
# they return (raise) one iteration later with what is done by then; the tasks go on.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import describe, log, run


async def job(name, delay):
    await asyncio.sleep(delay)
    log(f"{name} done")
    return name


def names(tasks):
    return " ".join(sorted(t.get_name() for t in tasks)) or "-"


async def main():
    tasks = [asyncio.create_task(job(n, d), name=n) for n, d in (("a", 0.1), ("b", 0.2))]
    done, pending = await asyncio.wait(tasks, timeout=0)
    log(f"wait: done: {names(done)} pending: {names(pending)}")
    for f in asyncio.as_completed(tasks, timeout=0):
        try:
            log(f"got {await f}")
        except TimeoutError as e:
            log(f"as_completed raised {describe(e)}")
    await asyncio.gather(*tasks)
    log("the tasks finished anyway")


run(main())
