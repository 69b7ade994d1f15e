import asyncio
from dirigent import log, param, pitfall, run


async def step(name, delay):
    # A coroutine function: calling it only creates a coroutine object.
    # The body runs when someone awaits that object.
    log(f"{name} starts, needs {delay:.1f} s")
    await asyncio.sleep(delay)  # main pauses here; the event loop is free meanwhile  # @sleep
    log(f"{name} done")


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    # await runs a coroutine to its end before the next line starts.
    await step("step-a", param("delay_a", 0.3))  # @step-a
    if pitfall():
        # Forgotten await: this only creates a coroutine object, which is thrown
        # away unrun (Python warns: "coroutine 'step' was never awaited").
        step("step-b", param("delay_b", 0.5))  # @no-await
        log("step-b was called without await")
    else:
        await step("step-b", param("delay_b", 0.5))  # @step-b
    await step("step-c", param("delay_c", 0.2))  # @step-c
    # One after the other: the waiting times add up.
    log(f"total {loop.time() - start:.3f} s")


run(main())
