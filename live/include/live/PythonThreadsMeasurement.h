// PythonThreadsMeasurement: the Python column of lesson 10's live mode. Runs the lesson's
// Python twin (lessons/threads/live_threads.py: n threading.Thread waiting on a
// threading.Event, n asyncio tasks waiting on an asyncio.Event) as
// `python3 live_threads.py --n N --json [--max-threads M]` in a QProcess and reads its one
// JSON object into the same UnitFigures as the C++ measurement.
//
// Blocking (waits for the process): call it on a worker thread. No event loop needed.
#pragma once

#include "live/ThreadsMeasurement.h"

#include <QByteArray>
#include <QString>

#include <atomic>

namespace live {

struct PythonThreadsOptions {
    QString interpreter = QStringLiteral("python3"); // a name looked up in PATH, or a path
    int timeoutMs = 300000;                          // the whole run; then it is killed
    const std::atomic<bool> *cancel = nullptr;       // polled while it runs; kills it
    // Pass --max-threads so that Python stays threadSafetyMargin() below the nearest count
    // limit too (threadHeadroom()); a stop there is reported with that limit's reason.
    bool stayBelowLimits = true;
};

struct PythonThreadsResult {
    bool available = false; // the interpreter could be started
    bool ok = false;        // it printed a measurement, and threads/tasks hold it
    QString error;          // why not (English), empty when ok
    QString pythonVersion;  // "3.11.7"
    UnitFigures threads;
    UnitFigures tasks;
};

// Runs the script at `scriptPath`.
PythonThreadsResult measurePythonThreads(
    const QString &scriptPath, int n, const PythonThreadsOptions &options = {});
// Runs `source` (the listing embedded in the app) from a temporary file.
PythonThreadsResult measurePythonThreadsSource(
    const QByteArray &source, int n, const PythonThreadsOptions &options = {});

// Reads the script's JSON output (what it printed with --json); on failure ok is false and
// error says what was wrong. `available` is left false: the caller knows.
PythonThreadsResult parsePythonThreadsJson(const QByteArray &output);

} // namespace live
