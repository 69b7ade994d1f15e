// Session: the QSqlDatabase of one connection, used only on the connection's worker thread
// (Qt SQL connections belong to the thread that opened them). Each method is one job and
// returns an Outcome; none throws.
#pragma once

#include "db/Options.h"
#include "db/detail/Outcome.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariantList>

#include <vector>

struct sqlite3;
struct pg_conn;
class QSqlError;

namespace db::detail {

class Interrupter;

class Session {
public:
    Session(Options options, QString connectionName, Interrupter &interrupter);
    Session(const Session &) = delete;
    Session &operator=(const Session &) = delete;

    // Opens the database: a SQLite file in WAL mode with a busy timeout, or a PostgreSQL
    // server. Failure::Connection with a one-line reason when it cannot.
    Outcome open();
    // One statement with its values for the `?` markers in order (job id for the Interrupter).
    Outcome exec(quint64 job, const QString &sql, const QVariantList &values);
    // ROLLBACK when a transaction is open; `usable` says whether the connection is clean.
    Outcome reset(quint64 job);
    // Closes and removes the QSqlDatabase (on this thread, as Qt wants).
    Outcome close();

private:
    bool inTransaction() const;
    bool isUsable() const;
    void fail(const QSqlError &error, Outcome &out) const;
    void finish(Outcome &out) const;

    Options m_options;
    QString m_name;
    Interrupter &m_interrupter;
    QSqlDatabase m_db;
    sqlite3 *m_sqlite = nullptr;
    pg_conn *m_postgres = nullptr;
    std::vector<QSqlQuery> m_freeAfterTransaction; // failed inside a PostgreSQL transaction
};

} // namespace db::detail
