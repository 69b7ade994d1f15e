#include "ServerConnection.h"

#include <QTcpSocket>
#include <QTimer>

#include <cerrno>
#include <sys/socket.h>

namespace live {

namespace {

constexpr qsizetype maxHeaderBytes = 64 * 1024;

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    default: return "Unknown";
    }
}

} // namespace

ServerConnection::ServerConnection(QTcpSocket *socket, int number, QObject *parent)
    : QObject(parent), m_socket(socket), m_number(number)
{
    m_socket->setParent(this);
    connect(m_socket, &QTcpSocket::readyRead, this, &ServerConnection::readRequests);
    connect(m_socket, &QTcpSocket::disconnected, this, &ServerConnection::finishClose);
    connect(m_socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError error) {
        // The client went away (reset) or the socket broke: either way the connection is over.
        if (error != QAbstractSocket::SocketTimeoutError) finishClose();
    });
}

ServerConnection::~ServerConnection() = default;

bool ServerConnection::takePending()
{
    if (!m_pending || m_closed) return false;
    m_pending = false;
    return true;
}

void ServerConnection::readRequests()
{
    if (m_closed) return;
    m_buffer += m_socket->readAll();
    // One request at a time: the next waits in the buffer until this one is answered.
    if (m_pending || m_closing) return;

    const qsizetype headerEnd = m_buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0) {
        if (m_buffer.size() > maxHeaderBytes) fail(431);
        return;
    }
    const QList<QByteArray> lines = m_buffer.left(headerEnd).split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    if (requestLine.size() != 3 || !requestLine[2].startsWith("HTTP/1.") || !requestLine[1].startsWith('/')) {
        fail(400);
        return;
    }
    Request request;
    request.method = requestLine[0];
    request.target = requestLine[1];
    const bool http10 = requestLine[2] == "HTTP/1.0";
    request.keepAlive = !http10;
    qint64 contentLength = 0;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0) {
            fail(400);
            return;
        }
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed().toLower();
        if (name == "connection") {
            if (value.contains("close")) request.keepAlive = false;
            else if (value.contains("keep-alive")) request.keepAlive = true;
        } else if (name == "content-length") {
            bool ok = false;
            contentLength = value.toLongLong(&ok);
            if (!ok || contentLength < 0) {
                fail(400);
                return;
            }
        } else if (name == "transfer-encoding") {
            fail(501); // no request bodies in chunks: nothing here needs one
            return;
        }
    }
    const qsizetype total = headerEnd + 4 + contentLength;
    if (m_buffer.size() < total) return; // the body is still on its way
    m_buffer.remove(0, total);

    m_pending = true;
    m_keepAlive = request.keepAlive;
    m_headOnly = request.method == "HEAD";
    emit requestReady(this, request);
}

void ServerConnection::respond(int status, const Headers &headers, const QByteArray &body)
{
    if (m_closed) return;
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    for (const auto &[name, value] : headers) out += name + ": " + value + "\r\n";
    out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    out += m_keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n";
    out += "\r\n";
    if (!m_headOnly) out += body;
    m_socket->write(out);
    m_pending = false;
    if (!m_keepAlive) {
        m_closing = true;
        m_socket->disconnectFromHost(); // after the answer is written
        return;
    }
    // The next request may already be in the buffer; read it from the event loop, not from
    // inside this answer.
    QTimer::singleShot(0, this, &ServerConnection::readRequests);
}

void ServerConnection::sendRawAndClose(const QByteArray &bytes)
{
    if (m_closed) return;
    m_pending = false;
    m_closing = true;
    m_socket->write(bytes);
    m_socket->disconnectFromHost();
}

void ServerConnection::fail(int status)
{
    m_keepAlive = false;
    m_headOnly = false;
    respond(status, {{"Content-Type", "text/plain"}}, reasonPhrase(status) + '\n');
}

void ServerConnection::closeNow()
{
    if (m_closed) return;
    m_closing = true;
    m_socket->abort();
    finishClose(); // in case abort() did not emit disconnected()
}

bool ServerConnection::peerHasClosed() const
{
    if (m_closed) return true;
    const qintptr fd = m_socket->socketDescriptor();
    if (fd < 0) return true;
    char byte = 0;
    // 0: the orderly end of the stream (the client closed); an error such as ECONNRESET: gone
    // too; data, or nothing yet (EAGAIN): still open.
    const ssize_t n = ::recv(int(fd), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    return n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR);
}

void ServerConnection::finishClose()
{
    if (m_closed) return;
    m_closed = true;
    const bool abandoned = m_pending;
    m_pending = false;
    emit closed(this, abandoned);
}

} // namespace live
