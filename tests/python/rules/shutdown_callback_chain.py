# asyncio.run's shutdown runs two more iterations after the last cancelled task ended (gather's
# callback, then run_until_complete's stop): a chain of call_soon callbacks that a task's cleanup
# starts gets exactly two links in.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import log, run


def link(n):
    log(f"link {n}")
    if n < 5:
        asyncio.get_running_loop().call_soon(link, n + 1)


async def leftover():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        log("leftover cancelled, starts the chain")
        asyncio.get_running_loop().call_soon(link, 1)
        raise


async def main():
    asyncio.create_task(leftover(), name="leftover")
    await asyncio.sleep(0.5)
    log("main returns")


run(main())
