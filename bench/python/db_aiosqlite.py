"""Database workloads (issue 11) with aiosqlite on a SQLite file: aiosqlite has no pool, so
--pool connections wait in an asyncio.Queue (as the lesson's Pool does); --concurrency tasks
at a time; N x `SELECT ?`, then T transfers of 1 between neighbouring accounts in
transactions (BEGIN IMMEDIATE: SQLite has one writer at a time). WAL mode and a busy
timeout, as Dirigent's pool sets them. The twin of bench/db_bench.cpp. Prints one JSON line."""
import asyncio
import contextlib

import aiosqlite

from db_common import ACCOUNTS, arguments, report, timed


async def main(args):
    # isolation_level=None: no implicit transactions; BEGIN and COMMIT are ours.
    conns = [await aiosqlite.connect(args.db, timeout=5, isolation_level=None) for _ in range(args.pool)]
    await conns[0].execute("PRAGMA journal_mode=WAL")
    idle = asyncio.Queue()
    for conn in conns:
        idle.put_nowait(conn)

    @contextlib.asynccontextmanager
    async def acquire():
        conn = await idle.get()
        try:
            yield conn
        finally:
            idle.put_nowait(conn)

    async def fetchval(conn, sql, *params):
        async with conn.execute(sql, params) as cursor:
            row = await cursor.fetchone()
        return row[0]

    try:
        async with acquire() as conn:
            await conn.execute("DROP TABLE IF EXISTS accounts")
            await conn.execute(
                "CREATE TABLE accounts (name TEXT PRIMARY KEY, balance INTEGER NOT NULL CHECK (balance >= 0))")
            await conn.executemany("INSERT INTO accounts (name, balance) VALUES (?, 1000)",
                                   [(f"a{a}",) for a in range(ACCOUNTS)])

        async def query(i):
            async with acquire() as conn:
                assert await fetchval(conn, "SELECT ?", i) == i

        async def transfer(i):
            async with acquire() as conn:
                await conn.execute("BEGIN IMMEDIATE")
                try:
                    await conn.execute("UPDATE accounts SET balance = balance - 1 WHERE name = ?", (f"a{i % ACCOUNTS}",))
                    await conn.execute("UPDATE accounts SET balance = balance + 1 WHERE name = ?",
                                       (f"a{(i + 1) % ACCOUNTS}",))
                except BaseException:
                    await conn.execute("ROLLBACK")
                    raise
                await conn.execute("COMMIT")

        queries = await timed(args.queries, args.concurrency, query)
        async with acquire() as conn:
            before = await fetchval(conn, "SELECT sum(balance) FROM accounts")
        transfers = await timed(args.transfers, args.concurrency, transfer)
        async with acquire() as conn:
            after = await fetchval(conn, "SELECT sum(balance) FROM accounts")
    finally:
        for conn in conns:
            await conn.close()
    report("aiosqlite", "sqlite", args, queries, transfers, before, after)


if __name__ == "__main__":
    asyncio.run(main(arguments(__doc__)))
