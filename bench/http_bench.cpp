// http_bench: Dirigent's live client under load (issue 10, performance), the twin of
// bench/python/http_aiohttp.py and http_httpx.py. ONE live::HttpSession for the whole run,
// N GETs of <url>/item/<i>?attempt=1 as N tasks, at most `concurrency` of them in flight
// (an aio::Semaphore, as the Python programs' asyncio.Semaphore; the session promises as
// many connections). Prints one JSON line: wall-clock seconds from the first request to the
// last answer, requests/s, the process's CPU seconds, and how the answers went.
//
//   http_bench --url http://127.0.0.1:PORT --requests 10000 --concurrency 100
//
// bench/run_bench.py runs it against a `dirigent serve` it starts on 127.0.0.1. Bad
// arguments: one line on stderr, exit 2. No answer at all, or the run not done within
// --deadline seconds: one line naming the URL, exit 1.
#include <live/HttpSession.h>

#include <aio/aio.hpp>
#include <qtaio/networkerror.h>
#include <qtaio/qtdriver.h>

#include <QCoreApplication>
#include <QStringList>
#include <QUrl>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <string>
#include <vector>

namespace {

struct Figures {
    int ok = 0;     // 200
    int other = 0;  // any other status
    int failed = 0; // no HTTP response (NetworkError)
    std::string lastError;
};

double cpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

QUrl item(const QUrl &base, int i)
{
    QUrl url = base;
    url.setPath(QStringLiteral("/item/%1").arg(i));
    url.setQuery(QStringLiteral("attempt=1"));
    return url;
}

// One GET, holding a slot of `limit` while it is on the wire.
aio::Task<> fetch(live::HttpSession *session, aio::Semaphore *limit, QUrl url, Figures *figures)
{
    auto slot = co_await aio::async_with(*limit);
    try {
        const live::HttpResponse response = co_await session->get(url);
        ++(response.status == 200 ? figures->ok : figures->other);
    } catch (const qtaio::NetworkError &e) {
        ++figures->failed;
        figures->lastError = e.what();
    }
}

aio::Task<> fetchAll(live::HttpSession *session, QUrl base, int requests, int concurrency, Figures *figures)
{
    aio::Semaphore limit(concurrency, "limit"); // outlives the tasks: gather awaits them all
    std::vector<aio::Task<>> tasks;
    tasks.reserve(static_cast<std::size_t>(requests));
    for (int i = 1; i <= requests; ++i)
        tasks.push_back(aio::create_task(fetch(session, &limit, item(base, i), figures)));
    co_await aio::gather(std::move(tasks));
}

int usage(const QString &problem)
{
    std::fprintf(stderr, "http_bench: %s (usage: --url http://127.0.0.1:PORT --requests N --concurrency C "
                         "[--deadline S])\n", qPrintable(problem));
    return 2;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    QUrl base;
    int requests = 0;
    int concurrency = 0;
    int deadline = 600;
    for (int i = 1; i < args.size(); ++i) {
        const QString &name = args.at(i);
        if (i + 1 >= args.size())
            return usage(QStringLiteral("%1 needs a value").arg(name));
        const QString value = args.at(++i);
        bool ok = true;
        if (name == QLatin1String("--url"))
            base = QUrl(value);
        else if (name == QLatin1String("--requests"))
            requests = value.toInt(&ok);
        else if (name == QLatin1String("--concurrency"))
            concurrency = value.toInt(&ok);
        else if (name == QLatin1String("--deadline"))
            deadline = value.toInt(&ok);
        else
            return usage(QStringLiteral("unknown option '%1'").arg(name));
        if (!ok)
            return usage(QStringLiteral("%1 wants a whole number, not '%2'").arg(name, value));
    }
    if (const QString problem = live::HttpSession::checkUrl(base); !problem.isEmpty())
        return usage(problem);
    if (requests < 1 || concurrency < 1 || concurrency > live::HttpSession::maxConnectionsLimit || deadline < 1)
        return usage(QStringLiteral("--requests and --deadline must be at least 1, --concurrency 1 to %1")
                         .arg(live::HttpSession::maxConnectionsLimit));

    Figures figures;
    qtaio::QtDriver driver;
    live::HttpSession session(concurrency);
    const double cpu0 = cpuSeconds();
    const auto t0 = std::chrono::steady_clock::now();
    aio::Task<> run = driver.start(fetchAll(&session, base, requests, concurrency, &figures), "http_bench");
    const bool finished = driver.runUntilComplete(run, deadline * 1000);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const double cpu = cpuSeconds() - cpu0;
    if (!finished) {
        run.cancel(); // aborts every reply; the session and the driver then go in order
        driver.runUntil([&run] { return run.done(); }, 5000);
        std::fprintf(stderr, "http_bench: %d GETs from %s not done within %d s\n", requests,
                     qPrintable(base.toString()), deadline);
        return 1;
    }
    if (figures.ok + figures.other == 0) {
        std::fprintf(stderr, "http_bench: no answer from %s: %s\n", qPrintable(base.toString()),
                     figures.lastError.c_str());
        return 1;
    }
    std::printf("{\"workload\": \"http/%d/%d\", \"client\": \"dirigent\", \"requests\": %d, \"concurrency\": %d, "
                "\"seconds\": %.6f, \"per_s\": %.3f, \"cpu_s\": %.6f, \"ok\": %d, \"other\": %d, \"failed\": %d, "
                "\"managers\": %d, \"peak_in_flight\": %d}\n",
                requests, concurrency, requests, concurrency, seconds, requests / seconds, cpu, figures.ok,
                figures.other, figures.failed, session.managerCount(), session.peakInFlight());
    return 0;
}
