# Task.cancel(msg): the message travels in the CancelledError raised at the task's await
# and out of `await task`. A task hands out the error its coroutine raised once (a second
# result() gives a bare CancelledError); a cancellation that never reached the coroutine
# keeps its message. A later cancel() without a message clears it.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import describe, log, run


async def sleeper(name):
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError as e:
        log(f"{name}: {describe(e)} '{e}' at its await")
        raise


async def quitter():
    asyncio.current_task().cancel("quit before return")
    log("quitter returns")
    return 1


def result_of(task):
    try:
        task.result()
        return "a result"
    except asyncio.CancelledError as e:
        return f"{describe(e)} '{e}'"


async def main():
    a = asyncio.create_task(sleeper("a"), name="a")
    await asyncio.sleep(0.1)
    log(f"cancel('stop') -> {a.cancel('stop')}")
    try:
        await a
    except asyncio.CancelledError as e:
        log(f"await a: {describe(e)} '{e}'")
    log(f"a.result(): {result_of(a)}")

    b = asyncio.create_task(sleeper("b"), name="b")
    b.cancel("before start")
    await asyncio.sleep(0)
    log(f"b.cancelled() {b.cancelled()}")
    log(f"b.result(): {result_of(b)}")
    log(f"b.result() again: {result_of(b)}")

    c = asyncio.create_task(quitter(), name="c")
    await asyncio.sleep(0)
    log(f"c.cancelled() {c.cancelled()}")
    log(f"c.result(): {result_of(c)}")
    log(f"c.result() again: {result_of(c)}")

    d = asyncio.create_task(sleeper("d"), name="d")
    await asyncio.sleep(0.1)
    d.cancel("first")
    d.cancel()
    await asyncio.sleep(0)
    log(f"d.result(): {result_of(d)}")


run(main())
