# A task cancelled in Condition.wait() takes the lock back before CancelledError propagates
# (CPython re-acquires in a `finally`): while another task holds the lock it waits for it, and
# its except block runs with the lock held. In 3.11 a notify that reached a waiter cancelled
# before it ran is lost (not passed on), and a second cancel while re-acquiring raises a new,
# bare CancelledError (the message is gone).
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import describe, log, run


async def waiter(name, cond):
    async with cond:
        try:
            await cond.wait()
            log(f"{name} notified, locked() {cond.locked()}")
        except asyncio.CancelledError as e:
            log(f"{name} cancelled: '{e}' locked() {cond.locked()}")
            raise
    log(f"{name} released")


async def main():
    cond = asyncio.Condition()
    w1 = asyncio.create_task(waiter("w1", cond), name="w1")
    w2 = asyncio.create_task(waiter("w2", cond), name="w2")
    w3 = asyncio.create_task(waiter("w3", cond), name="w3")
    w4 = asyncio.create_task(waiter("w4", cond), name="w4")
    await asyncio.sleep(0.1)

    async with cond:
        log(f"w1.cancel('stop') -> {w1.cancel('stop')}")
        await asyncio.sleep(0.1)
        log(f"main holds the lock, w1 done() {w1.done()}")
    try:
        await w1
    except asyncio.CancelledError as e:
        log(f"w1: {describe(e)} '{e}'")

    async with cond:
        cond.notify()
        log(f"notify() then w2.cancel() -> {w2.cancel()}")
    try:
        await w2
    except asyncio.CancelledError as e:
        log(f"w2: {describe(e)} '{e}'")
    await asyncio.sleep(0.1)
    log(f"w3 done() {w3.done()} w4 done() {w4.done()}")

    async with cond:
        w3.cancel("first")
        await asyncio.sleep(0.1)
        log(f"w3 re-acquiring, cancel again -> {w3.cancel('second')}")
        await asyncio.sleep(0.1)
        log("main releases")
    try:
        await w3
    except asyncio.CancelledError as e:
        log(f"w3: {describe(e)} '{e}'")

    async with cond:
        cond.notify()
    await w4
    log(f"locked() {cond.locked()}")


run(main())
