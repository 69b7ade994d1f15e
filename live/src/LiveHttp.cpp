// The HTTP lesson live. fetch() and main() follow lessons/http/scenario.cpp line for line
// (the same names, the same log lines), so that a learner can hold the two side by side;
// what differs is the I/O: a real HttpSession instead of the modelled Server and Session,
// and a third outcome the model has no need for, a request that got no HTTP answer at all.
#include "live/LiveHttp.h"

#include "live/HttpSession.h"

#include <aio/aio.hpp>
#include <lessons/format.hpp>
#include <qtaio/networkerror.h>
#include <qtaio/qtdriver.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace live {

namespace {

// The parameters one fetch() needs, copied into its frame.
struct Settings {
    QUrl base;
    double timeout = 0.3;
    double backoff = 0.2;
    bool pitfall = false;
    HttpSession::Protocol protocol = HttpSession::Protocol::Http1;
};

QUrl itemUrl(const QUrl &base, int i, int attempt)
{
    QUrl url = base;
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    url.setPath(path + QStringLiteral("/item/%1").arg(i));
    url.setQuery(QStringLiteral("attempt=%1").arg(attempt));
    return url;
}

// The session and the limit are shared by every fetch (and kept alive by each), so that a
// fetch still running when main() ends early (stopped, say) never reaches freed objects.
aio::Task<bool> fetch(std::shared_ptr<HttpSession> session, std::shared_ptr<aio::Semaphore> limit, int i,
                      Settings s, LiveHttpFigures *figures)
{
    for (int attempt = 1; attempt <= LiveHttp::maxAttempts; ++attempt) {
        bool timedOut = false; // the status stays a number: 0 while there is no answer
        int status = 0;
        double retryAfter = 0.0;
        QString error;  // no HTTP answer at all: refused, closed, not HTTP (for people, translated)
        QString reason; // the same in fixed English words, for the log
        {
            auto held = co_await aio::async_with(*limit); // a free slot, held for one attempt
            // The pitfall: a new session (so a new connection) for every request.
            std::unique_ptr<HttpSession> own = s.pitfall ? std::make_unique<HttpSession>(1, s.protocol) : nullptr;
            HttpSession &used = own ? *own : *session;
            try {
                HttpResponse response = co_await aio::wait_for(used.get(itemUrl(s.base, i, attempt)), s.timeout);
                status = response.status;
                // A server of the learner's choosing may ask for an hour: wait at most a minute.
                retryAfter = std::min(response.retryAfter.value_or(0.0), LiveHttp::maxRetryAfter);
            } catch (const aio::TimeoutError &) {
                timedOut = true; // no answer, so no status
            } catch (const qtaio::NetworkError &e) {
                error = QString::fromUtf8(e.what());
                reason = e.reason();
            }
            if (own) {
                figures->sent += own->sent();
                figures->connectionsOpened += own->connectionsOpened();
            }
        }
        if (timedOut)
            ++figures->timeouts;
        else if (!error.isEmpty()) {
            ++figures->errors;
            figures->lastError = error;
        } else {
            ++figures->responses;
            if (status == 429)
                ++figures->tooMany;
        }
        if (status == 200) {
            aio::log(lessons::format("req %d attempt %d: 200 OK", i, attempt));
            co_return true;
        }
        const std::string outcome = timedOut ? "timeout"
                                    : !error.isEmpty() ? "failed (" + reason.toStdString() + ")"
                                                       : std::to_string(status);
        if (attempt == LiveHttp::maxAttempts) {
            aio::log(lessons::format("req %d attempt %d: %s, giving up", i, attempt, outcome.c_str()));
            co_return false;
        }
        // Honour Retry-After, back off exponentially (no jitter, as in the model).
        double delay = std::max(retryAfter, s.backoff * std::pow(2, attempt - 1));
        if (s.pitfall)
            delay = 0.0; // the mistake of the model's pitfall as well: try again at once
        aio::log(lessons::format("req %d attempt %d: %s, next try in %.3f s", i, attempt, outcome.c_str(), delay));
        co_await aio::sleep(delay);
    }
    co_return false;
}

// The server lane: one log line per thing the demo server saw, in the order it saw them.
// The queue (shared with the task) outlives every wait on it.
aio::Task<void> logServerEvents(std::shared_ptr<aio::Queue<std::string>> events)
{
    for (;;) {
        const std::string line = co_await events->get();
        aio::log("server: " + line);
    }
}

const lessons::Lesson &modelLesson()
{
    const lessons::Lesson *lesson = lessons::find("http");
    if (!lesson)
        throw std::logic_error("the http lesson is missing from the registry");
    return *lesson;
}

} // namespace

LiveHttp::LiveHttp(lessons::Params params, bool pitfall, QUrl base)
    : m_params(lessons::defaults(lesson())), m_pitfall(pitfall), m_base(std::move(base))
{
    for (const auto &[id, value] : params.values)
        m_params.values.insert_or_assign(id, value);
}

aio::Task<void> LiveHttp::main()
{
    const double started = aio::time();
    const int requests = m_params.integer("requests");
    m_figures = {};
    m_figures.requests = requests;
    // ONE session for the whole program, with as many connections as the limit lets out.
    auto session = std::make_shared<HttpSession>(m_params.integer("limit"), m_protocol);
    auto limit = std::make_shared<aio::Semaphore>(m_params.integer("limit"), "limit"); // created once
    const Settings settings{m_base, m_params["timeout"], m_params["backoff"], m_pitfall, m_protocol};
    aio::Task<void> server;
    if (m_serverLane) {
        auto events = std::make_shared<aio::Queue<std::string>>(0, "server events");
        m_serverEvents = events;
        server = aio::create_task(logServerEvents(std::move(events)), "server");
    }
    std::vector<aio::Task<bool>> tasks;
    for (int i = 1; i <= requests; ++i)
        tasks.push_back(aio::create_task(fetch(session, limit, i, settings, &m_figures), lessons::format("req-%d", i)));
    std::vector<bool> results = co_await aio::gather(std::move(tasks));
    m_figures.ok = static_cast<int>(std::count(results.begin(), results.end(), true));
    m_figures.failed = static_cast<int>(std::count(results.begin(), results.end(), false));
    m_figures.sent += session->sent();
    m_figures.peakWaiting = session->peakWaiting();
    m_figures.connectionsOpened += session->connectionsOpened();
    m_figures.totalTime = aio::time() - started;
    if (server) {
        // The server's last lines come through Qt's event queue a moment after the answers.
        co_await aio::sleep(0.05);
        server.cancel();
        try {
            co_await server;
        } catch (const aio::CancelledError &) {
        }
    }
    aio::log(lessons::format("done: %d ok, %d failed, %d sent", m_figures.ok, m_figures.failed, m_figures.sent));
}

void LiveHttp::serverSaw(const ServerEvent &event)
{
    const std::shared_ptr<aio::Queue<std::string>> events = m_serverEvents.lock();
    if (!events)
        return;
    events->put_nowait(describe(event).toStdString());
    // Completed from the Qt side: the driver must look at the loop again.
    if (qtaio::QtDriver *driver = qtaio::QtDriver::current())
        driver->kick();
}

QString LiveHttp::describe(const ServerEvent &event)
{
    switch (event.kind) {
    case ServerEvent::Kind::ConnectionAccepted:
        return QStringLiteral("connection %1 accepted").arg(event.connection);
    case ServerEvent::Kind::ConnectionClosed:
        return QStringLiteral("connection %1 closed").arg(event.connection);
    case ServerEvent::Kind::RequestReceived:
        return QStringLiteral("got %1").arg(event.path);
    case ServerEvent::Kind::ResponseSent:
        return QStringLiteral("%1 %2").arg(event.status).arg(event.path);
    }
    return {};
}

QList<Figure> LiveHttp::figures() const
{
    const auto number = [](int n) { return QString::number(n); };
    return {
        {QStringLiteral("requests sent"), number(m_figures.sent)},
        {QStringLiteral("ok"), number(m_figures.ok)},
        {QStringLiteral("failed"), number(m_figures.failed)},
        {QStringLiteral("429s"), number(m_figures.tooMany)},
        {QStringLiteral("timeouts"), number(m_figures.timeouts)},
        {QStringLiteral("errors"), number(m_figures.errors)},
        {QStringLiteral("connections opened by the client"), number(m_figures.connectionsOpened)},
        {QStringLiteral("total time"), QString::number(m_figures.totalTime, 'f', 3) + QStringLiteral(" s")},
    };
}

std::vector<lessons::Parameter> LiveHttp::parameters()
{
    std::vector<lessons::Parameter> parameters = modelLesson().parameters;
    for (lessons::Parameter &p : parameters) {
        if (p.id == "requests") {
            p.min = 1;
            p.max = 200;
        }
        else if (p.id == "limit")
            p.max = 50;
    }
    return parameters;
}

const lessons::Lesson &LiveHttp::lesson()
{
    static const lessons::Lesson live = [] {
        lessons::Lesson l = modelLesson();
        l.parameters = parameters();
        // Live, the pitfall adds the classic mistake of real code to the model's one.
        l.pitfall = {"Neue Session pro Anfrage, sofort wiederholen", "A new session per request, retry at once"};
        l.pool_semaphore = "connections"; // every HttpSession's, see HttpSession.h
        l.hidden_queues = {"server events"};
        return l;
    }();
    return live;
}

ServerBehaviour LiveHttp::modelServer()
{
    ServerBehaviour behaviour;
    behaviour.latency = 0.1; // LATENCY
    behaviour.rate = 4;      // RATE
    behaviour.hangEvery = 4; // HANG_EVERY
    return behaviour;
}

} // namespace live
