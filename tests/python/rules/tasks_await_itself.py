# A task that awaits itself gets RuntimeError, not a deadlock; the error is thrown into the
# task one loop iteration later (the ticker shows the step in between), the task can catch it
# and go on.
# From CPython 3.11 Lib/test/test_asyncio/test_tasks.py: BaseTaskTests.test_task_awaits_on_itself.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import Boom, blocking_sleep, describe, log, run


async def ticker():
    for i in range(3):
        log(f"tick {i}")
        await asyncio.sleep(0)


async def selfish(handles):
    log("selfish awaits itself")
    try:
        await handles["self"]
    except RuntimeError as e:
        log(f"selfish caught {describe(e)}")
    await asyncio.sleep(0)
    return "survived"


async def main():
    handles = {}
    t = asyncio.create_task(selfish(handles), name="selfish")
    handles["self"] = t
    asyncio.create_task(ticker(), name="ticker")
    log(f"selfish -> {await t}")


run(main())
