// The database lesson live. main(), lookup() and transfer() follow lessons/database/scenario.cpp
// line for line (the same names, the same log lines); what differs is the database: a real one
// behind db::Pool, where every statement that stands for work takes LATENCY at the database.
#include "live/LiveDatabase.h"

#include <aio/aio.hpp>
#include <db/db.h>
#include <lessons/format.hpp>

#include <QDir>
#include <QFileInfo>
#include <QUrl>

#include <algorithm>
#include <exception>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>

namespace live {

namespace {

using lessons::format;

// The statements, per database. $N as asyncpg writes them (db::Connection translates).
struct Sql {
    QString lookup; // ($1 name, $2 latency) -> balance, after LATENCY at the database
    QString add;    // ($1 name, $2 amount, $3 latency): balance + amount, after LATENCY
};

Sql sqlFor(bool postgres)
{
    if (postgres)
        return {QStringLiteral("SELECT balance FROM accounts, pg_sleep($2) WHERE name = $1"),
                QStringLiteral("UPDATE accounts SET balance = balance + $2 FROM pg_sleep($3) WHERE name = $1")};
    // SQLite has no pg_sleep: the db layer gives every SQLite connection sleep(seconds).
    return {QStringLiteral("SELECT balance FROM accounts WHERE name = $1 AND sleep($2) IS NULL"),
            QStringLiteral("UPDATE accounts SET balance = balance + $2 WHERE name = $1 AND sleep($3) IS NULL")};
}

// What every task needs, shared: the pool outlives each of them (see db/Pool.h).
struct Shared {
    std::shared_ptr<db::Pool> pool;
    db::Options options;
    Sql sql;
    double latency = 0.1;
    LiveDatabaseFigures *figures = nullptr;
    int openForLookups = 0; // the pitfall's connections open now
};

// pool.acquire(), counting the acquires that must wait for a connection to come back.
aio::Task<std::shared_ptr<db::Connection>> acquire(std::shared_ptr<Shared> s)
{
    if (s->pool->idleCount() == 0 && s->pool->size() >= s->options.maxSize)
        ++s->figures->acquireWaits;
    auto conn = co_await s->pool->acquire();
    s->figures->peakInUse = std::max(s->figures->peakInUse, s->pool->inUse());
    co_return conn;
}

// One of the 50 parallel queries.
aio::Task<int> lookup(std::shared_ptr<Shared> s, int i, bool pitfall)
{
    const std::string name = i % 2 ? "alice" : "bob";
    if (pitfall) { // the mistake: a new connection for every query
        auto conn = co_await db::connect(s->options, 100 + i);
        ++s->figures->connectionsOpened;
        ++s->openForLookups;
        s->figures->peakInUse = std::max(s->figures->peakInUse, s->openForLookups);
        QVariant balance;
        bool failed = false;
        try {
            balance = co_await conn->fetchval(s->sql.lookup, name, s->latency);
        } catch (...) {
            failed = true; // closed below either way; co_await is not allowed in a handler
        }
        --s->openForLookups;
        co_await conn->close();
        if (failed)
            throw db::Error("the lookup failed");
        co_return balance.toInt();
    }
    auto conn = co_await acquire(s);
    co_return (co_await conn->fetchval(s->sql.lookup, name, s->latency)).toInt();
}

// What another connection sees at the same moment.
aio::Task<int> balanceElsewhere(std::shared_ptr<Shared> s, std::string name)
{
    auto other = co_await acquire(s);
    co_return (co_await other->fetchval(s->sql.lookup, name, s->latency)).toInt();
}

aio::Task<void> transfer(std::shared_ptr<Shared> s, std::string src, std::string dst, int amount)
{
    auto conn = co_await acquire(s);
    {
        // BEGIN; COMMIT below; ROLLBACK when tx goes without a commit: an exception, a
        // cancellation (see db/Transaction.h)
        db::Transaction tx = co_await conn->transaction();
        co_await conn->execute(s->sql.add, dst, amount, s->latency); // first half: dst gets the money
        const int inside = (co_await conn->fetchval(s->sql.lookup, dst, s->latency)).toInt();
        const int outside = co_await balanceElsewhere(s, dst);
        aio::log(format("transfer %s -> %s %d: halfway, %s has %d in the transaction, %d for other connections",
                        src.c_str(), dst.c_str(), amount, dst.c_str(), inside, outside));
        co_await conn->execute(s->sql.add, src, -amount, s->latency); // second half: may break the CHECK
        co_await tx.commit();
    }
    ++s->figures->commits;
    aio::log(format("transfer %s -> %s %d: committed", src.c_str(), dst.c_str(), amount));
}

aio::Task<int> showBalances(std::shared_ptr<Shared> s)
{
    std::vector<db::Row> rows;
    {
        auto conn = co_await acquire(s);
        rows = co_await conn->fetch(QStringLiteral("SELECT name, balance FROM accounts ORDER BY name"));
    }
    std::string text;
    int total = 0;
    for (const db::Row &row : rows) {
        const int balance = row.value(1).toInt();
        text += format("%s%s %d", text.empty() ? "" : ", ", row.value(0).toString().toStdString().c_str(), balance);
        total += balance;
    }
    aio::log("balances: " + text + format(", total %d", total));
    co_return total;
}

// A fresh schema: the lesson's two accounts, whatever an earlier run left.
aio::Task<void> createSchema(std::shared_ptr<Shared> s)
{
    auto conn = co_await s->pool->acquire();
    co_await conn->execute(QStringLiteral("DROP TABLE IF EXISTS accounts"));
    co_await conn->execute(QStringLiteral(
        "CREATE TABLE accounts (name TEXT PRIMARY KEY, balance INTEGER NOT NULL CHECK (balance >= 0))"));
    co_await conn->execute(QStringLiteral("INSERT INTO accounts (name, balance) VALUES ('alice', 100), ('bob', 50)"));
}

struct Transfer {
    std::string src, dst;
    int amount;
};

// The transfers and the balances after each; the pool is open and the schema there.
aio::Task<void> transfers(std::shared_ptr<Shared> s)
{
    LiveDatabaseFigures &f = *s->figures;
    for (const Transfer &t : std::vector<Transfer>{{"alice", "bob", 80}, {"bob", "alice", 200}}) {
        try {
            co_await transfer(s, t.src, t.dst, t.amount);
        } catch (const db::CheckViolation &e) { // the transaction has rolled back already
            ++f.rollbacks;
            aio::log(format("transfer %s -> %s %d: %s, rolled back", t.src.c_str(), t.dst.c_str(), t.amount, e.what()));
        }
        co_await showBalances(s);
    }
    const double deadline = 2.5 * s->latency; // the last transfer's time limit: too short, it ends halfway
    try {
        co_await aio::timeout(deadline, [&](aio::Timeout &) -> aio::Task<void> {
            co_await transfer(s, "bob", "alice", 50);
        });
    } catch (const aio::TimeoutError &) { // cancelled halfway: rolled back, then TimeoutError
        ++f.rollbacks;
        ++f.cancelledQueries; // the statement it was in was stopped at the database
        aio::log("transfer bob -> alice 50: timed out, rolled back");
    }
    f.totalAfter = co_await showBalances(s);
}

const lessons::Lesson &modelLesson()
{
    const lessons::Lesson *lesson = lessons::find("database");
    if (!lesson)
        throw std::logic_error("the database lesson is missing from the registry");
    return *lesson;
}

} // namespace

LiveDatabase::LiveDatabase(lessons::Params params, bool pitfall, QString database)
    : m_params(lessons::defaults(lesson())), m_pitfall(pitfall), m_database(std::move(database))
{
    for (const auto &[id, value] : params.values)
        m_params.values.insert_or_assign(id, value);
    if (m_database.isEmpty())
        m_database = QStringLiteral("sqlite");
}

bool LiveDatabase::isPostgres() const
{
    db::Options options;
    options.url = m_database;
    return options.isPostgres();
}

QString LiveDatabase::checkDatabase(const QString &database)
{
    if (database.isEmpty() || database == QLatin1String("sqlite"))
        return {};
    db::Options options;
    options.url = database;
    if (options.isPostgres()) {
        const QUrl url(database, QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty())
            return QStringLiteral("'%1' is not a PostgreSQL URL (postgresql://user:password@host:port/database)")
                .arg(url.toDisplayString(QUrl::RemovePassword));
        return {};
    }
    if (database.contains(QLatin1String("://")))
        return QStringLiteral("'%1' is neither sqlite, a postgresql:// URL nor a file").arg(database);
    const QFileInfo info(database);
    if (info.isDir())
        return QStringLiteral("'%1' is a folder, not a database file").arg(database);
    if (!info.absoluteDir().exists())
        return QStringLiteral("the folder of '%1' does not exist").arg(database);
    return {};
}

aio::Task<void> LiveDatabase::main()
{
    const double started = aio::time();
    m_figures = {};
    m_figures.queries = queries;
    auto s = std::make_shared<Shared>();
    s->figures = &m_figures;
    s->latency = m_params["latency"];
    s->sql = sqlFor(isPostgres());
    s->options.minSize = m_params.integer("min_size");
    s->options.maxSize = m_params.integer("max_size");
    s->options.commandTimeout = 30.0; // no statement of this program takes near that long
    if (m_database == QLatin1String("sqlite")) {
        m_folder = std::make_unique<QTemporaryDir>();
        if (!m_folder->isValid())
            throw db::ConnectionError("cannot make a temporary folder for the SQLite file");
        s->options.url = m_folder->filePath(QStringLiteral("bank.sqlite"));
    } else {
        s->options.url = m_database;
    }

    s->pool = std::make_shared<db::Pool>(s->options);
    // The pool must be closed before it goes, however main() ends (an error, Stop): the
    // work runs in its own task, and the pool is closed after it in every case.
    std::exception_ptr failure;
    try {
        co_await s->pool->open();
        co_await createSchema(s);
        {
            auto conn = co_await s->pool->acquire();
            m_figures.totalBefore = (co_await conn->fetchval(QStringLiteral("SELECT sum(balance) FROM accounts"))).toInt();
        }
        std::vector<aio::Task<int>> tasks;
        for (int i = 1; i <= queries; ++i)
            tasks.push_back(aio::create_task(lookup(s, i, m_pitfall), format("query-%d", i)));
        auto results = co_await aio::gather(aio::return_exceptions, std::move(tasks));
        int failed = 0;
        for (const auto &r : results)
            failed += r.ok() ? 0 : 1;
        m_figures.queriesOk = queries - failed;
        m_figures.connectionsOpened += s->pool->opened();
        aio::log(format("%d queries: %d ok, %d failed, %d connections opened", queries, queries - failed, failed,
                        m_figures.connectionsOpened));
        co_await transfers(s);
    } catch (const aio::CancelledError &) {
        failure = std::current_exception(); // Stop: close the pool, then end cancelled
    } catch (const std::exception &e) {
        m_figures.lastError = QString::fromUtf8(e.what());
        failure = std::current_exception();
    }
    const int beforeClose = s->pool->opened();
    co_await s->pool->close();
    // Opened after the lookups (a replacement for a discarded connection) count as well.
    m_figures.connectionsOpened += std::max(0, s->pool->opened() - beforeClose);
    m_figures.peakInUse = std::max(m_figures.peakInUse, s->pool->peakInUse());
    m_figures.totalTime = aio::time() - started;
    if (failure)
        std::rethrow_exception(failure);
}

QList<Figure> LiveDatabase::figures() const
{
    const auto number = [](int n) { return QString::number(n); };
    const auto total = [](int n) { return n < 0 ? QStringLiteral("-") : QString::number(n); };
    return {
        {QStringLiteral("queries"), number(m_figures.queries)},
        {QStringLiteral("queries ok"), number(m_figures.queriesOk)},
        {QStringLiteral("connections opened"), number(m_figures.connectionsOpened)},
        {QStringLiteral("peak connections in use"), number(m_figures.peakInUse)},
        {QStringLiteral("acquire waits"), number(m_figures.acquireWaits)},
        {QStringLiteral("commits"), number(m_figures.commits)},
        {QStringLiteral("rollbacks"), number(m_figures.rollbacks)},
        {QStringLiteral("cancelled queries"), number(m_figures.cancelledQueries)},
        {QStringLiteral("total balance before"), total(m_figures.totalBefore)},
        {QStringLiteral("total balance after"), total(m_figures.totalAfter)},
        {QStringLiteral("total time"), QString::number(m_figures.totalTime, 'f', 3) + QStringLiteral(" s")},
    };
}

std::vector<lessons::Parameter> LiveDatabase::parameters()
{
    std::vector<lessons::Parameter> parameters;
    for (lessons::Parameter p : modelLesson().parameters) {
        if (p.id == "connect")
            continue; // a real connection costs what it costs
        if (p.id == "max_size")
            p.max = 20;
        parameters.push_back(p);
    }
    return parameters;
}

const lessons::Lesson &LiveDatabase::lesson()
{
    static const lessons::Lesson live = [] {
        lessons::Lesson l = modelLesson();
        l.parameters = parameters();
        return l;
    }();
    return live;
}

} // namespace live
