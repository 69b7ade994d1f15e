# Releasing a Lock that is not held raises RuntimeError.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import describe, log, run


async def main():
    lock = asyncio.Lock()
    log(f"locked() {lock.locked()}")
    await lock.acquire()
    log(f"locked() {lock.locked()}")
    lock.release()
    try:
        lock.release()
    except RuntimeError as e:
        log(f"release unlocked: caught {describe(e)}")


run(main())
