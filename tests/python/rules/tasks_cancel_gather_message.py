# A task that loops over gather(sleep(...), return_exceptions=True) and is cancelled with a
# message (here at the very moment a child's sleep ends): even with return_exceptions the
# gather raises CancelledError when it was cancelled itself, and the message comes out of the
# await on the task. Without a message, the error has none.
# From CPython 3.11 Lib/test/test_asyncio/test_tasks.py: BaseTaskTests.test_cancel_gather_2.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import Boom, blocking_sleep, describe, log, run


async def looping(name):
    rounds = 0
    while True:
        rounds += 1
        try:
            await asyncio.gather(asyncio.sleep(0.05), return_exceptions=True)
        except asyncio.CancelledError as e:
            log(f"{name}: gather raised {describe(e)} '{e}' in round {rounds}")
            raise
        if rounds > 20:
            return "finished"


async def main():
    for msg in (None, "my message"):
        name = f"looping({msg})"
        t = asyncio.create_task(looping(name), name=name)
        await asyncio.sleep(0.2)
        log(f"cancel {name} -> {t.cancel(msg)}")
        try:
            await t
        except asyncio.CancelledError as e:
            log(f"await {name}: {describe(e)} '{e}'")


run(main())
