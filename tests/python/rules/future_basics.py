# A Future: set_result wakes the task that awaits it (one iteration later, through the
# ready queue); setting it twice raises InvalidStateError; result() before that raises
# InvalidStateError; set_exception makes the await raise; cancel(msg) raises CancelledError
# with the message; cancelling a task that awaits a future cancels the future.
# sleep(delay, result) returns the result.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import Boom, describe, log, run


async def producer(fut, delay, value):
    await asyncio.sleep(delay)
    log(f"producer sets {value}")
    fut.set_result(value)
    log(f"done() {fut.done()}")


async def waiter(fut):
    log("waiter awaits")
    try:
        v = await fut
        log(f"waiter got {v}")
    except asyncio.CancelledError as e:
        log(f"waiter: {describe(e)} '{e}'")
        raise


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    try:
        fut.result()
    except asyncio.InvalidStateError as e:
        log(f"result() too early: {describe(e)}")
    asyncio.create_task(producer(fut, 0.2, 7), name="producer")
    v = await fut
    log(f"main got {v}")
    try:
        fut.set_result(8)
    except asyncio.InvalidStateError as e:
        log(f"set_result again: {describe(e)}")
    log(f"result() {fut.result()}, exception() {fut.exception()}")

    bad = loop.create_future()
    bad.set_exception(Boom("bad"))
    try:
        await bad
    except Boom as e:
        log(f"await bad: {describe(e)}")

    c = loop.create_future()
    w = asyncio.create_task(waiter(c), name="waiter")
    await asyncio.sleep(0.1)
    log(f"c.cancel('no value') -> {c.cancel('no value')}")
    log(f"c.cancel() again -> {c.cancel()}")
    try:
        await w
    except asyncio.CancelledError as e:
        log(f"await waiter: {describe(e)} '{e}'")
    try:
        c.result()
    except asyncio.CancelledError as e:
        log(f"c.result(): {describe(e)} '{e}'")

    d = loop.create_future()
    w2 = asyncio.create_task(waiter(d), name="waiter2")
    await asyncio.sleep(0.1)
    w2.cancel("task stop")
    await asyncio.sleep(0)
    log(f"d.cancelled() {d.cancelled()}")
    try:
        d.result()
    except asyncio.CancelledError as e:
        log(f"d.result(): {describe(e)} '{e}'")
    try:
        await w2
    except asyncio.CancelledError as e:
        log(f"await waiter2: {describe(e)} '{e}'")

    log(f"sleep returned {await asyncio.sleep(0.5, 'slept')}")
    log(f"sleep(0) returned {await asyncio.sleep(0, 3)}")


run(main())
