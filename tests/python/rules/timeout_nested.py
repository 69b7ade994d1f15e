# Nested timeout scopes: the inner one expires first and raises TimeoutError inside the outer
# one, which keeps running until its own deadline.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import describe, log, run


async def main():
    try:
        async with asyncio.timeout(1.0):
            try:
                async with asyncio.timeout(0.3):
                    await asyncio.sleep(10)
            except TimeoutError as e:
                log(f"inner scope: caught {describe(e)}")
            log(f"cancelling() {asyncio.current_task().cancelling()}")
            await asyncio.sleep(10)
            log("not reached")
    except TimeoutError as e:
        log(f"outer scope: caught {describe(e)}")
    log(f"cancelling() {asyncio.current_task().cancelling()}")


run(main())
