# task_done() called more times than items were put raises ValueError.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import describe, log, run


async def main():
    q = asyncio.Queue()
    q.put_nowait("a")
    q.get_nowait()
    q.task_done()
    log("one task_done for one item")
    try:
        q.task_done()
    except ValueError as e:
        log(f"second task_done: caught {describe(e)}")


run(main())
