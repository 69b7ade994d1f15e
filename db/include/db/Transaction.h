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

#include <utility>

namespace db {

class Connection;

class Transaction {
public:
    Transaction(Transaction &&other) noexcept : m_conn(std::exchange(other.m_conn, nullptr)) {}
    Transaction &operator=(Transaction &&) = delete;
    Transaction(const Transaction &) = delete;
    ~Transaction();

    // COMMIT. On failure the transaction stays open, and the destructor rolls it back.
    aio::Task<void> commit();
    // ROLLBACK now, awaited.
    aio::Task<void> rollback();
    // Neither committed nor rolled back yet.
    bool isActive() const { return m_conn != nullptr; }

private:
    friend class Connection;
    explicit Transaction(Connection *conn) : m_conn(conn) {}

    Connection *m_conn;
};

} // namespace db
