# An error other than the cancellation passes through a timeout scope unchanged: raised by
# the body before the deadline (expired() False), or raised by the body's cleanup while the
# timeout's cancellation unwinds it (expired() True, no TimeoutError, and the scope still takes
# its cancel request back: cancelling() is 0 afterwards).
# From CPython 3.11 Lib/test/test_asyncio/test_timeouts.py: TimeoutTests.test_foreign_exception_passed,
# test_foreign_exception_on_timeout.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import Boom, blocking_sleep, describe, log, run


async def crash():
    try:
        await asyncio.sleep(1)
    finally:
        log("crash: cleanup raises Boom")
        raise Boom("cleanup")


async def main():
    cm = asyncio.timeout(0.5)
    try:
        async with cm:
            await asyncio.sleep(0.1)
            raise Boom("body")
    except Boom as e:
        log(f"caught {describe(e)}, expired() {cm.expired()}")
    cm2 = asyncio.timeout(0.5)
    try:
        async with cm2:
            await crash()
    except Boom as e:
        log(f"caught {describe(e)}, expired() {cm2.expired()}")
    log(f"cancelling() {asyncio.current_task().cancelling()}")
    await asyncio.sleep(1)
    log("main goes on")


run(main())
