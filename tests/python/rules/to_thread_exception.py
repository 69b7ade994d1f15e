# asyncio.to_thread: an exception raised by the function is raised again in the awaiting task,
# the same exception with its message; the task can catch it and go on.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import Boom, blocking_sleep, describe, log, run


def read_config(path):
    blocking_sleep(0.25)
    raise Boom(f"no such file: {path}")


async def main():
    try:
        await asyncio.to_thread(read_config, "app.ini")
    except Boom as e:
        log(f"caught {describe(e)}")
    t = asyncio.create_task(asyncio.to_thread(read_config, "other.ini"), name="reader")
    try:
        await t
    except Boom as e:
        log(f"task reader raised {describe(e)}")
    await asyncio.to_thread(read_config, "last.ini")
    log("not reached")


run(main())
