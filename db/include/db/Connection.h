// db::Connection: one database connection with asyncpg's methods, awaited from aio tasks.
//
//     auto conn = co_await db::connect({.url = path});   // conn = await asyncpg.connect(path)
//     auto rows = co_await conn->fetch("SELECT * FROM t WHERE a = $1", 7);
//     std::optional<db::Row> row = co_await conn->fetchrow(sql, args...);
//     QVariant n = co_await conn->fetchval("SELECT count(*) FROM t");
//     QString status = co_await conn->execute("UPDATE t SET a = $1", 1);   // "UPDATE 3"
//     {
//         db::Transaction tx = co_await conn->transaction();                // BEGIN
//         co_await conn->execute(...);
//         co_await tx.commit();                                              // COMMIT
//     }   // not committed (an exception, a CHECK, a cancellation): ROLLBACK
//     co_await conn->close();
//
// Threads. Qt SQL connections belong to the thread that opened them and block, so each
// Connection owns a worker thread that opens, uses and closes its QSqlDatabase (a name of
// its own, removed on that thread). A statement is a job on that thread, jobs run in the
// order they were posted (FIFO), and the task awaits the job's QFuture: the aio loop never
// blocks. One statement at a time per connection, as in asyncpg (a second one raises).
//
// Stopping for real. A statement that outlives Options::commandTimeout (aio::TimeoutError)
// or whose task is cancelled (aio::CancelledError) is interrupted at the database from the
// loop's thread: sqlite3_interrupt (plus a progress handler, for a statement that has not
// reached SQLite yet) or PQcancel. Both are documented as safe from another thread. The
// task gets its error at once; the interrupted job ends on the worker soon after, and what
// is posted next runs after it.
//
// The trace (aio::log lines, fixed English words; N is the connection's number):
//     conn-N: opened                    conn-N: open failed: <message>
//     conn-N: query: <sql>              a statement is sent (whitespace collapsed)
//     conn-N: result: <k> rows          a fetch ended
//     conn-N: result: <status>          an execute ended ("UPDATE 1", "INSERT 0 1")
//     conn-N: error: <message>          a statement failed (the task gets the exception)
//     conn-N: interrupted (timeout)     ... (cancelled): the statement is stopped at the database
//     conn-N: BEGIN / COMMIT / ROLLBACK
//     conn-N: closed
// A Pool adds its own lines (see Pool.h).
//
// Errors: db::Error (invalid SQL, wrong number of arguments, misuse), db::CheckViolation,
// db::ConnectionError (cannot open, broken, closed), aio::TimeoutError, aio::CancelledError.
#pragma once

#include "db/Options.h"
#include "db/Row.h"
#include "db/Transaction.h"
#include "db/detail/Outcome.h"

#include <aio/task.hpp>

#include <QFuture>
#include <QString>
#include <QVariant>
#include <QVariantList>

#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

namespace db {

namespace detail {
class Interrupter;
class Session;
class WorkerThread;
} // namespace detail

class Pool;

// An argument as Qt SQL binds it (a std::string becomes a QString).
template <class T>
QVariant toVariant(T &&value)
{
    using V = std::remove_cvref_t<T>;
    if constexpr (std::is_same_v<V, QVariant>)
        return value;
    else if constexpr (std::is_same_v<V, std::string>)
        return QString::fromStdString(value);
    else if constexpr (std::is_constructible_v<QVariant, T>)
        return QVariant(std::forward<T>(value));
    else
        return QVariant::fromValue(std::forward<T>(value));
}

class Connection {
public:
    Connection(const Connection &) = delete;
    Connection &operator=(const Connection &) = delete;
    // Not closed yet: interrupts what runs, closes on the worker thread and waits for it
    // (a moment; a worker stuck past two seconds is left to end on its own).
    ~Connection();

    int number() const { return m_number; }
    const Options &options() const { return m_options; }
    bool isClosed() const { return m_closed; }
    bool isBusy() const { return m_busy; }
    // A transaction is open (as the worker last reported, or a Transaction object is alive).
    bool inTransaction() const { return m_inTransaction || m_transactionOpen; }

    template <class... Args>
    aio::Task<std::vector<Row>> fetch(QString sql, Args &&...args)
    {
        return fetchList(std::move(sql), QVariantList{toVariant(std::forward<Args>(args))...});
    }
    // The first row, or nullopt when there is none.
    template <class... Args>
    aio::Task<std::optional<Row>> fetchrow(QString sql, Args &&...args)
    {
        return fetchrowList(std::move(sql), QVariantList{toVariant(std::forward<Args>(args))...});
    }
    // The first column of the first row; an invalid QVariant when there is no row.
    template <class... Args>
    aio::Task<QVariant> fetchval(QString sql, Args &&...args)
    {
        return fetchvalList(std::move(sql), QVariantList{toVariant(std::forward<Args>(args))...});
    }
    // The status as asyncpg gives it: "UPDATE 2", "DELETE 0", "INSERT 0 1", "CREATE TABLE".
    template <class... Args>
    aio::Task<QString> execute(QString sql, Args &&...args)
    {
        return executeList(std::move(sql), QVariantList{toVariant(std::forward<Args>(args))...});
    }

    aio::Task<std::vector<Row>> fetchList(QString sql, QVariantList arguments);
    aio::Task<std::optional<Row>> fetchrowList(QString sql, QVariantList arguments);
    aio::Task<QVariant> fetchvalList(QString sql, QVariantList arguments);
    aio::Task<QString> executeList(QString sql, QVariantList arguments);

    // BEGIN (SQLite: BEGIN IMMEDIATE, see Transaction.h); the returned object commits or
    // rolls back. Throws db::Error when a transaction is open already (no savepoints).
    aio::Task<Transaction> transaction();

    // Closes on the worker thread and ends the thread. Safe to call twice.
    aio::Task<void> close();

    // "conn-3", as the pool's queue shows its items.
    friend std::ostream &operator<<(std::ostream &os, const Connection &c);

private:
    friend class Pool;
    friend class Transaction;
    friend aio::Task<std::shared_ptr<Connection>> connect(Options options, int number);

    enum class Step { Query, Begin, Commit, Rollback };

    Connection(Options options, int number);
    aio::Task<void> open();
    // Sends one statement and awaits it; throws what the outcome says.
    aio::Task<detail::Outcome> perform(Step step, QString sql, QVariantList values, QString shown);
    aio::Task<detail::Outcome> query(QString sql, QVariantList arguments);
    // For the pool: ROLLBACK if a transaction is open; true when the connection is clean
    // and open (it may go back into the pool). Never throws a db error.
    aio::Task<bool> reset();
    // Clean as far as the loop's thread knows: may go back into a pool without a reset.
    bool isReusable() const;
    // An idle PostgreSQL connection that the server has closed meanwhile (a restart,
    // pg_terminate_backend): libpq learns it only at its next read, so the pool asks
    // before it lends the connection, as asyncpg's pool reconnects a closed one.
    bool serverClosed() const;
    // A Transaction died without commit: ROLLBACK, posted (FIFO) without awaiting.
    void rollbackLater();
    QFuture<detail::Outcome> submit(std::function<detail::Outcome(detail::Session &, quint64)> job, quint64 id);
    void abandon(quint64 job, const char *why);
    void ensureUsable() const;
    void log(const QString &what) const;

    Options m_options;
    int m_number;
    std::shared_ptr<detail::Interrupter> m_interrupter;
    std::shared_ptr<detail::Session> m_session;
    std::unique_ptr<detail::WorkerThread> m_worker;
    quint64 m_lastJob = 0;
    int m_socket = -1;             // PostgreSQL: libpq's socket, for serverClosed()
    bool m_opened = false;
    bool m_closed = false;
    bool m_broken = false;         // the database said the connection is gone
    bool m_busy = false;           // a statement is awaited
    bool m_needsReset = false;     // a job was abandoned, or a ROLLBACK posted blind
    bool m_inTransaction = false;  // as the worker reported after the last awaited job
    bool m_transactionOpen = false; // a Transaction object is alive
};

// asyncpg.connect: opens one connection (the pitfall: one per query). `number` names it in
// the trace ("conn-N"); 0 takes the next of a process-wide count. A Pool numbers its own
// connections 1, 2, ... (as the modelled lesson does): a program that also opens plain
// connections beside a pool should give them numbers of its own to keep the names apart.
aio::Task<std::shared_ptr<Connection>> connect(Options options, int number = 0);

} // namespace db
