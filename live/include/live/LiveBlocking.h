// The "never block the event loop" lesson live: a heartbeat ticks every TICK seconds on the
// real-time loop (the window's own, when the window runs it) while a handler serves three
// requests of WORK seconds each, as lessons/blocking/scenario.cpp does in virtual time:
//   1. await aio::sleep(WORK): waiting as a coroutine should, the loop stays free;
//   2. a real blocking call (aio::blocking_sleep, i.e. time.sleep): on the loop's own thread
//      with the pitfall, else through aio::to_thread on the driver's thread pool (QThreadPool);
//   3. a real CPU-heavy loop (hashing until WORK seconds have passed): on the loop's thread
//      with the pitfall, else through aio::run_in_executor (the model sleeps here: a CPU loop
//      cannot run on a virtual clock; it holds the loop the same way).
// After each request the handler sends its answer (0.25 s), as in the model.
// Every tick measures how late it fired (the loop lag): the time from when its sleep should
// have ended to when the heartbeat ran again. With the pitfall the loop (and the window with
// it) stands still for WORK seconds twice; without it, the lag stays at what a busy desktop
// costs, a few milliseconds.
#pragma once

#include "live/LiveScenario.h"

#include <lessons/lesson.hpp>

#include <QList>
#include <QString>

#include <vector>

namespace live {

// One heartbeat tick.
struct HeartbeatTick {
    int number = 0;      // 1, 2, ...
    double firedAt = 0;  // loop time when the heartbeat ran again, seconds
    double lag = 0;      // how late: firedAt minus when its sleep was due, seconds (>= 0)
    int request = 0;     // the request the handler was serving then (0: none)
};

// One request of the handler.
struct BlockingRequest {
    QString how;          // "asyncio.sleep", "time.sleep", "CPU loop": the key, not translated
    bool onLoop = false;  // it ran on the loop's own thread (the pitfall's blocking calls)
    double start = 0;     // loop time, seconds
    double end = 0;
    double longestLag = 0; // the latest tick while it ran (or the first tick after it)
    int ticks = 0;        // ticks that fired while it ran
};

struct LiveBlockingFigures {
    std::vector<HeartbeatTick> ticks;
    std::vector<BlockingRequest> requests;
    double longestLag = 0;
    double totalTime = 0;
};

class LiveBlocking final : public LiveScenario {
public:
    static constexpr int requestCount = 3;
    static constexpr double reply = 0.25; // seconds that sending an answer takes, as in the model

    LiveBlocking(lessons::Params params, bool pitfall);

    aio::Task<void> main() override;
    QList<Figure> figures() const override;
    // Grows while the run goes on (the lag meter reads it on the GUI thread, which is the
    // loop's thread: no lock needed).
    const LiveBlockingFigures &measured() const { return m_figures; }
    const lessons::Params &params() const { return m_params; }
    bool pitfall() const { return m_pitfall; }

    // The lesson's parameters live: the model's; a blocked window for more than 2 s is
    // already enough to make the point.
    static const lessons::Lesson &lesson();

    // Keeps the CPU busy for `seconds` on the calling thread (the CPU-heavy request), and
    // returns a checksum so the compiler cannot drop the work.
    static unsigned long long crunch(double seconds);

private:
    aio::Task<void> heartbeat();
    aio::Task<void> handler();

    lessons::Params m_params;
    bool m_pitfall;
    int m_current = 0; // the request being served (0: none)
    LiveBlockingFigures m_figures;
};

} // namespace live
