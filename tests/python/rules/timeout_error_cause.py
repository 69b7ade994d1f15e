# wait_for and timeout() raise TimeoutError from the CancelledError that ended the wait
# (`raise TimeoutError from exc`): __cause__ is that cancellation. When the waiting task
# itself is cancelled, wait_for re-raises its CancelledError, message included.
# requires: CPython 3.11.7: asyncio.timeouts changed within 3.11 (Debian's 3.11.2 has the older uncancel check and allows a second entry)
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import describe, log, run


async def slow(name):
    try:
        await asyncio.sleep(1)
        return name
    except asyncio.CancelledError as e:
        log(f"{name} cancelled '{e}'")
        raise


async def waits(name):
    try:
        await asyncio.wait_for(slow(name), 1)
    except asyncio.CancelledError as e:
        log(f"{name} wait_for raised {describe(e)} '{e}'")
        raise


async def main():
    try:
        await asyncio.wait_for(slow("a"), 0.5)
    except TimeoutError as e:
        log(f"wait_for: {describe(e)} from {describe(e.__cause__)}")

    try:
        await asyncio.wait_for(slow("b"), 0)
    except TimeoutError as e:
        log(f"wait_for(0): {describe(e)} from {describe(e.__cause__)}")

    try:
        async with asyncio.timeout(0.5):
            await slow("c")
    except TimeoutError as e:
        log(f"timeout: {describe(e)} from {describe(e.__cause__)}")

    try:
        async with asyncio.timeout(1):
            await asyncio.sleep(0.5)
        log("in time: no error")
    except TimeoutError:
        log("not reached")

    w = asyncio.create_task(waits("d"), name="w")
    await asyncio.sleep(0.2)
    w.cancel("outer stop")
    try:
        await w
    except asyncio.CancelledError as e:
        log(f"await w: {describe(e)} '{e}'")


run(main())
