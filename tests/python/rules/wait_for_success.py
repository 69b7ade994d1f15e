# wait_for returns the result when the task beats the timeout; the timer is disarmed.
# An error inside propagates unchanged.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import Boom, describe, log, run


async def fast():
    await asyncio.sleep(0.2)
    log("fast done")
    return "fast result"


async def failing():
    await asyncio.sleep(0.1)
    raise Boom("inner")


async def main():
    r = await asyncio.wait_for(fast(), timeout=0.5)
    log(f"got {r}")
    try:
        await asyncio.wait_for(failing(), timeout=0.5)
    except Boom as e:
        log(f"caught {describe(e)}")
    await asyncio.sleep(1)
    log("no timeout fired")


run(main())
