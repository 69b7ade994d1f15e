# The shutdown after a deadlock (and at the end of a run) goes on while tasks are left. A task
# that survives the cancellation (here main: the gather it awaits hands it the worker's error
# instead) runs on, creates a new task and waits again. The round waits for the tasks it
# cancelled, so the new one runs to its end; when the round deadlocks, that is reported like the
# first, and the next round cancels main again. (vloop: _cancel_remaining; aio:
# EventLoop::cancel_all_and_finish. Found by the fuzzer, seed 100996.)
# convention: deadlock-report: CPython would wait here forever; vloop and aio report the deadlock and cancel what is left
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import Boom, describe, log, run


async def worker(never):
    try:
        await never.wait()
    except asyncio.CancelledError:
        log("worker cancelled, raises instead")
        raise Boom("cleanup")


async def late():
    log("late starts")
    await asyncio.sleep(1)
    log("late done")


async def main():
    never = asyncio.Event()
    try:
        await asyncio.gather(asyncio.create_task(worker(never), name="worker"))
    except Boom as e:
        log(f"main caught {describe(e)}, goes on")
    asyncio.create_task(late(), name="late")
    await asyncio.sleep(0)
    log("main waits again")
    try:
        await never.wait()
    except asyncio.CancelledError:
        log("main cancelled again")
        raise


run(main())
