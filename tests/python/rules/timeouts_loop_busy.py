# Nested timeouts while the loop is held by a blocking call (time.sleep in the body): the
# deadlines that passed meanwhile fire together at the next await, earliest first. When only
# the outer one passed, the inner scope lets CancelledError through and the outer raises
# TimeoutError. When both passed, the task gets two cancel requests and one CancelledError:
# the inner scope sees a request that is not its own and lets it through, so the outer raises
# TimeoutError at once.
# From CPython 3.11 Lib/test/test_asyncio/test_timeouts.py: TimeoutTests.test_nested_timeouts_concurrent,
# test_nested_timeouts_loop_busy.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import Boom, blocking_sleep, describe, log, run


async def nested(label, outer_delay, inner_delay, busy):
    me = asyncio.current_task()
    try:
        async with asyncio.timeout(outer_delay):
            try:
                async with asyncio.timeout(inner_delay):
                    blocking_sleep(busy)
                    log(f"{label}: blocking call returns")
                    await asyncio.sleep(10)
                    log(f"{label}: not reached")
            except TimeoutError as e:
                log(f"{label}: inner scope raised {describe(e)}")
            except asyncio.CancelledError as e:
                log(f"{label}: inner scope let {describe(e)} out, cancelling() {me.cancelling()}")
                raise
            await asyncio.sleep(10)
            log(f"{label}: not reached either")
    except TimeoutError as e:
        log(f"{label}: outer scope raised {describe(e)}, cancelling() {me.cancelling()}")


async def main():
    await nested("outer passed", 0.2, 1.0, 0.5)
    await nested("both passed", 1.0, 0.1, 1.0)


run(main())
