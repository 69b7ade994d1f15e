# LifoQueue is last in, first out.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import log, run


async def main():
    q = asyncio.LifoQueue()
    for x in [3, 1, 4, 1, 5, 9, 2, 6]:
        await q.put(x)
    log(f"qsize {q.qsize()}")
    out = []
    while not q.empty():
        out.append(await q.get())
    log("got " + " ".join(str(x) for x in out))


run(main())
