# Cancelling a task that awaits asyncio.to_thread raises CancelledError in it at once. The
# call itself is cancelled only if no worker has taken it yet (then it never runs); a call
# already running goes on to its end and its result is dropped. One worker here, so the
# cancelled running call keeps it busy until t=1.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import VirtualExecutor, blocking_sleep, log, run

ran = []


def work(name, seconds):
    ran.append(name)
    blocking_sleep(seconds)
    return name


async def job(name, seconds):
    try:
        v = await asyncio.to_thread(work, name, seconds)
        log(f"{name} got {v}")
    except asyncio.CancelledError:
        log(f"{name} cancelled")
        raise


async def main():
    asyncio.get_running_loop().set_default_executor(VirtualExecutor(max_workers=1))
    a = asyncio.create_task(job("a", 1.0), name="a")
    b = asyncio.create_task(job("b", 0.5), name="b")
    await asyncio.sleep(0.2)
    log(f"ran so far: {','.join(ran)}")
    a.cancel()
    b.cancel()
    await asyncio.sleep(0)
    log(f"a cancelled: {a.cancelled()}, b cancelled: {b.cancelled()}")
    c = asyncio.create_task(job("c", 0.25), name="c")
    await c
    log(f"ran: {','.join(ran)}")


run(main())
