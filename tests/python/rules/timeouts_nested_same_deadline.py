# Two nested timeout scopes with the same deadline: both fire (the task gets two cancel
# requests, one CancelledError), both are expired(), but only the outermost turns the
# cancellation into TimeoutError; the inner one lets CancelledError through.
# From CPython 3.11 Lib/test/test_asyncio/test_timeouts.py: TimeoutTests.test_nested_timeouts.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import Boom, blocking_sleep, describe, log, run


async def main():
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 0.5
    outer = asyncio.timeout_at(deadline)
    inner = asyncio.timeout_at(deadline)
    try:
        async with outer:
            try:
                async with inner:
                    await asyncio.sleep(10)
                    log("not reached")
            except asyncio.CancelledError as e:
                log(f"inner scope let {describe(e)} out, cancelling() {asyncio.current_task().cancelling()}")
                raise
            except TimeoutError:
                log("inner scope raised TimeoutError")
    except TimeoutError as e:
        log(f"outer scope raised {describe(e)}")
    log(f"outer expired() {outer.expired()}, inner expired() {inner.expired()}")
    log(f"cancelling() {asyncio.current_task().cancelling()}")


run(main())
