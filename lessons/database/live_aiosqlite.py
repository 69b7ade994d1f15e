# The database lesson's program, real, with aiosqlite against an SQLite file: a connection pool
# serving 50 parallel queries, and money transfers in transactions that roll back when they
# fail halfway or are cancelled. Every statement that stands for work takes --latency seconds
# in the database (a sleep() function registered on each connection), as in the model.
#   python3 lessons/database/live_aiosqlite.py --db /tmp/lesson.sqlite
import argparse
import asyncio
import contextlib
import sqlite3
import sys
import time

import aiosqlite

QUERIES = 50
BUSY_TIMEOUT = 10  # seconds a statement waits for a lock that another connection holds, then fails

SCHEMA = """
PRAGMA journal_mode = WAL;  -- readers see the last commit while a writer works, instead of waiting
DROP TABLE IF EXISTS accounts;
CREATE TABLE accounts (name TEXT PRIMARY KEY, balance INTEGER NOT NULL CHECK (balance >= 0));
INSERT INTO accounts VALUES ('alice', 100), ('bob', 50);
"""
# sleep(?) is evaluated once for the one row the primary key finds; in BALANCES the subquery
# is a one-row table, computed once, so the statement sleeps once for all rows.
LOOKUP = "SELECT balance FROM accounts WHERE name = ? AND sleep(?) IS NULL"
ADD = "UPDATE accounts SET balance = balance + ? WHERE name = ? AND sleep(?) IS NULL"
BALANCES = "SELECT name, balance FROM accounts, (SELECT sleep(?)) ORDER BY name"
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


# --- What asyncpg gives you and aiosqlite does not: a pool, fetchval(), transaction() ---

async def connect(path):
    # isolation_level=None: no BEGIN sent behind our back, transaction() below sends its own.
    # timeout: SQLite's busy timeout, so a locked database makes a statement fail, never hang.
    conn = await aiosqlite.connect(path, timeout=BUSY_TIMEOUT, isolation_level=None)
    # SQLite has no sleep(). This one runs on the connection's own thread (aiosqlite gives every
    # connection one), so it holds up that connection, as a slow database would, not the event loop.
    await conn.create_function("sleep", 1, time.sleep)
    stats.opened += 1
    return conn


async def fetchval(conn, sql, *args):
    """The first column of the first row, or None: asyncpg's conn.fetchval()."""
    async with conn.execute(sql, args) as cursor:
        row = await cursor.fetchone()
    return row[0] if row else None


@contextlib.asynccontextmanager
async def transaction(conn):
    """asyncpg's conn.transaction(): BEGIN, then COMMIT, or ROLLBACK on any exception."""
    await conn.execute("BEGIN")
    try:
        yield
    except BaseException:                   # a cancellation too: CancelledError is no Exception
        await conn.rollback()
        raise
    await conn.commit()


class Pool:
    """asyncpg.create_pool's shape: idle connections wait in a Queue, more open on demand."""

    def __init__(self, path, min_size, max_size):
        self.path, self.min_size, self.max_size = path, min_size, max_size
        self.idle = asyncio.Queue()
        self.size = 0                       # connections open, idle or lent out

    async def _connect(self):
        self.size += 1                      # before the await: parallel acquires must not overshoot max_size
        number = self.size
        try:
            conn = await connect(self.path)
        except BaseException:
            self.size -= 1
            raise
        log(f"pool opened connection {number}")
        return conn

    async def open(self):                   # min_size connections, opened side by side
        opened = await asyncio.gather(*[self._connect() for _ in range(self.min_size)], return_exceptions=True)
        for conn in opened:
            if isinstance(conn, aiosqlite.Connection):
                self.idle.put_nowait(conn)
        errors = [error for error in opened if isinstance(error, BaseException)]
        if errors:                          # all or none: close those that did open, report the first error
            await self.close()
            raise errors[0]

    @contextlib.asynccontextmanager
    async def acquire(self):                # async with pool.acquire() as conn: ...
        if self.idle.empty() and self.size < self.max_size:
            conn = await self._connect()
        else:
            conn = await self.idle.get()    # all lent out: wait in line (FIFO) for one to come back
        stats.checked_out()
        try:
            yield conn
        finally:
            stats.checked_in()
            self.idle.put_nowait(conn)      # back into the pool, still open

    async def close(self):                  # aiosqlite's threads keep the process alive until closed
        while self.size:
            conn = await self.idle.get()
            await conn.close()
            self.size -= 1


# --- Your code ---

async def lookup(pool, args, i):            # one of the 50 parallel queries
    name = "alice" if i % 2 else "bob"
    if args.pitfall:                        # the mistake: a new connection for every query
        conn = await connect(args.db)
        stats.checked_out()
        try:
            return await fetchval(conn, LOOKUP, name, args.latency)
        finally:
            await conn.close()
            stats.checked_in()
    async with pool.acquire() as conn:      # waits in the pool's queue while all are lent out
        return await fetchval(conn, LOOKUP, name, args.latency)


async def balance_elsewhere(pool, args, name):   # what another connection sees at the same moment
    async with pool.acquire() as other:
        return await fetchval(other, LOOKUP, name, args.latency)


async def transfer(pool, args, src, dst, amount):
    async with pool.acquire() as conn:
        # BEGIN; COMMIT when the block ends; ROLLBACK on any exception or cancellation, which goes on
        async with transaction(conn):
            await conn.execute(ADD, (amount, dst, args.latency))    # first half: dst gets the money
            inside = await fetchval(conn, LOOKUP, dst, args.latency)
            outside = await balance_elsewhere(pool, args, dst)
            log(f"transfer {src} -> {dst} {amount}: halfway, {dst} has {inside} in the transaction, "
                f"{outside} for other connections")
            await conn.execute(ADD, (-amount, src, args.latency))   # second half: may break the CHECK
        log(f"transfer {src} -> {dst} {amount}: committed")


async def show_balances(pool, args):
    async with pool.acquire() as conn:
        async with conn.execute(BALANCES, (args.latency,)) as cursor:
            rows = await cursor.fetchall()
    total = sum(balance for _, balance in rows)
    log("balances: " + ", ".join(f"{name} {balance}" for name, balance in rows) + f", total {total}")
    return total


async def run(pool, args):
    async with pool.acquire() as conn:      # a fresh table each run: the lesson starts from 100 and 50
        await conn.executescript(SCHEMA)
        before = await fetchval(conn, TOTAL)

    tasks = [asyncio.create_task(lookup(pool, args, i), name=f"query-{i}") for i in range(1, QUERIES + 1)]
    results = await asyncio.gather(*tasks, return_exceptions=True)
    failed = [(i, r) for i, r in enumerate(results, 1) if isinstance(r, Exception)]
    for i, error in failed:                 # e.g. "database is locked" once the busy timeout is over
        log(f"query {i} failed: {type(error).__name__}: {error}")
    log(f"{QUERIES} queries: {QUERIES - len(failed)} ok, {len(failed)} failed, {stats.opened} connections opened")

    for src, dst, amount in [("alice", "bob", 80), ("bob", "alice", 200)]:
        try:
            await transfer(pool, args, src, dst, amount)
            stats.commits += 1
        except sqlite3.IntegrityError as e:     # the CHECK failed; the transaction has rolled back already
            stats.rollbacks += 1
            log(f"transfer {src} -> {dst} {amount}: {e}, rolled back")
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
    pool = Pool(args.db, args.min_size, args.max_size)
    await pool.open()                       # sqlite3.Error here: no such folder, no permission
    try:
        queries_ok, before, after = await run(pool, args)
    finally:
        await pool.close()

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


def arguments():
    parser = argparse.ArgumentParser(description="The database lesson with aiosqlite, against an SQLite file.")
    parser.add_argument("--db", required=True, help="the database file (created if missing; its table is replaced)")
    parser.add_argument("--min-size", type=int, default=2, help="connections the pool opens at the start (default 2)")
    parser.add_argument("--max-size", type=int, default=5, help="connections the pool may open at most (default 5)")
    parser.add_argument("--latency", type=float, default=0.1, help="seconds each statement takes (default 0.1)")
    parser.add_argument("--pitfall", action="store_true", help="a new connection for every query instead of the pool")
    args = parser.parse_args()
    if not 1 <= args.min_size <= args.max_size or args.latency <= 0:
        parser.error("need 1 <= --min-size <= --max-size and --latency above 0")
    if "://" in args.db:
        parser.error("--db is a file path for SQLite, not a URL")
    return args


if __name__ == "__main__":
    options = arguments()
    try:
        asyncio.run(main(options))
    except sqlite3.DatabaseError as error:  # no such folder, no permission, not a database, locked
        print(f"live_aiosqlite.py: cannot use {options.db}: {error}", file=sys.stderr)
        sys.exit(1)
