import asyncio
import time

# The lesson's sliders. Change them here when you run this file yourself.
DELAY_A = 0.3    # seconds that step-a sleeps
DELAY_B = 0.5    # seconds that step-b sleeps
DELAY_C = 0.2    # seconds that step-c sleeps
PITFALL = False  # True: main calls step-b without await

START = time.monotonic()


def log(message):
    """Print the message with the seconds since the start (the loop's clock is time.monotonic)."""
    print(f"t={asyncio.get_running_loop().time() - START:.3f} {message}")


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
    await step("step-a", DELAY_A)  # @step-a
    if PITFALL:
        # Forgotten await: this only creates a coroutine object, which is thrown
        # away unrun (Python warns: "coroutine 'step' was never awaited").
        step("step-b", DELAY_B)  # @no-await
        log("step-b was called without await")
    else:
        await step("step-b", DELAY_B)  # @step-b
    await step("step-c", DELAY_C)  # @step-c
    # One after the other: the waiting times add up.
    log(f"total {loop.time() - start:.3f} s")


asyncio.run(main())
