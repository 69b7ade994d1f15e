// db::Pool: asyncpg's connection pool on aio.
//
//     auto pool = co_await db::create_pool({.url = path, .minSize = 2, .maxSize = 5});
//     {
//         auto conn = co_await pool->acquire();       // async with pool.acquire() as conn:
//         co_await conn->fetchval(sql, name);
//     }                                               // back into the pool
//     co_await pool->close();
//
// Idle connections wait in an aio::Queue named "idle connections" (the app's pool view
// draws it: its items are the idle connections, its blocked getters the tasks waiting for
// one). acquire() takes an idle connection; when none is idle and fewer than maxSize are
// open it opens one more (so the pool grows lazily from minSize, never beyond maxSize);
// otherwise it waits in the queue, first come first served. With a timeout, a wait that
// lasts too long raises aio::TimeoutError ("pool exhausted ...").
//
// The handle acquire() returns is a shared_ptr: when its last copy dies the connection goes
// back. A clean connection goes straight into the queue. One that may not be clean (a
// transaction left open, a statement interrupted or still running) is reset first by a
// task of the pool ("release conn-N": ROLLBACK if needed, on the connection's own thread,
// after whatever it still runs); clean, it goes back; otherwise it is closed and forgotten
// ("discarded"), and the first task waiting opens a replacement itself. Never back dirty.
//
// The server may go away. A PostgreSQL connection that the server closed while it was
// idle is discarded when acquire() finds it, and a new one is opened in its place. When a
// connection cannot be opened, the task that tried gets db::ConnectionError, and the next
// task in line tries in its turn: while the server is down, every acquire() ends in an
// error, none waits for ever.
//
// Trace lines, besides the connections' own (Connection.h):
//     pool opens connection <size> (max_size <maxSize>)   as the modelled lesson logs it
//     conn-N: discarded: <why>
//     pool closed
//
// The pool must outlive every task that uses it and every handle it gave out: await
// close() before destroying it.
#pragma once

#include "db/Connection.h"
#include "db/Options.h"

#include <aio/event.hpp>
#include <aio/queue.hpp>
#include <aio/task.hpp>

#include <memory>
#include <optional>
#include <vector>

namespace db {

class Pool {
public:
    explicit Pool(Options options);
    Pool(const Pool &) = delete;
    Pool &operator=(const Pool &) = delete;
    ~Pool();

    // Opens minSize connections side by side. If one fails, closes the others and raises
    // its error (db::ConnectionError).
    aio::Task<void> open();
    // A connection for the caller's block. Raises aio::TimeoutError when `timeout` seconds
    // pass without one, db::Error when the pool is closed, db::ConnectionError when a new
    // connection cannot be opened.
    aio::Task<std::shared_ptr<Connection>> acquire(std::optional<double> timeout = std::nullopt);
    // Waits until every connection given out is back, then closes them all. Tasks still
    // waiting in acquire() get db::Error. Safe to call twice.
    aio::Task<void> close();

    const Options &options() const { return m_options; }
    bool isClosed() const { return m_closed; }
    // Connections open or being opened, idle, lent out, being reset.
    int size() const { return m_size; }
    int idleCount() const { return static_cast<int>(m_idle.qsize()); }
    int inUse() const { return m_inUse; }
    int peakInUse() const { return m_peakInUse; }
    int peakSize() const { return m_peakSize; }
    // Tasks blocked in acquire() on the queue now, and at most so far.
    int waiting() const { return m_waiting; }
    int peakWaiting() const { return m_peakWaiting; }
    int opened() const { return m_opened; }
    int discarded() const { return m_discarded; }

private:
    aio::Task<Connection *> take();
    aio::Task<Connection *> openConnection();
    void release(Connection *conn) noexcept;
    aio::Task<void> recycle(Connection *conn);
    // `handOn`: the first task in line may open a connection in its place.
    aio::Task<void> discard(Connection *conn, QString why, bool handOn = true);
    void forget(Connection *conn);
    void handOnSlot();
    bool backgroundPending();

    Options m_options;
    std::vector<std::shared_ptr<Connection>> m_connections;
    aio::Queue<Connection *> m_idle;
    aio::Event m_returned{aio::Event::Internal{}}; // set when a connection came back or went
    std::vector<aio::Task<void>> m_background;     // the "release conn-N" tasks
    int m_size = 0;
    int m_peakSize = 0;
    int m_inUse = 0;
    int m_peakInUse = 0;
    int m_waiting = 0;
    int m_peakWaiting = 0;
    int m_opened = 0;
    int m_discarded = 0;
    bool m_closing = false;
    bool m_closed = false;
};

// asyncpg.create_pool: a pool, opened.
aio::Task<std::shared_ptr<Pool>> create_pool(Options options);

} // namespace db
