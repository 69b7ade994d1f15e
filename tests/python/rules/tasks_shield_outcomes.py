# shield() hands on the inner task's outcome: its value, its exception, and its cancellation:
# when the inner task is cancelled (here by a timer callback), the await on the shield raises
# CancelledError although the waiting task itself was never cancelled (cancelling() 0).
# From CPython 3.11 Lib/test/test_asyncio/test_tasks.py: BaseTaskTests.test_shield_result,
# test_shield_exception, test_shield_cancel_inner.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import Boom, blocking_sleep, describe, log, run


async def value():
    await asyncio.sleep(0.1)
    return 42


async def fails():
    await asyncio.sleep(0.1)
    raise Boom("inner")


async def victim():
    await asyncio.sleep(1)
    return "never"


async def main():
    loop = asyncio.get_running_loop()
    log(f"shield(value()) -> {await asyncio.shield(value())}")
    try:
        await asyncio.shield(fails())
    except Boom as e:
        log(f"shield(fails()) raised {describe(e)}")
    v = asyncio.create_task(victim(), name="victim")
    loop.call_later(0.1, v.cancel)
    try:
        await asyncio.shield(v)
    except asyncio.CancelledError as e:
        log(f"shield(victim) raised {describe(e)}, main cancelling() {asyncio.current_task().cancelling()}")
    log(f"victim cancelled() {v.cancelled()}")
    await asyncio.sleep(0.1)
    log("main goes on")


run(main())
