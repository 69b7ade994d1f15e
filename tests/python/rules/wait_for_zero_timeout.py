# wait_for with timeout 0 (CPython 3.11): the task is cancelled before its first step,
# its body never runs, and TimeoutError is raised.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import describe, log, run


async def body():
    log("body runs (not reached)")
    return 1


async def main():
    try:
        await asyncio.wait_for(body(), timeout=0)
    except TimeoutError as e:
        log(f"caught {describe(e)}")


run(main())
