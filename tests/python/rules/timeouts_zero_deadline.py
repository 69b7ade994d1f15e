# A timeout whose deadline is now or already past (timeout(0), timeout(-11)) fires before the
# body's first await comes back: even a bare sleep(0) gets CancelledError, the scope raises
# TimeoutError with no time passing, expired() is True and when() is the deadline asked for.
# From CPython 3.11 Lib/test/test_asyncio/test_timeouts.py: TimeoutTests.test_timeout_zero,
# test_timeout_zero_sleep_zero, test_timeout_in_the_past_sleep_zero.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import Boom, blocking_sleep, describe, log, run


async def attempt(label, delay, pause):
    cm = asyncio.timeout(delay)
    try:
        async with cm:
            log(f"{label}: body starts, when {cm.when():.3f}")
            await asyncio.sleep(pause)
            log(f"{label}: not reached")
    except TimeoutError as e:
        log(f"{label}: {describe(e)}, expired() {cm.expired()}, when {cm.when():.3f}")


async def main():
    await asyncio.sleep(1)
    await attempt("timeout(0) sleep(10)", 0, 10)
    await attempt("timeout(0) sleep(0)", 0, 0)
    await attempt("timeout(-11) sleep(0)", -11, 0)
    log(f"cancelling() {asyncio.current_task().cancelling()}")


run(main())
