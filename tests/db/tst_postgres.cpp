// db::Pool and db::Connection against a real PostgreSQL server: the throwaway cluster of
// the CTest fixture postgres_cluster (pg_cluster.py), whose URL is in the file named by
// DIRIGENT_TEST_POSTGRES_URL_FILE (or, run by hand, in DIRIGENT_TEST_POSTGRES_URL). Without
// either the suite exits 77, which CTest shows as skipped.
//
// The suite works in a database of its own (made afresh in initTestCase), so that other
// users of the fixture's cluster never see its accounts table. One case starts a second
// cluster to stop it in the middle of a run. No test asserts a duration: a cancel that does
// not reach the server shows as a query that never comes back (pg_sleep(30)), which the
// bounded run() turns into a failure well before the 30 seconds are over.
#ifndef Q_MOC_RUN // moc cannot parse C++20 concepts, and needs nothing of it
#include "dbtesting.h"
#endif

#include <qtaio/futureawaiter.h>

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QUrl>
#include <QtConcurrent>
#include <QtTest>

#include <cstdio>
#include <memory>
#include <random>
#include <stdexcept>

using dbtesting::Recorder;
using dbtesting::Peak;
using dbtesting::run;
using dbtesting::selectMany;
using qtaio::QtDriver;

namespace {

const QString suiteDatabase = QStringLiteral("db_postgres_suite");

// The URL of the fixture's server, or empty: then there is nothing to test against.
QString serverUrl()
{
    const QString file = qEnvironmentVariable("DIRIGENT_TEST_POSTGRES_URL_FILE");
    if (!file.isEmpty()) {
        QFile f(file);
        if (f.open(QIODevice::ReadOnly))
            return QString::fromUtf8(f.readAll()).trimmed();
    }
    return qEnvironmentVariable("DIRIGENT_TEST_POSTGRES_URL").trimmed();
}

QString withDatabase(const QString &url, const QString &database)
{
    QUrl u(url);
    u.setPath(QLatin1Char('/') + database);
    return u.toString();
}

db::Options optionsFor(const QString &url, int minSize = 1, int maxSize = 5)
{
    db::Options o;
    o.url = url;
    o.minSize = minSize;
    o.maxSize = maxSize;
    o.connectTimeout = 10;
    return o;
}

// A fresh accounts table (the suite's runs share one database).
aio::Task<void> makeAccounts(db::Options options, std::vector<std::pair<QString, int>> accounts)
{
    auto conn = co_await db::connect(options, dbtesting::setupNumber);
    co_await conn->execute(QStringLiteral("DROP TABLE IF EXISTS accounts"));
    co_await conn->close();
    co_await dbtesting::makeAccounts(options, std::move(accounts));
}

aio::Task<void> recreateDatabase(db::Options options, QString name)
{
    auto conn = co_await db::connect(options, dbtesting::setupNumber);
    co_await conn->execute(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(name));
    co_await conn->execute(QStringLiteral("CREATE DATABASE %1").arg(name));
    co_await conn->close();
}

// ---- the pool's limit -------------------------------------------------------------


// ---- transactions -------------------------------------------------------------------

aio::Task<int> valueOf(db::Pool *pool, QString sql)
{
    auto conn = co_await pool->acquire(10.0);
    co_return (co_await conn->fetchval(sql)).toInt();
}

aio::Task<int> balance(db::Pool *pool, QString name)
{
    auto conn = co_await pool->acquire(10.0);
    co_return (co_await conn->fetchval(dbtesting::balanceOf, name)).toInt();
}

// The lesson's transfer: credit dst first, then debit src (which may break the CHECK).
aio::Task<void> transfer(db::Pool *pool, QString src, QString dst, int amount, bool failHalfway = false)
{
    auto conn = co_await pool->acquire();
    db::Transaction tx = co_await conn->transaction();
    co_await conn->execute(dbtesting::add, dst, amount);
    if (failHalfway)
        throw std::runtime_error("failed halfway");
    co_await conn->execute(dbtesting::add, src, -amount);
    co_await tx.commit();
}

// Sessions of the suite's database that sit in an open transaction: a connection that
// went back into the pool dirty would show here.
const QString idleInTransaction = QStringLiteral(
    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'");

// Is the backend `pid` running a pg_sleep now?
const QString sleepingBackend = QStringLiteral(
    "SELECT count(*) FROM pg_stat_activity WHERE pid = $1 AND state = 'active' AND query LIKE '%pg_sleep%'");

// Polls `monitor` until the backend `pid` is (or is no longer) in pg_sleep; false when it
// did not happen within `seconds`.
aio::Task<bool> awaitSleeping(db::Connection *monitor, int pid, bool sleeping, double seconds = 10.0)
{
    for (int k = 0; k < static_cast<int>(seconds / 0.05); ++k) {
        const bool now = (co_await monitor->fetchval(sleepingBackend, pid)).toInt() > 0;
        if (now == sleeping)
            co_return true;
        co_await aio::sleep(0.05);
    }
    co_return false;
}

aio::Task<void> transferHanging(db::Pool *pool, aio::Event *halfway)
{
    auto conn = co_await pool->acquire();
    db::Transaction tx = co_await conn->transaction();
    co_await conn->execute(dbtesting::add, QStringLiteral("bob"), 1000);
    halfway->set();
    co_await aio::sleep(3600);
    co_await tx.commit();
}

// Inside a transaction: credit bob, then a statement the server takes 30 s for.
aio::Task<void> creditThenSleep(db::Pool *pool, int *pid)
{
    auto conn = co_await pool->acquire();
    *pid = (co_await conn->fetchval(QStringLiteral("SELECT pg_backend_pid()"))).toInt();
    db::Transaction tx = co_await conn->transaction();
    co_await conn->execute(dbtesting::add, QStringLiteral("bob"), 1000);
    co_await conn->fetchval(QStringLiteral("SELECT pg_sleep(30)"));
    co_await tx.commit();
}

struct AfterCancel {
    bool cancelled = false;
    bool sleepSeen = true;     // the statement was seen running at the server (mid-statement case)
    bool sleepEnded = true;    // ... and no longer, soon after the cancel
    int number = 0;            // the connection the next task got
    bool inTransaction = true;
    int bob = 0;
    int total = 0;
    int idleInTransaction = -1;
    int afterSecondTransaction = 0;
};

// What the pool's one connection is like after a cancelled transfer: clean, rolled back,
// and good for the next transaction.
aio::Task<void> lookAfterCancel(db::Pool *pool, db::Connection *monitor, AfterCancel *seen)
{
    auto conn = co_await pool->acquire(20.0); // max_size 1: back only once it is reset
    seen->number = conn->number();
    seen->inTransaction = conn->inTransaction();
    seen->bob = (co_await conn->fetchval(dbtesting::balanceOf, QStringLiteral("bob"))).toInt();
    seen->total = (co_await conn->fetchval(dbtesting::total)).toInt();
    seen->idleInTransaction = (co_await monitor->fetchval(idleInTransaction)).toInt();
    db::Transaction tx = co_await conn->transaction();
    co_await conn->execute(dbtesting::add, QStringLiteral("bob"), 1);
    co_await tx.commit();
    seen->afterSecondTransaction = (co_await conn->fetchval(dbtesting::balanceOf, QStringLiteral("bob"))).toInt();
}

aio::Task<AfterCancel> cancelBetweenStatements(db::Pool *pool, db::Options monitorOptions)
{
    AfterCancel seen;
    auto monitor = co_await db::connect(monitorOptions, 50);
    aio::Event halfway;
    aio::Task<void> t = aio::create_task(transferHanging(pool, &halfway), "transfer");
    co_await halfway.wait();
    t.cancel();
    try {
        co_await t;
    } catch (const aio::CancelledError &) {
        seen.cancelled = true;
    }
    co_await lookAfterCancel(pool, monitor.get(), &seen);
    co_await monitor->close();
    co_return seen;
}

aio::Task<AfterCancel> cancelMidStatement(db::Pool *pool, db::Options monitorOptions)
{
    AfterCancel seen;
    auto monitor = co_await db::connect(monitorOptions, 50);
    int pid = 0;
    aio::Task<void> t = aio::create_task(creditThenSleep(pool, &pid), "transfer");
    // Cancel only once the server runs the sleep: the cancel must stop it there.
    while (pid == 0 && !t.done())
        co_await aio::sleep(0.01);
    seen.sleepSeen = co_await awaitSleeping(monitor.get(), pid, true);
    t.cancel();
    try {
        co_await t;
    } catch (const aio::CancelledError &) {
        seen.cancelled = true;
    }
    seen.sleepEnded = co_await awaitSleeping(monitor.get(), pid, false);
    co_await lookAfterCancel(pool, monitor.get(), &seen);
    co_await monitor->close();
    co_return seen;
}

// ---- command_timeout ----------------------------------------------------------------

struct TimedOut {
    bool timedOut = false;
    QString message;
    bool sleepEnded = false;
    int after = 0;
};

aio::Task<TimedOut> timeOutASleep(db::Options options, db::Options monitorOptions)
{
    TimedOut seen;
    auto monitor = co_await db::connect(monitorOptions, 50);
    auto conn = co_await db::connect(options, 1);
    const int pid = (co_await conn->fetchval(QStringLiteral("SELECT pg_backend_pid()"))).toInt();
    try {
        co_await conn->fetchval(QStringLiteral("SELECT pg_sleep(30)"));
    } catch (const aio::TimeoutError &e) {
        seen.timedOut = true;
        seen.message = QString::fromUtf8(e.what());
    }
    // Cancelled at the server, not only given up on by the client.
    seen.sleepEnded = co_await awaitSleeping(monitor.get(), pid, false);
    // Runs after the cancelled statement on the connection's thread: only if it stopped.
    seen.after = (co_await conn->fetchval(QStringLiteral("SELECT 42"))).toInt();
    co_await conn->close();
    co_await monitor->close();
    co_return seen;
}

// ---- connections that cannot be made --------------------------------------------------

aio::Task<QString> connectTo(db::Options options)
{
    try {
        auto conn = co_await db::connect(options, 1);
        co_await conn->close();
    } catch (const db::ConnectionError &e) {
        co_return QString::fromUtf8(e.what());
    }
    co_return QStringLiteral("opened");
}

aio::Task<QString> openPool(db::Options options)
{
    try {
        auto pool = co_await db::create_pool(options);
        co_await pool->close();
    } catch (const db::ConnectionError &e) {
        co_return QString::fromUtf8(e.what());
    }
    co_return QStringLiteral("opened");
}

// ---- a server that stops in the middle ------------------------------------------------

// A second throwaway cluster, through pg_cluster.py (start, halt, resume, stop).
class SecondCluster {
public:
    explicit SecondCluster(QString root) : m_root(std::move(root)) {}
    SecondCluster(const SecondCluster &) = delete;
    SecondCluster &operator=(const SecondCluster &) = delete;
    ~SecondCluster() { command(QStringLiteral("stop")); }

    static bool available()
    {
        return !qEnvironmentVariableIsEmpty("DIRIGENT_TEST_PG_CLUSTER") && !qEnvironmentVariableIsEmpty("DIRIGENT_TEST_PYTHON");
    }
    // Blocking; from any thread (QProcess waits without an event loop). Its output goes
    // to the test's log.
    bool command(const QString &what) const
    {
        QProcess p;
        p.setProcessChannelMode(QProcess::ForwardedChannels);
        p.start(qEnvironmentVariable("DIRIGENT_TEST_PYTHON"),
                {qEnvironmentVariable("DIRIGENT_TEST_PG_CLUSTER"), what, m_root});
        return p.waitForFinished(120000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    }
    QString url() const
    {
        QFile f(m_root + QStringLiteral("/url.txt"));
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()).trimmed() : QString();
    }

private:
    QString m_root;
};

// On a thread of the pool, so that the loop (and the transfers) go on meanwhile.
aio::Task<bool> clusterCommand(const SecondCluster *cluster, QString what)
{
    co_return co_await qtaio::awaitFuture(QtConcurrent::run([cluster, what] { return cluster->command(what); }));
}

struct Outage {
    int before = 0;
    int committedBeforeStop = 0;
    int committed = 0;
    int violations = 0;
    int connectionErrors = 0;
    QStringList unexpected;
    bool halted = false;
    QString halfway;       // what the transfer that waited halfway got after the stop
    QString whileDown;     // what acquire() raised while the server was down
    bool resumed = false;
    int afterOnThePool = 0;
    int afterOnTheIdlePool = 0;
    int afterOnANewConnection = 0;
    int minimum = -1;
};

// Transfers until the connection breaks; the first ConnectionError ends the worker.
aio::Task<void> transferUntilItBreaks(db::Pool *pool, QStringList names, int seed, Outage *seen)
{
    std::mt19937 random(static_cast<unsigned>(seed));
    std::uniform_int_distribution<int> pick(0, static_cast<int>(names.size()) - 1);
    std::uniform_int_distribution<int> amountOf(1, 60);
    for (;;) {
        const int a = pick(random);
        const int b = (a + 1 + pick(random) % (static_cast<int>(names.size()) - 1)) % static_cast<int>(names.size());
        const int amount = amountOf(random);
        try {
            auto conn = co_await pool->acquire(20.0);
            db::Transaction tx = co_await conn->transaction();
            // Both rows locked first, in one order for all: concurrent transfers in opposite
            // directions would otherwise deadlock (PostgreSQL locks rows, not the database).
            co_await conn->fetch(QStringLiteral("SELECT name FROM accounts WHERE name IN ($1, $2) ORDER BY name FOR UPDATE"),
                                 names[a], names[b]);
            co_await conn->execute(dbtesting::add, names[b], amount);
            // Between the halves for a while, so the stop finds transfers half done.
            co_await conn->execute(QStringLiteral("SELECT pg_sleep(0.02)"));
            co_await conn->execute(dbtesting::add, names[a], -amount);
            co_await tx.commit();
            ++seen->committed;
        } catch (const db::CheckViolation &) {
            ++seen->violations;
        } catch (const db::ConnectionError &) {
            ++seen->connectionErrors;
            co_return;
        } catch (const std::exception &e) {
            seen->unexpected.append(QString::fromUtf8(e.what()));
            co_return;
        }
    }
}

// Credits z, then waits halfway until the server is gone: the stop surely finds this one
// half done, whatever the others are doing then.
aio::Task<void> transferStoppedHalfway(db::Pool *pool, aio::Event *isHalfway, aio::Event *stopped, Outage *seen)
{
    try {
        auto conn = co_await pool->acquire(20.0);
        db::Transaction tx = co_await conn->transaction();
        co_await conn->execute(dbtesting::add, QStringLiteral("z"), 1000);
        isHalfway->set();
        co_await stopped->wait();
        co_await conn->execute(dbtesting::add, QStringLiteral("a"), -1000);
        co_await tx.commit();
        seen->halfway = QStringLiteral("committed");
    } catch (const db::ConnectionError &e) {
        seen->halfway = QStringLiteral("ConnectionError: ") + QString::fromUtf8(e.what());
    } catch (const std::exception &e) {
        seen->halfway = QString::fromUtf8(e.what());
    }
}

// `idlePool`'s connections stay idle through the stop: the server closes them unseen.
aio::Task<Outage> stopTheServerMidRun(db::Pool *pool, db::Pool *idlePool, const SecondCluster *cluster,
                                      db::Options options, QStringList names)
{
    Outage seen;
    seen.before = co_await valueOf(pool, dbtesting::total);
    // Two workers more than connections: some tasks always wait in line, and must end too.
    std::vector<aio::Task<void>> workers;
    for (int w = 0; w < pool->options().maxSize + 2; ++w)
        workers.push_back(aio::create_task(transferUntilItBreaks(pool, names, 1000 + w, &seen), "transfers-" + std::to_string(w + 1)));
    aio::Event isHalfway, stopped;
    workers.push_back(aio::create_task(transferStoppedHalfway(pool, &isHalfway, &stopped, &seen), "transfer-halfway"));
    co_await isHalfway.wait();
    // Some transfers are done before the stop (bounded by the run's timeout).
    while (seen.committed < 20 && seen.unexpected.isEmpty() && seen.connectionErrors == 0)
        co_await aio::sleep(0.01);
    seen.committedBeforeStop = seen.committed;
    seen.halted = co_await clusterCommand(cluster, QStringLiteral("halt"));
    stopped.set();
    co_await aio::gather(aio::return_exceptions, std::move(workers));

    try {
        auto conn = co_await pool->acquire(20.0);
        seen.whileDown = QStringLiteral("no error");
    } catch (const std::exception &e) {
        seen.whileDown = QString::fromUtf8(e.what()); // a ConnectionError, not a timeout
    }

    seen.resumed = co_await clusterCommand(cluster, QStringLiteral("resume"));
    try {
        // The pools forgot their broken connections and open new ones.
        seen.afterOnThePool = co_await valueOf(pool, dbtesting::total);
        seen.afterOnTheIdlePool = co_await valueOf(idlePool, dbtesting::total);
        auto conn = co_await db::connect(options, 60);
        seen.afterOnANewConnection = (co_await conn->fetchval(dbtesting::total)).toInt();
        seen.minimum = (co_await conn->fetchval(QStringLiteral("SELECT min(balance) FROM accounts"))).toInt();
        co_await conn->close();
    } catch (const std::exception &e) {
        seen.unexpected.append(QStringLiteral("after the restart: ") + QString::fromUtf8(e.what()));
    }
    co_return seen;
}

} // namespace

class TestPostgres : public QObject {
    Q_OBJECT

public:
    explicit TestPostgres(QString serverUrl) : m_serverUrl(std::move(serverUrl)) {}

private Q_SLOTS:
    void initTestCase();
    void aPoolOfFiveAnswersFiftyConcurrentQueries();
    void aCommittedTransferIsKept();
    void aCheckViolationRaisesCheckViolationAndRollsBack();
    void anExceptionRollsTheTransactionBack();
    void aTransferCancelledBetweenStatementsRollsBackAndTheConnectionComesBackClean();
    void aTransferCancelledMidStatementIsStoppedAtTheServerAndRolledBack();
    void commandTimeoutCancelsTheQueryAtTheServer();
    void aWrongPasswordIsAConnectionError();
    void aClosedPortIsAConnectionError();
    void aServerStoppedMidRunLeavesNoTransferHalfApplied();

private:
    db::Options options(int minSize = 1, int maxSize = 5) const { return optionsFor(m_url, minSize, maxSize); }
    std::shared_ptr<db::Pool> bank(QtDriver &driver, int minSize, int maxSize)
    {
        run(driver, makeAccounts(options(), {{QStringLiteral("alice"), 100}, {QStringLiteral("bob"), 50}}));
        return run(driver, db::create_pool(options(minSize, maxSize)));
    }

    QString m_serverUrl; // the fixture's database
    QString m_url;       // the suite's own database on that server
};

void TestPostgres::initTestCase()
{
    QtDriver driver;
    run(driver, recreateDatabase(optionsFor(m_serverUrl), suiteDatabase));
    m_url = withDatabase(m_serverUrl, suiteDatabase);
    qInfo("PostgreSQL at %s", qPrintable(QUrl(m_url).toDisplayString(QUrl::RemovePassword)));
}

void TestPostgres::aPoolOfFiveAnswersFiftyConcurrentQueries()
{
    Recorder trace; // outlives the driver, whose end may still report
    QtDriver driver;
    trace.attach(driver);
    auto pool = run(driver, db::create_pool(options(1, 5)));
    Peak inUse;
    inUse.maxSize = 5;
    const std::vector<int> results = run(driver, selectMany(pool.get(), 50, &inUse, QStringLiteral("SELECT $1::int")));
    QCOMPARE(static_cast<int>(results.size()), 50);
    for (int i = 1; i <= 50; ++i)
        QCOMPARE(results[static_cast<std::size_t>(i - 1)], i);
    QCOMPARE(inUse.peak, 5);
    QCOMPARE(pool->peakInUse(), 5);
    QCOMPARE(pool->peakSize(), 5);
    QCOMPARE(pool->opened(), 5);
    QCOMPARE(pool->discarded(), 0);
    QCOMPARE(trace.countLogsStartingWith(QStringLiteral("conn-6")), 0);
    run(driver, pool->close());
    QCOMPARE(pool->size(), 0);
    QCOMPARE(driver.loop().external(), 0);
}

void TestPostgres::aCommittedTransferIsKept()
{
    Recorder trace; // outlives the driver, whose end may still report
    QtDriver driver;
    trace.attach(driver);
    auto pool = bank(driver, 1, 1);
    run(driver, transfer(pool.get(), QStringLiteral("alice"), QStringLiteral("bob"), 30));
    QCOMPARE(run(driver, balance(pool.get(), QStringLiteral("alice"))), 70);
    QCOMPARE(run(driver, balance(pool.get(), QStringLiteral("bob"))), 80);
    QCOMPARE(trace.countLogs(QStringLiteral("conn-1: COMMIT")), 1);
    QCOMPARE(trace.countLogs(QStringLiteral("conn-1: ROLLBACK")), 0);
    run(driver, pool->close());

    // Kept at the server, not only in the connection's view: a new pool sees it too.
    pool = run(driver, db::create_pool(options(1, 1)));
    QCOMPARE(run(driver, balance(pool.get(), QStringLiteral("bob"))), 80);
    run(driver, pool->close());
}

void TestPostgres::aCheckViolationRaisesCheckViolationAndRollsBack()
{
    Recorder trace; // outlives the driver, whose end may still report
    QtDriver driver;
    trace.attach(driver);
    auto pool = bank(driver, 1, 1);
    QString message;
    try {
        run(driver, transfer(pool.get(), QStringLiteral("bob"), QStringLiteral("alice"), 200));
    } catch (const db::CheckViolation &e) {
        message = QString::fromUtf8(e.what());
    }
    // SQLSTATE 23514, in PostgreSQL's words.
    QVERIFY2(message.contains(QStringLiteral("violates check constraint")), qPrintable(message));
    QVERIFY2(!message.contains(QLatin1Char('\n')), qPrintable(message));
    QCOMPARE(run(driver, balance(pool.get(), QStringLiteral("alice"))), 100);
    QCOMPARE(run(driver, balance(pool.get(), QStringLiteral("bob"))), 50);
    QCOMPARE(run(driver, valueOf(pool.get(), dbtesting::total)), 150);
    QCOMPARE(trace.countLogs(QStringLiteral("conn-1: ROLLBACK")), 1);
    QCOMPARE(pool->discarded(), 0);
    run(driver, pool->close());
}

void TestPostgres::anExceptionRollsTheTransactionBack()
{
    Recorder trace; // outlives the driver, whose end may still report
    QtDriver driver;
    trace.attach(driver);
    auto pool = bank(driver, 1, 1);
    QVERIFY_THROWS_EXCEPTION(std::runtime_error,
                             run(driver, transfer(pool.get(), QStringLiteral("alice"), QStringLiteral("bob"), 30, true)));
    QCOMPARE(run(driver, balance(pool.get(), QStringLiteral("bob"))), 50);
    QCOMPARE(run(driver, valueOf(pool.get(), dbtesting::total)), 150);
    QCOMPARE(run(driver, valueOf(pool.get(), idleInTransaction)), 0);
    QCOMPARE(trace.countLogs(QStringLiteral("conn-1: ROLLBACK")), 1);
    QCOMPARE(pool->discarded(), 0);
    QCOMPARE(pool->opened(), 1);
    run(driver, pool->close());
}

void TestPostgres::aTransferCancelledBetweenStatementsRollsBackAndTheConnectionComesBackClean()
{
    Recorder trace; // outlives the driver, whose end may still report
    QtDriver driver;
    trace.attach(driver);
    auto pool = bank(driver, 1, 1);
    const AfterCancel seen = run(driver, cancelBetweenStatements(pool.get(), options()));
    QVERIFY(seen.cancelled);
    QCOMPARE(seen.number, 1); // the same connection, not a replacement
    QVERIFY(!seen.inTransaction);
    QCOMPARE(seen.bob, 50);
    QCOMPARE(seen.total, 150);
    QCOMPARE(seen.idleInTransaction, 0);
    QCOMPARE(seen.afterSecondTransaction, 51);
    QCOMPARE(trace.countLogs(QStringLiteral("conn-1: ROLLBACK")), 1);
    QCOMPARE(pool->discarded(), 0);
    run(driver, pool->close());
}

void TestPostgres::aTransferCancelledMidStatementIsStoppedAtTheServerAndRolledBack()
{
    Recorder trace; // outlives the driver, whose end may still report
    QtDriver driver;
    trace.attach(driver);
    auto pool = bank(driver, 1, 1);
    const AfterCancel seen = run(driver, cancelMidStatement(pool.get(), options()), 25000);
    QVERIFY2(seen.sleepSeen, "the server never showed the pg_sleep running");
    QVERIFY(seen.cancelled);
    QVERIFY2(seen.sleepEnded, "the pg_sleep still ran at the server after the cancel");
    QCOMPARE(trace.countLogs(QStringLiteral("conn-1: interrupted (cancelled)")), 1);
    QCOMPARE(seen.number, 1);
    QVERIFY(!seen.inTransaction);
    QCOMPARE(seen.bob, 50);
    QCOMPARE(seen.total, 150);
    QCOMPARE(seen.idleInTransaction, 0);
    QCOMPARE(seen.afterSecondTransaction, 51);
    QCOMPARE(pool->discarded(), 0);
    run(driver, pool->close());
}

void TestPostgres::commandTimeoutCancelsTheQueryAtTheServer()
{
    Recorder trace; // outlives the driver, whose end may still report
    QtDriver driver;
    trace.attach(driver);
    db::Options o = options();
    o.commandTimeout = 0.5;
    // Bounded well below the sleep's 30 s: a cancel that does not reach the server fails here.
    const TimedOut seen = run(driver, timeOutASleep(o, options()), 20000);
    QVERIFY(seen.timedOut);
    QVERIFY2(seen.message.contains(QStringLiteral("command_timeout")), qPrintable(seen.message));
    QVERIFY2(seen.sleepEnded, "pg_stat_activity still shows the pg_sleep after the timeout");
    QCOMPARE(seen.after, 42);
    QCOMPARE(trace.countLogs(QStringLiteral("conn-1: interrupted (timeout)")), 1);
    QCOMPARE(trace.countLogs(QStringLiteral("conn-1: closed")), 1);
    QCOMPARE(driver.loop().external(), 0);
}

void TestPostgres::aWrongPasswordIsAConnectionError()
{
    QtDriver driver;
    QUrl url(m_url);
    url.setPassword(url.password() + QStringLiteral("-wrong"));
    db::Options o = optionsFor(url.toString());
    const QString message = run(driver, connectTo(o));
    qInfo("%s", qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("password authentication failed")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("127.0.0.1:%1").arg(url.port())), qPrintable(message));
    QVERIFY2(!message.contains(url.password()), qPrintable(message)); // never in a message
    QVERIFY2(!message.contains(QLatin1Char('\n')), qPrintable(message));
    // A pool fails as a whole, with the same error, and leaves nothing running.
    o.minSize = 3;
    const QString poolMessage = run(driver, openPool(o));
    QVERIFY2(poolMessage.contains(QStringLiteral("password authentication failed")), qPrintable(poolMessage));
    QCOMPARE(driver.loop().external(), 0);
}

void TestPostgres::aClosedPortIsAConnectionError()
{
    // A port that was free a moment ago: nothing listens there.
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    QUrl url(m_url);
    url.setPort(port);
    QtDriver driver;
    const QString message = run(driver, connectTo(optionsFor(url.toString())));
    qInfo("%s", qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("cannot open 127.0.0.1:%1").arg(port)), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("refused")), qPrintable(message));
    QVERIFY2(!message.contains(QLatin1Char('\n')), qPrintable(message));
    QCOMPARE(driver.loop().external(), 0);
}

void TestPostgres::aServerStoppedMidRunLeavesNoTransferHalfApplied()
{
    if (!SecondCluster::available())
        QSKIP("DIRIGENT_TEST_PG_CLUSTER / DIRIGENT_TEST_PYTHON not set: no second cluster to stop (run it through ctest)");
    // Below the fixture's folder when there is one, so its stop step cleans up after a crash.
    const QString urlFile = qEnvironmentVariable("DIRIGENT_TEST_POSTGRES_URL_FILE");
    QTemporaryDir scratch;
    const QString root = urlFile.isEmpty() ? scratch.path() : QFileInfo(urlFile).absolutePath() + QStringLiteral("/second");
    SecondCluster cluster(root);
    QVERIFY2(cluster.command(QStringLiteral("start")), "pg_cluster.py start failed (see its output above)");
    const QString url = cluster.url();
    QVERIFY2(!url.isEmpty(), "the second cluster wrote no URL");

    Recorder trace; // outlives the driver, whose end may still report
    QtDriver driver;
    trace.attach(driver);
    const QStringList names{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d"), QStringLiteral("e")};
    std::vector<std::pair<QString, int>> accounts;
    for (const QString &name : names)
        accounts.emplace_back(name, 100);
    accounts.emplace_back(QStringLiteral("z"), 100); // only the transfer stopped halfway credits it
    run(driver, makeAccounts(optionsFor(url), accounts));
    auto pool = run(driver, db::create_pool(optionsFor(url, 4, 4)));
    auto idlePool = run(driver, db::create_pool(optionsFor(url, 1, 1)));
    const Outage seen = run(driver, stopTheServerMidRun(pool.get(), idlePool.get(), &cluster, optionsFor(url), names), 120000);

    QVERIFY2(seen.unexpected.isEmpty(), qPrintable(seen.unexpected.join(QLatin1String("; "))));
    QVERIFY(seen.halted);
    QVERIFY(seen.committedBeforeStop >= 20);
    QCOMPARE(seen.connectionErrors, 6); // each worker ended on one, none hung in line
    QVERIFY2(seen.halfway.startsWith(QStringLiteral("ConnectionError: ")), qPrintable(seen.halfway));
    QVERIFY2(seen.whileDown.contains(QStringLiteral("refused")), qPrintable(seen.whileDown));
    QVERIFY(seen.resumed);
    QCOMPARE(seen.before, 600);
    QCOMPARE(seen.afterOnANewConnection, 600); // whole transfers or none: z's 1000 is gone
    QCOMPARE(seen.afterOnThePool, 600);
    // The idle pool's one connection was found closed when it was asked for, and replaced.
    QCOMPARE(seen.afterOnTheIdlePool, 600);
    QCOMPARE(idlePool->discarded(), 1);
    QCOMPARE(idlePool->opened(), 2);
    QVERIFY(trace.countLogs(QStringLiteral("conn-1: discarded: the server closed it")) >= 1); // both pools have a conn-1
    QVERIFY(seen.minimum >= 0);
    qInfo("%d transfers committed before the stop, %d in all, %d refused by the CHECK",
          seen.committedBeforeStop, seen.committed, seen.violations);
    QVERIFY(pool->discarded() >= 4); // the broken connections never went back
    run(driver, pool->close());
    run(driver, idlePool->close());
    QCOMPARE(driver.loop().external(), 0);
    QVERIFY(cluster.command(QStringLiteral("stop")));
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QString url = serverUrl();
    if (url.isEmpty()) {
        // CTest counts 77 as skipped (SKIP_RETURN_CODE): visible, never a silent pass.
        std::fprintf(stderr, "db_postgres: no PostgreSQL server (DIRIGENT_TEST_POSTGRES_URL_FILE has no URL, "
                             "DIRIGENT_TEST_POSTGRES_URL is not set): skipped\n");
        return 77;
    }
    TestPostgres test(url);
    return QTest::qExec(&test, argc, argv);
}

#include "tst_postgres.moc"
