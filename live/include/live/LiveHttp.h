// The HTTP lesson live: lessons/http/scenario.cpp's shape and log lines, on a real
// HttpSession against a real server (the demo server, or any base URL a learner names).
// Each request is `<base>/item/<i>?attempt=<k>`; a semaphore limits the requests in flight,
// aio::wait_for bounds each attempt (and aborts the reply when it fires), and retries back
// off exponentially, honouring the server's real Retry-After header.
//
// The pitfall live is the classic one of real code: a new session for every request. Each
// attempt opens its own connection (the server counts them), which the model cannot show.
#pragma once

#include "live/DemoServer.h"
#include "live/HttpSession.h"
#include "live/LiveScenario.h"

#include <lessons/lesson.hpp>

#include <aio/queue.hpp>

#include <QString>
#include <QUrl>

#include <memory>
#include <string>
#include <vector>

namespace live {

// What a live HTTP run measured (the client's side).
struct LiveHttpFigures {
    int requests = 0;  // URLs fetched
    int sent = 0;      // attempts handed to the network, retries included
    int ok = 0;        // URLs that got a 200 in the end
    int failed = 0;    // URLs given up after the last attempt
    int tooMany = 0;   // 429 answers
    int timeouts = 0;  // attempts that hit the timeout
    int errors = 0;    // attempts that got no HTTP answer at all (refused, closed, malformed)
    int responses = 0; // attempts that got an HTTP answer, whatever its status
    int peakWaiting = 0; // most requests waiting at once for a connection of the shared session
    int connectionsOpened = 0; // connections the client's sessions opened (Qt's socketStartedConnecting)
    QString lastError; // the message of the last such error ("Connection refused")
    double totalTime = 0; // seconds from the start to the final log line
};

class LiveHttp final : public LiveScenario {
public:
    static constexpr int maxAttempts = 4;         // MAX_ATTEMPTS, as in the model
    static constexpr double maxRetryAfter = 60.0; // seconds; a longer Retry-After is cut to this

    // `params`: the lesson's parameters (missing ones take their live defaults).
    LiveHttp(lessons::Params params, bool pitfall, QUrl base);

    aio::Task<void> main() override;
    QList<Figure> figures() const override;
    const LiveHttpFigures &measured() const { return m_figures; }
    QUrl baseUrl() const { return m_base; }

    // The lesson's parameters with the ranges live mode allows: real requests are cheap, so
    // 1 to 200 requests and up to 50 in flight; the model keeps its own, smaller ranges.
    static std::vector<lessons::Parameter> parameters();
    // The http lesson as live mode offers it (its parameters replaced by parameters()), for
    // checking what a learner typed.
    static const lessons::Lesson &lesson();
    // The server lane (the window's live mode): a task "server" that logs what the demo
    // server saw ("server: 200 /item/3?attempt=1"), fed by serverSaw(). It ends when main's
    // requests are done. Off by default, so `dirigent live`'s log stays the client's alone.
    void setServerLane(bool on) { m_serverLane = on; }
    // HTTP/1.1 (aiohttp's way, the default) or HTTP/2 (httpx's: one connection, multiplexed).
    // Set before the run; the server must speak it (the demo server behind an Http2Front).
    void setProtocol(HttpSession::Protocol protocol) { m_protocol = protocol; }
    HttpSession::Protocol protocol() const { return m_protocol; }
    bool serverLane() const { return m_serverLane; }
    // Connect DemoServer::serverEvent here (same thread). Ignored unless the lane is running.
    void serverSaw(const ServerEvent &event);
    // "200 /item/3?attempt=1", "got /item/3?attempt=1", "connection 2 accepted" ...
    static QString describe(const ServerEvent &event);

    // The demo server that tells the model's story: latency 0.1 s, 4 requests per second,
    // the first attempt of every 4th request hangs (lessons/http/scenario.cpp's constants).
    static ServerBehaviour modelServer();

private:
    lessons::Params m_params;
    bool m_pitfall;
    QUrl m_base;
    LiveHttpFigures m_figures;
    bool m_serverLane = false;
    HttpSession::Protocol m_protocol = HttpSession::Protocol::Http1;
    std::weak_ptr<aio::Queue<std::string>> m_serverEvents; // alive while the lane's task waits on it
};

} // namespace live
