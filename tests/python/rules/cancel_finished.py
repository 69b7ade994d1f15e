# cancel() on a finished task does nothing and returns False.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import Boom, describe, log, run


async def value():
    return 7


async def failing():
    raise Boom("f")


async def main():
    v = asyncio.create_task(value(), name="value")
    f = asyncio.create_task(failing(), name="failing")
    await asyncio.sleep(0)
    log(f"value: cancel() -> {v.cancel()} cancelled() {v.cancelled()} result {v.result()}")
    log(f"failing: cancel() -> {f.cancel()} cancelled() {f.cancelled()}")
    try:
        await f
    except Boom as e:
        log(f"failing: await raises {describe(e)}")


run(main())
