# The cancel message and gather: without return_exceptions the child's CancelledError
# (its message included) is what the gather raises; gather.cancel(msg) passes the message
# to the children. With return_exceptions, CPython 3.11 reports CancelledError(_cancel_message):
# empty for a child whose coroutine raised it, the message for one cancelled on return.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import describe, log, run


async def job(name, delay):
    await asyncio.sleep(delay)
    log(f"{name} done")
    return name


async def quitter():
    asyncio.current_task().cancel("quit before return")
    return "quitter"


async def cancel_later(task, delay, msg):
    await asyncio.sleep(delay)
    log(f"cancel {task.get_name()} with '{msg}'")
    task.cancel(msg)


async def main():
    v = asyncio.create_task(job("v", 1), name="v")
    asyncio.create_task(cancel_later(v, 0.1, "child stop"), name="canceller")
    try:
        await asyncio.gather(job("w", 0.5), v)
    except asyncio.CancelledError as e:
        log(f"gather raised {describe(e)} '{e}'")
    await asyncio.sleep(1)

    g = asyncio.gather(job("x", 0.5), job("y", 1))
    await asyncio.sleep(0.1)
    log(f"g.cancel('all stop') -> {g.cancel('all stop')}")
    try:
        await g
    except asyncio.CancelledError as e:
        log(f"gather raised {describe(e)} '{e}'")

    r = asyncio.create_task(job("r", 1), name="r")
    asyncio.create_task(cancel_later(r, 0.1, "r stop"), name="canceller2")
    results = await asyncio.gather(job("s", 0.2), r, quitter(), return_exceptions=True)
    for x in results:
        if isinstance(x, BaseException):
            log(f"result {describe(x)} '{x}'")
        else:
            log(f"result {x}")


run(main())
