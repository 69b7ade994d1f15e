// db::Connection on SQLite files in a QTemporaryDir: $N parameters, statements stopped at
// the database by command_timeout and by cancellation (the connection stays usable, or the
// pool resets it), and bad input that must end in a clear error, never a crash or a hang.
// No test asserts a duration: an interrupt that does not work shows as a following query
// that never comes back, which the bounded run() turns into a failure.
#ifndef Q_MOC_RUN // moc cannot parse C++20 concepts, and needs nothing of it
#include "dbtesting.h"
#endif

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <unistd.h>

#include <memory>

using dbtesting::Recorder;
using dbtesting::run;
using qtaio::QtDriver;

namespace {

// Counts to a billion: minutes of work for SQLite, unless it is interrupted.
const QString longCount = QStringLiteral(
    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000000) SELECT count(*) FROM c");

struct Stopped {
    bool timedOut = false;
    bool cancelled = false;
    QString message;
    int after = 0;
};

aio::Task<Stopped> timeOutALongStatement(db::Options options)
{
    Stopped seen;
    auto conn = co_await db::connect(options, 1);
    try {
        co_await conn->fetchval(longCount);
    } catch (const aio::TimeoutError &e) {
        seen.timedOut = true;
        seen.message = QString::fromUtf8(e.what());
    }
    // Runs after the interrupted statement on the connection's thread: only if it stopped.
    seen.after = (co_await conn->fetchval(QStringLiteral("SELECT 42"))).toInt();
    co_await conn->close();
    co_return seen;
}

aio::Task<QVariant> fetchLong(std::shared_ptr<db::Connection> conn)
{
    co_return co_await conn->fetchval(longCount);
}

aio::Task<Stopped> cancelALongStatement(db::Options options)
{
    Stopped seen;
    auto conn = co_await db::connect(options, 1);
    aio::Task<QVariant> t = aio::create_task(fetchLong(conn), "long query");
    co_await aio::sleep(0.2);
    t.cancel();
    try {
        co_await t;
    } catch (const aio::CancelledError &) {
        seen.cancelled = true;
    }
    seen.after = (co_await conn->fetchval(QStringLiteral("SELECT 42"))).toInt();
    co_await conn->close();
    co_return seen;
}

// In a transaction on a pooled connection: credit bob, then a statement that times out.
aio::Task<void> creditThenHang(db::Pool *pool)
{
    auto conn = co_await pool->acquire();
    db::Transaction tx = co_await conn->transaction();
    co_await conn->execute(dbtesting::add, QStringLiteral("bob"), 1000);
    co_await conn->fetchval(longCount);
    co_await tx.commit();
}

struct PooledStop {
    bool timedOut = false;
    int bob = 0;
    int after = 0;
};

aio::Task<PooledStop> timeOutInAPool(db::Pool *pool)
{
    PooledStop seen;
    try {
        co_await creditThenHang(pool);
    } catch (const aio::TimeoutError &) {
        seen.timedOut = true;
    }
    auto conn = co_await pool->acquire(20.0); // max_size 1: the same connection, reset
    seen.bob = (co_await conn->fetchval(dbtesting::balanceOf, QStringLiteral("bob"))).toInt();
    seen.after = (co_await conn->fetchval(QStringLiteral("SELECT 42"))).toInt();
    co_return seen;
}

aio::Task<std::vector<db::Row>> fetchOn(db::Options options, QString sql, QVariantList arguments)
{
    auto conn = co_await db::connect(options, 1);
    std::vector<db::Row> rows = co_await conn->fetchList(sql, arguments);
    co_await conn->close();
    co_return rows;
}

struct Failures {
    QStringList messages;
    int afterwards = 0;
};

// Each statement must fail with db::Error; the connection answers afterwards all the same.
aio::Task<Failures> failEach(db::Options options, QStringList statements)
{
    Failures seen;
    auto conn = co_await db::connect(options, 1);
    for (const QString &sql : statements) {
        try {
            co_await conn->execute(sql);
            seen.messages.append(QStringLiteral("no error"));
        } catch (const db::Error &e) {
            seen.messages.append(QString::fromUtf8(e.what()));
        }
    }
    seen.afterwards = (co_await conn->fetchval(QStringLiteral("SELECT 1"))).toInt();
    co_await conn->close();
    co_return seen;
}

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

aio::Task<QString> secondOperationWhileBusy(db::Options options)
{
    auto conn = co_await db::connect(options, 1);
    aio::Task<QVariant> first = aio::create_task(fetchLong(conn), "first");
    QString message;
    co_await aio::sleep(0); // the first statement is under way
    try {
        co_await conn->fetchval(QStringLiteral("SELECT 1"));
    } catch (const db::Error &e) {
        message = QString::fromUtf8(e.what());
    }
    first.cancel();
    try {
        co_await first;
    } catch (const aio::CancelledError &) {
    }
    co_await conn->close();
    co_return message;
}

struct RowsSeen {
    bool noRow = false;
    bool nullValue = false;
    QString name;
    int balance = 0;
    QString text;
};

aio::Task<RowsSeen> rowsAndValues(db::Options options)
{
    RowsSeen seen;
    auto conn = co_await db::connect(options, 1);
    seen.noRow = !(co_await conn->fetchrow(QStringLiteral("SELECT 1 WHERE 1 = 0")));
    seen.nullValue = !(co_await conn->fetchval(QStringLiteral("SELECT 1 WHERE 1 = 0"))).isValid();
    std::optional<db::Row> row = co_await conn->fetchrow(QStringLiteral("SELECT $1 AS name, $2 AS balance"), "alice", 100);
    seen.name = row->value(QStringLiteral("name")).toString();
    seen.balance = (*row)[QStringLiteral("balance")].toInt();
    seen.text = row->toString();
    co_await conn->close();
    co_return seen;
}

struct Dropped {
    int bobInside = 0;
    int bobAfter = 0;
    int bobAfterCommit = 0;
};

// A plain connection (no pool to reset it): the dropped transaction's own ROLLBACK is all
// that undoes the credit.
aio::Task<Dropped> dropATransaction(db::Options options)
{
    Dropped seen;
    auto conn = co_await db::connect(options, 1);
    {
        db::Transaction tx = co_await conn->transaction();
        co_await conn->execute(dbtesting::add, QStringLiteral("bob"), 1000);
        seen.bobInside = (co_await conn->fetchval(dbtesting::balanceOf, QStringLiteral("bob"))).toInt();
    } // no commit
    seen.bobAfter = (co_await conn->fetchval(dbtesting::balanceOf, QStringLiteral("bob"))).toInt();
    db::Transaction tx = co_await conn->transaction();
    co_await conn->execute(dbtesting::add, QStringLiteral("bob"), 1);
    co_await tx.commit();
    seen.bobAfterCommit = (co_await conn->fetchval(dbtesting::balanceOf, QStringLiteral("bob"))).toInt();
    co_await conn->close();
    co_return seen;
}

} // namespace

class TestConnection : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void dollarParametersTranslate_data();
    void dollarParametersTranslate();
    void dollarZeroAndWrongArgumentCountsAreErrors();
    void dollarParametersReachTheDatabase();
    void commandTimeoutInterruptsALongStatement();
    void cancellingTheTaskInterruptsItsStatement();
    void aTimedOutStatementInAPooledTransactionRollsBackAndTheConnectionComesBack();
    void aFileThatCannotBeOpenedIsAConnectionError();
    void invalidSqlIsAnErrorNamingTheProblem();
    void aSecondStatementWhileOneRunsIsRefused();
    void aTransactionDroppedWithoutCommitRollsBackOnAPlainConnection();
    void rowsGiveValuesByPositionAndName();

private:
    db::Options options() const
    {
        db::Options o;
        o.url = m_dir->filePath(QStringLiteral("test.db"));
        return o;
    }

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestConnection::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestConnection::cleanup() { m_dir.reset(); }

void TestConnection::dollarParametersTranslate_data()
{
    QTest::addColumn<QString>("dollar");
    QTest::addColumn<QString>("positional");
    QTest::addColumn<QList<int>>("parameters");
    QTest::addColumn<int>("highest");
    QTest::newRow("plain") << "SELECT 1" << "SELECT 1" << QList<int>{} << 0;
    QTest::newRow("$1 twice") << "SELECT $1, $1" << "SELECT ?, ?" << QList<int>{0, 0} << 1;
    QTest::newRow("$2 before $1") << "SELECT $2, $1" << "SELECT ?, ?" << QList<int>{1, 0} << 2;
    QTest::newRow("in a string") << "SELECT '$1', $1" << "SELECT '$1', ?" << QList<int>{0} << 1;
    QTest::newRow("doubled quote") << "SELECT 'it''s $1', $1" << "SELECT 'it''s $1', ?" << QList<int>{0} << 1;
    QTest::newRow("E string") << "SELECT E'\\' $1', $1" << "SELECT E'\\' $1', ?" << QList<int>{0} << 1;
    QTest::newRow("quoted name") << "SELECT \"a$1\", $1" << "SELECT \"a$1\", ?" << QList<int>{0} << 1;
    QTest::newRow("comments") << "SELECT $1 -- $2\n, /* $3 */ $1" << "SELECT ? -- $2\n, /* $3 */ ?" << QList<int>{0, 0} << 1;
    QTest::newRow("dollar quoted") << "SELECT $$ $1 $$, $tag$ $2 $tag$, $1" << "SELECT $$ $1 $$, $tag$ $2 $tag$, ?"
                                   << QList<int>{0} << 1;
    QTest::newRow("$ in a name") << "SELECT a$1 FROM t WHERE b = $1" << "SELECT a$1 FROM t WHERE b = ?" << QList<int>{0} << 1;
    QTest::newRow("$10") << "SELECT $10, $2" << "SELECT ?, ?" << QList<int>{9, 1} << 10;
}

void TestConnection::dollarParametersTranslate()
{
    QFETCH(QString, dollar);
    QFETCH(QString, positional);
    QFETCH(QList<int>, parameters);
    QFETCH(int, highest);
    const db::PositionalSql translated = db::PositionalSql::translate(dollar);
    QCOMPARE(translated.sql, positional);
    QCOMPARE(translated.parameters, parameters);
    QCOMPARE(translated.highest, highest);
}

void TestConnection::dollarZeroAndWrongArgumentCountsAreErrors()
{
    QVERIFY_THROWS_EXCEPTION(db::Error, db::PositionalSql::translate(u"SELECT $0"));
    const db::PositionalSql two = db::PositionalSql::translate(u"SELECT $2, $1, $2");
    QCOMPARE(two.bind({QStringLiteral("a"), QStringLiteral("b")}),
             (QVariantList{QStringLiteral("b"), QStringLiteral("a"), QStringLiteral("b")}));
    QVERIFY_THROWS_EXCEPTION(db::Error, two.bind({1}));
    QVERIFY_THROWS_EXCEPTION(db::Error, two.bind({1, 2, 3}));
    QVERIFY_THROWS_EXCEPTION(db::Error, db::PositionalSql::translate(u"SELECT 1").bind({1}));
}

void TestConnection::dollarParametersReachTheDatabase()
{
    QtDriver driver;
    std::vector<db::Row> rows = run(driver, fetchOn(options(), QStringLiteral("SELECT $1, $1 + 1, $1"), {7}));
    QCOMPARE(rows.size(), std::size_t(1));
    QCOMPARE(rows[0].toString(), QStringLiteral("(7, 8, 7)"));
    rows = run(driver, fetchOn(options(), QStringLiteral("SELECT $2 || $1, $2"), {QStringLiteral("a"), QStringLiteral("b")}));
    QCOMPARE(rows[0].toString(), QStringLiteral("(ba, b)"));
    rows = run(driver, fetchOn(options(), QStringLiteral("SELECT '$1', $1, '$2'"), {5}));
    QCOMPARE(rows[0].toString(), QStringLiteral("($1, 5, $2)"));
    QVERIFY_THROWS_EXCEPTION(db::Error, run(driver, fetchOn(options(), QStringLiteral("SELECT $1, $2"), {5})));
    QCOMPARE(driver.loop().external(), 0);
}

void TestConnection::commandTimeoutInterruptsALongStatement()
{
    QtDriver driver;
    Recorder trace;
    trace.attach(driver);
    db::Options o = options();
    o.commandTimeout = 0.3;
    const Stopped seen = run(driver, timeOutALongStatement(o));
    QVERIFY(seen.timedOut);
    QVERIFY2(seen.message.contains(QStringLiteral("command_timeout")), qPrintable(seen.message));
    QCOMPARE(seen.after, 42);
    QCOMPARE(trace.countLogs(QStringLiteral("conn-1: interrupted (timeout)")), 1);
    QCOMPARE(trace.countLogs(QStringLiteral("conn-1: closed")), 1);
}

void TestConnection::cancellingTheTaskInterruptsItsStatement()
{
    QtDriver driver;
    Recorder trace;
    trace.attach(driver);
    const Stopped seen = run(driver, cancelALongStatement(options()));
    QVERIFY(seen.cancelled);
    QCOMPARE(seen.after, 42);
    QCOMPARE(trace.countLogs(QStringLiteral("conn-1: interrupted (cancelled)")), 1);
}

void TestConnection::aTimedOutStatementInAPooledTransactionRollsBackAndTheConnectionComesBack()
{
    QtDriver driver;
    Recorder trace;
    trace.attach(driver);
    db::Options o = options();
    o.minSize = 1;
    o.maxSize = 1;
    run(driver, dbtesting::makeAccounts(o, {{QStringLiteral("alice"), 100}, {QStringLiteral("bob"), 50}}));
    o.commandTimeout = 0.3;
    auto pool = run(driver, db::create_pool(o));
    const PooledStop seen = run(driver, timeOutInAPool(pool.get()));
    QVERIFY(seen.timedOut);
    QCOMPARE(seen.bob, 50);
    QCOMPARE(seen.after, 42);
    QCOMPARE(trace.countLogs(QStringLiteral("conn-1: interrupted (timeout)")), 1);
    QCOMPARE(trace.countLogs(QStringLiteral("conn-1: ROLLBACK")), 1);
    QCOMPARE(pool->discarded(), 0);
    QCOMPARE(pool->opened(), 1);
    run(driver, pool->close());
}

void TestConnection::aFileThatCannotBeOpenedIsAConnectionError()
{
    QtDriver driver;
    db::Options o = options();
    o.url = m_dir->filePath(QStringLiteral("missing/folder/test.db"));
    QString message = run(driver, connectTo(o));
    QVERIFY2(message.startsWith(QStringLiteral("cannot open")), qPrintable(message));
    QVERIFY2(message.contains(o.url), qPrintable(message));
    QVERIFY2(!message.contains(QLatin1Char('\n')), qPrintable(message));

    // A read-only folder. root may write anywhere, so only another user can see this fail.
    if (::geteuid() != 0) {
        const QString folder = m_dir->filePath(QStringLiteral("readonly"));
        QVERIFY(QDir().mkdir(folder));
        QVERIFY(QFile::setPermissions(folder, QFile::ReadOwner | QFile::ExeOwner));
        o.url = folder + QStringLiteral("/test.db");
        message = run(driver, connectTo(o));
        QFile::setPermissions(folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        QVERIFY2(message.startsWith(QStringLiteral("cannot")), qPrintable(message));
    } else {
        qInfo("running as root: the read-only folder case is left out (root writes anywhere)");
    }
    QCOMPARE(driver.loop().external(), 0);
}

void TestConnection::invalidSqlIsAnErrorNamingTheProblem()
{
    QtDriver driver;
    const Failures seen = run(driver, failEach(options(), {QStringLiteral("SELEKT 1"), QStringLiteral("SELECT * FROM nowhere")}));
    QCOMPARE(seen.messages.size(), 2);
    QVERIFY2(seen.messages[0].contains(QStringLiteral("SELEKT")), qPrintable(seen.messages[0]));
    QVERIFY2(seen.messages[1].contains(QStringLiteral("no such table: nowhere")), qPrintable(seen.messages[1]));
    QCOMPARE(seen.afterwards, 1);
}

void TestConnection::aSecondStatementWhileOneRunsIsRefused()
{
    QtDriver driver;
    const QString message = run(driver, secondOperationWhileBusy(options()));
    QVERIFY2(message.contains(QStringLiteral("another operation is in progress")), qPrintable(message));
}

void TestConnection::rowsGiveValuesByPositionAndName()
{
    QtDriver driver;
    const RowsSeen seen = run(driver, rowsAndValues(options()));
    QVERIFY(seen.noRow);
    QVERIFY(seen.nullValue);
    QCOMPARE(seen.name, QStringLiteral("alice"));
    QCOMPARE(seen.balance, 100);
    QCOMPARE(seen.text, QStringLiteral("(alice, 100)"));
}

void TestConnection::aTransactionDroppedWithoutCommitRollsBackOnAPlainConnection()
{
    QtDriver driver;
    Recorder trace;
    trace.attach(driver);
    run(driver, dbtesting::makeAccounts(options(), {{QStringLiteral("alice"), 100}, {QStringLiteral("bob"), 50}}));
    const Dropped seen = run(driver, dropATransaction(options()));
    QCOMPARE(seen.bobInside, 1050);
    QCOMPARE(seen.bobAfter, 50);
    QCOMPARE(seen.bobAfterCommit, 51);
    QCOMPARE(trace.countLogs(QStringLiteral("conn-1: ROLLBACK")), 1);
    QCOMPARE(trace.countLogs(QStringLiteral("conn-1: COMMIT")), 1);
}

QTEST_GUILESS_MAIN(TestConnection)
#include "tst_connection.moc"
