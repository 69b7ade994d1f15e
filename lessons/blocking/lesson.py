# Never block the event loop: a heartbeat ticks every TICK seconds and says how late each tick
# came, while a handler serves three requests of WORK seconds each, one after the other.
# time.sleep stands for any blocking call: requests.get, a database driver without async, a file
# read on a slow disk.
import asyncio
import time

# The lesson's sliders. Change them here when you run this file yourself.
WORK = 1.0       # seconds that each request takes
TICK = 0.1       # seconds between two ticks of the heartbeat
DEBUG = 0        # 1: asyncio's debug mode reports every step that holds the loop for 0.1 s or more
PITFALL = False  # True: requests 2 and 3 call time.sleep right in the coroutine

REPLY = 0.25     # seconds that sending an answer takes
START = time.monotonic()

ticks = 0          # ticks so far
late_ticks = 0     # ticks that came more than a whole TICK late
longest_gap = 0.0  # the longest time between two ticks, seconds


def log(message):
    """Print the message with the seconds since the start (the loop's clock is time.monotonic)."""
    print(f"t={asyncio.get_running_loop().time() - START:.3f} {message}")


async def heartbeat():
    # Sleeps TICK seconds, again and again, and measures how much longer it really took:
    # the loop's lag. Only a loop that is free can wake it on time.
    global ticks, late_ticks, longest_gap
    loop = asyncio.get_running_loop()
    while True:
        before = loop.time()
        await asyncio.sleep(TICK)  # @tick
        gap = loop.time() - before
        late_ms = round((gap - TICK) * 1000)
        ticks += 1
        longest_gap = max(longest_gap, gap)
        if late_ms > TICK * 1000:
            late_ticks += 1
        log(f"tick {ticks} ({late_ms} ms late)")


async def handle(number):
    if number == 1:
        await asyncio.sleep(WORK)  # waiting the asyncio way: the loop runs the others meanwhile  # @async-sleep
    elif PITFALL:
        time.sleep(WORK)  # the pitfall: a blocking call holds the whole event loop  # @blocking
    elif number == 2:
        await asyncio.to_thread(time.sleep, WORK)  # a worker thread blocks, the loop goes on  # @to_thread
    else:
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, time.sleep, WORK)  # the same, older spelling  # @run_in_executor


async def handler():
    loop = asyncio.get_running_loop()
    ways = {1: "asyncio.sleep", 2: "asyncio.to_thread", 3: "loop.run_in_executor"}
    for number in (1, 2, 3):
        way = "time.sleep in the coroutine" if PITFALL and number > 1 else ways[number]
        log(f"request {number}: {way}")
        start = loop.time()
        await handle(number)  # @handle
        log(f"request {number}: answer ready after {loop.time() - start:.3f} s")
        await asyncio.sleep(REPLY)  # sending the answer over the network  # @reply


async def main():
    # Debug mode, as asyncio.run(main(), debug=True) or `python3 -X dev` would turn it on.
    asyncio.get_running_loop().set_debug(bool(DEBUG))  # @debug
    beat = asyncio.create_task(heartbeat(), name="heartbeat")  # @create-heartbeat
    await asyncio.create_task(handler(), name="handler")  # @create-handler
    beat.cancel()  # every request is served: stop the heartbeat  # @cancel
    try:
        await beat  # @stop
    except asyncio.CancelledError:
        pass
    log(f"{ticks} ticks, longest gap {longest_gap:.3f} s, {late_ticks} more than a tick late")


asyncio.run(main())
