# aclose() raises GeneratorExit at the suspended yield; the finally block runs and may await,
# in the task that awaits aclose(). A generator dropped at a yield without aclose() is closed
# by the loop's finalizer hook: a new task runs aclose() one iteration later.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import log, run


def where():
    # The finalizer's task has no name of its own (its number differs: see the C++ twin).
    name = asyncio.current_task().get_name()
    return "an unnamed task" if name.startswith("Task-") else name


async def pages(name, n):
    try:
        for i in range(n):
            await asyncio.sleep(0.1)
            yield i
    except GeneratorExit:
        log(f"{name}: GeneratorExit at the yield")
        raise
    finally:
        log(f"{name}: cleanup in {where()}")
        await asyncio.sleep(0.05)
        log(f"{name}: cleanup done")


async def closing():
    gen = pages("closed", 5)
    async for page in gen:
        log(f"closing got {page}")
        if page == 1:
            break
    log("closing calls aclose")
    await gen.aclose()
    log("aclose returned")
    await gen.aclose()
    log("second aclose returned")


async def dropping():
    async for page in pages("dropped", 5):
        log(f"dropping got {page}")
        if page == 1:
            break
    log("dropping left the loop")
    await asyncio.sleep(0)
    log("dropping one iteration later")
    await asyncio.sleep(0)
    log("dropping two iterations later")


async def main():
    await asyncio.create_task(closing(), name="closing")
    await asyncio.create_task(dropping(), name="dropping")
    await asyncio.sleep(1)
    log("main done")


run(main())
