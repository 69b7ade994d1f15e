import asyncio
from dirigent import log, param, pitfall, run


async def fetch(name, delay, fails):
    log(f"{name} starts")
    await asyncio.sleep(delay)  # stands in for a network request  # @sleep
    if fails:
        log(f"{name} fails")
        raise ValueError(f"{name} failed")  # @raise
    log(f"{name} done")
    return f"data from {name}"


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    delays = [param("delay_a", 0.3), param("delay_b", 0.5), param("delay_c", 0.2)]
    failing = param("failing", 1)  # which call raises: 1, 2 or 3 (0: none)
    # create_task schedules each call right away: all three run while main waits.
    tasks = []
    for number, (letter, delay) in enumerate(zip("abc", delays), start=1):
        name = f"fetch-{letter}"
        tasks.append(asyncio.create_task(fetch(name, delay, number == failing), name=name))  # @create_task
    log("three tasks created, main awaits gather")

    if not pitfall():
        # return_exceptions=True: gather waits for every task and hands back
        # errors as results, always in argument order (not in finishing order).
        results = await asyncio.gather(*tasks, return_exceptions=True)  # @gather
        for task, result in zip(tasks, results):
            if isinstance(result, Exception):
                log(f"{task.get_name()} -> {type(result).__name__}: {result}")
            else:
                log(f"{task.get_name()} -> {result}")
    else:
        try:
            results = await asyncio.gather(*tasks)  # @gather-raises
            log(f"gather returned {len(results)} results")
        except ValueError as error:
            # The first error comes out of gather at once. The other tasks are
            # not cancelled: they keep running, and main waits for them here.
            running = [task.get_name() for task in tasks if not task.done()]
            log(f"gather raised ValueError: {error}; still running: {', '.join(running) or 'none'}")
            await asyncio.wait(tasks)  # @wait
    # Side by side: the slowest call decides the total.
    log(f"total {loop.time() - start:.3f} s")


run(main())
