# TaskGroup without failures: the block ends when the body and every child have finished.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import log, run


async def job(name, delay):
    await asyncio.sleep(delay)
    log(f"{name} done")
    return name


async def main():
    async with asyncio.TaskGroup() as tg:
        a = tg.create_task(job("a", 0.1), name="a")
        b = tg.create_task(job("b", 0.3), name="b")
        c = tg.create_task(job("c", 0.2), name="c")
        log("body created three tasks")
        await asyncio.sleep(0.15)
        log("body done")
    log(f"group done: {a.result()} {b.result()} {c.result()}")


run(main())
