# A database, modelled: a connection pool serving 50 parallel queries, and a money transfer
# as a transaction that rolls back when it fails halfway.
import asyncio
import contextlib
from dirigent import log, param, pitfall, run

MIN_SIZE = param("min_size", 2)     # connections the pool opens at the start
MAX_SIZE = param("max_size", 5)     # connections the pool may open at most
LATENCY = param("latency", 0.1)     # seconds per statement
CONNECT = param("connect", 0.3)     # seconds to open a connection
QUERIES, MAX_CONNECTIONS = 50, 20   # the server refuses a 21st connection
BALANCE = "SELECT name, balance FROM accounts WHERE name = $1"
ADD = "UPDATE accounts SET balance = balance + $2 WHERE name = $1"

class TooManyConnectionsError(Exception): pass   # the names asyncpg uses
class CheckViolationError(Exception): pass

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
        self.db, self.saved = db, {}

    async def fetch(self, sql):             # every row of accounts (the model ignores WHERE)
        await asyncio.sleep(LATENCY)  # @query
        return list(self.db.accounts.items())

    async def fetchrow(self, sql, name):    # the row WHERE name = $1
        return [row for row in await self.fetch(sql) if row[0] == name][0]  # @fetchrow

    async def fetchval(self, sql, name):    # the row's second column: the balance
        return (await self.fetchrow(sql, name))[1]  # @fetchval

    async def execute(self, sql, name="", amount=0):   # BEGIN, COMMIT, ROLLBACK or ADD
        await asyncio.sleep(LATENCY)  # @statement
        if sql == "BEGIN":
            self.saved = dict(self.db.accounts)
        elif sql == "ROLLBACK":
            self.db.accounts = self.saved
        elif sql == ADD:
            if self.db.accounts[name] + amount < 0:
                raise CheckViolationError("CHECK (balance >= 0) failed")  # @check
            self.db.accounts[name] += amount

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

async def lookup(pool, db, i):              # one of the 50 parallel queries
    name = "alice" if i % 2 else "bob"
    if pitfall():                           # the mistake: a new connection for every query
        conn = await db.connect()  # @connect-per-query
        balance = await conn.fetchval(BALANCE, name)  # @query-direct
        conn.close()
        return balance
    async with pool.acquire() as conn:  # @acquire
        return await conn.fetchval(BALANCE, name)  # @lookup

async def transfer(pool, src, dst, amount):   # asyncpg: async with conn.transaction(): ...
    async with pool.acquire() as conn:  # @transfer-acquire
        await conn.execute("BEGIN")  # @begin
        try:
            await conn.execute(ADD, dst, amount)        # first half: dst gets the money  # @add-dst
            name, balance = await conn.fetchrow(BALANCE, dst)  # @halfway
            log(f"transfer {src} -> {dst} {amount}: halfway, {name} has {balance}")
            await conn.execute(ADD, src, -amount)       # second half: may break the CHECK  # @add-src
            await conn.execute("COMMIT")  # @commit
            log(f"transfer {src} -> {dst} {amount}: committed")
        except CheckViolationError as e:
            await conn.execute("ROLLBACK")              # C++: after the catch block  # @rollback
            log(f"transfer {src} -> {dst} {amount}: {e}, rolled back")
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
    await transfer(pool, "alice", "bob", 80)  # @transfer-1
    await transfer(pool, "bob", "alice", 200)  # @transfer-2

run(main())
