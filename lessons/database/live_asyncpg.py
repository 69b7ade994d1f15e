# The database lesson's program, real, with asyncpg against PostgreSQL: a connection pool
# serving 50 parallel queries, and money transfers in transactions that roll back when they
# fail halfway or are cancelled. Every statement that stands for work takes --latency seconds
# at the server (pg_sleep), as every statement does in the model.
#   python3 lessons/database/live_asyncpg.py --db postgresql://USER:PASSWORD@127.0.0.1:5432/DB
import argparse
import asyncio
import contextlib
import itertools
import sys
import time
import urllib.parse

import asyncpg

QUERIES = 50
CONNECT_TIMEOUT = 10  # seconds for one connection attempt: an unreachable server ends the run, it never hangs

SCHEMA = """
DROP TABLE IF EXISTS accounts;
CREATE TABLE accounts (name TEXT PRIMARY KEY, balance INTEGER NOT NULL CHECK (balance >= 0));
INSERT INTO accounts VALUES ('alice', 100), ('bob', 50);
"""
# pg_sleep() in FROM is a one-row table: joining it makes the statement take $n seconds at the server.
LOOKUP = "SELECT balance FROM accounts, pg_sleep($2) WHERE name = $1"
ADD = "UPDATE accounts SET balance = balance + $2 FROM pg_sleep($3) WHERE name = $1"
BALANCES = "SELECT name, balance FROM accounts, pg_sleep($1) ORDER BY name"
TOTAL = "SELECT sum(balance) FROM accounts"

START = time.monotonic()


def log(message):
    """Print the message with the seconds since the start (the loop's clock is time.monotonic)."""
    print(f"t={asyncio.get_running_loop().time() - START:.3f} {message}", flush=True)


class Stats:
    """What the summary at the end reports, counted by the program itself."""

    def __init__(self):
        self.opened = 0   # connections opened, by the pool or by a query on its own
        self.in_use = 0   # connections lent out (or held by a query) right now
        self.peak = 0     # the most at once
        self.commits = self.rollbacks = 0

    def checked_out(self):
        self.in_use += 1
        self.peak = max(self.peak, self.in_use)

    def checked_in(self):
        self.in_use -= 1


stats = Stats()


class CannotConnect(Exception):
    pass


pool_numbers = itertools.count(1)          # the pool's own connections, for the log


async def on_new_connection(conn):
    """asyncpg calls this (create_pool's init) for every connection its pool opens."""
    stats.opened += 1
    log(f"pool opened connection {next(pool_numbers)}")


@contextlib.asynccontextmanager
async def acquire(pool):
    """pool.acquire(), counting the connections in use: asyncpg's pool knows its size, not its peak."""
    async with pool.acquire() as conn:
        stats.checked_out()
        try:
            yield conn
        finally:
            stats.checked_in()


async def connect(args):
    """A connection of its own, outside the pool (the pitfall)."""
    conn = await asyncpg.connect(args.db, timeout=CONNECT_TIMEOUT)
    stats.opened += 1
    stats.checked_out()
    return conn


async def close(conn):
    await conn.close()
    stats.checked_in()


# --- Your code ---

async def lookup(pool, args, i):            # one of the 50 parallel queries
    name = "alice" if i % 2 else "bob"
    if args.pitfall:                        # the mistake: a new connection for every query
        conn = await connect(args)
        try:
            return await conn.fetchval(LOOKUP, name, args.latency)
        finally:
            await close(conn)
    async with acquire(pool) as conn:       # waits in the pool's queue while all are lent out
        return await conn.fetchval(LOOKUP, name, args.latency)


async def balance_elsewhere(pool, args, name):   # what another connection sees at the same moment
    async with acquire(pool) as other:
        return await other.fetchval(LOOKUP, name, args.latency)


async def transfer(pool, args, src, dst, amount):
    async with acquire(pool) as conn:
        # BEGIN; COMMIT when the block ends; ROLLBACK on any exception or cancellation, which goes on
        async with conn.transaction():
            await conn.execute(ADD, dst, amount, args.latency)     # first half: dst gets the money
            inside = await conn.fetchval(LOOKUP, dst, args.latency)
            outside = await balance_elsewhere(pool, args, dst)
            log(f"transfer {src} -> {dst} {amount}: halfway, {dst} has {inside} in the transaction, "
                f"{outside} for other connections")
            await conn.execute(ADD, src, -amount, args.latency)    # second half: may break the CHECK
        log(f"transfer {src} -> {dst} {amount}: committed")


async def show_balances(pool, args):
    async with acquire(pool) as conn:
        rows = await conn.fetch(BALANCES, args.latency)
    total = sum(row["balance"] for row in rows)
    log("balances: " + ", ".join(f"{row['name']} {row['balance']}" for row in rows) + f", total {total}")
    return total


async def run(pool, args):
    async with acquire(pool) as conn:       # a fresh table each run: the lesson starts from 100 and 50
        await conn.execute(SCHEMA)
        before = await conn.fetchval(TOTAL)

    tasks = [asyncio.create_task(lookup(pool, args, i), name=f"query-{i}") for i in range(1, QUERIES + 1)]
    results = await asyncio.gather(*tasks, return_exceptions=True)
    failed = [(i, r) for i, r in enumerate(results, 1) if isinstance(r, Exception)]
    for i, error in failed:                 # e.g. TooManyConnectionsError when the pitfall meets max_connections
        log(f"query {i} failed: {type(error).__name__}: {error}")
    log(f"{QUERIES} queries: {QUERIES - len(failed)} ok, {len(failed)} failed, {stats.opened} connections opened")

    for src, dst, amount in [("alice", "bob", 80), ("bob", "alice", 200)]:
        try:
            await transfer(pool, args, src, dst, amount)
            stats.commits += 1
        except asyncpg.CheckViolationError as e:    # the transaction has rolled back already
            stats.rollbacks += 1
            log(f"transfer {src} -> {dst} {amount}: {e.message}, rolled back")  # str(e) adds a DETAIL line
        await show_balances(pool, args)

    try:
        # Two and a half statements' time: too short, the transfer is cancelled halfway.
        async with asyncio.timeout(2.5 * args.latency):
            await transfer(pool, args, "bob", "alice", 50)
        stats.commits += 1
    except TimeoutError:                    # cancelled halfway: rolled back, then TimeoutError
        stats.rollbacks += 1
        log("transfer bob -> alice 50: timed out, rolled back")
    after = await show_balances(pool, args)
    return QUERIES - len(failed), before, after


async def main(args):
    try:
        # The pool opens min_size connections now and more on demand, never more than max_size.
        pool = await asyncpg.create_pool(args.db, min_size=args.min_size, max_size=args.max_size,
                                         init=on_new_connection, timeout=CONNECT_TIMEOUT)
    except (OSError, asyncio.TimeoutError, asyncpg.PostgresError) as error:
        reason = str(error) or f"no answer within {CONNECT_TIMEOUT} s"  # a TimeoutError says nothing itself
        raise CannotConnect(f"{type(error).__name__}: {reason}") from error
    async with pool:                        # closes every connection of the pool at the end
        queries_ok, before, after = await run(pool, args)

    print()
    print(f"queries: {QUERIES}")
    print(f"queries ok: {queries_ok}")
    print(f"connections opened: {stats.opened}")
    print(f"peak connections in use: {stats.peak}")
    print(f"commits: {stats.commits}")
    print(f"rollbacks: {stats.rollbacks}")
    print(f"total balance before: {before}")
    print(f"total balance after: {after}")
    print(f"total time: {time.monotonic() - START:.3f} s")


def server_name(url):
    """host:port/database of the URL, without user and password, for messages."""
    parts = urllib.parse.urlsplit(url)
    return f"{parts.hostname or 'localhost'}:{parts.port or 5432}{parts.path}"


def arguments():
    parser = argparse.ArgumentParser(description="The database lesson with asyncpg, against a real PostgreSQL.")
    parser.add_argument("--db", required=True, help="the database, postgresql://USER:PASSWORD@HOST:PORT/DB")
    parser.add_argument("--min-size", type=int, default=2, help="connections the pool opens at the start (default 2)")
    parser.add_argument("--max-size", type=int, default=5, help="connections the pool may open at most (default 5)")
    parser.add_argument("--latency", type=float, default=0.1, help="seconds per statement at the server (default 0.1)")
    parser.add_argument("--pitfall", action="store_true", help="a new connection for every query instead of the pool")
    args = parser.parse_args()
    if not 1 <= args.min_size <= args.max_size or args.latency <= 0:
        parser.error("need 1 <= --min-size <= --max-size and --latency above 0")
    if not args.db.startswith(("postgresql://", "postgres://")):
        parser.error("--db must be a postgresql:// URL")
    return args


if __name__ == "__main__":
    options = arguments()
    try:
        asyncio.run(main(options))
    except CannotConnect as error:  # nobody listens there, a wrong password, no such database
        print(f"live_asyncpg.py: cannot connect to {server_name(options.db)}: {error}", file=sys.stderr)
        sys.exit(1)
