#pragma once

#include "cli/Invocation.h"

#include <lessons/lesson.hpp>

#include <QCoreApplication>
#include <QString>

// The headless subcommands: `dirigent lessons` and `dirigent run LESSON`.
// Both expect an invocation that CommandLine::parse() has checked, and a
// QCoreApplication with the translator of invocation.language installed.
class LessonCommands
{
    Q_DECLARE_TR_FUNCTIONS(LessonCommands)

public:
    // Prints the curriculum ("1. event-loop  Event loop and coroutines"), or with --json
    // every lesson with its parameters as JSON. Returns the exit code.
    static int list(const Invocation &invocation);

    // Runs the lesson in virtual time and prints its log and/or quiz; writes the trace
    // for --trace-json. Returns the exit code.
    static int run(const Invocation &invocation);

    // The texts printed, for tests.
    static QString listing(lessons::Lang lang);
    static QString listingJson();
    static QString quizText(const lessons::Lesson &lesson, const lessons::Run &run,
                            const lessons::Params &params, bool pitfall, lessons::Lang lang);
    // After a deadlock: who waits on what, at which line of the scenario (for stderr;
    // the log itself stays exactly what Python prints).
    static QString deadlockReport(const lessons::Run &run);
};
