// db::Pool on SQLite files in a QTemporaryDir, driven by a real QtDriver: lazy growth up to
// max_size, FIFO waits visible in the "idle connections" queue, acquire timeouts,
// transactions that commit or roll back (exception, CHECK, cancellation) and connections
// that come back clean, and a concurrency invariant. No test asserts a duration; every
// wait is bounded so that a broken pool fails instead of hanging.
#ifndef Q_MOC_RUN // moc cannot parse C++20 concepts, and needs nothing of it
#include "dbtesting.h"
#endif

#include <QTemporaryDir>
#include <QtTest>

#include <memory>
#include <random>
#include <stdexcept>

using dbtesting::Recorder;
using dbtesting::Peak;
using dbtesting::run;
using dbtesting::selectMany;
using qtaio::QtDriver;

namespace {


// Holds a connection until `done` is set.
aio::Task<void> hold(db::Pool *pool, aio::Event *held, aio::Event *done)
{
    auto conn = co_await pool->acquire();
    held->set();
    co_await done->wait();
}

aio::Task<void> takeInTurn(db::Pool *pool, int i, std::vector<int> *order)
{
    auto conn = co_await pool->acquire();
    order->push_back(i);
    co_await conn->fetchval(QStringLiteral("SELECT $1"), i);
}

struct FifoSeen {
    int waitingWhileHeld = 0;
    std::vector<int> order;
};

aio::Task<FifoSeen> fifo(db::Pool *pool)
{
    FifoSeen seen;
    aio::Event held1, held2, done;
    aio::Task<void> h1 = aio::create_task(hold(pool, &held1, &done), "holder-1");
    aio::Task<void> h2 = aio::create_task(hold(pool, &held2, &done), "holder-2");
    co_await held1.wait();
    co_await held2.wait();
    std::vector<aio::Task<void>> waiters;
    for (int i = 1; i <= 3; ++i)
        waiters.push_back(aio::create_task(takeInTurn(pool, i, &seen.order), "waiter-" + std::to_string(i)));
    co_await aio::sleep(0.05); // every waiter reaches the queue (no connection can come back meanwhile)
    seen.waitingWhileHeld = pool->waiting();
    done.set();
    co_await h1;
    co_await h2;
    co_await aio::gather(std::move(waiters));
    co_return seen;
}

struct TimeoutSeen {
    bool timedOut = false;
    QString message;
    int waitingAfter = -1;
    int valueAfterRelease = 0;
};

aio::Task<TimeoutSeen> exhaust(db::Pool *pool)
{
    TimeoutSeen seen;
    aio::Event held, done;
    aio::Task<void> holder = aio::create_task(hold(pool, &held, &done), "holder");
    co_await held.wait();
    try {
        auto conn = co_await pool->acquire(0.2);
    } catch (const aio::TimeoutError &e) {
        seen.timedOut = true;
        seen.message = QString::fromUtf8(e.what());
    }
    seen.waitingAfter = pool->waiting();
    done.set();
    co_await holder;
    auto conn = co_await pool->acquire(5.0);
    seen.valueAfterRelease = (co_await conn->fetchval(QStringLiteral("SELECT 7"))).toInt();
    co_return seen;
}

aio::Task<int> balance(db::Pool *pool, QString name)
{
    auto conn = co_await pool->acquire();
    co_return (co_await conn->fetchval(dbtesting::balanceOf, name)).toInt();
}

aio::Task<int> totalBalance(db::Pool *pool)
{
    auto conn = co_await pool->acquire();
    co_return (co_await conn->fetchval(dbtesting::total)).toInt();
}

// The lesson's transfer: the first half credits dst, the second half debits src (and may
// break the CHECK). `failHalfway` throws between the halves.
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

// A transfer that waits halfway (inside its transaction) until it is cancelled.
aio::Task<void> transferHanging(db::Pool *pool, aio::Event *halfway)
{
    auto conn = co_await pool->acquire();
    db::Transaction tx = co_await conn->transaction();
    co_await conn->execute(dbtesting::add, QStringLiteral("bob"), 1000);
    halfway->set();
    co_await aio::sleep(3600);
    co_await tx.commit();
}

struct AfterCancel {
    bool cancelled = false;
    int bob = 0;
    int count = 0;
    bool inTransaction = true;
    int afterSecondTransaction = 0;
};

aio::Task<AfterCancel> cancelMidTransaction(db::Pool *pool)
{
    AfterCancel seen;
    aio::Event halfway;
    aio::Task<void> t = aio::create_task(transferHanging(pool, &halfway), "transfer");
    co_await halfway.wait();
    t.cancel();
    try {
        co_await t;
    } catch (const aio::CancelledError &) {
        seen.cancelled = true;
    }
    // max_size 1: this is the same connection, back in the pool after its ROLLBACK.
    auto conn = co_await pool->acquire(10.0);
    seen.inTransaction = conn->inTransaction();
    seen.bob = (co_await conn->fetchval(dbtesting::balanceOf, QStringLiteral("bob"))).toInt();
    seen.count = (co_await conn->fetchval(QStringLiteral("SELECT count(*) FROM accounts"))).toInt();
    db::Transaction tx = co_await conn->transaction(); // no "transaction within a transaction"
    co_await conn->execute(dbtesting::add, QStringLiteral("bob"), 1);
    co_await tx.commit();
    seen.afterSecondTransaction = (co_await conn->fetchval(dbtesting::balanceOf, QStringLiteral("bob"))).toInt();
    co_return seen;
}

struct Invariant {
    int before = 0;
    int after = 0;
    int committed = 0;
    int violations = 0;
    int minimum = 0;
    QStringList unexpected;
};

aio::Task<int> randomTransfer(db::Pool *pool, QString src, QString dst, int amount)
{
    try {
        co_await transfer(pool, src, dst, amount);
        co_return 1;
    } catch (const db::CheckViolation &) {
        co_return 0;
    }
}

aio::Task<Invariant> transfersAtRandom(db::Pool *pool, QStringList names)
{
    Invariant seen;
    seen.before = co_await totalBalance(pool);
    std::mt19937 random(20240611);
    std::uniform_int_distribution<int> pick(0, static_cast<int>(names.size()) - 1);
    std::uniform_int_distribution<int> amountOf(10, 180); // above 100: some must overdraw
    std::vector<aio::Task<int>> tasks;
    for (int i = 0; i < 20; ++i) {
        const int a = pick(random);
        const int b = (a + 1 + pick(random) % (static_cast<int>(names.size()) - 1)) % static_cast<int>(names.size());
        tasks.push_back(aio::create_task(randomTransfer(pool, names[a], names[b], amountOf(random)),
                                         "transfer-" + std::to_string(i + 1)));
    }
    for (const aio::Result<int> &r : co_await aio::gather(aio::return_exceptions, std::move(tasks))) {
        if (!r.ok())
            seen.unexpected.append(QString::fromStdString(r.message()));
        else if (r.value() == 1)
            ++seen.committed;
        else
            ++seen.violations;
    }
    seen.after = co_await totalBalance(pool);
    auto conn = co_await pool->acquire();
    seen.minimum = (co_await conn->fetchval(QStringLiteral("SELECT min(balance) FROM accounts"))).toInt();
    co_return seen;
}

} // namespace

class TestPool : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void thePoolOpensMinSizeAndGrowsLazilyToMaxSizeNeverBeyond();
    void acquireWaitsAreFifoAndVisibleInTheIdleQueue();
    void anAcquireTimeoutRaisesTimeoutErrorWhenThePoolIsExhausted();
    void aTransactionCommitsOnSuccess();
    void aTransactionRollsBackOnAnException();
    void aTransactionRollsBackOnACheckViolation();
    void aTransactionRollsBackWhenItsTaskIsCancelled();
    void concurrentTransfersKeepTheTotal();
    void aPoolThatCannotOpenRaisesConnectionError();

private:
    db::Options options(int minSize, int maxSize) const
    {
        db::Options o;
        o.url = m_dir->filePath(QStringLiteral("bank.db"));
        o.minSize = minSize;
        o.maxSize = maxSize;
        return o;
    }
    std::shared_ptr<db::Pool> bank(QtDriver &driver, int minSize, int maxSize)
    {
        run(driver, dbtesting::makeAccounts(options(minSize, maxSize), {{QStringLiteral("alice"), 100}, {QStringLiteral("bob"), 50}}));
        return run(driver, db::create_pool(options(minSize, maxSize)));
    }

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestPool::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestPool::cleanup() { m_dir.reset(); }

void TestPool::thePoolOpensMinSizeAndGrowsLazilyToMaxSizeNeverBeyond()
{
    QtDriver driver;
    Recorder trace;
    trace.attach(driver);
    auto pool = run(driver, db::create_pool(options(2, 5)));
    QCOMPARE(pool->size(), 2);
    QCOMPARE(pool->idleCount(), 2);
    QCOMPARE(trace.countLogsStartingWith(QStringLiteral("pool opens connection")), 2);

    Peak inUse;
    inUse.maxSize = 5;
    const std::vector<int> results = run(driver, selectMany(pool.get(), 50, &inUse, QStringLiteral("SELECT $1")));
    QCOMPARE(static_cast<int>(results.size()), 50);
    for (int i = 1; i <= 50; ++i)
        QCOMPARE(results[static_cast<std::size_t>(i - 1)], i);
    QCOMPARE(inUse.peak, 5);
    QCOMPARE(pool->peakInUse(), 5);
    QCOMPARE(pool->peakSize(), 5);
    QCOMPARE(pool->opened(), 5);
    QCOMPARE(pool->size(), 5);
    QCOMPARE(pool->discarded(), 0);
    QCOMPARE(pool->inUse(), 0);
    QCOMPARE(pool->idleCount(), 5);
    QCOMPARE(trace.countLogsStartingWith(QStringLiteral("pool opens connection")), 5);
    QCOMPARE(trace.countLogs(QStringLiteral("pool opens connection 5 (max_size 5)")), 1);
    for (int n = 1; n <= 5; ++n)
        QCOMPARE(trace.countLogs(QStringLiteral("conn-%1: opened").arg(n)), 1);
    QCOMPARE(trace.countLogsStartingWith(QStringLiteral("conn-6")), 0);
    // 45 tasks found no connection free: each waited in the queue as a blocked getter.
    QCOMPARE(pool->peakWaiting(), 45);

    run(driver, pool->close());
    QCOMPARE(pool->size(), 0);
    for (int n = 1; n <= 5; ++n)
        QCOMPARE(trace.countLogs(QStringLiteral("conn-%1: closed").arg(n)), 1);
    QCOMPARE(driver.loop().external(), 0);
}

void TestPool::acquireWaitsAreFifoAndVisibleInTheIdleQueue()
{
    QtDriver driver;
    Recorder trace;
    trace.attach(driver);
    auto pool = run(driver, db::create_pool(options(2, 2)));
    const FifoSeen seen = run(driver, fifo(pool.get()));
    QCOMPARE(seen.waitingWhileHeld, 3);
    QCOMPARE(seen.order, (std::vector<int>{1, 2, 3}));
    QCOMPARE(pool->opened(), 2);

    // The waits are in the trace as getters blocked on the queue the pool view draws.
    const std::uint32_t queue = trace.objectNamed("idle connections");
    QVERIFY(queue != 0);
    int blockedGets = 0;
    for (const aio::TraceEvent &e : trace.events)
        blockedGets += (e.kind == aio::TraceEventKind::Suspended && e.wait == aio::WaitKind::QueueGet && e.object == queue) ? 1 : 0;
    QCOMPARE(blockedGets, 3);
    run(driver, pool->close());
}

void TestPool::anAcquireTimeoutRaisesTimeoutErrorWhenThePoolIsExhausted()
{
    QtDriver driver;
    auto pool = run(driver, db::create_pool(options(1, 1)));
    const TimeoutSeen seen = run(driver, exhaust(pool.get()));
    QVERIFY(seen.timedOut);
    QVERIFY2(seen.message.contains(QStringLiteral("pool exhausted")), qPrintable(seen.message));
    QCOMPARE(seen.waitingAfter, 0);
    QCOMPARE(seen.valueAfterRelease, 7);
    QCOMPARE(pool->opened(), 1);
    run(driver, pool->close());
}

void TestPool::aTransactionCommitsOnSuccess()
{
    QtDriver driver;
    Recorder trace;
    trace.attach(driver);
    auto pool = bank(driver, 1, 1);
    run(driver, transfer(pool.get(), QStringLiteral("alice"), QStringLiteral("bob"), 30));
    QCOMPARE(run(driver, balance(pool.get(), QStringLiteral("alice"))), 70);
    QCOMPARE(run(driver, balance(pool.get(), QStringLiteral("bob"))), 80);
    QCOMPARE(trace.countLogs(QStringLiteral("conn-1: BEGIN")), 1);
    QCOMPARE(trace.countLogs(QStringLiteral("conn-1: COMMIT")), 1);
    QCOMPARE(trace.countLogs(QStringLiteral("conn-1: ROLLBACK")), 0);
    run(driver, pool->close());
}

void TestPool::aTransactionRollsBackOnAnException()
{
    QtDriver driver;
    Recorder trace;
    trace.attach(driver);
    auto pool = bank(driver, 1, 1);
    QVERIFY_THROWS_EXCEPTION(std::runtime_error,
                             run(driver, transfer(pool.get(), QStringLiteral("alice"), QStringLiteral("bob"), 30, true)));
    // max_size 1: the next task gets the same connection, clean, in autocommit.
    QCOMPARE(run(driver, balance(pool.get(), QStringLiteral("bob"))), 50);
    QCOMPARE(run(driver, totalBalance(pool.get())), 150);
    QCOMPARE(trace.countLogs(QStringLiteral("conn-1: ROLLBACK")), 1);
    QCOMPARE(trace.countLogs(QStringLiteral("conn-1: COMMIT")), 0);
    QCOMPARE(pool->discarded(), 0);
    QCOMPARE(pool->opened(), 1);
    run(driver, pool->close());
}

void TestPool::aTransactionRollsBackOnACheckViolation()
{
    QtDriver driver;
    Recorder trace;
    trace.attach(driver);
    auto pool = bank(driver, 1, 1);
    QString message;
    try {
        run(driver, transfer(pool.get(), QStringLiteral("bob"), QStringLiteral("alice"), 200));
    } catch (const db::CheckViolation &e) {
        message = QString::fromUtf8(e.what());
    }
    QVERIFY2(message.contains(QStringLiteral("CHECK")), qPrintable(message));
    // alice was credited in the first half; the rollback took it back.
    QCOMPARE(run(driver, balance(pool.get(), QStringLiteral("alice"))), 100);
    QCOMPARE(run(driver, balance(pool.get(), QStringLiteral("bob"))), 50);
    QCOMPARE(trace.countLogs(QStringLiteral("conn-1: ROLLBACK")), 1);
    QCOMPARE(pool->discarded(), 0);
    run(driver, pool->close());
}

void TestPool::aTransactionRollsBackWhenItsTaskIsCancelled()
{
    QtDriver driver;
    Recorder trace;
    trace.attach(driver);
    auto pool = bank(driver, 1, 1);
    const AfterCancel seen = run(driver, cancelMidTransaction(pool.get()));
    QVERIFY(seen.cancelled);
    QVERIFY(!seen.inTransaction);
    QCOMPARE(seen.bob, 50); // not 1050: the credit was rolled back
    QCOMPARE(seen.count, 2);
    QCOMPARE(seen.afterSecondTransaction, 51);
    QCOMPARE(trace.countLogs(QStringLiteral("conn-1: ROLLBACK")), 1);
    QCOMPARE(pool->discarded(), 0);
    QCOMPARE(pool->opened(), 1);
    run(driver, pool->close());
}

void TestPool::concurrentTransfersKeepTheTotal()
{
    QtDriver driver;
    const QStringList names{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d"), QStringLiteral("e")};
    std::vector<std::pair<QString, int>> accounts;
    for (const QString &name : names)
        accounts.emplace_back(name, 100);
    run(driver, dbtesting::makeAccounts(options(1, 4), accounts));
    auto pool = run(driver, db::create_pool(options(1, 4)));
    const Invariant seen = run(driver, transfersAtRandom(pool.get(), names), 60000);
    QVERIFY2(seen.unexpected.isEmpty(), qPrintable(seen.unexpected.join(QLatin1String("; "))));
    QCOMPARE(seen.before, 500);
    QCOMPARE(seen.after, 500);
    QCOMPARE(seen.committed + seen.violations, 20);
    QVERIFY(seen.violations > 0); // the seed makes some transfers overdraw
    QVERIFY(seen.committed > 0);
    QVERIFY(seen.minimum >= 0);
    QVERIFY(pool->peakSize() <= 4);
    QCOMPARE(pool->discarded(), 0);
    run(driver, pool->close());
}

void TestPool::aPoolThatCannotOpenRaisesConnectionError()
{
    QtDriver driver;
    db::Options o = options(2, 3);
    o.url = m_dir->filePath(QStringLiteral("no/such/folder/bank.db"));
    QString message;
    try {
        run(driver, db::create_pool(o));
    } catch (const db::ConnectionError &e) {
        message = QString::fromUtf8(e.what());
    }
    QVERIFY2(message.contains(QStringLiteral("cannot open")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("bank.db")), qPrintable(message));
    QCOMPARE(driver.loop().external(), 0);
}

QTEST_GUILESS_MAIN(TestPool)
#include "tst_pool.moc"
