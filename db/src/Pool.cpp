#include "db/Pool.h"

#include "db/Error.h"

#include "Log.h"

#include <aio/errors.hpp>
#include <aio/gather.hpp>
#include <aio/timeout.hpp>
#include <qtaio/qtdriver.h>

#include <algorithm>

namespace db {

namespace {

// Counts a task in the pool's waiting figures while it is blocked on the queue.
class Waiting {
public:
    Waiting(int &count, int &peak) : m_count(count)
    {
        ++m_count;
        peak = std::max(peak, m_count);
    }
    Waiting(const Waiting &) = delete;
    Waiting &operator=(const Waiting &) = delete;
    ~Waiting() { --m_count; }

private:
    int &m_count;
};

QString numberText(double seconds)
{
    return QString::number(seconds, 'g', 6);
}

} // namespace

Pool::Pool(Options options)
    : m_options(std::move(options))
    , m_idle(0, "idle connections")
{
    m_options.maxSize = std::max(1, m_options.maxSize);
    m_options.minSize = std::clamp(m_options.minSize, 0, m_options.maxSize);
}

Pool::~Pool()
{
    // close() was awaited, or the program ends: what is left closes on its own threads.
    m_connections.clear();
}

aio::Task<void> Pool::open()
{
    std::vector<aio::Task<Connection *>> opening;
    for (int k = 0; k < m_options.minSize; ++k)
        opening.push_back(openConnection());
    std::exception_ptr failed;
    for (const aio::Result<Connection *> &r : co_await aio::gather(aio::return_exceptions, std::move(opening))) {
        if (r.ok())
            m_idle.put_nowait(r.value());
        else if (!failed)
            failed = r.error();
    }
    if (failed) {
        co_await close();
        std::rethrow_exception(failed);
    }
}

aio::Task<Connection *> Pool::openConnection()
{
    ++m_size;
    m_peakSize = std::max(m_peakSize, m_size);
    const int number = ++m_opened; // taken before the wait: others may open meanwhile
    detail::logLine(QStringLiteral("pool opens connection %1 (max_size %2)").arg(m_size).arg(m_options.maxSize));
    std::shared_ptr<Connection> conn;
    try {
        conn = co_await connect(m_options, number);
    } catch (...) {
        --m_size;
        m_returned.set();
        handOnSlot();
        throw;
    }
    m_connections.push_back(std::move(conn));
    co_return m_connections.back().get();
}

void Pool::handOnSlot()
{
    // A task in line that nothing in the queue will serve gets an empty item: it opens a
    // connection itself (and gets its own error if that fails), instead of waiting for a
    // connection that no one will bring back (the server is gone, say).
    if (!m_closing && m_waiting > static_cast<int>(m_idle.qsize()))
        m_idle.put_nowait(nullptr);
}

aio::Task<Connection *> Pool::take()
{
    for (;;) {
        // As the modelled pool does: open one more while the pool may grow, else wait in line.
        if (m_idle.empty() && m_size < m_options.maxSize)
            co_return co_await openConnection();
        Connection *conn = nullptr;
        {
            Waiting waiting(m_waiting, m_peakWaiting);
            conn = co_await m_idle.get();
        }
        if (!conn) {
            if (m_closing) // close() wakes the tasks still waiting with an empty item
                throw Error(QStringLiteral("the pool is closed"));
            continue; // a place came free (handOnSlot): open one
        }
        if (!conn->serverClosed())
            co_return conn;
        // Closed by the server while idle (restarted, say): this task opens a new one in
        // its place, so the place is not handed on to the tasks in line.
        co_await discard(conn, QStringLiteral("the server closed it"), false);
    }
}

aio::Task<std::shared_ptr<Connection>> Pool::acquire(std::optional<double> timeout)
{
    if (m_closing)
        throw Error(QStringLiteral("the pool is closed"));
    Connection *conn = nullptr;
    if (timeout) {
        try {
            conn = co_await aio::timeout(*timeout, [this](aio::Timeout &) -> aio::Task<Connection *> {
                co_return co_await take();
            });
        } catch (const aio::TimeoutError &) {
            throw aio::TimeoutError(QStringLiteral("pool exhausted: no connection free within %1 s (max_size %2)")
                                        .arg(numberText(*timeout))
                                        .arg(m_options.maxSize)
                                        .toStdString());
        }
    } else {
        conn = co_await take();
    }
    if (m_closing) { // close() began while this task waited: the connection stays for it
        m_idle.put_nowait(conn);
        throw Error(QStringLiteral("the pool is closed"));
    }
    ++m_inUse;
    m_peakInUse = std::max(m_peakInUse, m_inUse);
    co_return std::shared_ptr<Connection>(conn, [this](Connection *c) { release(c); });
}

void Pool::release(Connection *conn) noexcept
{
    --m_inUse;
    try {
        if (conn->isReusable()) {
            m_idle.put_nowait(conn); // wakes the first task in line
            m_returned.set();
        } else if (aio::EventLoop::current()) {
            // Not known to be clean: reset it first, on its thread, in a task of its own
            // (a destructor cannot co_await).
            std::erase_if(m_background, [](const aio::Task<void> &t) { return t.done(); });
            m_background.push_back(aio::create_task(recycle(conn), "release conn-" + std::to_string(conn->number())));
        } else {
            forget(conn); // no loop left to reset it: close it
            --m_size;
            ++m_discarded;
        }
    } catch (...) {
        // Allocation failed: better to lose the connection than to crash in a destructor.
        forget(conn);
        --m_size;
        ++m_discarded;
    }
    if (qtaio::QtDriver *driver = qtaio::QtDriver::current())
        driver->kick(); // the handle may have died outside a task
}

aio::Task<void> Pool::recycle(Connection *conn)
{
    bool clean = false;
    bool cancelled = false;
    try {
        clean = co_await conn->reset();
    } catch (const aio::CancelledError &) {
        cancelled = true; // the loop shuts down
    } catch (...) {
        clean = false;
    }
    if (clean) {
        m_idle.put_nowait(conn);
        m_returned.set();
        co_return;
    }
    if (cancelled) {
        detail::logLine(QStringLiteral("conn-%1: discarded: the reset was cancelled").arg(conn->number()));
        forget(conn);
        --m_size;
        ++m_discarded;
        m_returned.set();
        throw aio::CancelledError();
    }
    co_await discard(conn, QStringLiteral("it could not be made clean"));
}

aio::Task<void> Pool::discard(Connection *conn, QString why, bool handOn)
{
    detail::logLine(QStringLiteral("conn-%1: discarded: %2").arg(conn->number()).arg(why));
    std::exception_ptr cancelled;
    try {
        co_await conn->close();
    } catch (const aio::CancelledError &) {
        cancelled = std::current_exception();
    } catch (...) {
    }
    forget(conn);
    --m_size;
    ++m_discarded;
    m_returned.set();
    if (cancelled)
        std::rethrow_exception(cancelled);
    // The tasks in line wait for a put; with one connection fewer, the first of them
    // opens its replacement (asyncpg's way: the error, if any, is that task's).
    if (handOn)
        handOnSlot();
}

void Pool::forget(Connection *conn)
{
    std::erase_if(m_connections, [conn](const std::shared_ptr<Connection> &c) { return c.get() == conn; });
}

bool Pool::backgroundPending()
{
    std::erase_if(m_background, [](const aio::Task<void> &t) { return t.done(); });
    return !m_background.empty();
}

aio::Task<void> Pool::close()
{
    if (m_closing)
        co_return;
    m_closing = true;
    // Every connection lent out comes back (and is reset) first, as asyncpg's close waits.
    while (m_inUse > 0 || backgroundPending()) {
        m_returned.clear();
        co_await m_returned.wait();
    }
    while (!m_idle.empty()) {
        Connection *conn = m_idle.get_nowait();
        if (!conn)
            continue;
        try {
            co_await conn->close();
        } catch (const std::exception &) {
            // it is forgotten all the same
        }
        forget(conn);
        --m_size;
    }
    m_connections.clear();
    m_size = 0;
    for (int k = 0; k < m_waiting; ++k)
        m_idle.put_nowait(nullptr);
    m_closed = true;
    detail::logLine(QStringLiteral("pool closed"));
}

aio::Task<std::shared_ptr<Pool>> create_pool(Options options)
{
    auto pool = std::make_shared<Pool>(std::move(options));
    co_await pool->open();
    co_return pool;
}

} // namespace db
