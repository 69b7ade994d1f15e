# @asynccontextmanager: the code before the one yield is __aenter__, the code after it __aexit__;
# an exception of the body is raised at the yield, and the context manager may suppress it.
import asyncio, contextlib, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import Boom, describe, log, run


@contextlib.asynccontextmanager
async def connection(name, swallow):
    log(f"{name}: open")
    await asyncio.sleep(0.1)
    try:
        yield name + "-conn"
    except Boom as e:
        log(f"{name}: body raised {describe(e)}")
        if not swallow:
            raise
    finally:
        await asyncio.sleep(0.1)
        log(f"{name}: closed")


async def main():
    async with connection("a", False) as conn:
        log(f"using {conn}")
        await asyncio.sleep(0.5)
    log("after a")
    try:
        async with connection("b", False) as conn:
            await asyncio.sleep(0.2)
            raise Boom("query failed")
    except Boom as e:
        log(f"main caught {describe(e)}")
    async with connection("c", True) as conn:
        raise Boom("swallowed")
    log("after c")


run(main())
