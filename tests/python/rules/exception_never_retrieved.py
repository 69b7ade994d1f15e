# A task that failed and whose exception nobody read (result(), exception(), await, gather,
# TaskGroup) reports "Task exception was never retrieved" the moment its last reference goes:
# at once for a task nobody holds, when the variable lets go of it, when main's frame ends.
# asyncio.wait does not read the exception; gather and task.exception() do.
# convention: timer-ties: timers fall due at the same moment; CPython leaves their order open, vloop and aio fire them in creation order
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import Boom, log, run


async def job(name, delay, fail):
    await asyncio.sleep(delay)
    if fail:
        raise Boom(name)
    log(f"{name} ok")


async def main():
    asyncio.create_task(job("forgotten", 0.5, True), name="forgotten")
    held = asyncio.create_task(job("held", 1, True), name="held")
    asked = asyncio.create_task(job("asked", 1, True), name="asked")
    awaited = asyncio.create_task(job("awaited", 1, True), name="awaited")
    waited = asyncio.create_task(job("waited", 1, True), name="waited")
    kept = asyncio.create_task(job("kept", 1, True), name="kept")
    fine = asyncio.create_task(job("fine", 1, False), name="fine")
    results = await asyncio.gather(job("g1", 1, True), job("g2", 1, False), return_exceptions=True)
    log(f"gather gave {len(results)} results")
    log(f"asked: {asked.exception()!r}")
    try:
        await awaited
    except Boom as e:
        log(f"awaited raised {e!r}")
    done, pending = await asyncio.wait([waited])
    log(f"wait: {len(done)} done")
    await asyncio.sleep(1)
    log("dropping held")
    held = None
    log("dropping the rest")
    asked = awaited = fine = None
    done = None
    waited = None
    log(f"kept done {kept.done()}")
    log("main done")


run(main())
