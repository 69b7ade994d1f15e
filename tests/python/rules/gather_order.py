# gather returns results in argument order, whatever order the tasks finish in.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import log, run


async def job(name, delay, value):
    log(f"{name} starts")
    await asyncio.sleep(delay)
    log(f"{name} done")
    return value


async def main():
    r = await asyncio.gather(job("slow", 0.3, 1), job("fast", 0.1, 2), job("mid", 0.2, 3))
    log(f"results {r[0]} {r[1]} {r[2]}")


run(main())
