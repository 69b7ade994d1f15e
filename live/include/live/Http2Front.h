// Http2Front: a cleartext HTTP/2 front (nghttpx, Debian package nghttp2-proxy) on 127.0.0.1,
// in front of an HTTP/1.1 server on the same machine (the demo server). The live HTTP lesson
// uses it to contrast httpx (HTTP/2: every request multiplexed on one connection) with aiohttp
// (HTTP/1.1: one request per connection at a time), without teaching the demo server HTTP/2.
//
// nghttpx runs as a child process, in the foreground, in one process, with no config file
// and no pid file; its logs go to a temporary folder. Its access log names each request's
// client port, so the front can count the client connections it accepted.
#pragma once

#include <QObject>
#include <QString>
#include <QUrl>

#include <memory>

class QProcess;
class QTemporaryDir;

namespace live {

class Http2Front : public QObject {
    Q_OBJECT

public:
    explicit Http2Front(QObject *parent = nullptr);
    ~Http2Front() override; // stops nghttpx: terminate, then kill

    // nghttpx on PATH or in /usr/sbin; empty when there is none.
    static QString findNghttpx();

    // Starts nghttpx on a free port of 127.0.0.1, forwarding to 127.0.0.1:backendPort, and
    // waits (bounded) until it accepts connections. false with one line in `error` when it
    // cannot ("HTTP/2 needs nghttpx (Debian package nghttp2-proxy)", or why it did not start).
    bool start(quint16 backendPort, QString *error = nullptr);
    void stop();
    bool isRunning() const;

    // http://127.0.0.1:<port>/ while running.
    QUrl url() const;
    quint16 port() const { return m_port; }

    // From the access log: the client connections that brought requests (distinct client
    // ports), and the requests that came over HTTP/2.
    int clientConnections() const;
    int http2Requests() const;

private:
    QString m_program;
    std::unique_ptr<QTemporaryDir> m_dir;
    QProcess *m_process = nullptr;
    quint16 m_port = 0;
};

} // namespace live
