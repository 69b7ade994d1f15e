// The threads lesson live: N real OS threads beside N aio tasks on this machine, and the same
// in CPython (lessons/threads/live_threads.py) when python3 is there. Unlike the other live
// lessons this is a measurement, not a scenario on the loop: it runs on a worker thread
// (threads are created and joined there, the tasks get an aio loop of that thread), so the
// window stays responsive and the GUI thread's loop stays free for the model.
#pragma once

#include "live/LiveScenario.h"
#include "live/PythonThreadsMeasurement.h"
#include "live/ThreadsMeasurement.h"

#include <lessons/lesson.hpp>

#include <QList>

#include <atomic>
#include <functional>

namespace live {

struct ThreadsComparison {
    int n = 0;
    UnitFigures threads;         // std::thread, each blocked on a condition variable
    UnitFigures tasks;           // aio tasks, each waiting on an aio::Event
    QList<SeriesPoint> series;   // both at 1, 10, 100, ... and n: the chart's points
    PythonThreadsResult python;  // threading.Thread and asyncio tasks (available = false: no python3)
    bool cancelled = false;
};

struct LiveThreadsOptions {
    bool python = true;                     // also run live_threads.py
    const std::atomic<bool> *cancel = nullptr;
    // Called on the measuring thread after each step, with a sentence for a status line.
    std::function<void(const QString &)> progress;
};

class LiveThreads {
public:
    // The lesson's live parameter: n, from 10 to 1,000,000 (threads stop earlier where the
    // system's limit is; coroutines go all the way).
    static const lessons::Lesson &lesson();
    // Blocks for as long as the measurement takes: call it on a worker thread.
    static ThreadsComparison measure(int n, const LiveThreadsOptions &options = {});
    // The summary, one `name: value` per line of `dirigent live threads` (keys in English,
    // values in the C locale).
    static QList<Figure> figures(const ThreadsComparison &comparison);
    // The same as a table, one row per figure and one column per kind (C++ threads, C++
    // coroutines, then Python's two when measured), columns apart by at least two spaces;
    // then a line per kind that stopped early, saying why.
    static QString table(const ThreadsComparison &comparison);
};

} // namespace live
