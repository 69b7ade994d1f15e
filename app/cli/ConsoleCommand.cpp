#include "cli/ConsoleCommand.h"

#include "cli/CommandLine.h"
#include "cli/LessonCommands.h"
#include "cli/LiveCommand.h"
#include "cli/BreakCommand.h"
#include "cli/PlayCommand.h"
#include "text/ApplicationSetup.h"
#include "cli/ServeCommand.h"
#include "cli/TraceCommand.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

int runConsoleCommand(int &argc, char **argv, const Invocation &invocation)
{
    QCoreApplication app(argc, argv);
    prepareApplication(invocation.language);

    QTextStream out(stdout);
    QTextStream err(stderr);

    switch (invocation.action) {
    case Invocation::Action::ShowHelp:
        out << CommandLine::helpText();
        return 0;
    case Invocation::Action::ShowVersion:
        out << CommandLine::versionText() << '\n';
        return 0;
    case Invocation::Action::Fail:
        err << CommandLine::problemMessage(invocation) << '\n';
        return 2;
    case Invocation::Action::ListLessons:
        return LessonCommands::list(invocation);
    case Invocation::Action::RunLesson:
        return LessonCommands::run(invocation);
    case Invocation::Action::Serve:
        return ServeCommand::run(invocation);
    case Invocation::Action::LiveLesson:
        return LiveCommand::run(invocation);
    case Invocation::Action::PlayLesson:
        return PlayCommand::run(invocation);
    case Invocation::Action::BreakLevel:
        return BreakCommand::run(invocation);
    case Invocation::Action::TraceProgram:
        return TraceCommand::run(invocation);
    case Invocation::Action::ReplayTrace:
        return TraceCommand::replay(invocation);
    case Invocation::Action::ShowGui:
    case Invocation::Action::Screenshot:
        break;
    }
    err << "dirigent: internal error: a GUI invocation reached the console runner\n";
    return 1;
}
