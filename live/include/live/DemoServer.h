// The demo HTTP server of the live lessons: the model's server made real. It listens on
// 127.0.0.1 only (an ephemeral port unless one is asked for) and runs on a thread of its
// own, so a slow or hanging answer never stalls the client, the GUI or other answers.
//
// Routes:
//   GET /item/<n>?attempt=<k>   JSON {"item": n, "attempt": k, ...} after `latency` seconds;
//                               429 + a real Retry-After header when the rate limit is hit;
//                               no answer at all for attempt 1 of every `hangEvery`-th item;
//                               500 for a seeded share `errorRate` of the answers.
//   GET /malformed              bytes that are not HTTP (for the client's fault tests).
// Anything else: 404.
//
// Its behaviour is the model's (lessons/http), driven by the same parameters, so a model run
// and a live run tell the same story.
#pragma once

#include <QHostAddress>
#include <QMap>
#include <QObject>
#include <QString>
#include <QUrl>

#include <cstdint>
#include <memory>

namespace live {

struct ServerBehaviour {
    double latency = 0.1;   // seconds before each answer (429s too)
    int rate = 4;           // requests accepted per second since the start; 0: no limit
    int hangEvery = 4;      // attempt 1 of every n-th item never gets an answer; 0: none hang
    double errorRate = 0.0; // share of answers that are 500 Internal Server Error, seeded
    std::uint64_t seed = 1; // for errorRate
};

// What the server saw; every time is on the steady clock (nanoseconds, as aio's SteadyClock
// reads it), so the events line up with the client's trace.
struct ServerEvent {
    enum class Kind { ConnectionAccepted, ConnectionClosed, RequestReceived, ResponseSent };
    Kind kind = Kind::RequestReceived;
    std::int64_t timeNs = 0; // std::chrono::steady_clock's time_since_epoch(), in ns
    int connection = 0; // 1, 2, ... in the order the server accepted them
    QString path;       // RequestReceived / ResponseSent: "/item/3?attempt=1"
    int status = 0;     // ResponseSent
};

struct ServerStats {
    int connectionsAccepted = 0;
    int connectionsOpen = 0;
    int requestsReceived = 0;
    int inFlight = 0;     // received, not yet answered (a hanging request counts until its connection closes)
    int peakInFlight = 0; // the most requests in flight at once since start() or resetStats()
    QMap<int, int> statuses; // status -> how many answers
};

class DemoServer : public QObject {
    Q_OBJECT

public:
    explicit DemoServer(ServerBehaviour behaviour = {}, QObject *parent = nullptr);
    ~DemoServer() override; // stops the server and joins its thread

    // Listens on 127.0.0.1:port (0: a free port chosen by the system). False, with a message
    // in *error, when it cannot (the port is taken, say).
    bool start(quint16 port = 0, QString *error = nullptr);
    void stop(); // closes every connection (hanging ones too) and the listening socket; idempotent
    bool isRunning() const;

    QUrl url() const;             // "http://127.0.0.1:<port>"
    QHostAddress address() const; // always QHostAddress::LocalHost
    quint16 port() const;

    ServerBehaviour behaviour() const;
    void setBehaviour(const ServerBehaviour &behaviour); // also restarts the rate window
    ServerStats stats() const;                            // thread-safe snapshot
    void resetStats();

signals:
    // Delivered (queued) on the thread that owns the DemoServer object.
    void serverEvent(const live::ServerEvent &event);

private:
    class Impl;
    std::unique_ptr<Impl> d;
};

} // namespace live

Q_DECLARE_METATYPE(live::ServerEvent)
