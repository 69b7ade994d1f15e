# Task.cancelling() counts cancel() requests; uncancel() counts them down but never below 0; a
# timeout scope entered with a request already pending still ends in TimeoutError when it expires.
# requires: CPython 3.11.7: asyncio.timeouts changed within 3.11 (Debian's 3.11.2 has the older uncancel check and allows a second entry)
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import describe, log, run


async def stubborn():
    for _ in range(2):
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError:
            log(f"stubborn swallows, cancelling() {asyncio.current_task().cancelling()}")
    me = asyncio.current_task()
    try:
        async with asyncio.timeout(0.5):
            await asyncio.sleep(1)
    except TimeoutError as e:
        log(f"stubborn: {describe(e)}, cancelling() {me.cancelling()}")
    log(f"uncancel() -> {me.uncancel()}")
    log(f"uncancel() -> {me.uncancel()}")
    log(f"uncancel() -> {me.uncancel()}")
    log(f"cancelling() {me.cancelling()}")
    return "done"


async def main():
    t = asyncio.create_task(stubborn(), name="stubborn")
    log(f"fresh: cancelling() {t.cancelling()} uncancel() -> {t.uncancel()}")
    await asyncio.sleep(0.1)
    log(f"cancel() -> {t.cancel()}")
    log(f"cancel() -> {t.cancel()}")
    log(f"cancelling() {t.cancelling()}")
    await asyncio.sleep(0.1)
    log(f"cancel() -> {t.cancel()}")
    log(f"result {await t}")
    log(f"after: cancelling() {t.cancelling()} cancel() -> {t.cancel()}")


run(main())
