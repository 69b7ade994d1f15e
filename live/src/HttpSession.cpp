#include "live/HttpSession.h"

#include <aio/async_with.hpp>
#include <aio/errors.hpp>
#include <qtaio/networkerror.h>
#include <qtaio/replyawaiter.h>

#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>

#include <algorithm>
#include <memory>
#include <optional>

namespace live {

namespace {

// Counts a request in one of the session's figures while it is in that state.
class Counting {
public:
    Counting(int &counter, HttpSession *session) : m_counter(counter), m_session(session)
    {
        ++m_counter;
        Q_EMIT m_session->changed();
    }
    Counting(const Counting &) = delete;
    Counting &operator=(const Counting &) = delete;
    ~Counting()
    {
        --m_counter;
        Q_EMIT m_session->changed();
    }

private:
    int &m_counter;
    HttpSession *m_session;
};

// The reply goes when the request's coroutine ends, however it ends (an answer, an error,
// a cancellation that aborted it). deleteLater: Qt may still be inside one of its signals.
struct ReplyRelease {
    void operator()(QNetworkReply *reply) const
    {
        if (!reply)
            return;
        if (reply->isRunning())
            reply->abort();
        reply->deleteLater();
    }
};

} // namespace

HttpSession::HttpSession(int maxConnections, QObject *parent)
    : HttpSession(maxConnections, Protocol::Http1, parent)
{
}

HttpSession::HttpSession(int maxConnections, Protocol protocol, QObject *parent)
    : QObject(parent)
    , m_maxConnections(std::clamp(maxConnections, 1, maxConnectionsLimit))
    , m_protocol(protocol)
    , m_slots(m_maxConnections, "connections")
{
    // HTTP/2 multiplexes every request on one connection: one manager is all it takes.
    const int managers = m_protocol == Protocol::Http2
                             ? 1
                             : (m_maxConnections + connectionsPerManager - 1) / connectionsPerManager;
    m_pools.resize(static_cast<std::size_t>(managers));
    for (Pool &pool : m_pools) {
        pool.manager = new QNetworkAccessManager(this);
        // Straight to the server: the demo server is on loopback, and a proxy from the
        // environment would hide the connections the lesson counts.
        pool.manager->setProxy(QNetworkProxy(QNetworkProxy::NoProxy));
    }
}

// The managers go with the session, and their connections with them.
HttpSession::~HttpSession()
{
    if (m_open > 0)
        m_slots.report_count(0, "open");
}

void HttpSession::connectionOpened()
{
    ++m_open;
    ++m_opened;
    m_slots.report_count(m_open, "open");
    Q_EMIT changed();
}

void HttpSession::connectionLost()
{
    if (m_open == 0)
        return;
    --m_open;
    m_slots.report_count(m_open, "open");
    Q_EMIT changed();
}

QString HttpSession::checkUrl(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https")))
        return QStringLiteral("'%1' is not an http(s) URL").arg(url.toString());
    if (url.host().isEmpty())
        return QStringLiteral("'%1' names no host").arg(url.toString());
    return {};
}

QList<int> HttpSession::inFlightPerManager() const
{
    QList<int> counts;
    for (const Pool &pool : m_pools)
        counts.append(pool.inFlight);
    return counts;
}

int HttpSession::leastBusyPool() const
{
    int best = 0;
    for (int i = 1; i < managerCount(); ++i) {
        if (m_pools[static_cast<std::size_t>(i)].inFlight < m_pools[static_cast<std::size_t>(best)].inFlight)
            best = i;
    }
    return best;
}

aio::Task<HttpResponse> HttpSession::get(QUrl url)
{
    const QString problem = checkUrl(url);
    if (!problem.isEmpty())
        throw qtaio::NetworkError(QNetworkReply::ProtocolUnknownError, problem, url);

    std::optional<aio::Held<aio::Semaphore>> slot;
    if (m_slots.locked()) {
        Counting waiting(m_waiting, this); // every slot is busy: this request waits for one
        m_peakWaiting = std::max(m_peakWaiting, m_waiting);
        slot.emplace(co_await aio::async_with(m_slots));
    } else {
        slot.emplace(co_await aio::async_with(m_slots));
    }

    const int index = leastBusyPool();
    Pool &pool = m_pools[static_cast<std::size_t>(index)];
    QNetworkRequest request(url);
    if (m_protocol == Protocol::Http2) {
        // HTTP/2 as httpx speaks it; over http:// with prior knowledge (no Upgrade dance).
        request.setAttribute(QNetworkRequest::Http2AllowedAttribute, true);
        request.setAttribute(QNetworkRequest::Http2DirectAttribute, true);
    } else {
        // HTTP/1.1, as aiohttp speaks it: one request per connection at a time.
        request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    }
    std::unique_ptr<QNetworkReply, ReplyRelease> reply(pool.manager->get(request));
    ++m_sent;
    Counting inFlight(pool.inFlight, this);
    Counting total(m_inFlight, this);
    m_peakInFlight = std::max(m_peakInFlight, m_inFlight);
    connect(reply.get(), &QNetworkReply::socketStartedConnecting, this, &HttpSession::connectionOpened);

    // However this request ends without an answer, its HTTP/1.1 connection ends with it: Qt
    // closes a connection whose reply is aborted or failed. (An HTTP/2 stream can be reset
    // alone; there only a failure, not an abort, costs the connection.)
    struct Outcome {
        HttpSession *session;
        bool answered = false;
        bool failed = false;
        ~Outcome()
        {
            if (!answered && (failed || session->m_protocol == Protocol::Http1))
                session->connectionLost();
        }
    } outcome{this};
    try {
        HttpResponse response = HttpResponse::fromReply(co_await qtaio::awaitReply(reply.get()));
        outcome.answered = true;
        response.pool = index;
        co_return response;
    } catch (const qtaio::NetworkError &) {
        outcome.failed = true;
        throw;
    }
}

} // namespace live
