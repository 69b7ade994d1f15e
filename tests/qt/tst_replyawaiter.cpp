// qtaio::awaitReply: an aio task fetches over QNetworkAccessManager from a
// QHttpServer on 127.0.0.1 (ephemeral port; loopback only).
#include "qtaio/networkerror.h"
#include "qtaio/qtdriver.h"
#include "qtaio/replyawaiter.h"

#include "recordingsink.h"

#include "aio/errors.hpp"
#include "aio/task.hpp"

#include <QHttpServer>
#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QTcpServer>
#include <QtTest>

#include <memory>
#include <vector>

using qtaio::QtDriver;

namespace {

const QByteArray kGreeting = "hello from Dirigent";

aio::Task<qtaio::HttpResponse> fetch(QNetworkAccessManager* manager, QUrl url, QPointer<QNetworkReply>* sent = nullptr) {
    QNetworkReply* reply = manager->get(QNetworkRequest(url));
    if (sent) *sent = reply;
    co_return co_await qtaio::awaitReply(reply);
}

// The manager talks to 127.0.0.1 directly, whatever proxy the environment names.
void useNoProxy(QNetworkAccessManager& manager) { manager.setProxy(QNetworkProxy(QNetworkProxy::NoProxy)); }

}  // namespace

class TestReplyAwaiter : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void aTaskFetchesTheBodyFromALocalServer();
    void anHttpErrorStatusIsAResponseNotAnException();
    void cancellingTheTaskAbortsThePendingReply();
    void aRefusedConnectionRaisesNetworkError();

private:
    QUrl url(const QString& path) const {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path));
    }

    QHttpServer m_server;
    quint16 m_port = 0;
    int m_parkedRequests = 0;
    std::vector<std::unique_ptr<QHttpServerResponder>> m_parked;  // requests never answered
};

void TestReplyAwaiter::initTestCase() {
    m_server.route("/hello", [] { return QHttpServerResponse("text/plain", kGreeting); });
    m_server.route("/never", [this](QHttpServerResponder&& responder) {
        ++m_parkedRequests;
        m_parked.push_back(std::make_unique<QHttpServerResponder>(std::move(responder)));
    });
    m_port = m_server.listen(QHostAddress::LocalHost, 0);
    QVERIFY2(m_port != 0, "the test server could not listen on 127.0.0.1");
}

void TestReplyAwaiter::cleanupTestCase() { m_parked.clear(); }

void TestReplyAwaiter::aTaskFetchesTheBodyFromALocalServer() {
    RecordingSink sink;
    QNetworkAccessManager manager;
    useNoProxy(manager);
    QtDriver driver;
    driver.loop().set_sink(&sink);

    aio::Task<qtaio::HttpResponse> task = driver.start(fetch(&manager, url(QStringLiteral("/hello"))));
    QVERIFY(driver.runUntilComplete(task, 10000));

    const qtaio::HttpResponse& response = task.result();
    QCOMPARE(response.statusCode, 200);
    QVERIFY(response.ok());
    QCOMPARE(response.body, kGreeting);
    QCOMPARE(response.url, url(QStringLiteral("/hello")));
    QCOMPARE(driver.loop().external(), 0);
    // The trace shows a wait on I/O named after the request, at the co_await's line.
    const auto waits = sink.suspensions(aio::WaitKind::IO);
    QCOMPARE(waits.size(), std::size_t(1));
    QCOMPARE(QString::fromStdString(sink.objectName(waits[0].object)),
             QStringLiteral("GET ") + url(QStringLiteral("/hello")).toString());
    QVERIFY(QByteArray(waits[0].file).endsWith("tst_replyawaiter.cpp"));
    driver.loop().set_sink(nullptr);
}

void TestReplyAwaiter::anHttpErrorStatusIsAResponseNotAnException() {
    QNetworkAccessManager manager;
    useNoProxy(manager);
    QtDriver driver;
    aio::Task<qtaio::HttpResponse> task = driver.start(fetch(&manager, url(QStringLiteral("/no-such-page"))));
    QVERIFY(driver.runUntilComplete(task, 10000));
    QCOMPARE(task.result().statusCode, 404);
    QVERIFY(!task.result().ok());
}

void TestReplyAwaiter::cancellingTheTaskAbortsThePendingReply() {
    QNetworkAccessManager manager;
    useNoProxy(manager);
    QtDriver driver;
    QPointer<QNetworkReply> reply;
    const int parkedBefore = m_parkedRequests;
    aio::Task<qtaio::HttpResponse> task = driver.start(fetch(&manager, url(QStringLiteral("/never")), &reply));
    // Wait until the server holds the request: the task is then suspended on the reply.
    QVERIFY(driver.runUntil([&] { return m_parkedRequests > parkedBefore; }, 10000));
    QVERIFY(reply);
    QVERIFY(!reply->isFinished());
    QCOMPARE(driver.loop().external(), 1);

    QVERIFY(task.cancel());
    QVERIFY(driver.runUntilComplete(task, 5000));
    QVERIFY(task.cancelled());
    QVERIFY(reply);
    QVERIFY(reply->isFinished());
    QCOMPARE(reply->error(), QNetworkReply::OperationCanceledError);
    QCOMPARE(driver.loop().external(), 0);
}

void TestReplyAwaiter::aRefusedConnectionRaisesNetworkError() {
    // A port that was free a moment ago: listen, note it, close.
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 closedPort = probe.serverPort();
    probe.close();

    QNetworkAccessManager manager;
    useNoProxy(manager);
    QtDriver driver;
    const QUrl target(QStringLiteral("http://127.0.0.1:%1/").arg(closedPort));
    aio::Task<qtaio::HttpResponse> task = driver.start(fetch(&manager, target));
    QVERIFY(driver.runUntilComplete(task, 10000));

    QVERIFY(!task.cancelled());
    QVERIFY(task.exception());
    try {
        task.result();
        QFAIL("a refused connection gave a response");
    } catch (const qtaio::NetworkError& e) {
        QCOMPARE(e.code(), QNetworkReply::ConnectionRefusedError);
        QCOMPARE(QString::fromUtf8(e.what()), QStringLiteral("Connection refused"));
        QCOMPARE(e.url(), target);
    }
    QCOMPARE(aio::describe(task.exception()), std::string("NetworkError: Connection refused"));
}

QTEST_GUILESS_MAIN(TestReplyAwaiter)
#include "tst_replyawaiter.moc"
