// db::Transaction: `async with conn.transaction():` made of an object. Connection::transaction()
// sends BEGIN and returns it; commit() sends COMMIT. An object destroyed without commit (an
// exception left the block, a CHECK failed, the task was cancelled) rolls back: a coroutine
// cannot co_await in a destructor, so the ROLLBACK is posted to the connection's worker
// thread, whose FIFO order runs it before anything sent on that connection later; a pool
// takes the connection back only once it is clean (see Pool.h).
//
// SQLite lets one writer at a time hold a database: its BEGIN is BEGIN IMMEDIATE, which
// takes the write lock at once (waiting up to Options::busyTimeout for another writer)
// instead of failing with "database is locked" when a read in the transaction turns into a
// write. Transactions on SQLite therefore run one after another, also read-only ones.
//
// The object must not outlive the connection handle it came from.
#pragma once

#include <aio/task.hpp>

#include <memory>

namespace db {

class Connection;

class Transaction {
public:
    // Copies share one transaction (aio::Task results must be copyable): the last copy to
    // die rolls back what was neither committed nor rolled back.
    Transaction(const Transaction &) = default;
    Transaction &operator=(const Transaction &) = default;
    Transaction(Transaction &&) noexcept = default;
    Transaction &operator=(Transaction &&) noexcept = default;
    ~Transaction() = default;

    // COMMIT. On failure the transaction stays open, and the destructor rolls it back.
    aio::Task<void> commit();
    // ROLLBACK now, awaited.
    aio::Task<void> rollback();
    // Neither committed nor rolled back yet.
    bool isActive() const { return m_state && m_state->conn; }

private:
    friend class Connection;
    struct State {
        Connection *conn = nullptr; // null once committed or rolled back
        State(const State &) = delete;
        State &operator=(const State &) = delete;
        explicit State(Connection *c) : conn(c) {}
        ~State();
    };
    explicit Transaction(Connection *conn) : m_state(std::make_shared<State>(conn)) {}

    std::shared_ptr<State> m_state;
};

} // namespace db
