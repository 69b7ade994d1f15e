# asyncio.wait(FIRST_EXCEPTION): a task that ends cancelled is not an exception; wait goes on
# until one raises (or all are done).
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import Boom, describe, log, run


async def job(name, delay, fail):
    await asyncio.sleep(delay)
    if fail:
        raise Boom(name)
    log(f"{name} done")
    return name


def names(tasks):
    return " ".join(sorted(t.get_name() for t in tasks)) or "-"


async def main():
    a = asyncio.create_task(job("a", 1, False), name="a")
    b = asyncio.create_task(job("b", 2, True), name="b")
    c = asyncio.create_task(job("c", 3, False), name="c")
    await asyncio.sleep(0.5)
    log(f"cancel a -> {a.cancel()}")
    done, pending = await asyncio.wait([a, b, c], return_when=asyncio.FIRST_EXCEPTION)
    log(f"done: {names(done)} pending: {names(pending)}")
    log(f"b: {describe(b.exception())}")
    c.cancel()
    await asyncio.sleep(0)


run(main())
