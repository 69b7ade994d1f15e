# Three sequential awaits of 0.3, 0.5 and 0.2 seconds take 1.0 second.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import log, run


async def main():
    log("start")
    await asyncio.sleep(0.3)
    log("after 0.3")
    await asyncio.sleep(0.5)
    log("after 0.5")
    await asyncio.sleep(0.2)
    log("after 0.2")


run(main())
