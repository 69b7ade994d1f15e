# Async iteration and context managers: a reader opens a connection with `async with`, streams
# search results page by page from an async generator and stops after page STOP; meanwhile a
# follower reads a live feed from the same kind of generator until main cancels it.
import asyncio
import contextlib
import time

# The lesson's sliders. Change them here when you run this file yourself.
PAGES = 5         # pages in the search result
LATENCY = 0.2     # seconds to fetch one page
STOP = 3          # the reader stops after this page
PITFALL = False   # True: the reader leaves `async for` with break and never closes the generator

CONNECT = 0.1     # seconds to open (and to close) a connection
RENDER = 0.5      # seconds the reader spends rendering what it got
START = time.monotonic()


def log(message):
    """Print the message with the seconds since the start (the loop's clock is time.monotonic)."""
    print(f"t={asyncio.get_running_loop().time() - START:.3f} {message}")


def current_task_name():
    """The running task's name; a task without a name of its own is one the event loop made."""
    name = asyncio.current_task().get_name()
    return "a task of the event loop" if name.startswith("Task-") else name


@contextlib.asynccontextmanager
async def connection(name):
    # Everything before the yield is __aenter__, everything after it __aexit__.
    log(f"{name}: connecting")
    await asyncio.sleep(CONNECT)  # @connect
    log(f"{name}: connected")
    try:
        yield name  # the value of `as` in `async with connection(...) as conn`  # @conn-yield
    finally:
        await asyncio.sleep(CONNECT)  # @disconnect
        log(f"{name}: connection closed")


async def stream_pages(conn, pages):
    # An async generator: it awaits (fetches a page), then yields it to the `async for`.
    fetched = 0
    try:
        for number in range(1, pages + 1):
            await asyncio.sleep(LATENCY)  # @fetch
            fetched = number
            yield number  # @yield
    finally:
        # Runs at the end, at aclose() (GeneratorExit at the yield) or on a cancellation.
        log(f"{conn}: stream cleanup after {fetched} pages, in {current_task_name()}")
        await asyncio.sleep(0.05)  # tell the server to stop sending  # @stop-stream
        log(f"{conn}: stream closed")


async def reader():
    async with connection("search") as conn:  # @with-connection
        if PITFALL:
            pages = stream_pages(conn, PAGES)  # nobody closes it  # @no-aclosing
            async for page in pages:  # @async-for-pitfall
                log(f"reader got page {page}")
                if page == STOP:
                    break  # leaves the generator suspended at its yield  # @break-pitfall
        else:
            async with contextlib.aclosing(stream_pages(conn, PAGES)) as pages:  # @aclosing
                async for page in pages:  # @async-for
                    log(f"reader got page {page}")
                    if page == STOP:
                        break  # aclosing's __aexit__ closes the generator right away  # @break
        log("reader renders the pages")
        await asyncio.sleep(RENDER)  # @render
    log("reader done")


async def follower():
    async for update in stream_pages("feed", 100):  # @follow
        log(f"follower got update {update}")


async def main():
    follow = asyncio.create_task(follower(), name="follower")  # @create-follower
    await asyncio.create_task(reader(), name="reader")  # @create-reader
    follow.cancel()  # the reader is done: stop following the feed  # @cancel
    try:
        await follow  # @await-follower
    except asyncio.CancelledError:
        log("follower cancelled")
    await asyncio.sleep(0.1)  # a last moment before the program ends  # @last
    log("main done")


asyncio.run(main())
