# From CPython 3.11 Lib/test/test_asyncio/test_taskgroups.py: TestTaskGroup.test_taskgroup_23,
# test_taskgroup_24 and test_taskgroup_25 (children adding children to their own group). While
# the group waits in __aexit__ a child may still create tasks in it, and the group waits for
# those too; finished children leave the group at once. Once the group is done, create_task
# raises RuntimeError. A failing child cancels the spawners, which then spawn no more.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import Boom, describe, log, run


async def leaf(name, delay):
    await asyncio.sleep(delay)
    log(f"{name} done")


async def root(tg):
    await asyncio.sleep(0.1)
    tg.create_task(leaf("leaf1", 0.1), name="leaf1")
    tg.create_task(leaf("leaf2", 0.2), name="leaf2")
    log("root added two children")


async def spawner(tg, depth):
    await asyncio.sleep(0.1)
    if depth < 3:
        tg.create_task(spawner(tg, depth + 1), name=f"spawner{depth + 1}")
        log(f"spawner{depth} added spawner{depth + 1}")


async def failer():
    await asyncio.sleep(0.25)
    log("failer raises")
    raise Boom("stop")


async def main():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(root(tg), name="root")
        log("body done")
    log("group done")
    coro = leaf("late", 0)
    try:
        tg.create_task(coro, name="late")
    except RuntimeError as e:
        coro.close()
        log(f"create_task after the group: {describe(e)}")

    try:
        async with asyncio.TaskGroup() as tg2:
            tg2.create_task(spawner(tg2, 0), name="spawner0")
            tg2.create_task(failer(), name="failer")
    except BaseExceptionGroup as eg:
        log(f"caught {describe(eg)}")


run(main())
