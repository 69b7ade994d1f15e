// A database, modelled: a connection pool serving 50 parallel queries, and money transfers in
// transactions that roll back when they fail halfway or are cancelled. The C++ twin of lesson.py.
#include <aio/aio.hpp>
#include <lessons/facts.hpp>
#include <lessons/format.hpp>
#include <lessons/lesson.hpp>

#include <exception>
#include <list>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace lessons::database {

constexpr int QUERIES = 50, MAX_CONNECTIONS = 20;  // the server refuses a 21st connection
const std::string BALANCE = "SELECT name, balance FROM accounts WHERE name = $1";
const std::string ADD = "UPDATE accounts SET balance = balance + $2 WHERE name = $1";

// --- The model of the database (in real code: asyncpg.connect and asyncpg.create_pool) ---

struct TooManyConnectionsError : std::runtime_error {  // the names asyncpg uses
    using std::runtime_error::runtime_error;
};
struct CheckViolationError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

using Row = std::pair<std::string, int>;
using Table = std::map<std::string, int>;
class Connection;

class Database {  // the server: one table, a CHECK (balance >= 0), a limit on connections
public:
    explicit Database(const Params& p) : latency(p["latency"]), connect_cost(p["connect"]) {}

    aio::Task<Connection*> connect();

    Table accounts{{"alice", 100}, {"bob", 50}};
    int open = 0, opened = 0;
    const double latency, connect_cost;

private:
    std::list<Connection> connections_;  // owns them (in Python, the garbage collector does)
};

class Connection {  // like asyncpg's; each statement takes LATENCY seconds
public:
    Connection(Database& db, int number) : db_(db), number_(number) {}
    // How the trace names a connection in the pool's queue ("conn-3"), not by its address.
    friend std::ostream& operator<<(std::ostream& os, const Connection& c) { return os << "conn-" << c.number_; }

    // The committed table plus this connection's own changes.
    std::vector<Row> rows() const {
        std::vector<Row> out;
        for (auto [name, balance] : db_.accounts) {
            if (changes_ && changes_->count(name)) balance += changes_->at(name);
            out.emplace_back(name, balance);
        }
        return out;
    }

    // Every row of accounts (the model ignores WHERE).
    aio::Task<std::vector<Row>> fetch([[maybe_unused]] std::string sql) {
        co_await aio::sleep(db_.latency);  // @query
        co_return rows();
    }

    aio::Task<Row> fetchrow(std::string sql, std::string name) {  // the row WHERE name = $1
        for (const Row& row : co_await fetch(sql))  // @fetchrow
            if (row.first == name) co_return row;
        throw std::out_of_range(name);
    }

    aio::Task<int> fetchval(std::string sql, std::string name) {  // the row's second column: balance
        co_return (co_await fetchrow(sql, name)).second;  // @fetchval
    }

    // BEGIN, COMMIT, ROLLBACK or ADD.
    aio::Task<void> execute(std::string sql, std::string name = "", int amount = 0) {
        co_await aio::sleep(db_.latency);  // @statement
        if (sql == "BEGIN") {
            changes_.emplace();
        } else if (sql == "COMMIT") {  // from now on every connection sees the changes
            for (const auto& [n, delta] : *changes_) db_.accounts[n] += delta;
            changes_.reset();
        } else if (sql == "ROLLBACK") {  // the changes are dropped; no other connection saw them
            changes_.reset();
        } else if (sql == ADD) {
            int balance = 0;
            for (const Row& row : rows())
                if (row.first == name) balance = row.second;
            if (balance + amount < 0) throw CheckViolationError("CHECK (balance >= 0) failed");  // @check
            Table& target = changes_ ? *changes_ : db_.accounts;  // no transaction: at once
            target[name] += amount;
        }
    }

    // `async with conn.transaction(): body`, as in asyncpg: BEGIN; COMMIT when the body ends
    // normally; ROLLBACK when it throws anything, and the error goes on. catch (...) also
    // catches aio::CancelledError, which is no std::exception, just as Python's
    // `except BaseException` catches a cancellation.
    template <class Body>
    aio::Task<void> transaction(Body body) {
        co_await execute("BEGIN");  // @begin
        std::exception_ptr failed;  // C++ cannot co_await in a catch block: keep the error, roll back after it
        try {
            co_await body();
        } catch (...) {
            failed = std::current_exception();
        }
        if (failed) {
            co_await execute("ROLLBACK");  // @rollback
            std::rethrow_exception(failed);
        }
        co_await execute("COMMIT");  // @commit
    }

    void close() { db_.open -= 1; }

private:
    Database& db_;
    int number_;
    std::optional<Table> changes_;  // those of the open transaction, seen only here
};

aio::Task<Connection*> Database::connect() {
    if (open == MAX_CONNECTIONS) throw TooManyConnectionsError("too many connections");  // @too-many
    open += 1;
    opened += 1;
    const int number = opened;  // taken before the wait: others may open meanwhile
    co_await aio::sleep(connect_cost);  // @connect
    co_return &connections_.emplace_back(*this, number);
}

class Pool {  // like asyncpg.create_pool: idle connections wait in a Queue, more open on demand
public:
    Pool(Database& db, const Params& p) : db_(db), p_(p) {}

    aio::Task<Connection*> connect() {
        size_ += 1;
        aio::log(format("pool opens connection %d (max_size %d)", size_, p_.integer("max_size")));
        co_return co_await db_.connect();  // @pool-connect
    }

    aio::Task<void> open() {  // min_size connections, opened side by side
        std::vector<aio::Task<Connection*>> opening;
        for (int k = 0; k < p_.integer("min_size"); ++k) opening.push_back(connect());
        for (Connection* conn : co_await aio::gather(std::move(opening))) idle_.put_nowait(conn);  // @pool-open
    }

    // `async with pool.acquire() as conn:` -- the connection goes back into the pool (still
    // open) when the last copy of the returned pointer dies, at the end of the caller's block.
    aio::Task<std::shared_ptr<Connection>> acquire() {
        Connection* conn;
        if (idle_.empty() && size_ < p_.integer("max_size")) {
            conn = co_await connect();  // @new-connection
        } else {
            conn = co_await idle_.get();  // @idle-get
        }
        co_return std::shared_ptr<Connection>(conn, [this](Connection* c) { idle_.put_nowait(c); });  // @release
    }

private:
    Database& db_;
    const Params& p_;
    aio::Queue<Connection*> idle_{0, "idle connections"};
    int size_ = 0;
};

// --- Your code ---

// One of the 50 parallel queries.
aio::Task<int> lookup(Pool& pool, Database& db, int i, bool pitfall) {
    std::string name = i % 2 ? "alice" : "bob";
    if (pitfall) {  // the mistake: a new connection for every query
        Connection* conn = co_await db.connect();  // @connect-per-query
        int balance = co_await conn->fetchval(BALANCE, name);  // @query-direct
        conn->close();
        co_return balance;
    }
    auto conn = co_await pool.acquire();  // @acquire
    co_return co_await conn->fetchval(BALANCE, name);  // @lookup
}

// What another connection sees at the same moment.
aio::Task<int> balance_elsewhere(Pool& pool, std::string name) {
    auto other = co_await pool.acquire();  // @other-acquire
    co_return co_await other->fetchval(BALANCE, name);  // @other-fetch
}

aio::Task<void> transfer(Pool& pool, std::string src, std::string dst, int amount) {
    auto conn = co_await pool.acquire();  // @transfer-acquire
    // BEGIN; COMMIT when the body ends; ROLLBACK on any exception or cancellation, which goes on
    co_await conn->transaction([&]() -> aio::Task<void> {  // @transaction
        co_await conn->execute(ADD, dst, amount);  // first half: dst gets the money  // @add-dst
        const int inside = co_await conn->fetchval(BALANCE, dst);  // @halfway
        const int outside = co_await balance_elsewhere(pool, dst);  // @elsewhere
        aio::log(format("transfer %s -> %s %d: halfway, %s has %d in the transaction, %d for other connections",
                        src.c_str(), dst.c_str(), amount, dst.c_str(), inside, outside));
        lessons::note("halfway-inside", dst, inside);
        lessons::note("halfway-elsewhere", dst, outside);
        co_await conn->execute(ADD, src, -amount);  // second half: may break the CHECK  // @add-src
    });
    aio::log(format("transfer %s -> %s %d: committed", src.c_str(), dst.c_str(), amount));
    lessons::note("committed", src + " -> " + dst, amount);
}

aio::Task<void> show_balances(Pool& pool) {
    std::vector<Row> rows;
    {
        auto conn = co_await pool.acquire();  // @balances-acquire
        rows = co_await conn->fetch("SELECT name, balance FROM accounts");  // @balances
    }
    std::string text;
    int total = 0;
    for (const auto& [n, b] : rows) {
        text += format("%s%s %d", text.empty() ? "" : ", ", n.c_str(), b);
        total += b;
    }
    aio::log("balances: " + text + format(", total %d", total));
    lessons::note("total", "", total);
}

struct Transfer {
    std::string src, dst;
    int amount;
};

aio::Task<void> scenario(const Params& p, bool pitfall) {
    const double deadline = 2.5 * p["latency"];  // the last transfer's time limit: too short, it ends halfway
    Database db(p);
    Pool pool(db, p);
    co_await pool.open();  // @open
    std::vector<aio::Task<int>> tasks;
    for (int i = 1; i <= QUERIES; ++i)
        tasks.push_back(aio::create_task(lookup(pool, db, i, pitfall), format("query-%d", i)));  // @create_task
    auto results = co_await aio::gather(aio::return_exceptions, std::move(tasks));  // @gather
    int refused = 0;
    for (const auto& r : results) refused += r.ok() ? 0 : 1;  // only TooManyConnectionsError can happen
    aio::log(format("%d queries: %d ok, %d refused (too many connections), %d connections opened", QUERIES,
                    QUERIES - refused, refused, db.opened));
    lessons::note("queries-done", "", QUERIES - refused);
    lessons::note("refused", "", refused);
    lessons::note("connections-opened", "", db.opened);

    for (const Transfer& t : std::vector<Transfer>{{"alice", "bob", 80}, {"bob", "alice", 200}}) {
        try {
            co_await transfer(pool, t.src, t.dst, t.amount);  // @transfer
        } catch (const CheckViolationError& e) {  // the transaction has rolled back already
            aio::log(format("transfer %s -> %s %d: %s, rolled back", t.src.c_str(), t.dst.c_str(), t.amount, e.what()));
            lessons::note("rolled-back", t.src + " -> " + t.dst, t.amount);
        }
        co_await show_balances(pool);  // @show
    }

    try {
        co_await aio::timeout(deadline, [&](aio::Timeout&) -> aio::Task<void> {  // @timeout
            co_await transfer(pool, "bob", "alice", 50);  // @transfer-late
        });
    } catch (const aio::TimeoutError&) {  // cancelled halfway: rolled back, then TimeoutError
        aio::log("transfer bob -> alice 50: timed out, rolled back");
        lessons::note("timed-out", "bob -> alice", 50);
    }
    co_await show_balances(pool);  // @show-last
}

}  // namespace lessons::database
