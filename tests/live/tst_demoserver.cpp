// live::DemoServer against clients in this test: raw QTcpSockets (to see keep-alive, hanging
// requests and bytes that are not HTTP) and a QNetworkAccessManager. The server binds
// 127.0.0.1 only, on a free port; every server is stopped when its test function ends
// (the DemoServer lives on the stack), every wait is bounded.
#include "live/DemoServer.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkInterface>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QtTest>

#include <memory>
#include <vector>

using live::DemoServer;
using live::ServerBehaviour;
using live::ServerEvent;

namespace {

constexpr int waitMs = 5000;

struct Response {
    bool complete = false;
    int status = 0;
    QMap<QByteArray, QByteArray> headers; // names in lower case
    QByteArray body;
};

ServerBehaviour quiet(double latency = 0.0)
{
    ServerBehaviour b;
    b.latency = latency;
    b.rate = 0;
    b.hangEvery = 0;
    return b;
}

bool connectTo(QTcpSocket &socket, const QHostAddress &address, quint16 port)
{
    socket.setProxy(QNetworkProxy::NoProxy);
    socket.connectToHost(address, port);
    return socket.waitForConnected(waitMs);
}

void send(QTcpSocket &socket, const QByteArray &target, const QByteArray &extra = {})
{
    socket.write("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extra + "\r\n");
    socket.flush();
}

// One HTTP/1.1 answer with a Content-Length, read with a bounded wait.
Response readResponse(QTcpSocket &socket, int timeoutMs = waitMs)
{
    Response r;
    QByteArray buffer;
    QElapsedTimer clock;
    clock.start();
    qsizetype headerEnd = -1;
    qsizetype length = -1;
    while (clock.elapsed() < timeoutMs) {
        if (socket.bytesAvailable() == 0 && !socket.waitForReadyRead(int(timeoutMs - clock.elapsed()))) break;
        buffer += socket.read(qMin<qint64>(socket.bytesAvailable(), 1 << 16));
        if (headerEnd < 0) {
            headerEnd = buffer.indexOf("\r\n\r\n");
            if (headerEnd < 0) continue;
            const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
            r.status = lines.value(0).split(' ').value(1).toInt();
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const qsizetype colon = lines[i].indexOf(':');
                r.headers.insert(lines[i].left(colon).trimmed().toLower(), lines[i].mid(colon + 1).trimmed());
            }
            length = r.headers.value("content-length").toLongLong();
        }
        if (headerEnd >= 0 && buffer.size() >= headerEnd + 4 + length) {
            r.body = buffer.mid(headerEnd + 4, length);
            // What belongs to a later answer stays unread: this reads exactly one.
            r.complete = buffer.size() == headerEnd + 4 + length;
            return r;
        }
    }
    return r;
}

Response get(QTcpSocket &socket, const QByteArray &target)
{
    send(socket, target);
    return readResponse(socket);
}

} // namespace

class TestDemoServer : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void bindsToLoopbackOnly();
    void keepAliveServesManyRequestsOnOneConnection();
    void oneNetworkAccessManagerReusesItsConnection();
    void latencyAnswersManyRequestsAtOnce();
    void overTheRateAnswers429WithRetryAfter();
    void aHangingItemStaysUnansweredUntilTheClientCloses();
    void aRetryRightAfterGivingUpOnAHangIsNotCountedTwice();
    void malformedAnswersBytesThatAreNotHttpAndCloses();
    void unknownPathsAre404();
    void errorsAreSeededPerItemAndAttempt();
    void eventsArriveOnTheOwnersThreadInOrder();
    void stopClosesEverythingAndIsIdempotent();
    void aTakenPortFailsWithAMessage();
};

void TestDemoServer::bindsToLoopbackOnly()
{
    DemoServer server(quiet());
    QString error;
    QVERIFY2(server.start(0, &error), qPrintable(error));
    QVERIFY(server.port() != 0);
    QCOMPARE(server.address(), QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(server.url(), QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server.port())));

    // The kernel's own view of the listening socket: exactly one, on 127.0.0.1, none on IPv6.
    QFile tcp(QStringLiteral("/proc/net/tcp"));
    if (tcp.open(QIODevice::ReadOnly)) {
        const QByteArray port = QByteArray::number(server.port(), 16).toUpper().rightJustified(4, '0');
        QStringList listening;
        for (const QByteArray &line : tcp.readAll().split('\n')) {
            const QList<QByteArray> f = line.simplified().split(' ');
            if (f.size() > 3 && f[3] == "0A" && f[1].endsWith(":" + port)) listening << QString::fromLatin1(f[1]);
        }
        QCOMPARE(listening, QStringList{QStringLiteral("0100007F:%1").arg(QString::fromLatin1(port))});
    }

    QTcpSocket ok;
    QVERIFY(connectTo(ok, QHostAddress::LocalHost, server.port()));

    // Other local addresses of this machine are refused: 127.0.0.2 and ::1 are always local
    // on Linux, and so is every address of the machine's interfaces.
    QList<QHostAddress> others{QHostAddress(QStringLiteral("127.0.0.2")), QHostAddress(QHostAddress::LocalHostIPv6)};
    for (const QHostAddress &a : QNetworkInterface::allAddresses())
        if (a != QHostAddress(QHostAddress::LocalHost) && a.scopeId().isEmpty()) others << a;
    for (const QHostAddress &other : others) {
        QTcpSocket socket;
        QVERIFY2(!connectTo(socket, other, server.port()), qPrintable(other.toString() + " was accepted"));
    }
    QTRY_COMPARE_WITH_TIMEOUT(server.stats().connectionsAccepted, 1, waitMs);
}

void TestDemoServer::keepAliveServesManyRequestsOnOneConnection()
{
    DemoServer server(quiet(0.01));
    QVERIFY(server.start());
    QTcpSocket socket;
    QVERIFY(connectTo(socket, QHostAddress::LocalHost, server.port()));
    for (int i = 1; i <= 5; ++i) {
        const Response r = get(socket, "/item/" + QByteArray::number(i) + "?attempt=1");
        QVERIFY(r.complete);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.headers.value("connection"), QByteArray("keep-alive"));
        QCOMPARE(QJsonDocument::fromJson(r.body).object().value("item").toInt(), i);
    }
    // Two requests written at once are answered in order, on the same connection.
    send(socket, "/item/6");
    send(socket, "/item/7");
    QCOMPARE(QJsonDocument::fromJson(readResponse(socket).body).object().value("item").toInt(), 6);
    QCOMPARE(QJsonDocument::fromJson(readResponse(socket).body).object().value("item").toInt(), 7);

    const live::ServerStats stats = server.stats();
    QCOMPARE(stats.connectionsAccepted, 1);
    QCOMPARE(stats.connectionsOpen, 1);
    QCOMPARE(stats.requestsReceived, 7);
    QCOMPARE(stats.statuses.value(200), 7);
    QCOMPARE(stats.inFlight, 0);

    // "Connection: close" is honoured: answered, then closed by the server.
    send(socket, "/item/8", "Connection: close\r\n");
    const Response last = readResponse(socket);
    QCOMPARE(last.status, 200);
    QCOMPARE(last.headers.value("connection"), QByteArray("close"));
    QVERIFY(socket.state() == QAbstractSocket::UnconnectedState || socket.waitForDisconnected(waitMs));
    QTRY_COMPARE_WITH_TIMEOUT(server.stats().connectionsOpen, 0, waitMs);
}

void TestDemoServer::oneNetworkAccessManagerReusesItsConnection()
{
    DemoServer server(quiet(0.01));
    QVERIFY(server.start());
    QNetworkAccessManager manager;
    manager.setProxy(QNetworkProxy(QNetworkProxy::NoProxy));
    for (int i = 1; i <= 5; ++i) {
        std::unique_ptr<QNetworkReply> reply(
            manager.get(QNetworkRequest(server.url().resolved(QUrl(QStringLiteral("/item/%1").arg(i))))));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        QVERIFY(finished.wait(waitMs));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    }
    QCOMPARE(server.stats().connectionsAccepted, 1);
    QCOMPARE(server.stats().requestsReceived, 5);
}

void TestDemoServer::latencyAnswersManyRequestsAtOnce()
{
    // Long enough that every client has sent its request before the first answer is due,
    // even on a busy machine.
    DemoServer server(quiet(3.0));
    QVERIFY(server.start());
    constexpr int clients = 12;
    std::vector<std::unique_ptr<QTcpSocket>> sockets;
    for (int i = 1; i <= clients; ++i) {
        sockets.push_back(std::make_unique<QTcpSocket>());
        QVERIFY(connectTo(*sockets.back(), QHostAddress::LocalHost, server.port()));
        send(*sockets.back(), "/item/" + QByteArray::number(i));
    }
    // All of them wait inside the latency together: the server thread never sleeps.
    QTRY_COMPARE_WITH_TIMEOUT(server.stats().inFlight, clients, waitMs);
    for (auto &socket : sockets) QCOMPARE(readResponse(*socket).status, 200);
    QCOMPARE(server.stats().peakInFlight, clients);
    QCOMPARE(server.stats().inFlight, 0);

    server.resetStats();
    QCOMPARE(server.stats().peakInFlight, 0);
    QCOMPARE(server.stats().requestsReceived, 0);
    QCOMPARE(server.stats().connectionsOpen, clients);
}

void TestDemoServer::overTheRateAnswers429WithRetryAfter()
{
    ServerBehaviour b = quiet();
    b.rate = 1;
    DemoServer server(b);
    QVERIFY(server.start());
    QTcpSocket socket;
    QVERIFY(connectTo(socket, QHostAddress::LocalHost, server.port()));
    Response limited;
    for (int i = 1; i <= 20 && limited.status != 429; ++i) {
        const Response r = get(socket, "/item/" + QByteArray::number(i));
        QVERIFY(r.status == 200 || r.status == 429);
        if (r.status == 429) limited = r;
    }
    QCOMPARE(limited.status, 429);
    // A real header, integer seconds rounded up (the window is one second: 1), the exact
    // fraction in the body.
    QCOMPARE(limited.headers.value("retry-after"), QByteArray("1"));
    const double exact = QJsonDocument::fromJson(limited.body).object().value("retry_after").toDouble();
    QVERIFY2(exact > 0.0 && exact <= 1.0, qPrintable(QString::number(exact)));
    QVERIFY(server.stats().statuses.value(429) >= 1);
    QVERIFY(server.stats().statuses.value(200) >= 1);

    // rate 0: no limit at all.
    server.setBehaviour(quiet());
    for (int i = 1; i <= 10; ++i) QCOMPARE(get(socket, "/item/" + QByteArray::number(i)).status, 200);
}

void TestDemoServer::aHangingItemStaysUnansweredUntilTheClientCloses()
{
    ServerBehaviour b = quiet();
    b.hangEvery = 2;
    DemoServer server(b);
    QVERIFY(server.start());
    QSignalSpy events(&server, &DemoServer::serverEvent);

    QTcpSocket hanging;
    QVERIFY(connectTo(hanging, QHostAddress::LocalHost, server.port()));
    send(hanging, "/item/2?attempt=1");
    QTRY_COMPARE_WITH_TIMEOUT(server.stats().inFlight, 1, waitMs);

    // Meanwhile other items, and the same item's next attempt, are answered.
    QTcpSocket other;
    QVERIFY(connectTo(other, QHostAddress::LocalHost, server.port()));
    QCOMPARE(get(other, "/item/1?attempt=1").status, 200);
    QCOMPARE(get(other, "/item/2?attempt=2").status, 200);
    QCOMPARE(get(other, "/item/3?attempt=1").status, 200);
    QVERIFY(!hanging.waitForReadyRead(300));
    QCOMPARE(hanging.bytesAvailable(), 0);
    QCOMPARE(server.stats().inFlight, 1);

    hanging.abort();
    QTRY_COMPARE_WITH_TIMEOUT(server.stats().inFlight, 0, waitMs);
    QCOMPARE(server.stats().connectionsOpen, 1);
    QCOMPARE(server.stats().statuses.value(200), 3);
    QTRY_VERIFY_WITH_TIMEOUT(std::any_of(events.cbegin(), events.cend(),
                                         [](const QList<QVariant> &e) {
                                             const auto ev = e.at(0).value<ServerEvent>();
                                             return ev.kind == ServerEvent::Kind::ConnectionClosed && ev.connection == 1;
                                         }),
                             waitMs);
}

void TestDemoServer::aRetryRightAfterGivingUpOnAHangIsNotCountedTwice()
{
    // As a client with a limit of 1 does it: it gives up on the hanging attempt, closes that
    // connection and sends the next attempt on another at once. The server may read the new
    // request before it notices the close; it must still count one request in flight, never two.
    ServerBehaviour b = quiet(0.2);
    b.hangEvery = 1;
    DemoServer server(b);
    QVERIFY(server.start());
    for (int round = 1; round <= 5; ++round) {
        QTcpSocket hanging, retry;
        QVERIFY(connectTo(hanging, QHostAddress::LocalHost, server.port()));
        QVERIFY(connectTo(retry, QHostAddress::LocalHost, server.port()));
        send(hanging, "/item/" + QByteArray::number(round) + "?attempt=1");
        QTRY_COMPARE_WITH_TIMEOUT(server.stats().inFlight, 1, waitMs);
        hanging.disconnectFromHost();
        send(retry, "/item/" + QByteArray::number(round) + "?attempt=2");
        QCOMPARE(readResponse(retry).status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(server.stats().inFlight, 0, waitMs);
    }
    QCOMPARE(server.stats().peakInFlight, 1);
}

void TestDemoServer::malformedAnswersBytesThatAreNotHttpAndCloses()
{
    DemoServer server(quiet());
    QVERIFY(server.start());
    QTcpSocket socket;
    QVERIFY(connectTo(socket, QHostAddress::LocalHost, server.port()));
    send(socket, "/malformed");
    QByteArray bytes;
    QElapsedTimer clock;
    clock.start();
    while (socket.state() == QAbstractSocket::ConnectedState && clock.elapsed() < waitMs) {
        socket.waitForReadyRead(200);
        bytes += socket.readAll();
    }
    bytes += socket.readAll();
    QVERIFY(!bytes.isEmpty());
    QVERIFY(!bytes.startsWith("HTTP/"));
    QCOMPARE(socket.state(), QAbstractSocket::UnconnectedState);
    QTRY_COMPARE_WITH_TIMEOUT(server.stats().connectionsOpen, 0, waitMs);
    QCOMPARE(server.stats().inFlight, 0);
}

void TestDemoServer::unknownPathsAre404()
{
    DemoServer server(quiet());
    QVERIFY(server.start());
    QTcpSocket socket;
    QVERIFY(connectTo(socket, QHostAddress::LocalHost, server.port()));
    QCOMPARE(get(socket, "/nothing/here").status, 404);
    QCOMPARE(get(socket, "/item/x").status, 404);
    QCOMPARE(get(socket, "/item/1?attempt=zero").status, 400);
    QCOMPARE(get(socket, "/item/1").status, 200); // the connection survived them
    QCOMPARE(server.stats().statuses.value(404), 2);
}

void TestDemoServer::errorsAreSeededPerItemAndAttempt()
{
    auto statuses = [](std::uint64_t seed) {
        ServerBehaviour b = quiet();
        b.errorRate = 0.5;
        b.seed = seed;
        DemoServer server(b);
        QList<int> seen;
        if (!server.start()) return seen;
        QTcpSocket socket;
        if (!connectTo(socket, QHostAddress::LocalHost, server.port())) return seen;
        for (int i = 1; i <= 16; ++i) seen << get(socket, "/item/" + QByteArray::number(i)).status;
        return seen;
    };
    const QList<int> first = statuses(7);
    QCOMPARE(first.size(), 16);
    QCOMPARE(statuses(7), first); // the same seed, the same errors
    QVERIFY(first.contains(500));
    QVERIFY(first.contains(200));

    ServerBehaviour always = quiet();
    always.errorRate = 1.0;
    DemoServer server(always);
    QVERIFY(server.start());
    QTcpSocket socket;
    QVERIFY(connectTo(socket, QHostAddress::LocalHost, server.port()));
    QCOMPARE(get(socket, "/item/1").status, 500);
}

void TestDemoServer::eventsArriveOnTheOwnersThreadInOrder()
{
    DemoServer server(quiet(0.05));
    QList<ServerEvent> events;
    bool onOwnerThread = true;
    connect(&server, &DemoServer::serverEvent, this, [&](const ServerEvent &e) {
        onOwnerThread = onOwnerThread && QThread::currentThread() == thread();
        events << e;
    });
    QVERIFY(server.start());
    {
        QTcpSocket socket;
        QVERIFY(connectTo(socket, QHostAddress::LocalHost, server.port()));
        QCOMPARE(get(socket, "/item/3?attempt=2").status, 200);
        socket.disconnectFromHost();
    }
    QTRY_COMPARE_WITH_TIMEOUT(events.size(), 4, waitMs);
    QVERIFY(onOwnerThread);
    QCOMPARE(events[0].kind, ServerEvent::Kind::ConnectionAccepted);
    QCOMPARE(events[1].kind, ServerEvent::Kind::RequestReceived);
    QCOMPARE(events[1].path, QStringLiteral("/item/3?attempt=2"));
    QCOMPARE(events[2].kind, ServerEvent::Kind::ResponseSent);
    QCOMPARE(events[2].status, 200);
    QCOMPARE(events[3].kind, ServerEvent::Kind::ConnectionClosed);
    for (const ServerEvent &e : events) QCOMPARE(e.connection, 1);
    QVERIFY(events[2].timeNs - events[1].timeNs >= 40'000'000); // the latency was waited, on timers
}

void TestDemoServer::stopClosesEverythingAndIsIdempotent()
{
    ServerBehaviour b = quiet(30.0); // every answer would wait far longer than this test
    b.hangEvery = 1;
    DemoServer server(b);
    QVERIFY(server.start());
    const quint16 port = server.port();
    QTcpSocket hanging, waiting, idle;
    QVERIFY(connectTo(hanging, QHostAddress::LocalHost, port));
    QVERIFY(connectTo(waiting, QHostAddress::LocalHost, port));
    QVERIFY(connectTo(idle, QHostAddress::LocalHost, port));
    send(hanging, "/item/1?attempt=1");
    send(waiting, "/item/1?attempt=2");
    QTRY_COMPARE_WITH_TIMEOUT(server.stats().inFlight, 2, waitMs);
    QTRY_COMPARE_WITH_TIMEOUT(server.stats().connectionsOpen, 3, waitMs);

    server.stop();
    QVERIFY(!server.isRunning());
    QCOMPARE(server.stats().connectionsOpen, 0);
    QCOMPARE(server.stats().inFlight, 0);
    for (QTcpSocket *socket : {&hanging, &waiting, &idle})
        QVERIFY(socket->state() == QAbstractSocket::UnconnectedState || socket->waitForDisconnected(waitMs));
    server.stop(); // again: nothing happens
    QVERIFY(!server.isRunning());

    QTcpSocket late;
    QVERIFY(!connectTo(late, QHostAddress::LocalHost, port));

    // And it starts again.
    server.setBehaviour(quiet());
    QVERIFY(server.start());
    QTcpSocket again;
    QVERIFY(connectTo(again, QHostAddress::LocalHost, server.port()));
    QCOMPARE(get(again, "/item/1?attempt=1").status, 200);
}

void TestDemoServer::aTakenPortFailsWithAMessage()
{
    QTcpServer taken;
    QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
    DemoServer server(quiet());
    QString error;
    QVERIFY(!server.start(taken.serverPort(), &error));
    QVERIFY(!server.isRunning());
    QVERIFY2(error.contains(QString::number(taken.serverPort())), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("127.0.0.1")), qPrintable(error));
    server.stop(); // nothing to stop
    QVERIFY(server.start()); // another port still works
}

QTEST_MAIN(TestDemoServer)
#include "tst_demoserver.moc"
