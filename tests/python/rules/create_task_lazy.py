# A created task does not run until its creator yields to the loop.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import log, run


async def child():
    log("child runs")
    return 42


async def main():
    t = asyncio.create_task(child(), name="child")
    log("main created child")
    log(f"child done? {t.done()}")
    log("main still running, child has not started")
    await asyncio.sleep(0)
    log(f"after one sleep(0): child done? {t.done()}")
    log(f"result {await t}")


run(main())
