// What the demo server's thread and its owner's thread share: the behaviour, the statistics
// and the rate window, behind one mutex (the owner reads stats() and changes the behaviour
// while the server thread answers).
#pragma once

#include "live/DemoServer.h"

#include <QMutex>

#include <cstdint>
#include <optional>

namespace live {

class ServerState {
public:
    ServerBehaviour behaviour() const;
    void setBehaviour(const ServerBehaviour &behaviour, std::int64_t nowNs);
    void restartWindow(std::int64_t nowNs);

    // The rate limit, as the model's Server.handle: a request counts in the whole second
    // (since the window started) it arrives in. Over the rate: the seconds until the next
    // window opens (the exact fraction); within it: nothing.
    std::optional<double> admit(std::int64_t nowNs);

    ServerStats stats() const;
    void resetStats();

    int connectionOpened(); // returns the connection's number (1, 2, ...)
    void connectionClosed();
    void requestReceived();
    void requestAnswered(int status); // status 0: not HTTP (left in-flight without a status)
    void requestAbandoned();          // its connection closed before it got an answer

private:
    mutable QMutex m_mutex;
    ServerBehaviour m_behaviour;
    ServerStats m_stats;
    int m_connectionNumbers = 0;
    std::int64_t m_windowStartNs = 0;
    std::int64_t m_second = 0;
    int m_countInSecond = 0;
};

} // namespace live
