# A released permit goes to the first waiter; a task that asks again right after releasing
# (it never waited) cannot take it back: it queues behind the waiter.
import asyncio, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vloop import log, run


async def greedy(sem):
    await sem.acquire()
    log("greedy acquired")
    await asyncio.sleep(0.1)
    sem.release()
    log(f"greedy released, locked() {sem.locked()}")
    await sem.acquire()
    log("greedy acquired again")
    sem.release()


async def patient(sem):
    await asyncio.sleep(0.05)
    log("patient waits")
    await sem.acquire()
    log("patient acquired")
    await asyncio.sleep(0.1)
    sem.release()
    log("patient released")


async def main():
    sem = asyncio.Semaphore(1)
    g = asyncio.create_task(greedy(sem), name="greedy")
    p = asyncio.create_task(patient(sem), name="patient")
    await g
    await p


run(main())
