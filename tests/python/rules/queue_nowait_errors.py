# put_nowait on a full queue raises QueueFull; get_nowait on an empty queue raises QueueEmpty.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import describe, log, run


async def main():
    q = asyncio.Queue(maxsize=1)
    try:
        q.get_nowait()
    except asyncio.QueueEmpty as e:
        log(f"get_nowait: caught {describe(e)}")
    q.put_nowait(1)
    log(f"full() {q.full()} maxsize {q.maxsize}")
    try:
        q.put_nowait(2)
    except asyncio.QueueFull as e:
        log(f"put_nowait: caught {describe(e)}")
    log(f"get_nowait {q.get_nowait()} qsize {q.qsize()}")


run(main())
