// The database lesson live: lessons/database/scenario.cpp's program on a real database,
// through db::Pool (asyncpg's shape over Qt SQL): SQLite by default (a file in a temporary
// folder, nothing to set up), PostgreSQL when given a postgresql:// URL.
//
// What runs, as in the model: the schema (accounts, CHECK (balance >= 0), alice 100, bob 50),
// 50 parallel lookups through the pool, then three transfers in transactions: alice -> bob 80
// commits, bob -> alice 200 breaks the CHECK and rolls back, bob -> alice 50 runs out of time
// (asyncio.timeout(2.5 * LATENCY)) halfway and rolls back. Every statement that stands for
// work at the database takes LATENCY seconds there (pg_sleep; on SQLite the db layer's
// sleep()), so the pool's waits are as visible as in the model; an interrupted statement is
// stopped at the database. The pitfall: a connection of its own for every lookup.
//
// The same program with the real libraries: lessons/database/live_asyncpg.py,
// live_aiosqlite.py, live_sqlalchemy.py.
#pragma once

#include "live/LiveScenario.h"

#include <lessons/lesson.hpp>

#include <QString>
#include <QTemporaryDir>

#include <memory>
#include <vector>

namespace live {

struct LiveDatabaseFigures {
    int queries = 0;            // lookups started
    int queriesOk = 0;          // lookups that returned a balance
    int connectionsOpened = 0;  // by the pool, and by the pitfall's own connects
    int peakInUse = 0;          // connections lent out (or, pitfall, open for a lookup) at once
    int acquireWaits = 0;       // acquires that found no idle connection and no room to open one
    int commits = 0;
    int rollbacks = 0;
    int cancelledQueries = 0;   // statements stopped at the database (timeout or cancellation)
    int totalBefore = -1;       // sum of the balances before the transfers (-1: never read)
    int totalAfter = -1;
    QString lastError;          // the message of the last unexpected error
    double totalTime = 0;
};

class LiveDatabase final : public LiveScenario {
public:
    static constexpr int queries = 50; // QUERIES, as in the model

    // `database`: "sqlite" (a new file in a temporary folder, removed afterwards), a
    // postgresql:// URL, or the path of a SQLite file to use (and keep).
    LiveDatabase(lessons::Params params, bool pitfall, QString database);

    aio::Task<void> main() override;
    QList<Figure> figures() const override;
    const LiveDatabaseFigures &measured() const { return m_figures; }
    bool isPostgres() const;

    // Empty when `database` names something this can use; else why not, in one phrase.
    static QString checkDatabase(const QString &database);
    // The lesson's parameters live: min_size, max_size and latency (real statements take it
    // at the database); the model's connect cost is the database's own here, so it goes.
    static std::vector<lessons::Parameter> parameters();
    static const lessons::Lesson &lesson();

private:
    lessons::Params m_params;
    bool m_pitfall;
    QString m_database;
    std::unique_ptr<QTemporaryDir> m_folder; // "sqlite": the file lives here
    LiveDatabaseFigures m_figures;
};

} // namespace live
