# time.sleep() inside a coroutine holds the event loop: no other task and no timer runs until
# it returns, and everything that came due meanwhile runs late, at once.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import blocking_sleep, log, run


async def ticker():
    for i in range(4):
        log(f"tick {i}")
        await asyncio.sleep(0.25)


async def main():
    t = asyncio.create_task(ticker(), name="ticker")
    asyncio.get_running_loop().call_later(0.5, log, "timer")
    await asyncio.sleep(0)
    log("blocking for 1 s")
    blocking_sleep(1.0)
    log("unblocked")
    await asyncio.sleep(0)
    log("main yielded once")
    await t


run(main())
