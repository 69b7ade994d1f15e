// The "never block the event loop" lesson on the real-time loop. heartbeat() and handler()
// have the model's shape (lessons/blocking/scenario.cpp); what differs is that the blocking
// calls really block: a sleeping thread, a busy CPU.
#include "live/LiveBlocking.h"

#include <aio/aio.hpp>
#include <lessons/format.hpp>

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <string>

namespace live {

namespace {

using lessons::format;

const lessons::Lesson &modelLesson()
{
    const lessons::Lesson *lesson = lessons::find("blocking");
    if (!lesson)
        throw std::logic_error("the blocking lesson is missing from the registry");
    return *lesson;
}

QString seconds(double s)
{
    return QString::number(s, 'f', 3) + QStringLiteral(" s");
}

} // namespace

LiveBlocking::LiveBlocking(lessons::Params params, bool pitfall)
    : m_params(lessons::defaults(lesson())), m_pitfall(pitfall)
{
    for (const auto &[id, value] : params.values)
        m_params.values.insert_or_assign(id, value);
}

unsigned long long LiveBlocking::crunch(double seconds)
{
    // A running FNV-style hash, checked against the clock every 4096 rounds.
    using Clock = std::chrono::steady_clock;
    const auto end = Clock::now() + std::chrono::duration<double>(seconds);
    unsigned long long h = 1469598103934665603ULL;
    for (unsigned long long round = 0;; ++round) {
        h = (h ^ round) * 1099511628211ULL;
        if ((round & 4095) == 0 && Clock::now() >= end)
            return h;
    }
}

aio::Task<void> LiveBlocking::heartbeat()
{
    // As the model's heartbeat: sleep TICK, measure how much longer it really took.
    const double tick = m_params["tick"];
    for (int number = 1;; ++number) {
        const double before = aio::time();
        co_await aio::sleep(tick);
        HeartbeatTick t;
        t.number = number;
        t.firedAt = aio::time();
        t.lag = std::max(0.0, t.firedAt - before - tick);
        t.request = m_current;
        m_figures.ticks.push_back(t);
        m_figures.longestLag = std::max(m_figures.longestLag, t.lag);
        if (m_current > 0) {
            BlockingRequest &r = m_figures.requests[std::size_t(m_current - 1)];
            r.longestLag = std::max(r.longestLag, t.lag);
            ++r.ticks;
        } else if (!m_figures.requests.empty() && m_figures.requests.back().ticks == 0) {
            // The request ended before any tick fired (it held the loop the whole time):
            // the first tick after it shows what it cost.
            m_figures.requests.back().longestLag = std::max(m_figures.requests.back().longestLag, t.lag);
        }
        // Real lag has fractions of a millisecond: one decimal (the model's is whole).
        aio::log(format("tick %d (%.1f ms late)", number, t.lag * 1000));
    }
}

aio::Task<void> LiveBlocking::handler()
{
    const double work = m_params["work"];
    const char *ways[requestCount] = {"asyncio.sleep", "time.sleep", "CPU loop"};
    const char *fixes[requestCount] = {"asyncio.sleep", "asyncio.to_thread", "loop.run_in_executor (CPU loop)"};
    for (int i = 0; i < requestCount; ++i) {
        BlockingRequest r;
        r.how = QString::fromLatin1(ways[i]);
        r.onLoop = m_pitfall && i > 0;
        r.start = aio::time();
        m_figures.requests.push_back(r);
        m_current = i + 1;
        aio::log(format("request %d: %s", i + 1,
                        !r.onLoop ? fixes[i] : i == 1 ? "time.sleep in the coroutine" : "CPU loop in the coroutine"));
        if (i == 0) {
            co_await aio::sleep(work); // waiting as a coroutine should
        } else if (i == 1) {
            if (m_pitfall)
                aio::blocking_sleep(work); // time.sleep(WORK): the loop stands still
            else
                co_await aio::to_thread(aio::blocking_sleep, work);
        } else {
            if (m_pitfall) {
                crunch(work); // a CPU-heavy loop on the loop's thread
            } else {
                auto busy = [work] { return crunch(work); };
                co_await aio::run_in_executor(nullptr, busy);
            }
        }
        m_current = 0;
        m_figures.requests.back().end = aio::time();
        aio::log(format("request %d: answer ready after %.3f s", i + 1, aio::time() - r.start));
        co_await aio::sleep(reply); // sending the answer over the network
    }
}

aio::Task<void> LiveBlocking::main()
{
    if (m_params.integer("debug") != 0)
        aio::get_running_loop().set_debug(true); // asyncio's debug mode: report slow steps
    aio::Task<void> beat = aio::create_task(heartbeat(), "heartbeat");
    co_await aio::create_task(handler(), "handler");
    beat.cancel(); // every request is served: stop the heartbeat
    try {
        co_await beat;
    } catch (const aio::CancelledError &) {
    }
    m_figures.totalTime = aio::time();
    double longestGap = 0;
    int late = 0;
    const double tick = m_params["tick"];
    for (const HeartbeatTick &t : m_figures.ticks) {
        longestGap = std::max(longestGap, t.lag + tick);
        late += t.lag > tick ? 1 : 0;
    }
    aio::log(format("%d ticks, longest gap %.3f s, %d more than a tick late", int(m_figures.ticks.size()), longestGap, late));
}

QList<Figure> LiveBlocking::figures() const
{
    QList<Figure> list;
    list.append({QStringLiteral("ticks"), QString::number(m_figures.ticks.size())});
    for (const BlockingRequest &r : m_figures.requests) {
        const QString where = r.how == QLatin1String("asyncio.sleep") ? QString()
                              : r.onLoop ? QStringLiteral(" on the loop")
                                         : QStringLiteral(" in a thread");
        list.append({QStringLiteral("longest tick lag during %1%2").arg(r.how, where), seconds(r.longestLag)});
    }
    list.append({QStringLiteral("longest tick lag"), seconds(m_figures.longestLag)});
    list.append({QStringLiteral("total time"), seconds(m_figures.totalTime)});
    return list;
}

const lessons::Lesson &LiveBlocking::lesson()
{
    static const lessons::Lesson live = [] {
        lessons::Lesson l = modelLesson();
        for (lessons::Parameter &p : l.parameters)
            if (p.id == "work")
                p.max = std::min(p.max, 2.0);
        return l;
    }();
    return live;
}

} // namespace live
