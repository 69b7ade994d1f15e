#pragma once

#include "cli/Invocation.h"

#include <QCoreApplication>
#include <QCommandLineParser>
#include <QString>
#include <QStringList>

namespace lessons {
struct Lesson;
}

// The command line of `dirigent`: parsing, help, version, and error messages.
// Besides opening the window, `dirigent lessons` and `dirigent run LESSON` run headless, and
// `dirigent screenshot LESSON OUT.png` renders the window offscreen; parse() checks their
// lesson, --set values and --pitfall against the lesson registry.
//
// parse() needs no QCoreApplication, so main() can read the arguments first and only
// then create the kind of application the invocation needs. The texts (helpText(),
// problemMessage()) are built when asked for, so they come out in the language
// whose translator is installed at that moment.
class CommandLine
{
    Q_DECLARE_TR_FUNCTIONS(CommandLine)

public:
    static QStringList argumentsOf(int argc, char **argv);
    static Invocation parse(const QStringList &arguments);

    static QString versionText(); // "dirigent 0.1.0"
    static QString helpText();    // needs a QCoreApplication instance
    static QString problemMessage(const Invocation &invocation); // one line, no newline

private:
    // The subcommands, after the options common to all are checked.
    static Invocation parseLessons(Invocation invocation, const QStringList &positional, bool json);
    // `run LESSON` and `play LESSON` (`command` names the one typed, for the complaints).
    static Invocation parseRun(Invocation invocation, const QStringList &positional,
                               const QStringList &assignments, const QString &command = QStringLiteral("run"));
    static Invocation parseScreenshot(Invocation invocation, const QStringList &positional,
                                      const QStringList &assignments, const QString &at,
                                      const QString &size);
    static Invocation parseBreak(Invocation invocation, const QStringList &positional);
    static Invocation parseTrace(Invocation invocation, const QStringList &positional,
                                 const QStringList &assignments, const QString &timeout);
    static Invocation parseServe(Invocation invocation, const QStringList &positional,
                                 const QCommandLineParser &parser);
    static Invocation parseLive(Invocation invocation, const QStringList &positional,
                                const QStringList &assignments, const QString &url,
                                const QString &database);
    // Every --set NAME=VALUE checked against `lesson` (its ranges); the first wrong one fails.
    static Invocation parseAssignments(Invocation invocation, const lessons::Lesson &lesson,
                                       const QStringList &assignments);
    // The lesson of `run` and `screenshot` with its --set values and --pitfall.
    static Invocation parseLesson(Invocation invocation, const QString &lessonId,
                                  const QStringList &assignments);
};
