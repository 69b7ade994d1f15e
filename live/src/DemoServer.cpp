// Why not QHttpServer: the issue names it, and Qt 6.4.2's QHttpServer (a Technical Preview)
// was tried first (a probe against 6.4.2: a handler that parks its QHttpServerResponder), but
// it cannot do what this server must:
//  - it reports no accepted or closed connection: QAbstractHttpServer takes each socket from
//    the QTcpServer itself, and its only signal is newWebSocketConnection();
//  - a parked request learns nothing when its client closes: the probe saw the socket deleted
//    under the parked responder, so a hanging request could neither leave the in-flight count
//    at that moment nor be told apart from one still waiting;
//  - it hands the next request of a connection to a handler while the previous one still waits
//    (the probe: two requests on one connection, both handled at once), so deferred answers
//    could go out in the wrong order on a keep-alive connection;
//  - answering bytes that are not HTTP means writing past the responder into its socket.
// So this is a small HTTP/1.1 server of its own on QTcpServer (ServerWorker, one
// ServerConnection per client): GET/HEAD, Content-Length, keep-alive, answers in order.
#include "live/DemoServer.h"

#include "ServerState.h"
#include "ServerWorker.h"

#include <QMetaObject>
#include <QThread>

#include <chrono>

namespace live {

class DemoServer::Impl {
public:
    QThread thread;
    ServerState state;
    ServerWorker *worker = nullptr; // lives on `thread` while the server runs
    quint16 port = 0;
};

namespace {

std::int64_t steadyNowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

} // namespace

DemoServer::DemoServer(ServerBehaviour behaviour, QObject *parent) : QObject(parent), d(std::make_unique<Impl>())
{
    qRegisterMetaType<live::ServerEvent>();
    d->state.setBehaviour(behaviour, steadyNowNs());
    d->thread.setObjectName(QStringLiteral("DemoServer"));
}

DemoServer::~DemoServer()
{
    stop();
}

bool DemoServer::start(quint16 port, QString *error)
{
    if (d->worker) {
        if (error) *error = QStringLiteral("the demo server is running already on %1").arg(url().toString());
        return false;
    }
    auto *worker = new ServerWorker(&d->state);
    // Queued: the owner hears of every event on its own thread, never on the server's.
    connect(worker, &ServerWorker::serverEvent, this, &DemoServer::serverEvent, Qt::QueuedConnection);
    worker->moveToThread(&d->thread);
    d->thread.start();

    bool listening = false;
    QString message;
    quint16 chosen = 0;
    QMetaObject::invokeMethod(
        worker,
        [&] {
            listening = worker->listen(port, &message);
            chosen = worker->port();
        },
        Qt::BlockingQueuedConnection);
    if (!listening) {
        QMetaObject::invokeMethod(worker, [worker] { delete worker; }, Qt::BlockingQueuedConnection);
        d->thread.quit();
        d->thread.wait();
        if (error) *error = message;
        return false;
    }
    d->worker = worker;
    d->port = chosen;
    return true;
}

void DemoServer::stop()
{
    if (!d->worker) return;
    ServerWorker *worker = d->worker;
    d->worker = nullptr;
    // Closed and deleted on its own thread, where its sockets and timers live.
    QMetaObject::invokeMethod(
        worker,
        [worker] {
            worker->shutdown();
            delete worker;
        },
        Qt::BlockingQueuedConnection);
    d->thread.quit();
    d->thread.wait();
    d->port = 0;
}

bool DemoServer::isRunning() const
{
    return d->worker != nullptr;
}

QUrl DemoServer::url() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(d->port));
}

QHostAddress DemoServer::address() const
{
    return QHostAddress(QHostAddress::LocalHost);
}

quint16 DemoServer::port() const
{
    return d->port;
}

ServerBehaviour DemoServer::behaviour() const
{
    return d->state.behaviour();
}

void DemoServer::setBehaviour(const ServerBehaviour &behaviour)
{
    d->state.setBehaviour(behaviour, steadyNowNs());
}

ServerStats DemoServer::stats() const
{
    return d->state.stats();
}

void DemoServer::resetStats()
{
    d->state.resetStats();
}

} // namespace live
