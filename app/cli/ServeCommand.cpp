#include "cli/ServeCommand.h"

#include "cli/Complain.h"

#include <live/DemoServer.h>

#include <QHash>
#include <QObject>
#include <QSocketNotifier>
#include <QTextStream>

#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

namespace {

// The self-pipe trick: the signal handler may only write a byte; the event loop reads it
// through a QSocketNotifier and stops the server from there.
int signalPair[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const ssize_t written = ::write(signalPair[0], &byte, 1);
}

bool catchStopSignals()
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, signalPair) != 0)
        return false;
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    return ::sigaction(SIGINT, &action, nullptr) == 0 && ::sigaction(SIGTERM, &action, nullptr) == 0;
}

} // namespace

int ServeCommand::run(const Invocation &invocation)
{
    QTextStream out(stdout);

    if (!catchStopSignals()) {
        complain(tr("cannot catch SIGINT and SIGTERM, so the server could not stop cleanly"));
        return 1;
    }

    live::ServerBehaviour behaviour;
    behaviour.latency = invocation.serveLatency;
    behaviour.rate = invocation.serveRate;
    behaviour.hangEvery = invocation.serveHangEvery;
    behaviour.errorRate = invocation.serveErrorRate;
    behaviour.seed = invocation.serveSeed;
    live::DemoServer server(behaviour);

    QString error;
    if (!server.start(static_cast<quint16>(invocation.servePort), &error)) {
        complain(tr("the demo server could not start: %1").arg(error));
        return 1;
    }
    // The first line: what a client (or a test) needs to find the server.
    out << server.url().toString() << Qt::endl;

    // The request each connection is busy with, so that one its client gave up on (a hanging
    // one) still gets its line when the connection closes.
    QHash<int, QString> pending;
    QObject::connect(&server, &live::DemoServer::serverEvent, &server, [&](const live::ServerEvent &event) {
        using Kind = live::ServerEvent::Kind;
        switch (event.kind) {
        case Kind::RequestReceived:
            pending.insert(event.connection, event.path);
            break;
        case Kind::ResponseSent:
            pending.remove(event.connection);
            if (event.status > 0)
                out << event.status << ' ' << event.path << Qt::endl;
            else
                out << "- " << event.path << Qt::endl; // /malformed: no HTTP status at all
            break;
        case Kind::ConnectionClosed:
            if (pending.contains(event.connection))
                out << "- " << pending.take(event.connection) << Qt::endl; // never answered
            break;
        case Kind::ConnectionAccepted:
            break;
        }
    });

    QSocketNotifier stopSignal(signalPair[1], QSocketNotifier::Read);
    QObject::connect(&stopSignal, &QSocketNotifier::activated, &stopSignal, [&] {
        char byte = 0;
        [[maybe_unused]] const ssize_t read = ::read(signalPair[1], &byte, 1);
        stopSignal.setEnabled(false);
        QCoreApplication::quit();
    });
    QCoreApplication::exec();

    const live::ServerStats stats = server.stats();
    server.stop();
    QStringList statuses;
    for (auto it = stats.statuses.cbegin(); it != stats.statuses.cend(); ++it)
        statuses << QStringLiteral("%1=%2").arg(it.key()).arg(it.value());
    out << tr("connections accepted: %1").arg(stats.connectionsAccepted) << '\n'
        << tr("requests: %1").arg(stats.requestsReceived) << '\n'
        << tr("peak in flight: %1").arg(stats.peakInFlight) << '\n'
        << tr("statuses: %1").arg(statuses.isEmpty() ? QStringLiteral("-") : statuses.join(QLatin1Char(' ')))
        << Qt::endl;
    return 0;
}
