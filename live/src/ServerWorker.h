// The demo server's work, on the server thread: the listening socket, the connections, the
// routes and the timers that hold each answer back for the latency (timers, never a sleep,
// so any number of requests can wait at once).
#pragma once

#include "ServerConnection.h"
#include "live/DemoServer.h"

#include <QObject>
#include <QSet>
#include <QString>

#include <functional>

class QTcpServer;

namespace live {

class ServerState;

class ServerWorker : public QObject {
    Q_OBJECT

public:
    explicit ServerWorker(ServerState *state, QObject *parent = nullptr);
    ~ServerWorker() override;

    bool listen(quint16 port, QString *error);
    quint16 port() const;
    void shutdown(); // closes every connection and the listening socket

signals:
    void serverEvent(const live::ServerEvent &event);

private:
    void acceptConnections();
    void handle(ServerConnection *connection, const ServerConnection::Request &request);
    void answer(ServerConnection *connection, const QString &path, int status,
                const ServerConnection::Headers &headers, const QByteArray &body);
    void closeAbandonedHangs();
    void later(ServerConnection *connection, double seconds, std::function<void()> then);
    void report(ServerEvent::Kind kind, int connection, const QString &path = {}, int status = 0);

    ServerState *m_state;
    QTcpServer *m_server = nullptr;
    QSet<ServerConnection *> m_connections;
    QSet<ServerConnection *> m_hanging; // those whose request never gets an answer
};

} // namespace live
