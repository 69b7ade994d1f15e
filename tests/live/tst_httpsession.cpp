// live::HttpSession against the in-process DemoServer (127.0.0.1, a free port): real
// concurrency at the server, connection reuse, timeouts that abort, and every fault that
// brings no HTTP response. Every wait is bounded (runUntil's timeout, CTest's TIMEOUT).
#include "live/DemoServer.h"
#include "live/HttpSession.h"

#include <aio/aio.hpp>
#include <qtaio/networkerror.h>
#include <qtaio/qtdriver.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QtTest>

#include <memory>
#include <optional>
#include <vector>

using qtaio::QtDriver;

namespace {

// What one get() came to, whatever it was.
struct Outcome {
    int status = 0;
    std::optional<double> retryAfter;
    QByteArray body;
    bool timedOut = false;
    QNetworkReply::NetworkError code = QNetworkReply::NoError;
    QString error; // NetworkError's message
};

aio::Task<Outcome> fetch(live::HttpSession *session, QUrl url, std::optional<double> timeout = std::nullopt)
{
    Outcome outcome;
    try {
        live::HttpResponse response = co_await aio::wait_for(session->get(url), timeout);
        outcome.status = response.status;
        outcome.retryAfter = response.retryAfter;
        outcome.body = response.body;
    } catch (const aio::TimeoutError &) {
        outcome.timedOut = true;
    } catch (const qtaio::NetworkError &e) {
        outcome.code = e.code();
        outcome.error = QString::fromUtf8(e.what());
    }
    co_return outcome;
}

aio::Task<std::vector<Outcome>> fetchAll(std::vector<aio::Task<Outcome>> tasks)
{
    co_return co_await aio::gather(std::move(tasks));
}

QUrl item(const QUrl &base, int i, int attempt = 1)
{
    QUrl url = base;
    url.setPath(QStringLiteral("/item/%1").arg(i));
    url.setQuery(QStringLiteral("attempt=%1").arg(attempt));
    return url;
}

// A port nobody listens on: bound a moment ago, then closed.
quint16 closedPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    const quint16 port = probe.serverPort();
    probe.close();
    return port;
}

live::ServerBehaviour quietServer(double latency)
{
    live::ServerBehaviour b;
    b.latency = latency;
    b.rate = 0;      // no rate limit
    b.hangEvery = 0; // nothing hangs
    return b;
}

} // namespace

class TestHttpSession : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void theServerSeesMinOfLimitAndRequestsInFlight_data();
    void theServerSeesMinOfLimitAndRequestsInFlight();
    void oneSessionReusesItsConnections();
    void aSessionPerRequestOpensAConnectionPerRequest();
    void aTimeoutAbortsTheHangingReplyAndFreesItsSlot();
    void cancellingAWaitingRequestSendsNothing();
    void retryAfterIsReadAsSeconds();
    void theBodyAndHeadersArrive();
    void aServerStoppedMidRunEndsEveryRequestWithAnError();
    void aMalformedResponseIsANetworkError();
    void aRefusedConnectionIsANetworkError();
    void aUrlThatIsNotHttpIsRefusedBeforeAnythingIsSent();
};

void TestHttpSession::theServerSeesMinOfLimitAndRequestsInFlight_data()
{
    QTest::addColumn<int>("limit");
    QTest::addColumn<int>("requests");
    // Enough requests that each limit must be filled more than once (and reused), except
    // the last row, where there are fewer requests than the limit.
    QTest::newRow("limit 1") << 1 << 4;
    QTest::newRow("limit 3") << 3 << 10;
    QTest::newRow("limit 6") << 6 << 20;
    QTest::newRow("limit 7") << 7 << 22;
    QTest::newRow("limit 20") << 20 << 60;
    QTest::newRow("limit 50") << 50 << 60;
    QTest::newRow("limit 50, 30 requests") << 50 << 30;
}

void TestHttpSession::theServerSeesMinOfLimitAndRequestsInFlight()
{
    QFETCH(int, limit);
    QFETCH(int, requests);
    // A whole second per answer: even on a loaded machine every request of a wave is sent
    // long before the first answer, so the peak is the limit, not the machine's speed.
    live::DemoServer server(quietServer(1.0));
    QString error;
    QVERIFY2(server.start(0, &error), qPrintable(error));
    QtDriver driver;
    live::HttpSession session(limit);
    QCOMPARE(session.managerCount(), (limit + 5) / 6);

    std::vector<aio::Task<Outcome>> tasks;
    for (int i = 1; i <= requests; ++i)
        tasks.push_back(fetch(&session, item(server.url(), i)));
    int peakWaiting = 0;
    connect(&session, &live::HttpSession::changed, this, [&] { peakWaiting = std::max(peakWaiting, session.waiting()); });
    aio::Task<std::vector<Outcome>> all = driver.start(fetchAll(std::move(tasks)));
    QVERIFY(driver.runUntilComplete(all, 60000));

    for (const Outcome &o : all.result())
        QCOMPARE(o.status, 200);
    const live::ServerStats stats = server.stats();
    QCOMPARE(stats.requestsReceived, requests);
    QCOMPARE(stats.peakInFlight, std::min(limit, requests));
    QCOMPARE(session.peakInFlight(), std::min(limit, requests));
    QCOMPARE(session.sent(), requests);
    QCOMPARE(peakWaiting, std::max(0, requests - limit));
    // Each request in flight needs a connection; least-busy-first keeps the managers level,
    // so none opens more than its share: ceil(limit / managers) each.
    const int managers = session.managerCount();
    const int share = (std::min(limit, requests) + managers - 1) / managers;
    QVERIFY2(stats.connectionsAccepted >= std::min(limit, requests), qPrintable(QString::number(stats.connectionsAccepted)));
    QVERIFY2(stats.connectionsAccepted <= managers * share, qPrintable(QString::number(stats.connectionsAccepted)));
    QCOMPARE(session.inFlight(), 0);
    QCOMPARE(driver.loop().external(), 0);
}

void TestHttpSession::oneSessionReusesItsConnections()
{
    live::DemoServer server(quietServer(0.05));
    QVERIFY(server.start());
    QtDriver driver;
    live::HttpSession session(3);
    // Three rounds of three: the second and third rounds ride on the first round's connections.
    for (int round = 0; round < 3; ++round) {
        std::vector<aio::Task<Outcome>> tasks;
        for (int i = 1; i <= 3; ++i)
            tasks.push_back(fetch(&session, item(server.url(), round * 3 + i)));
        aio::Task<std::vector<Outcome>> all = driver.start(fetchAll(std::move(tasks)));
        QVERIFY(driver.runUntilComplete(all, 10000));
        for (const Outcome &o : all.result())
            QCOMPARE(o.status, 200);
    }
    QCOMPARE(server.stats().requestsReceived, 9);
    QVERIFY2(server.stats().connectionsAccepted <= 3, qPrintable(QString::number(server.stats().connectionsAccepted)));
}

void TestHttpSession::aSessionPerRequestOpensAConnectionPerRequest()
{
    live::DemoServer server(quietServer(0.05));
    QVERIFY(server.start());
    QtDriver driver;
    for (int i = 1; i <= 5; ++i) {
        live::HttpSession session(3); // the mistake: a new session for every request
        aio::Task<Outcome> task = driver.start(fetch(&session, item(server.url(), i)));
        QVERIFY(driver.runUntilComplete(task, 10000));
        QCOMPARE(task.result().status, 200);
    }
    QCOMPARE(server.stats().requestsReceived, 5);
    QCOMPARE(server.stats().connectionsAccepted, 5);
}

void TestHttpSession::aTimeoutAbortsTheHangingReplyAndFreesItsSlot()
{
    live::ServerBehaviour behaviour = quietServer(0.05);
    behaviour.hangEvery = 1; // attempt 1 of every item hangs
    live::DemoServer server(behaviour);
    QVERIFY(server.start());
    QtDriver driver;
    live::HttpSession session(1); // one slot: the retry gets it only if the timeout freed it

    aio::Task<Outcome> first = driver.start(fetch(&session, item(server.url(), 1, 1), 0.3));
    QVERIFY(driver.runUntilComplete(first, 10000));
    QVERIFY(first.result().timedOut);
    QCOMPARE(session.inFlight(), 0);
    QCOMPARE(session.waiting(), 0);
    QCOMPARE(driver.loop().external(), 0);
    // The abort closed the connection: the server no longer holds the request.
    QVERIFY(driver.runUntil([&] { return server.stats().inFlight == 0; }, 5000));

    aio::Task<Outcome> retry = driver.start(fetch(&session, item(server.url(), 1, 2), 2.0));
    QVERIFY(driver.runUntilComplete(retry, 10000));
    QCOMPARE(retry.result().status, 200);
    QCOMPARE(server.stats().requestsReceived, 2);
}

void TestHttpSession::cancellingAWaitingRequestSendsNothing()
{
    live::ServerBehaviour behaviour = quietServer(0.05);
    behaviour.hangEvery = 1;
    live::DemoServer server(behaviour);
    QVERIFY(server.start());
    QtDriver driver;
    live::HttpSession session(1);

    aio::Task<Outcome> holder = driver.start(fetch(&session, item(server.url(), 1)));
    aio::Task<Outcome> waiter = driver.start(fetch(&session, item(server.url(), 2)));
    QVERIFY(driver.runUntil([&] { return server.stats().requestsReceived == 1 && session.waiting() == 1; }, 10000));
    QVERIFY(waiter.cancel());
    QVERIFY(driver.runUntilComplete(waiter, 5000));
    QVERIFY(waiter.cancelled());
    QCOMPARE(session.waiting(), 0);
    QCOMPARE(session.sent(), 1);
    QVERIFY(holder.cancel());
    QVERIFY(driver.runUntilComplete(holder, 5000));
    QVERIFY(holder.cancelled());
    QCOMPARE(session.inFlight(), 0);
    QCOMPARE(driver.loop().external(), 0);
    QVERIFY(driver.runUntil([&] { return server.stats().inFlight == 0; }, 5000));
    QCOMPARE(server.stats().requestsReceived, 1);
}

void TestHttpSession::retryAfterIsReadAsSeconds()
{
    live::ServerBehaviour behaviour = quietServer(0.05);
    behaviour.rate = 1; // one request per second: the rest of a burst gets 429
    live::DemoServer server(behaviour);
    QVERIFY(server.start());
    QtDriver driver;
    live::HttpSession session(4);
    std::vector<aio::Task<Outcome>> tasks;
    for (int i = 1; i <= 4; ++i)
        tasks.push_back(fetch(&session, item(server.url(), i)));
    aio::Task<std::vector<Outcome>> all = driver.start(fetchAll(std::move(tasks)));
    QVERIFY(driver.runUntilComplete(all, 10000));
    int tooMany = 0;
    for (const Outcome &o : all.result()) {
        if (o.status != 429) {
            QCOMPARE(o.status, 200);
            QVERIFY(!o.retryAfter);
            continue;
        }
        ++tooMany;
        QVERIFY(o.retryAfter);
        QVERIFY2(*o.retryAfter > 0 && *o.retryAfter <= 1.0, qPrintable(QString::number(*o.retryAfter)));
    }
    QVERIFY(tooMany >= 1);

    QCOMPARE(live::HttpResponse::parseRetryAfter("2"), std::optional<double>(2.0));
    QCOMPARE(live::HttpResponse::parseRetryAfter(" 0.5 "), std::optional<double>(0.5));
    QCOMPARE(live::HttpResponse::parseRetryAfter("Sun, 06 Nov 1994 08:49:37 GMT"), std::optional<double>(0.0));
    QVERIFY(!live::HttpResponse::parseRetryAfter("soon"));
    QVERIFY(!live::HttpResponse::parseRetryAfter("-1"));
}

void TestHttpSession::theBodyAndHeadersArrive()
{
    live::DemoServer server(quietServer(0.0));
    QVERIFY(server.start());
    QtDriver driver;
    live::HttpSession session;
    auto get = [&session](QUrl url) -> aio::Task<live::HttpResponse> { co_return co_await session.get(url); };
    aio::Task<live::HttpResponse> task = driver.start(get(item(server.url(), 7, 2)));
    QVERIFY(driver.runUntilComplete(task, 10000));
    const live::HttpResponse &response = task.result();
    QCOMPARE(response.status, 200);
    QVERIFY(response.ok());
    QVERIFY(response.header("content-type").contains("json"));
    QCOMPARE(response.header("CONTENT-TYPE"), response.header("Content-Type"));
    const QJsonObject body = QJsonDocument::fromJson(response.body).object();
    QCOMPARE(body.value(QStringLiteral("item")).toInt(), 7);
    QCOMPARE(body.value(QStringLiteral("attempt")).toInt(), 2);

    QUrl missing = server.url();
    missing.setPath(QStringLiteral("/no-such-page"));
    aio::Task<live::HttpResponse> notFound = driver.start(get(missing));
    QVERIFY(driver.runUntilComplete(notFound, 10000));
    QCOMPARE(notFound.result().status, 404); // a status, not an exception
}

void TestHttpSession::aServerStoppedMidRunEndsEveryRequestWithAnError()
{
    live::ServerBehaviour behaviour = quietServer(0.05);
    behaviour.hangEvery = 1;
    live::DemoServer server(behaviour);
    QVERIFY(server.start());
    QtDriver driver;
    live::HttpSession session(3);
    std::vector<aio::Task<Outcome>> tasks;
    for (int i = 1; i <= 3; ++i)
        tasks.push_back(fetch(&session, item(server.url(), i)));
    aio::Task<std::vector<Outcome>> all = driver.start(fetchAll(std::move(tasks)));
    QVERIFY(driver.runUntil([&] { return server.stats().inFlight == 3; }, 10000));
    server.stop();
    QVERIFY(driver.runUntilComplete(all, 10000));
    for (const Outcome &o : all.result()) {
        QCOMPARE(o.status, 0);
        QVERIFY(o.code != QNetworkReply::NoError);
        QVERIFY(!o.error.isEmpty());
    }
    QCOMPARE(session.inFlight(), 0);
    QCOMPARE(driver.loop().external(), 0);
}

void TestHttpSession::aMalformedResponseIsANetworkError()
{
    live::DemoServer server(quietServer(0.0));
    QVERIFY(server.start());
    QtDriver driver;
    live::HttpSession session;
    QUrl url = server.url();
    url.setPath(QStringLiteral("/malformed"));
    aio::Task<Outcome> task = driver.start(fetch(&session, url, 5.0));
    QVERIFY(driver.runUntilComplete(task, 10000));
    QVERIFY(!task.result().timedOut);
    QCOMPARE(task.result().status, 0);
    QVERIFY(task.result().code != QNetworkReply::NoError);
    QVERIFY(!task.result().error.isEmpty());
    qInfo() << "malformed:" << task.result().code << task.result().error;
}

void TestHttpSession::aRefusedConnectionIsANetworkError()
{
    const quint16 port = closedPort();
    QVERIFY(port != 0);
    QtDriver driver;
    live::HttpSession session;
    const QUrl url(QStringLiteral("http://127.0.0.1:%1/item/1?attempt=1").arg(port));
    aio::Task<Outcome> task = driver.start(fetch(&session, url, 5.0));
    QVERIFY(driver.runUntilComplete(task, 10000));
    QCOMPARE(task.result().code, QNetworkReply::ConnectionRefusedError);
    QVERIFY2(task.result().error.contains(QStringLiteral("refused"), Qt::CaseInsensitive), qPrintable(task.result().error));
    QCOMPARE(session.inFlight(), 0);
    QCOMPARE(driver.loop().external(), 0);
}

void TestHttpSession::aUrlThatIsNotHttpIsRefusedBeforeAnythingIsSent()
{
    QtDriver driver;
    live::HttpSession session;
    for (const QString &text : {QStringLiteral("ftp://x/file"), QStringLiteral("file:///etc/hostname"),
                                QStringLiteral("not a url"), QStringLiteral("http://")}) {
        const QUrl url(text);
        QVERIFY2(!live::HttpSession::checkUrl(url).isEmpty(), qPrintable(text));
        aio::Task<Outcome> task = driver.start(fetch(&session, url));
        QVERIFY(driver.runUntilComplete(task, 5000));
        QCOMPARE(task.result().code, QNetworkReply::ProtocolUnknownError);
        QVERIFY2(task.result().error.contains(QStringLiteral("http")), qPrintable(task.result().error));
    }
    QCOMPARE(session.sent(), 0);
    QVERIFY(live::HttpSession::checkUrl(QUrl(QStringLiteral("http://127.0.0.1:8080/"))).isEmpty());
    QVERIFY(live::HttpSession::checkUrl(QUrl(QStringLiteral("HTTPS://example.org"))).isEmpty());
}

QTEST_GUILESS_MAIN(TestHttpSession)
#include "tst_httpsession.moc"
