#pragma once

#include "cli/Invocation.h"

#include <QCoreApplication>
#include <QString>

namespace trace {
class Recorder;
}

// `dirigent trace PROGRAM.py`: a learner's own asyncio program run under CPython by the tracing
// harness (virtual time unless --real-time), its log printed as `dirigent run` prints a lesson's,
// the trace written for --trace-json / --save. Exit codes: 0 the program ended; 1 it raised
// (its traceback is on stderr), deadlocked (the report is on stderr), was stopped by --timeout,
// or the harness failed; 2 bad input (no such file, not Python, a syntax error, no event loop,
// a --set that names no constant, an unwritable output file).
//
// `dirigent replay TRACE`: a trace saved with --save (by `trace` or `run`) read back: its log
// printed, its end told as `trace` tells it, --trace-json written. A file that is not such a
// trace (truncated, malformed, from a newer Dirigent, hostile): one line naming the problem
// and its line and column, exit code 2.
class TraceCommand
{
    Q_DECLARE_TR_FUNCTIONS(TraceCommand)

public:
    static int run(const Invocation &invocation);
    static int replay(const Invocation &invocation);
    // After a deadlock: who waits on what, and where (for stderr).
    static QString deadlockReport(const trace::Recorder &recorder);
    // The log line of a Log event, "t=0.500 text", as `dirigent run` prints it.
    static QByteArray logLine(std::int64_t timeNs, const std::string &text);

private:
    // What the end of a complete trace means for the exit code (and says so on stderr).
    static int outcome(const trace::Recorder &recorder, const QString &program);
};
