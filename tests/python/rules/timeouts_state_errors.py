# A Timeout can be entered once and rescheduled only while active: reschedule() before the
# block ("created"), inside the block after it fired ("expiring"), or entering it a second
# time raise RuntimeError. A body that swallows the timeout's CancelledError ends the block
# without TimeoutError, and the scope still takes its cancel request back.
# From CPython 3.11 Lib/test/test_asyncio/test_timeouts.py: TimeoutTests.test_timeout_not_entered,
# test_timeout_expiring, test_timeout_double_enter, test_timeout_already_entered.
# requires: CPython 3.11.7: asyncio.timeouts changed within 3.11 (Debian's 3.11.2 has the older uncancel check and allows a second entry)
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import Boom, blocking_sleep, describe, log, run


async def main():
    me = asyncio.current_task()
    cm = asyncio.timeout(0.5)
    try:
        cm.reschedule(1.0)
    except RuntimeError as e:
        log(f"reschedule before the block: {describe(e)}")
    async with cm:
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError as e:
            log(f"body swallows {describe(e)}, expired() {cm.expired()}, cancelling() {me.cancelling()}")
        try:
            cm.reschedule(2.0)
        except RuntimeError as e:
            log(f"reschedule while expiring: {describe(e)}")
        try:
            async with cm:
                log("not reached")
        except RuntimeError as e:
            log(f"entering it again inside: {describe(e)}")
    log(f"block ended without TimeoutError, cancelling() {me.cancelling()}")
    cm2 = asyncio.timeout(1.0)
    async with cm2:
        await asyncio.sleep(0.1)
    try:
        async with cm2:
            log("not reached")
    except RuntimeError as e:
        log(f"entering a finished one again: {describe(e)}")
    await asyncio.sleep(2)
    log("no late timeout")


run(main())
