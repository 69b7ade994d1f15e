# asyncio.create_task(coro, name=...) in 3.11 creates the task unnamed and names it then, so
# a named task uses up a "Task-N" number too; gather's and a TaskGroup's tasks take one each.
# (The main task is made by loop.create_task(name="main"), which takes none.)
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import log, run


async def child():
    await asyncio.sleep(0)
    return asyncio.current_task().get_name()


async def main():
    a = asyncio.create_task(child(), name="a")
    b = asyncio.create_task(child())
    log(f"after a named task: {b.get_name()}")
    names = await asyncio.gather(child(), child())
    log(f"gather's children: {names[0]}, {names[1]}")
    async with asyncio.TaskGroup() as tg:
        tg.create_task(child(), name="in-group")
    c = asyncio.create_task(child())
    log(f"after the group: {c.get_name()}")
    await asyncio.gather(a, b, c)


run(main())
