#include "db/Connection.h"

#include "db/CheckViolation.h"
#include "db/ConnectionError.h"
#include "db/Error.h"
#include "db/PositionalSql.h"

#include "Interrupter.h"
#include "Log.h"
#include "Session.h"
#include "WorkerThread.h"

#include <aio/errors.hpp>
#include <aio/timeout.hpp>
#include <qtaio/futureawaiter.h>

#include <QPromise>

#include <sys/socket.h>

#include <atomic>
#include <cerrno>
#include <ostream>

namespace db {

using detail::Outcome;

namespace {

std::atomic<int> g_lastNumber{0};     // connections made by db::connect without a number
std::atomic<quint64> g_lastName{0};   // QSqlDatabase connection names must be unique

// A reset waits behind the interrupted job; an interrupt ends a statement in moments.
constexpr double resetTimeout = 10.0;

// Clears a flag however the scope is left (a statement ended, failed or was abandoned).
class Clearing {
public:
    explicit Clearing(bool &flag) : m_flag(flag) { m_flag = true; }
    Clearing(const Clearing &) = delete;
    Clearing &operator=(const Clearing &) = delete;
    ~Clearing() { m_flag = false; }

private:
    bool &m_flag;
};

// asyncpg's status: the command, for INSERT/UPDATE/DELETE/SELECT with the row count.
QString statusOf(const QString &sql, const Outcome &outcome)
{
    const QStringList words = sql.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    const QString verb = words.isEmpty() ? QString() : words.first().toUpper();
    const int count = std::max(0, outcome.rowsAffected);
    if (verb == QLatin1String("INSERT"))
        return QStringLiteral("INSERT 0 %1").arg(count);
    if (verb == QLatin1String("UPDATE") || verb == QLatin1String("DELETE") || verb == QLatin1String("SELECT"))
        return QStringLiteral("%1 %2").arg(verb).arg(count);
    if ((verb == QLatin1String("CREATE") || verb == QLatin1String("DROP") || verb == QLatin1String("ALTER"))
        && words.size() > 1)
        return verb + QLatin1Char(' ') + words.at(1).toUpper();
    return verb;
}

} // namespace

Connection::Connection(Options options, int number)
    : m_options(std::move(options))
    , m_number(number)
    , m_interrupter(std::make_shared<detail::Interrupter>())
{
    const QString name = QStringLiteral("dirigent-db-%1-conn-%2").arg(++g_lastName).arg(m_number);
    m_session = std::make_shared<detail::Session>(m_options, name, *m_interrupter);
    m_worker = std::make_unique<detail::WorkerThread>(name);
}

Connection::~Connection()
{
    if (!m_worker)
        return;
    if (m_lastJob)
        m_interrupter->interrupt(m_lastJob); // whatever still runs is of no use to anyone
    // The session closes on its own thread; the job keeps it (and the interrupter it
    // points to) alive should the thread outlive this object.
    m_worker->post([session = m_session, interrupter = m_interrupter] { session->close(); });
    m_worker.reset();
}

std::ostream &operator<<(std::ostream &os, const Connection &c)
{
    return os << "conn-" << c.m_number;
}

void Connection::log(const QString &what) const
{
    detail::logLine(QStringLiteral("conn-%1: %2").arg(m_number).arg(what));
}

QFuture<Outcome> Connection::submit(std::function<Outcome(detail::Session &, quint64)> job, quint64 id)
{
    auto promise = std::make_shared<QPromise<Outcome>>();
    QFuture<Outcome> future = promise->future();
    promise->start();
    const bool posted = m_worker && m_worker->post([promise, session = m_session, job = std::move(job), id] {
        promise->addResult(job(*session, id));
        promise->finish();
    });
    if (!posted) {
        Outcome closed;
        closed.failure = Outcome::Failure::Connection;
        closed.message = QStringLiteral("the connection is closed");
        closed.usable = false;
        promise->addResult(closed);
        promise->finish();
    }
    return future;
}

aio::Task<void> Connection::open()
{
    QFuture<Outcome> future = submit([](detail::Session &s, quint64) { return s.open(); }, ++m_lastJob);
    const Outcome outcome = co_await qtaio::awaitFuture(future);
    if (outcome.failure != Outcome::Failure::None) {
        m_broken = true;
        log(QStringLiteral("open failed: %1").arg(outcome.message));
        throw ConnectionError(outcome.message);
    }
    m_opened = true;
    m_socket = outcome.socket;
    log(QStringLiteral("opened"));
}

void Connection::ensureUsable() const
{
    if (m_closed || m_broken || !m_opened)
        throw ConnectionError(QStringLiteral("conn-%1 is closed").arg(m_number));
    if (m_busy)
        throw Error(QStringLiteral("conn-%1: another operation is in progress").arg(m_number));
}

void Connection::abandon(quint64 job, const char *why)
{
    m_needsReset = true;
    m_interrupter->interrupt(job);
    log(QStringLiteral("interrupted (%1)").arg(QLatin1String(why)));
}

aio::Task<Outcome> Connection::perform(Step step, QString sql, QVariantList values, QString shown)
{
    ensureUsable();
    const quint64 job = ++m_lastJob;
    switch (step) {
    case Step::Query: log(QStringLiteral("query: %1").arg(detail::shortSql(shown))); break;
    case Step::Begin: log(QStringLiteral("BEGIN")); break;
    case Step::Commit: log(QStringLiteral("COMMIT")); break;
    case Step::Rollback: log(QStringLiteral("ROLLBACK")); break;
    }
    QFuture<Outcome> future = submit(
        [sql = std::move(sql), values = std::move(values)](detail::Session &s, quint64 id) { return s.exec(id, sql, values); },
        job);
    Clearing busy(m_busy);

    std::optional<Outcome> outcome;
    try {
        if (m_options.commandTimeout) {
            // asyncio.timeout rather than wait_for: the same TimeoutError, without a task
            // of its own for every statement in the trace.
            outcome = co_await aio::timeout(*m_options.commandTimeout, [&](aio::Timeout &) -> aio::Task<Outcome> {
                co_return co_await qtaio::awaitFuture(future);
            });
        } else {
            outcome = co_await qtaio::awaitFuture(future);
        }
    } catch (const aio::TimeoutError &) {
        abandon(job, "timeout");
        throw aio::TimeoutError(QStringLiteral("conn-%1: the statement ran longer than command_timeout %2 s")
                                    .arg(m_number)
                                    .arg(*m_options.commandTimeout)
                                    .toStdString());
    } catch (const aio::CancelledError &) {
        abandon(job, "cancelled");
        throw;
    }

    m_inTransaction = outcome->inTransaction;
    switch (outcome->failure) {
    case Outcome::Failure::None:
        break;
    case Outcome::Failure::CheckViolation:
        log(QStringLiteral("error: %1").arg(outcome->message));
        throw CheckViolation(outcome->message);
    case Outcome::Failure::Connection:
        m_broken = true;
        log(QStringLiteral("error: %1").arg(outcome->message));
        throw ConnectionError(QStringLiteral("conn-%1: %2").arg(m_number).arg(outcome->message));
    case Outcome::Failure::Interrupted:
        m_needsReset = true;
        [[fallthrough]];
    case Outcome::Failure::Sql:
        log(QStringLiteral("error: %1").arg(outcome->message));
        throw Error(outcome->message);
    }
    co_return std::move(*outcome);
}

aio::Task<Outcome> Connection::query(QString sql, QVariantList arguments)
{
    const PositionalSql positional = PositionalSql::translate(sql);
    QVariantList values = positional.bind(arguments);
    co_return co_await perform(Step::Query, positional.sql, std::move(values), sql);
}

aio::Task<std::vector<Row>> Connection::fetchList(QString sql, QVariantList arguments)
{
    Outcome outcome = co_await query(std::move(sql), std::move(arguments));
    log(QStringLiteral("result: %1 rows").arg(outcome.rows.size()));
    auto columns = std::make_shared<const QStringList>(std::move(outcome.columns));
    std::vector<Row> rows;
    rows.reserve(outcome.rows.size());
    for (QVariantList &values : outcome.rows)
        rows.emplace_back(columns, std::move(values));
    co_return rows;
}

aio::Task<std::optional<Row>> Connection::fetchrowList(QString sql, QVariantList arguments)
{
    std::vector<Row> rows = co_await fetchList(std::move(sql), std::move(arguments));
    if (rows.empty())
        co_return std::nullopt;
    co_return std::move(rows.front());
}

aio::Task<QVariant> Connection::fetchvalList(QString sql, QVariantList arguments)
{
    std::optional<Row> row = co_await fetchrowList(std::move(sql), std::move(arguments));
    co_return row ? row->value(0) : QVariant();
}

aio::Task<QString> Connection::executeList(QString sql, QVariantList arguments)
{
    const Outcome outcome = co_await query(sql, std::move(arguments));
    const QString status = statusOf(sql, outcome);
    log(QStringLiteral("result: %1").arg(status));
    co_return status;
}

aio::Task<Transaction> Connection::transaction()
{
    if (inTransaction())
        throw Error(QStringLiteral("conn-%1: a transaction is open already (no nested transactions)").arg(m_number));
    // SQLite: take the write lock now (see Transaction.h).
    const QString begin = m_options.isPostgres() ? QStringLiteral("BEGIN") : QStringLiteral("BEGIN IMMEDIATE");
    co_await perform(Step::Begin, begin, {}, begin);
    m_transactionOpen = true;
    co_return Transaction(this);
}

void Connection::rollbackLater()
{
    m_transactionOpen = false;
    if (m_closed || m_broken || !m_worker)
        return;
    log(QStringLiteral("ROLLBACK"));
    // Not awaited: the worker runs it before anything posted later, and whoever uses the
    // connection next learns the state from that (a pool resets it before lending it).
    m_needsReset = true;
    m_inTransaction = false;
    submit([](detail::Session &s, quint64 id) { return s.exec(id, QStringLiteral("ROLLBACK"), {}); }, ++m_lastJob);
}

aio::Task<bool> Connection::reset()
{
    if (m_closed || m_broken || !m_opened)
        co_return false;
    QFuture<Outcome> future = submit([](detail::Session &s, quint64 id) { return s.reset(id); }, ++m_lastJob);
    Clearing busy(m_busy);
    std::optional<Outcome> outcome;
    try {
        outcome = co_await aio::timeout(resetTimeout, [&](aio::Timeout &) -> aio::Task<Outcome> {
            co_return co_await qtaio::awaitFuture(future);
        });
    } catch (const aio::TimeoutError &) {
        co_return false; // still stuck behind a statement that would not stop
    }
    if (outcome->rolledBack)
        log(QStringLiteral("ROLLBACK"));
    m_inTransaction = outcome->inTransaction;
    if (!outcome->usable) {
        m_broken = true;
        co_return false;
    }
    m_needsReset = false;
    co_return true;
}

bool Connection::isReusable() const
{
    return m_opened && !m_closed && !m_broken && !m_busy && !m_needsReset && !m_inTransaction && !m_transactionOpen;
}

bool Connection::serverClosed() const
{
    // Only while nothing runs on the worker (the socket is libpq's; a peek takes nothing
    // from it) and while the socket is still this connection's.
    if (m_socket < 0 || !m_opened || m_closed || m_broken || m_busy || m_needsReset)
        return false;
    char byte = 0;
    const ssize_t n = ::recv(m_socket, &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    if (n == 0)
        return true; // the server closed its end
    if (n > 0)
        return true; // an idle connection expects nothing: these are the server's last words
                     // ("terminating connection due to ..."), its end follows them
    return errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR; // ECONNRESET and the like
}

aio::Task<void> Connection::close()
{
    if (m_closed || !m_worker)
        co_return;
    m_closed = true;
    QFuture<Outcome> future = submit([](detail::Session &s, quint64) { return s.close(); }, ++m_lastJob);
    m_worker->stop();
    co_await qtaio::awaitFuture(future);
    // The close was the last job: the thread ends at once.
    m_worker->join(2000);
    m_worker.reset();
    log(QStringLiteral("closed"));
}

aio::Task<std::shared_ptr<Connection>> connect(Options options, int number)
{
    if (number <= 0)
        number = ++g_lastNumber;
    std::shared_ptr<Connection> conn(new Connection(std::move(options), number));
    co_await conn->open();
    co_return conn;
}

} // namespace db
