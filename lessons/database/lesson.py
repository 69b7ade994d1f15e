# A database, modelled: a connection pool serving 50 parallel queries, and money transfers in
# transactions that roll back when they fail halfway or are cancelled.
import asyncio
import contextlib
import time

# The lesson's sliders. Change them here when you run this file yourself.
MIN_SIZE = 2      # connections the pool opens at the start
MAX_SIZE = 5      # connections the pool may open at most
LATENCY = 0.1     # seconds per statement
CONNECT = 0.3     # seconds to open a connection
PITFALL = False   # True: every query opens its own connection instead of using the pool

QUERIES, MAX_CONNECTIONS = 50, 20   # the server refuses a 21st connection
DEADLINE = 2.5 * LATENCY            # the last transfer's time limit: too short, it ends halfway
BALANCE = "SELECT name, balance FROM accounts WHERE name = $1"
ADD = "UPDATE accounts SET balance = balance + $2 WHERE name = $1"

START = time.monotonic()


def log(message):
    """Print the message with the seconds since the start (the loop's clock is time.monotonic)."""
    print(f"t={asyncio.get_running_loop().time() - START:.3f} {message}")


# --- The model of the database (in real code: asyncpg.connect and asyncpg.create_pool) ---

class TooManyConnectionsError(Exception):  # the names asyncpg uses
    pass


class CheckViolationError(Exception):
    pass


class Database:  # the server: one table, a CHECK (balance >= 0), a limit on connections
    def __init__(self):
        self.accounts, self.open, self.opened = {"alice": 100, "bob": 50}, 0, 0

    async def connect(self):
        if self.open == MAX_CONNECTIONS:
            raise TooManyConnectionsError("too many connections")  # @too-many
        self.open, self.opened = self.open + 1, self.opened + 1
        await asyncio.sleep(CONNECT)  # @connect
        return Connection(self)


class Connection:  # like asyncpg's; each statement takes LATENCY seconds
    def __init__(self, db):
        self.db, self.changes = db, None    # changes: those of the open transaction, seen only here

    def rows(self):                         # the committed table plus this connection's own changes
        changes = self.changes or {}
        return [(name, balance + changes.get(name, 0)) for name, balance in self.db.accounts.items()]

    async def fetch(self, sql):             # every row of accounts (the model ignores WHERE)
        await asyncio.sleep(LATENCY)  # @query
        return self.rows()

    async def fetchrow(self, sql, name):    # the row WHERE name = $1
        return [row for row in await self.fetch(sql) if row[0] == name][0]  # @fetchrow

    async def fetchval(self, sql, name):    # the row's second column: the balance
        return (await self.fetchrow(sql, name))[1]  # @fetchval

    async def execute(self, sql, name="", amount=0):   # BEGIN, COMMIT, ROLLBACK or ADD
        await asyncio.sleep(LATENCY)  # @statement
        if sql == "BEGIN":
            self.changes = {}
        elif sql == "COMMIT":               # from now on every connection sees the changes
            for n, delta in self.changes.items():
                self.db.accounts[n] += delta
            self.changes = None
        elif sql == "ROLLBACK":             # the changes are dropped; no other connection saw them
            self.changes = None
        elif sql == ADD:
            if dict(self.rows())[name] + amount < 0:
                raise CheckViolationError("CHECK (balance >= 0) failed")  # @check
            target = self.db.accounts if self.changes is None else self.changes  # no transaction: at once
            target[name] = target.get(name, 0) + amount

    @contextlib.asynccontextmanager
    async def transaction(self):            # async with conn.transaction(): as in asyncpg
        await self.execute("BEGIN")  # @begin
        try:
            yield
        except BaseException:               # any exception, a cancellation too
            await self.execute("ROLLBACK")  # @rollback
            raise
        await self.execute("COMMIT")  # @commit

    def close(self):
        self.db.open -= 1


class Pool:  # like asyncpg.create_pool: idle connections wait in a Queue, more open on demand
    def __init__(self, db):
        self.db, self.idle, self.size = db, asyncio.Queue(), 0

    async def connect(self):
        self.size += 1
        log(f"pool opens connection {self.size} (max_size {MAX_SIZE})")
        return await self.db.connect()  # @pool-connect

    async def open(self):                   # min_size connections, opened side by side
        for conn in await asyncio.gather(*[self.connect() for _ in range(MIN_SIZE)]):  # @pool-open
            self.idle.put_nowait(conn)

    @contextlib.asynccontextmanager
    async def acquire(self):                # async with pool.acquire() as conn: ...
        if self.idle.empty() and self.size < MAX_SIZE:
            conn = await self.connect()  # @new-connection
        else:
            conn = await self.idle.get()  # @idle-get
        try:
            yield conn
        finally:
            self.idle.put_nowait(conn)      # back into the pool, still open  # @release


# --- Your code ---

async def lookup(pool, db, i):              # one of the 50 parallel queries
    name = "alice" if i % 2 else "bob"
    if PITFALL:                             # the mistake: a new connection for every query
        conn = await db.connect()  # @connect-per-query
        balance = await conn.fetchval(BALANCE, name)  # @query-direct
        conn.close()
        return balance
    async with pool.acquire() as conn:  # @acquire
        return await conn.fetchval(BALANCE, name)  # @lookup


async def balance_elsewhere(pool, name):    # what another connection sees at the same moment
    async with pool.acquire() as other:  # @other-acquire
        return await other.fetchval(BALANCE, name)  # @other-fetch


async def transfer(pool, src, dst, amount):
    async with pool.acquire() as conn:  # @transfer-acquire
        # BEGIN; COMMIT when the block ends; ROLLBACK on any exception or cancellation, which goes on
        async with conn.transaction():  # @transaction
            await conn.execute(ADD, dst, amount)           # first half: dst gets the money  # @add-dst
            inside = await conn.fetchval(BALANCE, dst)  # @halfway
            outside = await balance_elsewhere(pool, dst)  # @elsewhere
            log(f"transfer {src} -> {dst} {amount}: halfway, {dst} has {inside} in the transaction, "
                f"{outside} for other connections")
            await conn.execute(ADD, src, -amount)          # second half: may break the CHECK  # @add-src
        log(f"transfer {src} -> {dst} {amount}: committed")


async def show_balances(pool):
    async with pool.acquire() as conn:  # @balances-acquire
        rows = await conn.fetch("SELECT name, balance FROM accounts")  # @balances
    log("balances: " + ", ".join(f"{n} {b}" for n, b in rows) + f", total {sum(b for _, b in rows)}")


async def main():
    db = Database()
    pool = Pool(db)
    await pool.open()  # @open
    tasks = [asyncio.create_task(lookup(pool, db, i), name=f"query-{i}")  # @create_task
             for i in range(1, QUERIES + 1)]
    results = await asyncio.gather(*tasks, return_exceptions=True)  # @gather
    refused = sum(isinstance(r, TooManyConnectionsError) for r in results)
    log(f"{QUERIES} queries: {QUERIES - refused} ok, {refused} refused (too many connections), "
        f"{db.opened} connections opened")

    for src, dst, amount in [("alice", "bob", 80), ("bob", "alice", 200)]:
        try:
            await transfer(pool, src, dst, amount)  # @transfer
        except CheckViolationError as e:    # the transaction has rolled back already
            log(f"transfer {src} -> {dst} {amount}: {e}, rolled back")
        await show_balances(pool)  # @show

    try:
        async with asyncio.timeout(DEADLINE):  # @timeout
            await transfer(pool, "bob", "alice", 50)  # @transfer-late
    except TimeoutError:                    # cancelled halfway: rolled back, then TimeoutError
        log("transfer bob -> alice 50: timed out, rolled back")
    await show_balances(pool)  # @show-last


asyncio.run(main())
