# Cancelling a sleep whose timer sits in the middle of the timer heap keeps every other timer in
# deadline order (aio removes the timer at once; the node moved into its place must sift up).
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import log, run


async def sleeper(name, delay):
    try:
        await asyncio.sleep(delay)
        log(f"{name} wakes")
    except asyncio.CancelledError:
        log(f"{name} cancelled")


async def main():
    # armed in this order: the heap array is [1 7 4 16 18 11 6]: s6 moves into the place of s16 and must go above s7
    tasks = [asyncio.create_task(sleeper(f"s{d}", d / 10), name=f"s{d}") for d in (16, 11, 4, 7, 18, 6, 1)]
    await asyncio.sleep(0)
    log(f"cancel s16 -> {tasks[0].cancel()}")
    await asyncio.gather(*tasks)
    log("all done")


run(main())
