# A task keeps the message of a cancel(msg) it swallowed (Task._cancel_message) after it
# finishes, and a cancelled gather raises the CancelledError of its last child
# (_make_cancelled_error()): the message of a child that returned normally, or failed.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import Boom, describe, log, run


async def child(name, waiter, fail):
    waiter.cancel(f"from {name}")  # gather.cancel() -> child.cancel(msg) while it runs
    try:
        await asyncio.sleep(0.1)
    except asyncio.CancelledError as e:
        log(f"{name} swallows {describe(e)} '{e}'")
    if fail:
        log(f"{name} raises")
        raise Boom(name)
    log(f"{name} returns")
    return 1


async def waiter(name, fail):
    me = asyncio.current_task()
    c = asyncio.create_task(child(f"{name}-child", me, fail), name=f"{name}-child")
    try:
        await asyncio.gather(c, return_exceptions=True)
        log(f"{name}: gather returned")
    except asyncio.CancelledError as e:
        log(f"{name}: gather raised {describe(e)} '{e}'")
    log(f"{name}: child cancelled? {c.cancelled()}")


async def main():
    await asyncio.create_task(waiter("a", False), name="a")
    await asyncio.create_task(waiter("b", True), name="b")


run(main())
