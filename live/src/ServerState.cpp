#include "ServerState.h"

#include <QMutexLocker>

#include <cmath>

namespace live {

ServerBehaviour ServerState::behaviour() const
{
    QMutexLocker lock(&m_mutex);
    return m_behaviour;
}

void ServerState::setBehaviour(const ServerBehaviour &behaviour, std::int64_t nowNs)
{
    QMutexLocker lock(&m_mutex);
    m_behaviour = behaviour;
    m_windowStartNs = nowNs;
    m_second = 0;
    m_countInSecond = 0;
}

void ServerState::restartWindow(std::int64_t nowNs)
{
    QMutexLocker lock(&m_mutex);
    m_windowStartNs = nowNs;
    m_second = 0;
    m_countInSecond = 0;
}

std::optional<double> ServerState::admit(std::int64_t nowNs)
{
    QMutexLocker lock(&m_mutex);
    const double now = double(nowNs - m_windowStartNs) / 1e9;
    const auto second = static_cast<std::int64_t>(std::floor(now));
    if (second != m_second) { // a new second: the counter starts again
        m_second = second;
        m_countInSecond = 0;
    }
    ++m_countInSecond;
    if (m_behaviour.rate > 0 && m_countInSecond > m_behaviour.rate)
        return double(m_second + 1) - now;
    return std::nullopt;
}

ServerStats ServerState::stats() const
{
    QMutexLocker lock(&m_mutex);
    return m_stats;
}

void ServerState::resetStats()
{
    QMutexLocker lock(&m_mutex);
    // What is open or in flight right now stays true; the counts start again.
    ServerStats fresh;
    fresh.connectionsOpen = m_stats.connectionsOpen;
    fresh.inFlight = m_stats.inFlight;
    fresh.peakInFlight = m_stats.inFlight;
    m_stats = fresh;
}

int ServerState::connectionOpened()
{
    QMutexLocker lock(&m_mutex);
    ++m_stats.connectionsAccepted;
    ++m_stats.connectionsOpen;
    return ++m_connectionNumbers;
}

void ServerState::connectionClosed()
{
    QMutexLocker lock(&m_mutex);
    --m_stats.connectionsOpen;
}

void ServerState::requestReceived()
{
    QMutexLocker lock(&m_mutex);
    ++m_stats.requestsReceived;
    ++m_stats.inFlight;
    if (m_stats.inFlight > m_stats.peakInFlight) m_stats.peakInFlight = m_stats.inFlight;
}

void ServerState::requestAnswered(int status)
{
    QMutexLocker lock(&m_mutex);
    --m_stats.inFlight;
    if (status > 0) ++m_stats.statuses[status];
}

void ServerState::requestAbandoned()
{
    QMutexLocker lock(&m_mutex);
    --m_stats.inFlight;
}

} // namespace live
