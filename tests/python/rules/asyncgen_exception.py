# An exception raised inside an async generator comes out of the consumer's __anext__ (the async
# for line); the generator is finished afterwards. athrow() raises at the suspended yield.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import Boom, describe, log, run


async def pages():
    try:
        for i in range(5):
            await asyncio.sleep(0.1)
            if i == 2:
                log("pages raises")
                raise Boom("page 2")
            yield i
    finally:
        log("pages finally")


async def answers():
    try:
        yield "first"
    except Boom as e:
        log(f"answers caught {describe(e)}")
        await asyncio.sleep(0.1)
        yield "after the throw"
    log("answers ends")


async def main():
    gen = pages()
    try:
        async for page in gen:
            log(f"got {page}")
    except Boom as e:
        log(f"main caught {describe(e)}")
    try:
        await gen.__anext__()
    except StopAsyncIteration:
        log("finished: StopAsyncIteration")
    a = answers()
    log(await a.__anext__())
    log(await a.athrow(Boom("thrown in")))
    try:
        await a.__anext__()
    except StopAsyncIteration:
        log("answers finished")


run(main())
