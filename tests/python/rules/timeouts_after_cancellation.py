# A task that swallowed a cancellation keeps the request counted (cancelling() 1); a timeout
# scope it enters afterwards measures against that count: when the scope expires it still
# raises TimeoutError, but a new cancel() inside the scope comes out as CancelledError.
# From CPython 3.11 Lib/test/test_asyncio/test_timeouts.py: TimeoutTests.test_timeout_after_cancellation,
# test_cancel_in_timeout_after_cancellation.
# requires: CPython 3.11.7: asyncio.timeouts changed within 3.11 (Debian's 3.11.2 has the older uncancel check and allows a second entry)
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import Boom, blocking_sleep, describe, log, run


async def main():
    me = asyncio.current_task()
    try:
        me.cancel()
        await asyncio.sleep(1)
        log("not reached")
    except asyncio.CancelledError as e:
        log(f"swallowed {describe(e)}, cancelling() {me.cancelling()}")
    try:
        async with asyncio.timeout(0.0):
            await asyncio.sleep(1)
            log("not reached")
    except TimeoutError as e:
        log(f"timeout(0): {describe(e)}, cancelling() {me.cancelling()}")
    try:
        async with asyncio.timeout(1.0) as cm:
            me.cancel()
            await asyncio.sleep(2)
            log("not reached")
    except asyncio.CancelledError as e:
        log(f"cancel in timeout(1): {describe(e)}, expired() {cm.expired()}, cancelling() {me.cancelling()}")
    except TimeoutError as e:
        log(f"cancel in timeout(1): {describe(e)}")
    await asyncio.sleep(2)
    log("no late timeout")


run(main())
