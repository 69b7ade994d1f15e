# asyncio.run(main(), debug=True): after every step, a step that held the loop for
# slow_callback_duration (0.1 s) or longer is reported, "Executing <Task ...> took 0.250 seconds".
# Quick steps are not. (Both sides print the task's state and name; CPython's repr goes on
# with the coroutine and the places in the program.)
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import blocking_sleep, log, run


async def worker(name, block):
    blocking_sleep(block)
    await asyncio.sleep(0.5)
    log(f"{name} done")


async def main():
    quick = asyncio.create_task(worker("quick", 0.05), name="quick")
    slow = asyncio.create_task(worker("slow", 0.25), name="slow")
    await asyncio.gather(quick, slow)
    asyncio.get_running_loop().slow_callback_duration = 0.01
    await asyncio.create_task(worker("quick again", 0.05), name="quick again")
    blocking_sleep(1.0)
    log("main done")


run(main(), debug=True)
