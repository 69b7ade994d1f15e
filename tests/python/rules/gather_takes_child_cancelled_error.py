# gather fails with the cancelled child's own CancelledError (its message) and takes it: the
# child hands its CancelledError out once, so awaiting the child afterwards raises a bare one.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import describe, log, run


async def child(delay):
    await asyncio.sleep(delay)


async def main():
    c = asyncio.create_task(child(1), name="child")
    other = asyncio.create_task(child(2), name="other")
    g = asyncio.gather(c, other)
    await asyncio.sleep(0.1)
    log(f"cancel child -> {c.cancel('stop')}")
    try:
        await g
    except asyncio.CancelledError as e:
        log(f"gather: {describe(e)} '{e}'")
    try:
        await c
    except asyncio.CancelledError as e:
        log(f"child awaited again: {describe(e)} '{e}'")
    other.cancel()


run(main())
