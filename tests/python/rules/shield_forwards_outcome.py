# shield forwards the inner task's outcome to its awaiter also when the inner task returns
# nothing: its exception is raised, and an inner task that ends cancelled makes the shield
# raise CancelledError (the awaiting task itself was not cancelled).
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import Boom, describe, log, run


async def fails():
    await asyncio.sleep(0.1)
    raise Boom("inner")


async def sleeps():
    await asyncio.sleep(1)


async def main():
    try:
        await asyncio.shield(fails())
        log("shield returned")
    except Boom as e:
        log(f"shield raised {describe(e)}")
    inner = asyncio.create_task(sleeps(), name="inner")
    asyncio.get_running_loop().call_later(0.1, inner.cancel)
    try:
        await asyncio.shield(inner)
        log("shield returned")
    except asyncio.CancelledError as e:
        log(f"shield raised {describe(e)}, cancelling() {asyncio.current_task().cancelling()}")
    log(f"inner cancelled() {inner.cancelled()}")


run(main())
