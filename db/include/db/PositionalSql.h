// db::PositionalSql: a statement with asyncpg's $1-style parameters, translated to the
// positional `?` markers that Qt SQL binds. Every $N outside quotes and comments becomes
// one `?`, so a $1 used twice is bound twice, and $2 may come before $1:
//
//     "SELECT $2, $1, '$1'"  ->  sql "SELECT ?, ?, '$1'", parameters {1, 0}
//
// Left alone: '...' strings ('' inside them, and E'..\'..' escapes), "identifiers",
// -- and /* */ comments, PostgreSQL's $tag$ ... $tag$ strings, and a $ inside a name (a$1).
#pragma once

#include <QList>
#include <QString>
#include <QStringView>
#include <QVariantList>

namespace db {

struct PositionalSql {
    QString sql;           // with `?` markers
    QList<int> parameters; // for each `?` in order, the 0-based index of the argument it takes
    int highest = 0;       // the highest N of the $N used (0: none)

    // Throws db::Error for $0.
    static PositionalSql translate(QStringView dollarSql);
    // The values for the `?` markers in order. Throws db::Error unless exactly `highest`
    // arguments were given (as PostgreSQL does).
    QVariantList bind(const QVariantList &arguments) const;
};

} // namespace db
