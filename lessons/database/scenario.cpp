// A database, modelled: a connection pool serving 50 parallel queries, and a money transfer
// as a transaction that rolls back when it fails halfway.
#include <aio/aio.hpp>
#include <lessons/format.hpp>
#include <lessons/lesson.hpp>

#include <list>
#include <map>
#include <memory>
#include <ostream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace lessons::database {

constexpr int QUERIES = 50, MAX_CONNECTIONS = 20;  // the server refuses a 21st connection
const std::string BALANCE = "SELECT name, balance FROM accounts WHERE name = $1";
const std::string ADD = "UPDATE accounts SET balance = balance + $2 WHERE name = $1";

struct TooManyConnectionsError : std::runtime_error {  // the names asyncpg uses
    using std::runtime_error::runtime_error;
};
struct CheckViolationError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

using Row = std::pair<std::string, int>;
class Connection;

class Database {  // the server: one table, a CHECK (balance >= 0), a limit on connections
public:
    explicit Database(const Params& p) : latency(p["latency"]), connect_cost(p["connect"]) {}

    aio::Task<Connection*> connect();

    std::map<std::string, int> accounts{{"alice", 100}, {"bob", 50}};
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

    // Every row of accounts (the model ignores WHERE).
    aio::Task<std::vector<Row>> fetch([[maybe_unused]] std::string sql) {
        co_await aio::sleep(db_.latency);  // @query
        co_return std::vector<Row>(db_.accounts.begin(), db_.accounts.end());
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
            saved_ = db_.accounts;
        } else if (sql == "ROLLBACK") {
            db_.accounts = saved_;
        } else if (sql == ADD) {
            if (db_.accounts[name] + amount < 0) throw CheckViolationError("CHECK (balance >= 0) failed");  // @check
            db_.accounts[name] += amount;
        }
    }

    void close() { db_.open -= 1; }

private:
    Database& db_;
    int number_;
    std::map<std::string, int> saved_;
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

// asyncpg: async with conn.transaction(): ...
aio::Task<void> transfer(Pool& pool, std::string src, std::string dst, int amount) {
    auto conn = co_await pool.acquire();  // @transfer-acquire
    co_await conn->execute("BEGIN");  // @begin
    std::string error;  // C++ cannot co_await inside a catch block: note the error, roll back after it
    try {
        co_await conn->execute(ADD, dst, amount);  // first half: dst gets the money  // @add-dst
        auto [name, balance] = co_await conn->fetchrow(BALANCE, dst);  // @halfway
        aio::log(format("transfer %s -> %s %d: halfway, %s has %d", src.c_str(), dst.c_str(), amount,
                        name.c_str(), balance));
        co_await conn->execute(ADD, src, -amount);  // second half: may break the CHECK  // @add-src
        co_await conn->execute("COMMIT");  // @commit
        aio::log(format("transfer %s -> %s %d: committed", src.c_str(), dst.c_str(), amount));
    } catch (const CheckViolationError& e) {
        error = e.what();
    }
    if (!error.empty()) {
        co_await conn->execute("ROLLBACK");  // @rollback
        aio::log(format("transfer %s -> %s %d: %s, rolled back", src.c_str(), dst.c_str(), amount,
                        error.c_str()));
    }
    auto rows = co_await conn->fetch("SELECT name, balance FROM accounts");  // @balances
    std::string text;
    int total = 0;
    for (const auto& [n, b] : rows) {
        text += format("%s%s %d", text.empty() ? "" : ", ", n.c_str(), b);
        total += b;
    }
    aio::log("balances: " + text + format(", total %d", total));
}

aio::Task<void> scenario(const Params& p, bool pitfall) {
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
    co_await transfer(pool, "alice", "bob", 80);  // @transfer-1
    co_await transfer(pool, "bob", "alice", 200);  // @transfer-2
}

}  // namespace lessons::database
