// One client connection of the demo server: reads HTTP/1.1 requests off the socket one at a
// time (the next is parsed only after the previous got its answer, so answers keep the order
// of the requests), writes answers, and keeps the connection open between requests unless
// the client asks to close it (keep-alive).
#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPair>

class QTcpSocket;

namespace live {

class ServerConnection : public QObject {
    Q_OBJECT

public:
    struct Request {
        QByteArray method;
        QByteArray target; // "/item/3?attempt=1"
        bool keepAlive = true;
    };
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    ServerConnection(QTcpSocket *socket, int number, QObject *parent = nullptr);
    ~ServerConnection() override;

    int number() const { return m_number; }
    bool isClosed() const { return m_closed; }

    // True once, for the request waiting for its answer; after that (or when the connection
    // closed in between) false. Whoever gets true answers it (or counts it as abandoned).
    bool takePending();

    void respond(int status, const Headers &headers, const QByteArray &body);
    void sendRawAndClose(const QByteArray &bytes); // for /malformed: not HTTP at all
    void closeNow();                               // stop(): abort, pending requests included
    // True when the client has closed its end, even if the event loop has not read that yet.
    bool peerHasClosed() const;

signals:
    void requestReady(live::ServerConnection *connection, const live::ServerConnection::Request &request);
    // The connection is gone; `abandoned`: a request was still waiting for its answer.
    void closed(live::ServerConnection *connection, bool abandoned);

private:
    void readRequests();
    void fail(int status); // a request that is not understood: answer and close
    void finishClose();

    QTcpSocket *m_socket;
    int m_number;
    QByteArray m_buffer;
    bool m_pending = false;    // a request waits for its answer
    bool m_keepAlive = true;   // of the pending request
    bool m_headOnly = false;   // HEAD: headers, no body
    bool m_closing = false;    // no more requests are read
    bool m_closed = false;
};

} // namespace live
