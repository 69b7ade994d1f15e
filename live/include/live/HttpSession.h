// HttpSession: what aiohttp.ClientSession / httpx.AsyncClient are to a Python program, on
// aio and QtNetwork. Make ONE for the whole program and `co_await session.get(url)` from as
// many tasks as you like; it keeps its connections open and reuses them.
//
// Qt 6.4's QNetworkAccessManager opens at most 6 HTTP/1.1 connections per host, and queues
// every further request inside itself. A session that promises `maxConnections` (up to 50,
// the lesson's limit slider) therefore spreads its requests over ceil(maxConnections / 6)
// managers, each with its own connections, and hands each request to the least busy one.
// At most `maxConnections` requests are on the wire at once (so no manager ever holds more
// than 6, and none queues inside Qt): a request that finds every slot busy waits on the
// session's "connections" semaphore, where the trace (and the pool view) can see it wait.
//
// With Protocol::Http2 (httpx's way) the session has ONE manager and asks for cleartext
// HTTP/2 with prior knowledge (h2c): every request is a stream, multiplexed on one
// connection; `maxConnections` then limits the streams on the wire at once.
//
// Failures that bring no HTTP response (refused, host not found, malformed answer, the
// server closed the connection) raise qtaio::NetworkError; a URL that is not http(s) raises
// it before anything is sent. Cancelling the awaiting task (aio::wait_for's timeout, Stop)
// aborts the QNetworkReply at once and frees its connection slot. Like any object tasks wait
// on, the session must outlive every get() started on it.
#pragma once

#include "live/HttpResponse.h"

#include <aio/semaphore.hpp>
#include <aio/task.hpp>

#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>

#include <memory>
#include <vector>

class QNetworkAccessManager;

namespace live {

class HttpSession : public QObject {
    Q_OBJECT

public:
    static constexpr int connectionsPerManager = 6; // Qt 6.4's limit per host for HTTP/1.1
    static constexpr int maxConnectionsLimit = 600;  // a sane ceiling for the constructor's argument

    enum class Protocol { Http1, Http2 };

    // `maxConnections` (1..600): how many requests may be on the wire at once.
    explicit HttpSession(int maxConnections = connectionsPerManager, QObject *parent = nullptr);
    HttpSession(int maxConnections, Protocol protocol, QObject *parent = nullptr);
    ~HttpSession() override;

    // GET url: the response, whatever its status. Throws qtaio::NetworkError when there is
    // no HTTP response; aio::CancelledError when the awaiting task is cancelled.
    aio::Task<HttpResponse> get(QUrl url);

    // Empty when `url` is an http or https URL with a host; else why not, in one phrase
    // ("'ftp://x' is not an http(s) URL"). get() refuses such a URL with this message.
    static QString checkUrl(const QUrl &url);

    int maxConnections() const { return m_maxConnections; }
    Protocol protocol() const { return m_protocol; }
    int managerCount() const { return static_cast<int>(m_pools.size()); }
    // Requests on the wire now, per manager (index = HttpResponse::pool) and in all.
    QList<int> inFlightPerManager() const;
    int inFlight() const { return m_inFlight; }
    int peakInFlight() const { return m_peakInFlight; }
    // Requests waiting for a free connection slot.
    int waiting() const { return m_waiting; }
    int peakWaiting() const { return m_peakWaiting; }
    // Requests handed to QtNetwork so far (every attempt counts).
    int sent() const { return m_sent; }
    // Connections as the client sees them: open now, and opened since the session was made.
    // Qt says when a request starts a new connection (socketStartedConnecting); an HTTP/1.1
    // request that ends without an answer (aborted by a timeout or Stop, or failed) takes
    // its connection with it. Both counts go into the trace on the "connections" semaphore,
    // which is what the pool view draws.
    int connectionsOpen() const { return m_open; }
    int connectionsOpened() const { return m_opened; }

Q_SIGNALS:
    // In flight or waiting changed (a request started waiting, went out, or ended).
    void changed();

private:
    struct Pool {
        QNetworkAccessManager *manager = nullptr;
        int inFlight = 0;
    };

    int leastBusyPool() const;
    void connectionOpened();
    void connectionLost();

    int m_maxConnections;
    Protocol m_protocol = Protocol::Http1;
    std::vector<Pool> m_pools;
    aio::Semaphore m_slots; // maxConnections permits: a request without one waits here, visibly
    int m_inFlight = 0;
    int m_peakInFlight = 0;
    int m_waiting = 0;
    int m_peakWaiting = 0;
    int m_sent = 0;
    int m_open = 0;
    int m_opened = 0;
};

} // namespace live
