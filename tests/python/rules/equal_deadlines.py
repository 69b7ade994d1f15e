# Timers fire in (deadline, creation order): sleeps that end at the same instant
# wake in the order their timers were started.
# convention: timer-ties: timers fall due at the same moment; CPython leaves their order open, vloop and aio fire them in creation order
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import log, run


async def sleeper(name, delays):
    for d in delays:
        await asyncio.sleep(d)
    log(f"{name} wakes")


async def main():
    tasks = []
    for name in ["s7", "s3", "s9", "s1", "s5", "s2", "s8", "s4", "s6", "s0"]:
        tasks.append(asyncio.create_task(sleeper(name, [1.0]), name=name))
    tasks.append(asyncio.create_task(sleeper("halves", [0.5, 0.5]), name="halves"))
    tasks.append(asyncio.create_task(sleeper("thirds", [0.1, 0.2, 0.7]), name="thirds"))
    await asyncio.sleep(0.25)
    tasks.append(asyncio.create_task(sleeper("late", [0.75]), name="late"))
    for t in tasks:
        await t
    log("all awake")


run(main())
