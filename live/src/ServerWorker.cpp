#include "ServerWorker.h"

#include "ServerState.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>
#include <QUrlQuery>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <optional>

namespace live {

namespace {

std::int64_t steadyNowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

// The seeded 500s: a pure function of (seed, item, attempt), so every client that sends the
// same requests meets the same errors, whatever order they arrive in.
bool failsWithError(std::uint64_t seed, int item, int attempt, double errorRate)
{
    if (errorRate <= 0.0) return false;
    std::uint64_t z = seed + 0x9E3779B97F4A7C15ull * (std::uint64_t(item) * 1000003ull + std::uint64_t(attempt) + 1);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull; // splitmix64's finaliser
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    return double(z >> 11) * 0x1.0p-53 < errorRate;
}

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

const ServerConnection::Headers jsonHeaders{{"Content-Type", "application/json"}};

} // namespace

ServerWorker::ServerWorker(ServerState *state, QObject *parent) : QObject(parent), m_state(state) {}

ServerWorker::~ServerWorker()
{
    shutdown();
}

bool ServerWorker::listen(quint16 port, QString *error)
{
    m_server = new QTcpServer(this);
    m_server->setMaxPendingConnections(1024);
    // 127.0.0.1 only: the demo server is never reachable from another machine.
    if (!m_server->listen(QHostAddress::LocalHost, port)) {
        if (error)
            *error = QStringLiteral("cannot listen on 127.0.0.1:%1: %2").arg(port).arg(m_server->errorString());
        delete m_server;
        m_server = nullptr;
        return false;
    }
    connect(m_server, &QTcpServer::newConnection, this, &ServerWorker::acceptConnections);
    m_state->restartWindow(steadyNowNs());
    return true;
}

quint16 ServerWorker::port() const
{
    return m_server ? m_server->serverPort() : 0;
}

void ServerWorker::shutdown()
{
    if (m_server) {
        m_server->close();
        delete m_server;
        m_server = nullptr;
    }
    const auto connections = m_connections; // closeNow() removes from m_connections
    for (ServerConnection *connection : connections) connection->closeNow();
}

void ServerWorker::acceptConnections()
{
    while (m_server && m_server->hasPendingConnections()) {
        QTcpSocket *socket = m_server->nextPendingConnection();
        const int number = m_state->connectionOpened();
        auto *connection = new ServerConnection(socket, number, this);
        m_connections.insert(connection);
        connect(connection, &ServerConnection::requestReady, this, &ServerWorker::handle);
        connect(connection, &ServerConnection::closed, this, [this](ServerConnection *c, bool abandoned) {
            // A request still waiting (a hanging one, or one inside its latency) leaves the
            // in-flight count with its connection.
            if (abandoned) m_state->requestAbandoned();
            m_state->connectionClosed();
            m_connections.remove(c);
            m_hanging.remove(c);
            report(ServerEvent::Kind::ConnectionClosed, c->number());
            c->deleteLater();
        });
        report(ServerEvent::Kind::ConnectionAccepted, number);
    }
}

void ServerWorker::handle(ServerConnection *connection, const ServerConnection::Request &request)
{
    const QString path = QString::fromLatin1(request.target);
    closeAbandonedHangs();
    m_state->requestReceived();
    report(ServerEvent::Kind::RequestReceived, connection->number(), path);

    const QUrl url(QStringLiteral("http://127.0.0.1") + path);
    const QString route = url.path();
    static const QRegularExpression itemRoute(QStringLiteral("^/item/(\\d{1,9})$"));
    const QRegularExpressionMatch item = itemRoute.match(route);

    if (request.method != "GET" && request.method != "HEAD" && (item.hasMatch() || route == QLatin1String("/malformed"))) {
        answer(connection, path, 405, {{"Allow", "GET, HEAD"}, {"Content-Type", "application/json"}},
               json({{"error", "method not allowed"}}));
        return;
    }
    if (route == QLatin1String("/malformed")) {
        if (!connection->takePending()) return;
        m_state->requestAnswered(0);
        connection->sendRawAndClose("this is not HTTP\r\n\x01\x02\x03 garbage\r\n\r\n");
        report(ServerEvent::Kind::ResponseSent, connection->number(), path, 0);
        return;
    }
    if (!item.hasMatch()) {
        answer(connection, path, 404, jsonHeaders, json({{"error", "not found"}, {"path", path}}));
        return;
    }

    const int number = item.captured(1).toInt();
    const QString attemptText = QUrlQuery(url).queryItemValue(QStringLiteral("attempt"));
    bool attemptOk = true;
    const int attempt = attemptText.isEmpty() ? 1 : attemptText.toInt(&attemptOk);
    if (!attemptOk || attempt < 1) {
        answer(connection, path, 400, jsonHeaders, json({{"error", "attempt must be a number from 1"}}));
        return;
    }

    const ServerBehaviour behaviour = m_state->behaviour();
    // As the model's Server.handle: first the rate (every request counts, a hanging one too),
    // then the hang, then the answer after the latency.
    if (const std::optional<double> retryAfter = m_state->admit(steadyNowNs())) {
        const double wait = *retryAfter;
        later(connection, behaviour.latency, [=, this] {
            // Retry-After in whole seconds (RFC 9110: delay-seconds), rounded up, at least 1;
            // the exact fraction in the body.
            const int header = std::max(1, int(std::ceil(wait - 1e-9)));
            ServerConnection::Headers headers = jsonHeaders;
            headers.append({"Retry-After", QByteArray::number(header)});
            answer(connection, path, 429, headers,
                   json({{"error", "too many requests"}, {"item", number}, {"attempt", attempt},
                         {"retry_after", wait}}));
        });
        return;
    }
    if (behaviour.hangEvery > 0 && number % behaviour.hangEvery == 0 && attempt == 1) {
        m_hanging.insert(connection);
        return; // never answered: it stays in flight until the client closes the connection
    }

    const bool error = failsWithError(behaviour.seed, number, attempt, behaviour.errorRate);
    later(connection, behaviour.latency, [=, this] {
        if (error)
            answer(connection, path, 500, jsonHeaders,
                   json({{"error", "internal server error"}, {"item", number}, {"attempt", attempt}}));
        else
            answer(connection, path, 200, jsonHeaders,
                   json({{"item", number}, {"attempt", attempt}, {"status", 200}}));
    });
}

void ServerWorker::closeAbandonedHangs()
{
    // A client that gave up on a hanging request closes its connection and may retry at once
    // on another. Both reach this thread together, and the event loop may read the new request
    // first; then the abandoned one would still count as in flight, one more than the client
    // ever has. So the close is looked for here, before the new request is counted.
    const auto hanging = m_hanging;
    for (ServerConnection *connection : hanging)
        if (connection->peerHasClosed()) connection->closeNow();
}

void ServerWorker::later(ServerConnection *connection, double seconds, std::function<void()> then)
{
    const auto delay = std::chrono::milliseconds(std::llround(std::max(0.0, seconds) * 1000.0));
    // The connection is the timer's context: when it is gone, the answer is dropped.
    QTimer::singleShot(delay, Qt::PreciseTimer, connection, std::move(then));
}

void ServerWorker::answer(ServerConnection *connection, const QString &path, int status,
                          const ServerConnection::Headers &headers, const QByteArray &body)
{
    // The client may have closed the connection while the answer waited: then it was counted
    // as abandoned already.
    if (!connection->takePending()) return;
    m_state->requestAnswered(status);
    connection->respond(status, headers, body);
    report(ServerEvent::Kind::ResponseSent, connection->number(), path, status);
}

void ServerWorker::report(ServerEvent::Kind kind, int connection, const QString &path, int status)
{
    ServerEvent event;
    event.kind = kind;
    event.timeNs = steadyNowNs();
    event.connection = connection;
    event.path = path;
    event.status = status;
    emit serverEvent(event);
}

} // namespace live
