# Cleanup code running while a timeout's cancellation unwinds the body may open its own
# timeout scope: entered with the outer request pending (cancelling() 1), it still raises its
# own TimeoutError when it expires; then the outer scope raises TimeoutError as usual.
# From CPython 3.11 Lib/test/test_asyncio/test_timeouts.py: TimeoutTests.test_nested_timeout_in_finally.
# requires: CPython 3.11.7: asyncio.timeouts changed within 3.11 (Debian's 3.11.2 has the older uncancel check and allows a second entry)
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import Boom, blocking_sleep, describe, log, run


async def main():
    me = asyncio.current_task()
    try:
        async with asyncio.timeout(0.5):
            try:
                await asyncio.sleep(1)
                log("not reached")
            finally:
                log(f"cleanup starts, cancelling() {me.cancelling()}")
                try:
                    async with asyncio.timeout(0.3):
                        await asyncio.sleep(10)
                except TimeoutError as e:
                    log(f"cleanup timed out: {describe(e)}, cancelling() {me.cancelling()}")
                log("cleanup done")
    except TimeoutError as e:
        log(f"outer scope raised {describe(e)}")
    log(f"cancelling() {me.cancelling()}")


run(main())
