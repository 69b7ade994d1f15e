// What one job on a connection's worker thread came to. Made on the worker, read on the
// loop's thread; plain values only (no Qt SQL objects cross threads).
#pragma once

#include <QString>
#include <QStringList>
#include <QVariantList>

#include <vector>

namespace db::detail {

struct Outcome {
    enum class Failure { None, Sql, CheckViolation, Interrupted, Connection };
    Failure failure = Failure::None;
    QString message; // one line, when failure != None

    QStringList columns;
    std::vector<QVariantList> rows;
    int rowsAffected = -1;

    // The connection after the job: inside a transaction? still open and usable?
    bool inTransaction = false;
    bool usable = true;
    bool rolledBack = false; // a reset found a transaction open and rolled it back
    int socket = -1;         // open, PostgreSQL: libpq's socket (Connection::serverClosed)
};

} // namespace db::detail
