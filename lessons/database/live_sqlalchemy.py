# The database lesson's program, real, with SQLAlchemy 1.4's asyncio extension, on PostgreSQL
# (asyncpg) or on an SQLite file (aiosqlite): a connection pool serving 50 parallel queries, and
# money transfers in transactions that roll back when they fail halfway or are cancelled.
# Every statement that stands for work takes --latency seconds in the database, as in the model.
#   python3 lessons/database/live_sqlalchemy.py --db postgresql://USER:PASSWORD@127.0.0.1:5432/DB
#   python3 lessons/database/live_sqlalchemy.py --db /tmp/lesson.sqlite
import argparse
import asyncio
import itertools
import sys
import time

from sqlalchemy import event, exc, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession, create_async_engine
from sqlalchemy.pool import AsyncAdaptedQueuePool, NullPool

QUERIES = 50
CONNECT_TIMEOUT = 10  # PostgreSQL: seconds for one connection attempt, so an unreachable server never hangs
BUSY_TIMEOUT = 10     # SQLite: seconds a statement waits for a lock that another connection holds

# The same statements as live_asyncpg.py and live_aiosqlite.py, with SQLAlchemy's :named parameters.
# PostgreSQL: pg_sleep() in FROM is a one-row table, joining it makes the statement take that long.
POSTGRES = {
    "schema": [
        "DROP TABLE IF EXISTS accounts",
        "CREATE TABLE accounts (name TEXT PRIMARY KEY, balance INTEGER NOT NULL CHECK (balance >= 0))",
        "INSERT INTO accounts VALUES ('alice', 100), ('bob', 50)",
    ],
    "lookup": "SELECT balance FROM accounts, pg_sleep(:latency) WHERE name = :name",
    "add": "UPDATE accounts SET balance = balance + :amount FROM pg_sleep(:latency) WHERE name = :name",
    "balances": "SELECT name, balance FROM accounts, pg_sleep(:latency) ORDER BY name",
}
# SQLite has no sleep(): on_connect() below registers one. It runs once for the one row the
# primary key finds; in "balances" the subquery is a one-row table, computed once.
SQLITE = {
    "schema": [
        "PRAGMA journal_mode = WAL",  # readers see the last commit while a writer works, instead of waiting
        "DROP TABLE IF EXISTS accounts",
        "CREATE TABLE accounts (name TEXT PRIMARY KEY, balance INTEGER NOT NULL CHECK (balance >= 0))",
        "INSERT INTO accounts VALUES ('alice', 100), ('bob', 50)",
    ],
    "lookup": "SELECT balance FROM accounts WHERE name = :name AND sleep(:latency) IS NULL",
    "add": "UPDATE accounts SET balance = balance + :amount WHERE name = :name AND sleep(:latency) IS NULL",
    "balances": "SELECT name, balance FROM accounts, (SELECT sleep(:latency)) ORDER BY name",
}
TOTAL = text("SELECT sum(balance) FROM accounts")

START = time.monotonic()


def log(message):
    """Print the message with the seconds since the start (the loop's clock is time.monotonic)."""
    print(f"t={asyncio.get_running_loop().time() - START:.3f} {message}", flush=True)


class Stats:
    """What the summary at the end reports, counted from the pool's own events."""

    def __init__(self):
        self.opened = 0   # connections opened, by the pool or, in the pitfall, by a query on its own
        self.in_use = 0   # connections checked out of a pool right now
        self.peak = 0     # the most at once
        self.commits = self.rollbacks = 0

    def checked_out(self):
        self.in_use += 1
        self.peak = max(self.peak, self.in_use)

    def checked_in(self):
        self.in_use -= 1


stats = Stats()


def make_engine(url, args, pooled):
    """An engine with a pool of max_size connections, or (pooled=False) one that opens a new
    connection for every session and closes it afterwards."""
    sqlite = url.get_backend_name() == "sqlite"
    if pooled:  # a fixed pool: max_overflow=0, so never more than max_size connections
        pool = dict(poolclass=AsyncAdaptedQueuePool, pool_size=args.max_size, max_overflow=0)
    else:
        pool = dict(poolclass=NullPool)
    engine = create_async_engine(url, connect_args={"timeout": BUSY_TIMEOUT if sqlite else CONNECT_TIMEOUT}, **pool)

    # The pool's events are the sync engine's: the async engine drives it through greenlets.
    numbers = itertools.count(1)

    @event.listens_for(engine.sync_engine, "connect")
    def on_connect(dbapi_connection, connection_record):   # a new connection, before its first use
        if sqlite:  # runs on the connection's own thread: it holds up that connection, not the event loop
            dbapi_connection.create_function("sleep", 1, time.sleep)
        stats.opened += 1
        if pooled:
            log(f"pool opened connection {next(numbers)}")

    @event.listens_for(engine.sync_engine, "invalidate")
    def on_invalidate(dbapi_connection, connection_record, exception):
        # A statement was cancelled (or failed) midway: SQLAlchemy cannot know the connection's
        # state, so it closes it; the pool opens a new one when it next needs one.
        log(f"pool closes a connection after {type(exception).__name__}")

    @event.listens_for(engine.sync_engine, "checkout")
    def on_checkout(dbapi_connection, connection_record, connection_proxy):
        stats.checked_out()

    @event.listens_for(engine.sync_engine, "checkin")
    def on_checkin(dbapi_connection, connection_record):
        stats.checked_in()

    return engine


async def open_pool(engine, size):
    """SQLAlchemy's pool opens connections only on demand. Open min_size now, side by side,
    and give them back: the pool keeps them, as asyncpg.create_pool(min_size=...) does."""
    opened = await asyncio.gather(*[engine.connect().start() for _ in range(size)], return_exceptions=True)
    for conn in opened:
        if isinstance(conn, AsyncConnection):
            await conn.close()              # back into the pool, which keeps it open
    errors = [error for error in opened if isinstance(error, BaseException)]
    if errors:                              # all or none: the first error tells why
        raise errors[0]


def reason(error):
    """The database's own message, without SQLAlchemy's wrapping (the SQL, a link)."""
    cause = error.orig.__cause__ or error.orig  # asyncpg's error, under the adapter's DBAPI error
    return str(cause).splitlines()[0]


# --- Your code ---

async def lookup(engine, sql, args, i):     # one of the 50 parallel queries
    name = "alice" if i % 2 else "bob"
    # The session checks a connection out of the engine's pool at its first statement (waiting in
    # the pool's queue while all are out) and checks it back in when the block ends.
    async with AsyncSession(engine) as session:
        return await session.scalar(sql["lookup"], {"name": name, "latency": args.latency})


async def balance_elsewhere(engine, sql, args, name):  # what another connection sees at the same moment
    async with AsyncSession(engine) as other:
        return await other.scalar(sql["lookup"], {"name": name, "latency": args.latency})


async def transfer(engine, sql, args, src, dst, amount):
    async with AsyncSession(engine) as session:
        # BEGIN; COMMIT when the block ends; ROLLBACK on any exception or cancellation, which goes on
        async with session.begin():
            await session.execute(sql["add"], {"name": dst, "amount": amount, "latency": args.latency})
            inside = await session.scalar(sql["lookup"], {"name": dst, "latency": args.latency})
            outside = await balance_elsewhere(engine, sql, args, dst)
            log(f"transfer {src} -> {dst} {amount}: halfway, {dst} has {inside} in the transaction, "
                f"{outside} for other connections")
            await session.execute(sql["add"], {"name": src, "amount": -amount, "latency": args.latency})
        log(f"transfer {src} -> {dst} {amount}: committed")


async def show_balances(engine, sql, args):
    async with AsyncSession(engine) as session:
        rows = (await session.execute(sql["balances"], {"latency": args.latency})).all()
    total = sum(row.balance for row in rows)
    log("balances: " + ", ".join(f"{row.name} {row.balance}" for row in rows) + f", total {total}")
    return total


async def run(engine, direct, sql, args):
    async with engine.begin() as conn:      # a fresh table each run: the lesson starts from 100 and 50
        for statement in sql["schema"]:
            await conn.execute(text(statement))
        before = await conn.scalar(TOTAL)

    # The pitfall: the queries go through the engine without a pool, one new connection each.
    tasks = [asyncio.create_task(lookup(direct if args.pitfall else engine, sql, args, i), name=f"query-{i}")
             for i in range(1, QUERIES + 1)]
    results = await asyncio.gather(*tasks, return_exceptions=True)
    failed = [(i, r) for i, r in enumerate(results, 1) if isinstance(r, Exception)]
    for i, error in failed:                 # e.g. too many connections when the pitfall meets the server's limit
        log(f"query {i} failed: {type(error).__name__}: {error}")
    log(f"{QUERIES} queries: {QUERIES - len(failed)} ok, {len(failed)} failed, {stats.opened} connections opened")

    for src, dst, amount in [("alice", "bob", 80), ("bob", "alice", 200)]:
        try:
            await transfer(engine, sql, args, src, dst, amount)
            stats.commits += 1
        except exc.IntegrityError as e:     # the CHECK failed; the transaction has rolled back already
            stats.rollbacks += 1
            log(f"transfer {src} -> {dst} {amount}: {reason(e)}, rolled back")
        await show_balances(engine, sql, args)

    try:
        # Two and a half statements' time: too short, the transfer is cancelled halfway.
        async with asyncio.timeout(2.5 * args.latency):
            await transfer(engine, sql, args, "bob", "alice", 50)
        stats.commits += 1
    except TimeoutError:                    # cancelled halfway: rolled back, then TimeoutError
        stats.rollbacks += 1
        log("transfer bob -> alice 50: timed out, rolled back")
    after = await show_balances(engine, sql, args)
    return QUERIES - len(failed), before, after


async def main(args):
    url = database_url(args.db)
    backend = url.get_backend_name()
    sql = {key: value if key == "schema" else text(value)
           for key, value in (SQLITE if backend == "sqlite" else POSTGRES).items()}
    engine = make_engine(url, args, pooled=True)
    direct = make_engine(url, args, pooled=False)
    try:
        try:
            await open_pool(engine, args.min_size)
        except Exception as error:          # only connecting here; SQLAlchemy 1.4 passes asyncpg's own
            raise CannotConnect(error) from error   # errors at connect through unwrapped (InvalidPasswordError...)
        queries_ok, before, after = await run(engine, direct, sql, args)
    finally:                                # close every connection the pools still keep
        await engine.dispose()
        await direct.dispose()

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


class CannotConnect(Exception):
    def __str__(self):
        error = self.args[0]
        if isinstance(error, exc.DBAPIError):
            return reason(error)
        return f"{type(error).__name__}: {str(error) or f'no answer within {CONNECT_TIMEOUT} s'}"


def database_url(db):
    """--db as SQLAlchemy's URL: postgresql://... runs on asyncpg, a file path on aiosqlite."""
    if "://" not in db:
        return URL.create("sqlite+aiosqlite", database=db)
    url = make_url(db)
    if url.get_backend_name() == "postgresql":
        return url.set(drivername="postgresql+asyncpg")
    if url.get_backend_name() == "sqlite":
        return url.set(drivername="sqlite+aiosqlite")
    raise ValueError(f"not a PostgreSQL or SQLite URL: {url.drivername}")


def arguments():
    parser = argparse.ArgumentParser(description="The database lesson with SQLAlchemy's asyncio extension.")
    parser.add_argument("--db", required=True,
                        help="postgresql://USER:PASSWORD@HOST:PORT/DB, or the path of an SQLite file")
    parser.add_argument("--min-size", type=int, default=2, help="connections the pool opens at the start (default 2)")
    parser.add_argument("--max-size", type=int, default=5, help="connections the pool may open at most (default 5)")
    parser.add_argument("--latency", type=float, default=0.1, help="seconds each statement takes (default 0.1)")
    parser.add_argument("--pitfall", action="store_true", help="a new connection for every query instead of the pool")
    args = parser.parse_args()
    if not 1 <= args.min_size <= args.max_size or args.latency <= 0:
        parser.error("need 1 <= --min-size <= --max-size and --latency above 0")
    try:
        database_url(args.db)
    except (exc.ArgumentError, ValueError) as error:
        parser.error(f"--db: {error}")
    return args


if __name__ == "__main__":
    options = arguments()
    try:
        asyncio.run(main(options))
    except CannotConnect as error:  # nobody listens there, a wrong password, no such database or folder
        where = database_url(options.db).render_as_string(hide_password=True)
        print(f"live_sqlalchemy.py: cannot connect to {where}: {error}", file=sys.stderr)
        sys.exit(1)
