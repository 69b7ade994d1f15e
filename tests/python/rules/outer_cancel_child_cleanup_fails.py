# A TaskGroup cancelled from outside while a child's cleanup raises: the group raises the
# ExceptionGroup with that error, not CancelledError (3.11 __aexit__: errors win).
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import Boom, describe, log, run


async def child():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        log("child cancelled, cleaning up")
        await asyncio.sleep(0.1)
        log("child cleanup fails")
        raise Boom("cleanup")


async def quiet_child():  # (silent: the group cancels its children in set order)
    await asyncio.sleep(1)


async def grouped():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(child(), name="child")
            tg.create_task(quiet_child(), name="quiet_child")
            await asyncio.sleep(1)
    except BaseException as e:
        log(f"grouped: {describe(e)} left the group")
        raise


async def main():
    t = asyncio.create_task(grouped(), name="grouped")
    await asyncio.sleep(0.2)
    log(f"cancel grouped -> {t.cancel()}")
    try:
        await t
    except BaseException as e:
        log(f"main: {describe(e)}")
    log(f"grouped cancelled() {t.cancelled()}")


run(main())
