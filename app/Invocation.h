#pragma once

#include <QString>
#include <QStringList>

// What one start of the program was asked to do, as read from its command line.
// CommandLine::parse() fills it without a QCoreApplication, so that main() can decide
// whether a GUI is needed at all before it creates one.
struct Invocation
{
    enum class Action {
        ShowGui,     // open the main window (the default)
        ShowHelp,    // -h, --help
        ShowVersion, // -v, --version
        Fail,        // the command line was wrong: one line on stderr, exit code 2
        // Headless subcommands (`dirigent lessons`, `dirigent run`) join here.
    };

    enum class Problem {
        None,
        UnknownOption,       // detail: the option as typed, e.g. "--bogus"
        UnsupportedLanguage, // detail: the value given to --lang
        BadDuration,         // detail: the value given to --quit-after
        UnexpectedArgument,  // detail: the stray positional argument
        Other,               // QCommandLineParser's own complaint (a value missing, say)
    };

    QStringList arguments; // as given, program name first

    Action action = Action::ShowGui;
    Problem problem = Problem::None;
    QString problemDetail;

    QString language;       // "de" or "en": from --lang, else from the system locale
    int quitAfterMs = -1;   // --quit-after; negative: run until the user quits
    QString screenshotPath; // hidden --screenshot FILE: save the window as an image, then quit
};
