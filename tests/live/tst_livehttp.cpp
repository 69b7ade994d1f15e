// The HTTP lesson live (live::LiveHttp on live::LiveRun) against the in-process DemoServer
// on 127.0.0.1: the model's log lines from real requests, real concurrency, connection reuse
// versus a session per request, and every fault ending the run cleanly. Bounded waits only.
#include "live/DemoServer.h"
#include "live/LiveHttp.h"
#include "live/LiveRun.h"

#include <aio/event_loop.hpp>
#include <trace/trace_state.hpp>

#include <QRegularExpression>
#include <QTcpServer>
#include <QtTest>

#include <map>
#include <set>

namespace {

live::ServerBehaviour quietServer(double latency)
{
    live::ServerBehaviour b;
    b.latency = latency;
    b.rate = 0;
    b.hangEvery = 0;
    return b;
}

lessons::Params params(int requests, int limit, double timeout = 0.3, double backoff = 0.2)
{
    lessons::Params p;
    p.values = {{"requests", requests}, {"limit", limit}, {"timeout", timeout}, {"backoff", backoff}};
    return p;
}

quint16 closedPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    const quint16 port = probe.serverPort();
    probe.close();
    return port;
}

QStringList logLines(const live::LiveResult &result)
{
    return QString::fromStdString(result.log).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

// Every task the trace saw created has finished in the trace as well.
bool everyTaskEnded(const trace::Recorder &recorder, QString *open)
{
    std::set<std::uint32_t> running;
    for (const aio::TraceEvent &e : recorder) {
        if (e.kind == aio::TraceEventKind::TaskCreated)
            running.insert(e.task);
        else if (e.kind == aio::TraceEventKind::TaskFinished)
            running.erase(e.task);
    }
    for (std::uint32_t id : running)
        *open += QStringLiteral("task %1 ").arg(id);
    return running.empty();
}

// One live run from start to end, bounded.
struct Outcome {
    live::LiveResult result;
    live::LiveHttpFigures figures;
};

Outcome runLive(const lessons::Params &p, bool pitfall, const QUrl &base, int timeoutMs = 60000)
{
    live::LiveHttp scenario(p, pitfall, base);
    live::LiveRun run(scenario);
    QString error;
    if (!run.start(&error))
        qFatal("LiveRun::start: %s", qPrintable(error));
    if (!run.waitForFinished(timeoutMs))
        run.stop();
    run.waitForFinished(5000);
    return {run.result(), scenario.measured()};
}

} // namespace

class TestLiveHttp : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void theLiveRunLogsAsTheModelDoes();
    void theServerSeesTheLimitInFlight_data();
    void theServerSeesTheLimitInFlight();
    void oneSessionReusesConnectionsAndThePitfallOpensOnePerRequest();
    void theClientCountsTheConnectionsTheServerAccepted();
    void aHangingRequestTimesOutAndIsRetried();
    void retryAfterIsHonouredAndTheStormGivesUpAfterTheLastAttempt();
    void aServerStoppedMidRunEndsEveryTask();
    void aRefusedConnectionGivesUpWithAClearError();
    void aUrlThatIsNotHttpSendsNothing();
    void stopMidRunAbortsEveryReplyAndEndsTheTraceCleanly();
    void theLiveRangesAreWiderThanTheModels();
};

void TestLiveHttp::theLiveRunLogsAsTheModelDoes()
{
    live::DemoServer server(live::LiveHttp::modelServer());
    QVERIFY(server.start());
    const Outcome o = runLive(params(8, 3), false, server.url());
    QVERIFY2(o.result.error.empty(), o.result.error.c_str());
    QVERIFY(!o.result.stopped);
    const QStringList lines = logLines(o.result);
    QVERIFY(!lines.isEmpty());
    // The model's line shapes, "t=S.SSS ..." and nothing else.
    const QRegularExpression shape(QStringLiteral(
        R"(^t=\d+\.\d{3} (req \d+ attempt \d: (200 OK|(429|timeout|\d{3}), (next try in \d+\.\d{3} s|giving up))|done: \d+ ok, \d+ failed, \d+ sent)$)"));
    for (const QString &line : lines)
        QVERIFY2(shape.match(line).hasMatch(), qPrintable(line));
    QVERIFY(lines.last().contains(QStringLiteral("done: %1 ok, %2 failed, %3 sent")
                                      .arg(o.figures.ok)
                                      .arg(o.figures.failed)
                                      .arg(o.figures.sent)));
    QCOMPARE(o.figures.ok + o.figures.failed, 8);
    // Item 4 is the 4th request of the first second: admitted, and its first attempt hangs.
    QVERIFY2(o.figures.timeouts >= 1, qPrintable(QString::number(o.figures.timeouts)));
    QVERIFY(lines.filter(QStringLiteral("req 4 attempt 1: timeout")).size() == 1);
    QCOMPARE(o.figures.sent, server.stats().requestsReceived);
    QCOMPARE(o.figures.tooMany, server.stats().statuses.value(429));
    // The trace was recorded and ends with the run's end.
    QVERIFY(o.result.recorder && !o.result.recorder->empty());
    QCOMPARE(o.result.recorder->back().kind, aio::TraceEventKind::RunEnd);
    QCOMPARE(o.result.recorder->back().outcome, aio::Outcome::Result);
    QString open;
    QVERIFY2(everyTaskEnded(*o.result.recorder, &open), qPrintable(open));
    QVERIFY(!aio::EventLoop::current()); // the thread is free for the next run
    // The summary figures carry their names.
    const live::LiveHttp scenario(params(8, 3), false, server.url());
    QStringList names;
    for (const live::Figure &f : scenario.figures())
        names << f.name;
    QCOMPARE(names, (QStringList{QStringLiteral("requests sent"), QStringLiteral("ok"), QStringLiteral("failed"),
                                 QStringLiteral("429s"), QStringLiteral("timeouts"), QStringLiteral("errors"),
                                 QStringLiteral("connections opened by the client"), QStringLiteral("total time")}));
}

void TestLiveHttp::theServerSeesTheLimitInFlight_data()
{
    QTest::addColumn<int>("limit");
    QTest::addColumn<int>("requests");
    QTest::newRow("limit 1") << 1 << 3;
    QTest::newRow("limit 7") << 7 << 20;
    QTest::newRow("limit 50") << 50 << 60;
    QTest::newRow("limit 50, 100 requests") << 50 << 100;
}

void TestLiveHttp::theServerSeesTheLimitInFlight()
{
    QFETCH(int, limit);
    QFETCH(int, requests);
    live::DemoServer server(quietServer(0.3));
    QVERIFY(server.start());
    const Outcome o = runLive(params(requests, limit, 1.0), false, server.url());
    QVERIFY2(o.result.error.empty(), o.result.error.c_str());
    QCOMPARE(o.figures.ok, requests);
    QCOMPARE(o.figures.sent, requests);
    QCOMPARE(server.stats().peakInFlight, std::min(limit, requests));
}

void TestLiveHttp::oneSessionReusesConnectionsAndThePitfallOpensOnePerRequest()
{
    live::DemoServer server(quietServer(0.05));
    QVERIFY(server.start());
    const Outcome shared = runLive(params(20, 3), false, server.url());
    QCOMPARE(shared.figures.ok, 20);
    QVERIFY2(server.stats().connectionsAccepted <= 3, qPrintable(QString::number(server.stats().connectionsAccepted)));

    server.resetStats();
    const int before = server.stats().connectionsAccepted;
    const Outcome pitfall = runLive(params(20, 3), true, server.url());
    QCOMPARE(pitfall.figures.ok, 20);
    QCOMPARE(pitfall.figures.sent, 20);
    QCOMPARE(server.stats().connectionsAccepted - before, 20);
    QCOMPARE(pitfall.figures.connectionsOpened, 20);
}

void TestLiveHttp::theClientCountsTheConnectionsTheServerAccepted()
{
    // The model's server: timeouts abort replies (and so their connections), 429s do not.
    live::DemoServer server(live::LiveHttp::modelServer());
    QVERIFY(server.start());
    const Outcome o = runLive(params(12, 4), false, server.url());
    QVERIFY2(o.result.error.empty(), o.result.error.c_str());
    QVERIFY2(o.figures.timeouts >= 1, "the run should have aborted at least one reply");
    QCOMPARE(o.figures.connectionsOpened, server.stats().connectionsAccepted);
    QVERIFY(o.figures.connectionsOpened > 4); // a timed-out attempt costs a new connection

    // The trace carries the same count on the session's "connections" semaphore, which the
    // pool view draws: open never above the limit, every opening counted, none open at the end.
    trace::TraceState state;
    std::int64_t peakOpen = 0;
    for (std::size_t i = 0; i < o.result.recorder->size(); ++i) {
        const aio::TraceEvent &e = (*o.result.recorder)[i];
        state.apply(e);
        if (e.kind == aio::TraceEventKind::ObjectCount)
            peakOpen = std::max(peakOpen, e.value);
    }
    const trace::ObjectInfo *connections = nullptr;
    for (const trace::ObjectInfo &object : state.objects()) {
        if (object.name == "connections")
            connections = &object;
    }
    QVERIFY(connections);
    QVERIFY(connections->is_semaphore());
    QCOMPARE(connections->counted, std::string_view("open"));
    QCOMPARE(connections->count_rises, std::int64_t(o.figures.connectionsOpened));
    QVERIFY2(peakOpen <= 4, qPrintable(QString::number(peakOpen)));
    QCOMPARE(connections->count, std::int64_t(0));
}

void TestLiveHttp::aHangingRequestTimesOutAndIsRetried()
{
    live::ServerBehaviour behaviour = quietServer(0.05);
    behaviour.hangEvery = 2; // attempt 1 of items 2 and 4 hangs
    live::DemoServer server(behaviour);
    QVERIFY(server.start());
    const Outcome o = runLive(params(4, 2, 0.3, 0.2), false, server.url());
    const QStringList lines = logLines(o.result);
    QCOMPARE(o.figures.ok, 4);
    QCOMPARE(o.figures.timeouts, 2);
    QCOMPARE(lines.filter(QRegularExpression(QStringLiteral("req 2 attempt 1: timeout, next try in 0.200 s$"))).size(), 1);
    QCOMPARE(lines.filter(QRegularExpression(QStringLiteral("req 2 attempt 2: 200 OK$"))).size(), 1);
    QCOMPARE(lines.filter(QRegularExpression(QStringLiteral("req 4 attempt 2: 200 OK$"))).size(), 1);
    // The aborted replies closed their connections: the server holds nothing any more.
    QTRY_COMPARE_WITH_TIMEOUT(server.stats().inFlight, 0, 5000);
}

void TestLiveHttp::retryAfterIsHonouredAndTheStormGivesUpAfterTheLastAttempt()
{
    live::ServerBehaviour behaviour = quietServer(0.05);
    behaviour.rate = 1; // one request per second: a storm of 429s
    live::DemoServer server(behaviour);
    QVERIFY(server.start());
    // Backoff alone would retry after 0.1, 0.2, 0.4 s; the server's Retry-After says 1 s.
    const Outcome o = runLive(params(6, 6, 1.0, 0.1), false, server.url());
    QVERIFY2(o.result.error.empty(), o.result.error.c_str());
    const QStringList lines = logLines(o.result);
    const QRegularExpression retry(QStringLiteral(R"(req \d+ attempt (\d): 429, next try in (\d+\.\d{3}) s$)"));
    int retries = 0;
    for (const QString &line : lines) {
        const QRegularExpressionMatch m = retry.match(line);
        if (!m.hasMatch())
            continue;
        ++retries;
        QVERIFY2(m.captured(2).toDouble() >= 1.0, qPrintable(line)); // Retry-After, not the backoff
    }
    QVERIFY(retries >= 5);
    QVERIFY(o.figures.failed >= 1);
    QVERIFY(!lines.filter(QRegularExpression(QStringLiteral("attempt 4: 429, giving up$"))).isEmpty());
    QVERIFY(lines.filter(QRegularExpression(QStringLiteral("attempt 5"))).isEmpty());
    QCOMPARE(o.figures.tooMany, server.stats().statuses.value(429));
    QCOMPARE(o.figures.sent, server.stats().requestsReceived);
    QCOMPARE(o.figures.ok + o.figures.failed, 6);
}

void TestLiveHttp::aServerStoppedMidRunEndsEveryTask()
{
    live::DemoServer server(quietServer(0.5));
    QVERIFY(server.start());
    live::LiveHttp scenario(params(6, 3, 1.0, 0.1), false, server.url());
    live::LiveRun run(scenario);
    QVERIFY(run.start());
    QTRY_VERIFY_WITH_TIMEOUT(server.stats().requestsReceived >= 3, 10000);
    server.stop();
    QVERIFY(run.waitForFinished(30000));
    const live::LiveResult &result = run.result();
    QVERIFY2(result.error.empty(), result.error.c_str());
    const live::LiveHttpFigures &f = scenario.measured();
    QCOMPARE(f.ok + f.failed, 6);
    QVERIFY(f.failed >= 1);
    QVERIFY(f.errors >= 1);
    QVERIFY(!f.lastError.isEmpty());
    QVERIFY(QString::fromStdString(result.log).contains(QStringLiteral(": failed (")));
    QString open;
    QVERIFY2(everyTaskEnded(*result.recorder, &open), qPrintable(open));
    QVERIFY(!aio::EventLoop::current());
}

void TestLiveHttp::aRefusedConnectionGivesUpWithAClearError()
{
    const quint16 port = closedPort();
    QVERIFY(port != 0);
    const Outcome o = runLive(params(2, 2, 1.0, 0.1), false, QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
    QVERIFY2(o.result.error.empty(), o.result.error.c_str());
    QCOMPARE(o.figures.failed, 2);
    QCOMPARE(o.figures.responses, 0);
    QCOMPARE(o.figures.errors, 2 * live::LiveHttp::maxAttempts);
    QVERIFY2(o.figures.lastError.contains(QStringLiteral("refused"), Qt::CaseInsensitive), qPrintable(o.figures.lastError));
    const QStringList lines = logLines(o.result);
    QCOMPARE(lines.filter(QStringLiteral("giving up")).size(), 2);
    QVERIFY(lines.last().endsWith(QStringLiteral("done: 0 ok, 2 failed, 8 sent")));
}

void TestLiveHttp::aUrlThatIsNotHttpSendsNothing()
{
    const Outcome o = runLive(params(2, 2, 1.0, 0.1), false, QUrl(QStringLiteral("ftp://x")));
    QCOMPARE(o.figures.failed, 2);
    QCOMPARE(o.figures.sent, 0);
    QVERIFY(o.figures.lastError.contains(QStringLiteral("not an http(s) URL")));
    QVERIFY(logLines(o.result).last().endsWith(QStringLiteral("done: 0 ok, 2 failed, 0 sent")));
}

void TestLiveHttp::stopMidRunAbortsEveryReplyAndEndsTheTraceCleanly()
{
    live::ServerBehaviour behaviour = quietServer(0.05);
    behaviour.hangEvery = 1; // every first attempt hangs: the run is all waiting
    live::DemoServer server(behaviour);
    QVERIFY(server.start());
    live::LiveHttp scenario(params(6, 3, 1.0, 0.2), false, server.url());
    live::LiveRun run(scenario);
    int advances = 0;
    connect(&run, &live::LiveRun::advanced, this, [&] { ++advances; });
    QVERIFY(run.start());
    QVERIFY(!run.start()); // one run at a time
    QTRY_VERIFY_WITH_TIMEOUT(server.stats().inFlight == 3, 10000);
    // Recorded as it happens: the events are there while the run goes on.
    QVERIFY(run.recorder()->size() > 0);
    QVERIFY(advances > 0);
    QVERIFY(run.isRunning());

    run.stop();
    QVERIFY(run.waitForFinished(5000));
    QVERIFY(!run.isRunning());
    const live::LiveResult &result = run.result();
    QVERIFY(result.stopped);
    QVERIFY2(result.error.empty(), result.error.c_str());
    QCOMPARE(result.recorder->back().kind, aio::TraceEventKind::RunEnd);
    QCOMPARE(result.recorder->back().outcome, aio::Outcome::Cancelled);
    QString open;
    QVERIFY2(everyTaskEnded(*result.recorder, &open), qPrintable(open));
    QVERIFY(!aio::EventLoop::current());
    // Every reply was aborted: the server sees its connections close, nothing stays in flight.
    QTRY_COMPARE_WITH_TIMEOUT(server.stats().inFlight, 0, 5000);
    QCOMPARE(server.stats().requestsReceived, 3);
}

void TestLiveHttp::theLiveRangesAreWiderThanTheModels()
{
    const lessons::Lesson *model = lessons::find("http");
    QVERIFY(model);
    const auto range = [](const std::vector<lessons::Parameter> &ps, const std::string &id) {
        for (const lessons::Parameter &p : ps)
            if (p.id == id)
                return p.max;
        return -1.0;
    };
    QVERIFY(range(live::LiveHttp::parameters(), "requests") >= 100);
    QCOMPARE(range(live::LiveHttp::parameters(), "limit"), 50.0);
    QCOMPARE(range(model->parameters, "requests"), 12.0); // the model keeps its own
    QCOMPARE(range(model->parameters, "limit"), 4.0);
    QCOMPARE(live::LiveHttp::lesson().parameters.size(), model->parameters.size());
}

QTEST_GUILESS_MAIN(TestLiveHttp)
#include "tst_livehttp.moc"
