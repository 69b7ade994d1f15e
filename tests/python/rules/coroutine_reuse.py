# A coroutine object can be awaited once; awaiting it again raises RuntimeError.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import describe, log, run


async def job():
    await asyncio.sleep(0.1)
    return 5


async def main():
    c = job()
    log(f"first await {await c}")
    try:
        await c
    except RuntimeError as e:
        log(f"second await: caught {describe(e)}")


run(main())
