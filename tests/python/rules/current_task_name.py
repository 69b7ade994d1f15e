# current_task() is the task running now; awaiting a coroutine does not change it.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import log, run


async def who(label):
    log(f"{label}: current_task {asyncio.current_task().get_name()}")


async def main():
    await who("main")
    w = asyncio.create_task(who("created"), name="worker-1")
    await w
    await who("inline")
    log(f"task name {w.get_name()}")


run(main())
