# asyncio.wait(FIRST_COMPLETED) returns when any task finishes; the rest keep running.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import log, run


async def job(name, delay):
    await asyncio.sleep(delay)
    log(f"{name} done")
    return name


def names(tasks):
    return " ".join(sorted(t.get_name() for t in tasks)) or "-"


async def main():
    tasks = [asyncio.create_task(job(n, d), name=n) for n, d in (("a", 0.3), ("b", 0.1), ("c", 0.2))]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    log(f"done: {names(done)} pending: {names(pending)}")
    done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
    log(f"done: {names(done)} pending: {names(pending)}")
    await tasks[0]
    log("a awaited")


run(main())
