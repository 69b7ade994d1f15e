#include "live/LiveRun.h"

#include <aio/aio.hpp>
#include <lessons/describe.hpp>
#include <qtaio/qtdriver.h>

#include <QEventLoop>
#include <QPointer>
#include <QTimer>

#include <cstdio>
#include <string_view>
#include <vector>

namespace live {

// The loop's lines: to the FILE* given, or kept for result().log. Python's warnings go to
// stderr, where Python prints them.
class LiveRun::Log final : public aio::LogSink {
public:
    Log(std::FILE *out, std::string &keep) : m_out(out), m_keep(keep) {}
    void line(aio::LogKind kind, std::string_view text) override
    {
        std::FILE *to = kind == aio::LogKind::Warning ? stderr : m_out;
        if (!to) {
            m_keep.append(text);
            m_keep += '\n';
            return;
        }
        std::fprintf(to, "%.*s\n", static_cast<int>(text.size()), text.data());
        std::fflush(to);
    }

private:
    std::FILE *m_out;
    std::string &m_keep;
};

LiveRun::LiveRun(LiveScenario &scenario, QObject *parent) : QObject(parent), m_scenario(scenario) {}

LiveRun::~LiveRun()
{
    if (!m_driver)
        return;
    stop();
    // No waiting in a destructor: whatever did not end yet is ended by the shutdown.
    finish();
}

bool LiveRun::start(QString *error)
{
    if (m_driver || aio::EventLoop::current()) {
        if (error)
            *error = QStringLiteral("another run is still going on this thread");
        return false;
    }
    m_result = {};
    m_result.recorder = std::make_shared<trace::Recorder>();
    m_stopping = false;
    // The driver's clock starts here: the run's t=0.
    m_driver = std::make_unique<qtaio::QtDriver>();
    m_driver->loop().set_sink(m_result.recorder.get());
    m_log = std::make_unique<Log>(m_logTo, m_result.log);
    m_driver->loop().set_log_sink(m_log.get());
    connect(m_driver.get(), &qtaio::QtDriver::advanced, this, &LiveRun::advanced);
    connect(m_driver.get(), &qtaio::QtDriver::taskFinished, this, &LiveRun::onTaskFinished);
    m_main = m_driver->start(m_scenario.main(), "main");
    m_mainId = m_main.id();
    return true;
}

void LiveRun::stop()
{
    if (!m_driver || m_stopping)
        return;
    m_stopping = true;
    // Every task, in creation order, as asyncio.run's shutdown does: a waiting reply is
    // aborted at once, a sleep disarmed; the run ends when the main task has ended.
    std::vector<aio::detail::TaskCore *> tasks;
    for (aio::detail::TaskCore *t : m_driver->loop().tasks())
        tasks.push_back(t);
    for (aio::detail::TaskCore *t : tasks) {
        if (!t->done())
            t->cancel("stopped");
    }
    m_driver->kick();
}

bool LiveRun::waitForFinished(int timeoutMs)
{
    if (!m_driver)
        return true;
    QEventLoop waiter;
    QTimer guard;
    guard.setSingleShot(true);
    connect(&guard, &QTimer::timeout, &waiter, &QEventLoop::quit);
    connect(this, &LiveRun::finished, &waiter, &QEventLoop::quit);
    if (timeoutMs >= 0)
        guard.start(timeoutMs);
    waiter.exec();
    return !m_driver;
}

void LiveRun::onTaskFinished(quint32 taskId)
{
    if (taskId == m_mainId)
        finish();
}

void LiveRun::finish()
{
    if (!m_driver)
        return;
    aio::EventLoop &loop = m_driver->loop();
    // What main left behind is cancelled and awaited (asyncio.run's shutdown).
    loop.cancel_all_and_finish();
    if (m_main.done()) {
        const bool cancelled = m_main.cancelled();
        const std::exception_ptr raised = cancelled ? nullptr : m_main.exception();
        if (raised)
            m_result.error = "main raised " + lessons::describe(raised);
        else if (cancelled && !m_stopping)
            m_result.error = "main was cancelled";
        if (loop.tracing()) {
            aio::TraceEvent end;
            end.kind = aio::TraceEventKind::RunEnd;
            end.task = m_main.id();
            end.outcome = cancelled ? aio::Outcome::Cancelled : raised ? aio::Outcome::Exception : aio::Outcome::Result;
            loop.emit_trace_event(std::move(end));
        }
    }
    m_result.stopped = m_stopping;
    m_result.endTime = loop.time();
    m_result.figures = m_scenario.figures();
    loop.set_sink(nullptr);
    loop.set_log_sink(nullptr);
    m_log.reset();
    if (!m_result.error.empty()) {
        if (m_logTo) {
            std::fprintf(m_logTo, "%s\n", m_result.error.c_str());
            std::fflush(m_logTo);
        } else {
            m_result.log += m_result.error + "\n";
        }
    }
    // The handle goes before the loop does (see QtDriver); then this thread is free again.
    m_main = {};
    m_mainId = 0;
    m_driver.reset();
    Q_EMIT finished();
}

} // namespace live
