"""Database workloads (issue 11) with asyncpg on PostgreSQL: one pool of --pool connections,
--concurrency tasks at a time; N x `SELECT $1`, then T transfers of 1 between neighbouring
accounts in transactions. The twin of bench/db_bench.cpp. Prints one JSON line."""
import asyncio

import asyncpg

from db_common import ACCOUNTS, arguments, report, timed


async def main(args):
    async with asyncpg.create_pool(args.db, min_size=args.pool, max_size=args.pool) as pool:
        async with pool.acquire() as conn:
            await conn.execute("DROP TABLE IF EXISTS accounts")
            await conn.execute(
                "CREATE TABLE accounts (name TEXT PRIMARY KEY, balance INTEGER NOT NULL CHECK (balance >= 0))")
            for a in range(ACCOUNTS):
                await conn.execute("INSERT INTO accounts (name, balance) VALUES ($1, 1000)", f"a{a}")

        async def query(i):
            async with pool.acquire() as conn:
                assert await conn.fetchval("SELECT $1::int", i) == i

        async def transfer(i):
            async with pool.acquire() as conn:
                async with conn.transaction():
                    await conn.execute("UPDATE accounts SET balance = balance - 1 WHERE name = $1",
                                       f"a{i % ACCOUNTS}")
                    await conn.execute("UPDATE accounts SET balance = balance + 1 WHERE name = $1",
                                       f"a{(i + 1) % ACCOUNTS}")

        queries = await timed(args.queries, args.concurrency, query)
        before = await pool.fetchval("SELECT sum(balance) FROM accounts")
        transfers = await timed(args.transfers, args.concurrency, transfer)
        after = await pool.fetchval("SELECT sum(balance) FROM accounts")
    report("asyncpg", "postgresql", args, queries, transfers, before, after)


if __name__ == "__main__":
    asyncio.run(main(arguments(__doc__)))
