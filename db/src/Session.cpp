#include "Session.h"

#include "SqliteSleep.h"

#include "Interrupter.h"

#include <QDeadlineTimer>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QThread>
#include <QUrl>

#include <libpq-fe.h>
#include <sqlite3.h>

#include <cmath>
#include <initializer_list>

namespace db::detail {

namespace {

// Database messages may span lines (PostgreSQL's DETAIL, HINT): the trace wants one.
QString oneLine(QString text)
{
    return text.replace(QLatin1Char('\n'), QLatin1Char(' ')).simplified();
}

QString messageOf(const QSqlError &error, bool postgres)
{
    QString text = (error.databaseText().isEmpty() ? error.driverText() : error.databaseText()).trimmed();
    if (!postgres)
        return oneLine(text);
    // QPSQL gives libpq's "ERROR:  <message>\nDETAIL: ...\n(<SQLSTATE>)", with "()" when
    // there is no SQLSTATE (the server went away): the learner reads the message and its
    // detail, as asyncpg shows them; the code is in nativeErrorCode().
    const QString codeSuffix = QLatin1Char('(') + error.nativeErrorCode() + QLatin1Char(')');
    if (text.endsWith(codeSuffix))
        text.chop(codeSuffix.size());
    for (const QLatin1String severity : {QLatin1String("ERROR:"), QLatin1String("FATAL:")})
        if (text.startsWith(severity))
            text = text.mid(severity.size());
    return oneLine(text);
}

// The pointer inside QSqlDriver::handle()'s QVariant, if it holds one of `typeNames`.
// QPSQL registers the type under the struct's name ("pg_conn*" in Qt 6.4), not under
// libpq's typedef "PGconn*": a wrong name here silently turns off PQcancel and SQLSTATEs.
template <class T>
T *nativeHandle(const QSqlDatabase &db, std::initializer_list<const char *> typeNames)
{
    const QVariant handle = db.driver()->handle();
    if (!handle.isValid())
        return nullptr;
    for (const char *name : typeNames)
        if (qstrcmp(handle.typeName(), name) == 0)
            return *static_cast<T *const *>(handle.constData());
    return nullptr;
}

} // namespace

Session::Session(Options options, QString connectionName, Interrupter &interrupter)
    : m_options(std::move(options))
    , m_name(std::move(connectionName))
    , m_interrupter(interrupter)
{
}

Outcome Session::open()
{
    Outcome out;
    const bool postgres = m_options.isPostgres();
    m_db = QSqlDatabase::addDatabase(postgres ? QStringLiteral("QPSQL") : QStringLiteral("QSQLITE"), m_name);
    if (!m_db.isValid()) {
        out.failure = Outcome::Failure::Connection;
        out.message = QStringLiteral("the Qt SQL driver %1 is not installed").arg(m_db.driverName());
        out.usable = false;
        return out;
    }
    QString where;
    if (postgres) {
        const QUrl url(m_options.url);
        m_db.setHostName(url.host().isEmpty() ? QStringLiteral("localhost") : url.host());
        m_db.setPort(url.port(5432));
        m_db.setUserName(url.userName());
        m_db.setPassword(url.password());
        m_db.setDatabaseName(url.path().mid(1));
        m_db.setConnectOptions(QStringLiteral("connect_timeout=%1")
                                   .arg(std::max(1, static_cast<int>(std::ceil(m_options.connectTimeout)))));
        where = QStringLiteral("%1:%2").arg(m_db.hostName()).arg(m_db.port());
    } else {
        m_db.setDatabaseName(m_options.url);
        // A second writer waits this long for the write lock instead of failing at once.
        m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1")
                                   .arg(static_cast<int>(std::lround(m_options.busyTimeout * 1000))));
        where = QStringLiteral("'%1'").arg(m_options.url);
    }
    if (!m_db.open()) {
        out.failure = Outcome::Failure::Connection;
        out.message = QStringLiteral("cannot open %1: %2").arg(where, messageOf(m_db.lastError(), postgres));
        out.usable = false;
        return out;
    }
    if (postgres) {
        m_postgres = nativeHandle<pg_conn>(m_db, {"pg_conn*", "PGconn*"});
        if (!m_postgres) {
            // Without the handle a statement could not be stopped at the server.
            out.failure = Outcome::Failure::Connection;
            out.message = QStringLiteral("cannot use %1: the QPSQL driver gives no libpq handle").arg(where);
            out.usable = false;
            return out;
        }
        m_interrupter.attachPostgres(m_postgres);
        // libpq prints the server's notices ("table ... does not exist, skipping") on stderr by
        // default; they are not errors, and a program's output is not the place for them.
        PQsetNoticeProcessor(m_postgres, [](void *, const char *) {}, nullptr);
        out.socket = PQsocket(m_postgres);
        return out;
    }
    m_sqlite = nativeHandle<sqlite3>(m_db, {"sqlite3*"});
    if (m_sqlite)
        m_interrupter.attachSqlite(m_sqlite);
    registerSqliteSleep(m_sqlite, &m_interrupter); // PostgreSQL has pg_sleep
    // WAL: readers do not wait for the writer, nor the writer for readers. The mode stays
    // in the file; the statement also touches it, so a database that cannot be written
    // shows here, not later. Switching needs the file to itself: connections of a new pool
    // opening side by side get "database is locked" at once (SQLite does not wait there, to
    // avoid a deadlock), so try again for up to the busy timeout.
    QDeadlineTimer patience(static_cast<qint64>(m_options.busyTimeout * 1000));
    for (;;) {
        QSqlQuery wal(m_db);
        if (wal.exec(QStringLiteral("PRAGMA journal_mode=WAL")))
            break;
        const bool busy = m_sqlite && (sqlite3_errcode(m_sqlite) & 0xff) == SQLITE_BUSY;
        if (!busy || patience.hasExpired()) {
            out.failure = Outcome::Failure::Connection;
            out.message = QStringLiteral("cannot use %1: %2").arg(where, messageOf(wal.lastError(), postgres));
            out.usable = false;
            return out;
        }
        wal.finish();
        QThread::msleep(10);
    }
    if (m_sqlite && sqlite3_db_readonly(m_sqlite, "main") == 1) {
        out.failure = Outcome::Failure::Connection;
        out.message = QStringLiteral("cannot write %1: the file is read-only").arg(where);
        out.usable = false;
    }
    return out;
}

Outcome Session::exec(quint64 job, const QString &sql, const QVariantList &values)
{
    Outcome out;
    if (!m_interrupter.begin(job)) {
        out.failure = Outcome::Failure::Interrupted;
        out.message = QStringLiteral("interrupted before it started");
        finish(out);
        return out;
    }
    {
        QSqlQuery query(m_db);
        query.setForwardOnly(true); // rows are read once, in order: no copy kept by Qt
        bool ok = false;
        if (m_interrupter.abortRequested()) {
            out.failure = Outcome::Failure::Interrupted;
            out.message = QStringLiteral("interrupted before it started");
        } else if (values.isEmpty()) {
            // Without values, no prepare: PostgreSQL cannot PREPARE a BEGIN or a COMMIT.
            ok = query.exec(sql);
        } else {
            ok = query.prepare(sql);
            for (const QVariant &value : values)
                query.addBindValue(value);
            ok = ok && query.exec();
        }
        if (ok && query.isSelect()) {
            const QSqlRecord record = query.record();
            for (int c = 0; c < record.count(); ++c)
                out.columns.append(record.fieldName(c));
            while (query.next()) {
                QVariantList row;
                row.reserve(record.count());
                for (int c = 0; c < record.count(); ++c)
                    row.append(query.value(c));
                out.rows.push_back(std::move(row));
            }
            ok = !query.lastError().isValid(); // a failure while stepping (an interrupt)
        }
        if (ok)
            out.rowsAffected = query.isSelect() ? static_cast<int>(out.rows.size()) : query.numRowsAffected();
        else if (out.failure == Outcome::Failure::None)
            fail(query.lastError(), out);
        query.finish(); // no statement left stepping: a later sqlite3_interrupt stays a no-op
        // PostgreSQL refuses to DEALLOCATE a prepared statement inside a failed transaction
        // (Qt would warn "Unable to free statement"): free it once the transaction has ended.
        if (!ok && m_postgres && inTransaction())
            m_freeAfterTransaction.push_back(std::move(query));
    }
    if (!inTransaction())
        m_freeAfterTransaction.clear();
    m_interrupter.end();
    finish(out);
    return out;
}

Outcome Session::reset(quint64 job)
{
    Outcome out;
    m_interrupter.begin(job); // clears an abort flag left by the interrupted job
    if (isUsable() && inTransaction()) {
        QSqlQuery rollback(m_db);
        out.rolledBack = rollback.exec(QStringLiteral("ROLLBACK"));
        if (!out.rolledBack)
            out.message = messageOf(rollback.lastError(), m_options.isPostgres());
    }
    if (!inTransaction())
        m_freeAfterTransaction.clear();
    m_interrupter.end();
    finish(out);
    // Clean means: open, and no transaction left.
    out.usable = out.usable && !out.inTransaction;
    return out;
}

Outcome Session::close()
{
    m_freeAfterTransaction.clear();
    m_interrupter.detach();
    m_sqlite = nullptr;
    m_postgres = nullptr;
    if (m_db.isValid())
        m_db.close();
    m_db = QSqlDatabase(); // the last handle goes before removeDatabase, or Qt warns
    QSqlDatabase::removeDatabase(m_name);
    Outcome out;
    out.usable = false;
    return out;
}

bool Session::inTransaction() const
{
    if (m_sqlite)
        return sqlite3_get_autocommit(m_sqlite) == 0;
    if (m_postgres)
        return PQtransactionStatus(m_postgres) != PQTRANS_IDLE;
    return false;
}

bool Session::isUsable() const
{
    if (!m_db.isValid() || !m_db.isOpen())
        return false;
    if (m_postgres)
        return PQstatus(m_postgres) == CONNECTION_OK;
    return true;
}

void Session::fail(const QSqlError &error, Outcome &out) const
{
    out.message = messageOf(error, m_options.isPostgres());
    out.failure = Outcome::Failure::Sql;
    if (m_sqlite) {
        const int code = sqlite3_extended_errcode(m_sqlite);
        if (code == SQLITE_CONSTRAINT_CHECK || out.message.startsWith(QLatin1String("CHECK constraint failed")))
            out.failure = Outcome::Failure::CheckViolation;
        else if ((code & 0xff) == SQLITE_INTERRUPT || m_interrupter.abortRequested())
            out.failure = Outcome::Failure::Interrupted;
        else if ((code & 0xff) == SQLITE_CANTOPEN || (code & 0xff) == SQLITE_IOERR || (code & 0xff) == SQLITE_NOTADB)
            out.failure = Outcome::Failure::Connection;
    } else if (m_postgres) {
        const QString state = error.nativeErrorCode(); // QPSQL gives the SQLSTATE
        if (state == QLatin1String("23514"))
            out.failure = Outcome::Failure::CheckViolation;
        else if (state == QLatin1String("57014") || m_interrupter.abortRequested())
            out.failure = Outcome::Failure::Interrupted;
        else if (state.startsWith(QLatin1String("08")) || PQstatus(m_postgres) != CONNECTION_OK)
            out.failure = Outcome::Failure::Connection;
    }
    if (out.message.isEmpty())
        out.message = QStringLiteral("the statement failed");
}

void Session::finish(Outcome &out) const
{
    out.usable = isUsable();
    out.inTransaction = out.usable && inTransaction();
}

} // namespace db::detail
