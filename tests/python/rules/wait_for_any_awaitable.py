# wait_for takes a coroutine (it becomes a task), a running task or a future. With
# timeout=None it is a plain await: a coroutine then runs inline in the caller's task,
# no task is created. On timeout a future is cancelled like a task.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import describe, log, run


async def job(name, delay):
    log(f"{name} runs in {asyncio.current_task().get_name()}")
    await asyncio.sleep(delay)
    return name


async def set_later(fut, delay, value):
    await asyncio.sleep(delay)
    if not fut.done():
        fut.set_result(value)
        log(f"set {value}")
    else:
        log(f"too late for {value}: cancelled() {fut.cancelled()}")


async def main():
    loop = asyncio.get_running_loop()
    log(f"None, coroutine: {await asyncio.wait_for(job('a', 0.1), None)}")
    t = asyncio.create_task(job("b", 0.3), name="task-b")
    log(f"running task: {await asyncio.wait_for(t, 1)}")
    t2 = asyncio.create_task(job("c", 0.2), name="task-c")
    log(f"None, task: {await asyncio.wait_for(t2, None)}")
    done = asyncio.create_task(job("d", 0), name="task-d")
    await asyncio.sleep(0.1)
    log(f"finished task, timeout 0: {await asyncio.wait_for(done, 0)}")

    f = loop.create_future()
    asyncio.create_task(set_later(f, 0.2, "f value"), name="setter-f")
    log(f"future: {await asyncio.wait_for(f, 1)}")

    g = loop.create_future()
    asyncio.create_task(set_later(g, 1, "g value"), name="setter-g")
    try:
        await asyncio.wait_for(g, 0.5)
    except TimeoutError as e:
        log(f"future: {describe(e)} from {describe(e.__cause__)}, g.cancelled() {g.cancelled()}")
    await asyncio.sleep(1)

    h = loop.create_future()
    asyncio.create_task(set_later(h, 0.2, "h value"), name="setter-h")
    log(f"None, future: {await asyncio.wait_for(h, None)}")


run(main())
