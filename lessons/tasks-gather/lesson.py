import asyncio
import time

# The lesson's sliders. Change them here when you run this file yourself.
DELAY_A = 0.3    # seconds that fetch-a takes
DELAY_B = 0.5    # seconds that fetch-b takes
DELAY_C = 0.2    # seconds that fetch-c takes
FAILING = 1      # which call raises: 1, 2 or 3 (0: none)
PITFALL = False  # True: gather without return_exceptions

START = time.monotonic()


def log(message):
    """Print the message with the seconds since the start (the loop's clock is time.monotonic)."""
    print(f"t={asyncio.get_running_loop().time() - START:.3f} {message}")


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
    delays = [DELAY_A, DELAY_B, DELAY_C]
    # create_task schedules each call right away: all three run while main waits.
    tasks = []
    for number, (letter, delay) in enumerate(zip("abc", delays), start=1):
        name = f"fetch-{letter}"
        tasks.append(asyncio.create_task(fetch(name, delay, number == FAILING), name=name))  # @create_task
    log("three tasks created, main awaits gather")

    if not PITFALL:
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


asyncio.run(main())
