# BoundedSemaphore: releasing more often than acquired raises ValueError.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import describe, log, run


async def main():
    sem = asyncio.BoundedSemaphore(2)
    await sem.acquire()
    sem.release()
    log("acquire + release ok")
    try:
        sem.release()
    except ValueError as e:
        log(f"over-release: caught {describe(e)}")
    plain = asyncio.Semaphore(1)
    plain.release()
    log(f"plain Semaphore over-release is allowed, locked() {plain.locked()}")


run(main())
