# asyncio.wait(FIRST_EXCEPTION) returns at the first error (or when all are done).
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import Boom, describe, log, run


async def job(name, delay):
    await asyncio.sleep(delay)
    log(f"{name} done")
    return name


async def failing(name, delay):
    await asyncio.sleep(delay)
    log(f"{name} raises")
    raise Boom(name)


def names(tasks):
    return " ".join(sorted(t.get_name() for t in tasks)) or "-"


async def main():
    tasks = [asyncio.create_task(job("a", 0.1), name="a"),
             asyncio.create_task(failing("b", 0.2), name="b"),
             asyncio.create_task(job("c", 0.5), name="c")]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    log(f"done: {names(done)} pending: {names(pending)}")
    log(f"b raised {describe(tasks[1].exception())}")
    others = [asyncio.create_task(job("d", 0.1), name="d"), asyncio.create_task(job("e", 0.2), name="e")]
    done, pending = await asyncio.wait(others, return_when=asyncio.FIRST_EXCEPTION)
    log(f"no error: done: {names(done)} pending: {names(pending)}")
    await tasks[2]


run(main())
