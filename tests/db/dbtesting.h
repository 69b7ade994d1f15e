// What the db suites share: a trace recorder, a bounded way to run a coroutine on a
// QtDriver, and the accounts table of the database lesson.
#pragma once

#include <aio/aio.hpp>
#include <db/db.h>
#include <qtaio/qtdriver.h>

#include <QString>
#include <QStringList>

#include <algorithm>
#include <cstdio>
#include <string>
#include <string_view>
#include <stdexcept>
#include <utility>
#include <vector>

namespace dbtesting {

// The loop's lines on stderr (for DB_TEST_LOG).
class StderrLog final : public aio::LogSink {
public:
    void line(aio::LogKind, std::string_view text) override
    {
        std::fprintf(stderr, "%.*s\n", static_cast<int>(text.size()), text.data());
        std::fflush(stderr);
    }
};

// Keeps every trace event of the loop it is attached to.
class Recorder : public aio::TraceSink {
public:
    void on_event(const aio::TraceEvent &event) override { events.push_back(event); }

    // Records the driver's loop; with DB_TEST_LOG set, its log lines also go to stderr.
    void attach(qtaio::QtDriver &driver)
    {
        driver.loop().set_sink(this);
        if (qEnvironmentVariableIsSet("DB_TEST_LOG"))
            driver.loop().set_log_sink(&stderrLog);
    }

    QStringList logs() const
    {
        QStringList lines;
        for (const aio::TraceEvent &e : events)
            if (e.kind == aio::TraceEventKind::Log)
                lines.append(QString::fromStdString(e.text));
        return lines;
    }
    int countLogs(const QString &line) const { return static_cast<int>(logs().count(line)); }
    int countLogsStartingWith(const QString &prefix) const
    {
        int n = 0;
        for (const QString &line : logs())
            n += line.startsWith(prefix) ? 1 : 0;
        return n;
    }
    // The trace's id of the object created with `name` (0: none).
    std::uint32_t objectNamed(const std::string &name) const
    {
        for (const aio::TraceEvent &e : events)
            if (e.kind == aio::TraceEventKind::ObjectCreated && e.text == name)
                return e.object;
        return 0;
    }

    std::vector<aio::TraceEvent> events;
    StderrLog stderrLog;
};

// Runs `coro` to its end on `driver` and gives its result (or throws its exception).
// Throws std::runtime_error when it is not done within `ms`: a test never hangs.
template <class T>
T run(qtaio::QtDriver &driver, aio::Task<T> coro, int ms = 30000)
{
    aio::Task<T> task = driver.start(std::move(coro));
    if (!driver.runUntilComplete(task, ms)) {
        task.cancel();
        driver.runUntil([&task] { return task.done(); }, 5000);
        throw std::runtime_error("the coroutine did not finish in time");
    }
    if constexpr (std::is_void_v<T>)
        task.result();
    else
        return task.result();
}

inline const QString createAccounts = QStringLiteral(
    "CREATE TABLE accounts (name TEXT PRIMARY KEY, balance INTEGER NOT NULL CHECK (balance >= 0))");
inline const QString balanceOf = QStringLiteral("SELECT balance FROM accounts WHERE name = $1");
inline const QString add = QStringLiteral("UPDATE accounts SET balance = balance + $2 WHERE name = $1");
inline const QString total = QStringLiteral("SELECT sum(balance) FROM accounts");

// The setup's connection is "conn-100" in the trace, apart from the pool's conn-1, conn-2...
constexpr int setupNumber = 100;

inline aio::Task<void> makeAccounts(db::Options options, std::vector<std::pair<QString, int>> accounts)
{
    auto conn = co_await db::connect(options, setupNumber);
    co_await conn->execute(createAccounts);
    for (const auto &[name, balance] : accounts)
        co_await conn->execute(QStringLiteral("INSERT INTO accounts VALUES ($1, $2)"), name, balance);
    co_await conn->close();
}

// The pool's limit, measured: the first tasks to get a connection keep it until maxSize are
// held at once, so the peak is the pool's real limit, not a race between opening threads
// and fast queries. A pool that cannot lend maxSize at once leaves them waiting (the
// bounded run fails).
struct Peak {
    int now = 0;
    int peak = 0;
    int maxSize = 0;
    aio::Event allHeld; // set once maxSize connections are held at the same time
};

// `select` takes the task's number as $1 and returns it ("SELECT $1", PostgreSQL "SELECT $1::int").
inline aio::Task<int> selectThrough(db::Pool *pool, int i, Peak *inUse, QString select)
{
    auto conn = co_await pool->acquire();
    inUse->peak = std::max(inUse->peak, ++inUse->now);
    if (inUse->now == inUse->maxSize)
        inUse->allHeld.set();
    co_await inUse->allHeld.wait();
    const QVariant value = co_await conn->fetchval(select, i);
    --inUse->now;
    co_return value.toInt();
}

inline aio::Task<std::vector<int>> selectMany(db::Pool *pool, int count, Peak *inUse, QString select)
{
    std::vector<aio::Task<int>> tasks;
    for (int i = 1; i <= count; ++i)
        tasks.push_back(aio::create_task(selectThrough(pool, i, inUse, select), "query-" + std::to_string(i)));
    co_return co_await aio::gather(std::move(tasks));
}

} // namespace dbtesting
