// db::Options: what asyncpg.create_pool / asyncpg.connect take, for SQLite and PostgreSQL.
//
//     auto pool = co_await db::create_pool({.url = path, .minSize = 2, .maxSize = 5});
#pragma once

#include <QString>

#include <optional>

namespace db {

struct Options {
    // "postgresql://user:password@host:5432/dbname" (or postgres://) for PostgreSQL;
    // anything else is the path of a SQLite database file (made if missing). ":memory:"
    // works, but then every connection has a database of its own.
    QString url;
    int minSize = 1;                       // connections a pool opens at the start
    int maxSize = 5;                       // connections a pool may have at most
    std::optional<double> commandTimeout;  // seconds a statement may run; none: no limit
    double busyTimeout = 5.0;              // SQLite: seconds a writer waits for the write lock
    double connectTimeout = 10.0;          // PostgreSQL: seconds to reach the server

    bool isPostgres() const
    {
        return url.startsWith(QLatin1String("postgresql://")) || url.startsWith(QLatin1String("postgres://"));
    }
};

} // namespace db
