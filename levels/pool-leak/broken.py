# Three request handlers share a pool of two database connections.
# audit.log() and conn.fetch() are real I/O: you decide when each one returns.
# The server cancels a handler when its client hangs up: you decide when.
import asyncio


class Pool:
    def __init__(self, conns):
        self.free = asyncio.Queue()
        for conn in conns:
            self.free.put_nowait(conn)

    async def acquire(self):
        return await self.free.get()    # waits while every connection is taken

    def release(self, conn):
        self.free.put_nowait(conn)


async def handle(pool, audit, name):
    conn = await pool.acquire()
    await audit.log(name)               # before the try: no finally covers it
    try:
        await conn.fetch(name)
    finally:
        pool.release(conn)              # runs however the fetch ends
    print(f"{name} answered with {conn.name}")


async def main(conns, audit):           # conns: conn-1 and conn-2
    pool = Pool(conns)
    handlers = [asyncio.create_task(handle(pool, audit, f"h{i}"), name=f"h{i}")
                for i in (1, 2, 3)]
    # The server cancels a handler whose client hangs up.
    await asyncio.gather(*handlers, return_exceptions=True)
    print(f"{pool.free.qsize()} of 2 connections free")
