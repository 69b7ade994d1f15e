// db_bench: Dirigent's connection pool (db::Pool over Qt SQL) under load, the twin of
// bench/python/db_asyncpg.py and db_aiosqlite.py (issue 11, performance). Two workloads on
// one pool of `--pool` connections, `--concurrency` tasks at a time (an aio::Semaphore, as
// the Python programs' asyncio.Semaphore):
//   queries:   N x `SELECT $1` (fetchval), each through pool.acquire();
//   transfers: T x a transaction that moves 1 from one account to the next (BEGIN, two
//              UPDATEs, COMMIT) over 100 accounts, each through pool.acquire().
// Prints one JSON line: per second and CPU seconds for each, and the total balance before
// and after the transfers (equal, or the run failed).
//
//   db_bench --db postgresql://user:pw@127.0.0.1:PORT/db | FILE.sqlite [--queries N] [--transfers T]
//            [--pool P] [--concurrency C]
//
// bench/run_db_bench.py runs it beside the Python twins. Bad arguments: one line, exit 2;
// the database not usable: one line, exit 1.
#include <aio/aio.hpp>
#include <db/db.h>
#include <qtaio/qtdriver.h>

#include <QCoreApplication>
#include <QStringList>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <string>
#include <vector>

namespace {

constexpr int accounts = 100;

double cpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

struct Phase {
    double seconds = 0, cpu = 0;
    int done = 0;
};

struct Figures {
    Phase queries, transfers;
    long long before = -1, after = -1;
    std::string error;
};

aio::Task<> query(db::Pool *pool, aio::Semaphore *limit, int i, Phase *phase)
{
    auto slot = co_await aio::async_with(*limit);
    auto conn = co_await pool->acquire();
    if ((co_await conn->fetchval(QStringLiteral("SELECT $1"), i)).toInt() == i)
        ++phase->done;
}

aio::Task<> transfer(db::Pool *pool, aio::Semaphore *limit, int i, Phase *phase)
{
    auto slot = co_await aio::async_with(*limit);
    auto conn = co_await pool->acquire();
    const QString from = QStringLiteral("a%1").arg(i % accounts);
    const QString to = QStringLiteral("a%1").arg((i + 1) % accounts);
    db::Transaction tx = co_await conn->transaction();
    co_await conn->execute(QStringLiteral("UPDATE accounts SET balance = balance - 1 WHERE name = $1"), from);
    co_await conn->execute(QStringLiteral("UPDATE accounts SET balance = balance + 1 WHERE name = $1"), to);
    co_await tx.commit();
    ++phase->done;
}

aio::Task<long long> total(db::Pool *pool)
{
    auto conn = co_await pool->acquire();
    co_return (co_await conn->fetchval(QStringLiteral("SELECT sum(balance) FROM accounts"))).toLongLong();
}

template <class Make>
aio::Task<> timed(Phase *phase, int count, int concurrency, Make make)
{
    aio::Semaphore limit(concurrency, "limit"); // outlives the tasks: gather awaits them all
    std::vector<aio::Task<>> tasks;
    tasks.reserve(static_cast<std::size_t>(count));
    const double cpu0 = cpuSeconds();
    const auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < count; ++i)
        tasks.push_back(aio::create_task(make(&limit, i)));
    co_await aio::gather(std::move(tasks));
    phase->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    phase->cpu = cpuSeconds() - cpu0;
}

aio::Task<> bench(db::Options options, int queries, int transfers, int concurrency, Figures *f)
{
    auto pool = std::make_shared<db::Pool>(options);
    try {
        co_await pool->open();
        {
            auto conn = co_await pool->acquire();
            co_await conn->execute(QStringLiteral("DROP TABLE IF EXISTS accounts"));
            co_await conn->execute(QStringLiteral(
                "CREATE TABLE accounts (name TEXT PRIMARY KEY, balance INTEGER NOT NULL CHECK (balance >= 0))"));
            for (int a = 0; a < accounts; ++a)
                co_await conn->execute(QStringLiteral("INSERT INTO accounts (name, balance) VALUES ($1, 1000)"),
                                       QStringLiteral("a%1").arg(a));
        }
        co_await timed(&f->queries, queries, concurrency,
                       [&](aio::Semaphore *limit, int i) { return query(pool.get(), limit, i, &f->queries); });
        f->before = co_await total(pool.get());
        co_await timed(&f->transfers, transfers, concurrency,
                       [&](aio::Semaphore *limit, int i) { return transfer(pool.get(), limit, i, &f->transfers); });
        f->after = co_await total(pool.get());
    } catch (const std::exception &e) {
        f->error = e.what();
    }
    co_await pool->close();
}

int usage(const QString &problem)
{
    std::fprintf(stderr, "db_bench: %s (usage: --db URL|FILE [--queries N] [--transfers T] [--pool P] "
                         "[--concurrency C])\n", qPrintable(problem));
    return 2;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    db::Options options;
    options.commandTimeout = 60.0;
    int queries = 20000, transfers = 5000, concurrency = 100;
    options.minSize = options.maxSize = 10;
    for (int i = 1; i < args.size(); ++i) {
        const QString &name = args.at(i);
        if (i + 1 >= args.size())
            return usage(QStringLiteral("%1 needs a value").arg(name));
        const QString value = args.at(++i);
        bool ok = true;
        if (name == QLatin1String("--db"))
            options.url = value;
        else if (name == QLatin1String("--queries"))
            queries = value.toInt(&ok);
        else if (name == QLatin1String("--transfers"))
            transfers = value.toInt(&ok);
        else if (name == QLatin1String("--pool"))
            options.minSize = options.maxSize = value.toInt(&ok);
        else if (name == QLatin1String("--concurrency"))
            concurrency = value.toInt(&ok);
        else
            return usage(QStringLiteral("unknown option '%1'").arg(name));
        if (!ok)
            return usage(QStringLiteral("%1 wants a whole number, not '%2'").arg(name, value));
    }
    if (options.url.isEmpty())
        return usage(QStringLiteral("--db is missing"));
    if (queries < 1 || transfers < 1 || concurrency < 1 || options.maxSize < 1)
        return usage(QStringLiteral("every count must be at least 1"));

    Figures f;
    qtaio::QtDriver driver;
    aio::Task<> run = driver.start(bench(options, queries, transfers, concurrency, &f), "db_bench");
    if (!driver.runUntilComplete(run, 600 * 1000)) {
        run.cancel();
        driver.runUntil([&run] { return run.done(); }, 10000);
        std::fprintf(stderr, "db_bench: not done within 600 s\n");
        return 1;
    }
    if (!f.error.empty() || f.queries.done != queries || f.transfers.done != transfers || f.before != f.after) {
        std::fprintf(stderr, "db_bench: %s (queries %d/%d, transfers %d/%d, total %lld -> %lld)\n",
                     f.error.empty() ? "the run went wrong" : f.error.c_str(), f.queries.done, queries,
                     f.transfers.done, transfers, f.before, f.after);
        return 1;
    }
    std::printf("{\"client\": \"dirigent\", \"backend\": \"%s\", \"pool\": %d, \"concurrency\": %d, "
                "\"queries\": %d, \"queries_per_s\": %.3f, \"queries_cpu_s\": %.6f, "
                "\"transfers\": %d, \"transfers_per_s\": %.3f, \"transfers_cpu_s\": %.6f, "
                "\"total_before\": %lld, \"total_after\": %lld}\n",
                options.isPostgres() ? "postgresql" : "sqlite", options.maxSize, concurrency, queries,
                queries / f.queries.seconds, f.queries.cpu, transfers, transfers / f.transfers.seconds,
                f.transfers.cpu, f.before, f.after);
    return 0;
}
