#pragma once

#include "cli/Invocation.h"
#include "cli/TraceJsonFile.h"

#include <lessons/lesson.hpp>

#include <QCoreApplication>
#include <QString>
#include <QStringList>

// `dirigent live LESSON`: a lesson's live variant, headless. Without --url it starts the
// demo server in-process on 127.0.0.1 with the model's behaviour; then it runs the live
// scenario in real time, prints its log as it happens (the format of `dirigent run`) and a
// summary of what was measured, one `name: value` per line. The names are keys like the
// log's words, the same in every language, so scripts can read them.
// Runs inside the QCoreApplication of runConsoleCommand(); returns the exit code.
class LiveCommand
{
    Q_DECLARE_TR_FUNCTIONS(LiveCommand)

public:
    static int run(const Invocation &invocation);

private:
    // `live database`: the pool against SQLite or PostgreSQL (--db).
    static int runDatabase(const Invocation &invocation, const lessons::Params &params, const TraceJsonFile &traceFile);
    // `live blocking`: the heartbeat beside the requests, once with to_thread (the fix) and
    // once blocking the loop (the pitfall); --pitfall runs the blocking variant only.
    // `live threads`: N threads and N coroutines measured (and CPython's when python3 is there).
    static int runThreads(const Invocation &invocation, const lessons::Params &params);
    static int runBlocking(const Invocation &invocation, const lessons::Params &params, const TraceJsonFile &traceFile);
};
