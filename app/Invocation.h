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
        ListLessons, // `dirigent lessons`: the curriculum, headless
        RunLesson,   // `dirigent run LESSON`: one lesson in virtual time, headless
    };

    enum class Problem {
        None,
        UnknownOption,       // detail: the option as typed, e.g. "--bogus"
        UnsupportedLanguage, // detail: the value given to --lang
        BadDuration,         // detail: the value given to --quit-after
        UnexpectedArgument,  // detail: the stray positional argument
        Other,               // QCommandLineParser's own complaint (a value missing, say)
        // The subcommands. `lessonId` names the lesson where one is known.
        OptionNeedsCommand,  // detail: the option as typed ("--pitfall"); context: its command ("run")
        OptionNotForCommand, // detail: the option as typed; context: the command given ("lessons")
        MissingLesson,       // `dirigent run` without a lesson
        UnknownLesson,       // detail: the lesson id as typed
        PlaceholderLesson,   // detail: the id of a lesson still to come
        MissingEquals,       // detail: the --set value without '='
        UnknownParameter,    // detail: the parameter name as typed
        NotANumber,          // detail: the value; context: the parameter id
        NotAWholeNumber,     // detail: the value; context: the parameter id
        OutOfRange,          // detail: the value; context: the parameter id
        NoPitfall,           // --pitfall for a lesson without a pitfall switch
    };

    QStringList arguments; // as given, program name first

    Action action = Action::ShowGui;
    Problem problem = Problem::None;
    QString problemDetail;
    QString problemContext;

    QString language;       // "de" or "en": from --lang, else from the system locale
    int quitAfterMs = -1;   // --quit-after; negative: run until the user quits
    QString screenshotPath; // hidden --screenshot FILE: save the window as an image, then quit

    // `dirigent lessons`
    bool json = false; // hidden --json: machine-readable listing (for tests/lessons/)

    // `dirigent run LESSON`
    QString lessonId;
    QStringList assignments; // --set name=value, checked: every name and value is valid
    bool pitfall = false;    // --pitfall
    bool showLog = false;    // --log (the log is printed anyway unless --quiz asks for the quiz alone)
    bool quiz = false;       // --quiz
    QString traceJsonPath;   // --trace-json FILE
};
