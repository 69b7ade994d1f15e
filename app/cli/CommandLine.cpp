#include "cli/CommandLine.h"

#include "text/Language.h"

#include <lessons/lesson.hpp>
#include <lessons/param_input.hpp>
#include <levels/level.hpp>
#include <live/HttpSession.h>
#include <live/LiveDatabase.h>
#include <live/LiveVariants.h>

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QLocale>
#include <QRegularExpression>

#include <limits>
#include <optional>
#include <type_traits>
#include <string>
#include <vector>

namespace {

// Marks the invocation as failed with what went wrong, and returns it: every parse function
// ends with `return failed(invocation, ...)` at its first problem.
Invocation failed(Invocation &invocation, Invocation::Problem problem, const QString &detail,
                  const QString &context = {})
{
    invocation.action = Invocation::Action::Fail;
    invocation.problem = problem;
    invocation.problemDetail = detail;
    invocation.problemContext = context;
    return invocation;
}

const QLatin1String helpName("help");
const QLatin1String versionName("version");
const QLatin1String langName("lang");
const QLatin1String quitAfterName("quit-after");
const QLatin1String screenshotName("screenshot");
// `dirigent lessons`
const QLatin1String jsonName("json");
// `dirigent run LESSON`
const QLatin1String setName("set");
const QLatin1String pitfallName("pitfall");
const QLatin1String logName("log");
const QLatin1String traceJsonName("trace-json");
const QLatin1String quizName("quiz");
const QLatin1String saveName("save");
// `dirigent trace PROGRAM.py`
const QLatin1String realTimeName("real-time");
const QLatin1String timeoutName("timeout");
// `dirigent live LESSON`
const QLatin1String urlName("url");
const QLatin1String http2Name("http2");
// `dirigent screenshot LESSON OUT.png`
const QLatin1String atName("at");
const QLatin1String sizeName("size");
const QLatin1String liveName("live");
const QLatin1String dbName("db");
// `dirigent serve`
const QLatin1String portName("port");
const QLatin1String latencyName("latency");
const QLatin1String rateName("rate");
const QLatin1String hangEveryName("hang-every");
const QLatin1String errorRateName("error-rate");
const QLatin1String seedName("seed");
// The window's hidden smoke test
const QLatin1String tourName("tour");
const QLatin1String windowReportName("window-report");

const QLatin1String lessonsCommand("lessons");
const QLatin1String runCommand("run");
const QLatin1String screenshotCommand("screenshot");
const QLatin1String serveCommand("serve");
const QLatin1String liveCommand("live");
const QLatin1String playCommand("play");
const QLatin1String breakCommand("break");
const QLatin1String traceCommand("trace");
const QLatin1String replayCommand("replay");
const QLatin1String openCommand("open");
// `dirigent break`
const QLatin1String fixedName("fixed");
const QLatin1String solveName("solve");

// The commands an option belongs to: "run", "lessons", "screenshot", "" for the window's
// own options, or "*" for the options that go with everything.
QStringList commandsOf(const QString &option)
{
    if (option == setName)
        return {runCommand, liveCommand, screenshotCommand, playCommand, traceCommand};
    if (option == pitfallName)
        return {runCommand, liveCommand, screenshotCommand, playCommand};
    if (option == logName)
        return {runCommand, liveCommand, traceCommand};
    if (option == traceJsonName)
        return {runCommand, liveCommand, traceCommand, replayCommand};
    if (option == saveName)
        return {runCommand, traceCommand};
    if (option == realTimeName || option == timeoutName)
        return {traceCommand};
    if (option == quizName)
        return {runCommand};
    if (option == urlName || option == http2Name || option == dbName)
        return {liveCommand};
    if (option == atName || option == sizeName || option == liveName)
        return {screenshotCommand};
    if (option == jsonName)
        return {lessonsCommand};
    if (option == fixedName || option == solveName)
        return {breakCommand};
    if (option == portName || option == latencyName || option == rateName || option == hangEveryName
        || option == errorRateName || option == seedName)
        return {serveCommand};
    if (option == quitAfterName || option == screenshotName || option == windowReportName)
        return {QString(), openCommand};
    if (option == tourName)
        return {QString()};
    return {QStringLiteral("*")};
}

QString executableName()
{
    return QStringLiteral("dirigent");
}

// The unknown option `name` as the user typed it: "--bogus", "-bogus" (which the parser
// reads as the short options -b -o -g -u -s), "-x".
QString asTyped(const QString &name, const QStringList &arguments)
{
    for (const QString &argument : arguments.mid(1)) {
        if (argument == QLatin1String("--"))
            break;
        const QString option = argument.section(QLatin1Char('='), 0, 0);
        if (option == QLatin1String("--") + name || option == QLatin1Char('-') + name)
            return option;
        if (name.size() == 1 && argument.startsWith(QLatin1Char('-'))
            && !argument.startsWith(QLatin1String("--")) && option.contains(name))
            return option;
    }
    return (name.size() == 1 ? QStringLiteral("-") : QStringLiteral("--")) + name;
}

// Declares every option on `parser`. The descriptions go through tr() here, when the
// parser is built, so the help text is in the language whose translator is installed.
void declareOptions(QCommandLineParser &parser)
{
    parser.setApplicationDescription(
        CommandLine::tr("Dirigent shows how async/await works, the way Python's asyncio does it."));
    parser.addPositionalArgument(
        QStringLiteral("command"),
        CommandLine::tr("Without a command, Dirigent opens its window. 'lessons' lists the lessons; "
                        "'run LESSON' runs a lesson in virtual time and prints its log; "
                        "'play LESSON' lets you be the event loop: at each step you pick the task that runs next; "
                        "'break [LEVEL]' lists the break-it levels or plays one: you pick the order in which "
                        "pending I/O completes until the program breaks; "
                        "'live LESSON' runs its live variant with real requests, in real time, and "
                        "prints the log and what was measured; "
                        "'screenshot LESSON OUT.png' saves a picture of the window showing the lesson, "
                        "rendered without a display; 'serve' runs the demo HTTP server on 127.0.0.1 "
                        "until Ctrl+C; 'trace PROGRAM.py' runs your own asyncio program under Python, "
                        "in virtual time, and prints its log; 'replay TRACE' prints the log of a trace saved with --save; "
                        "'open FILE' opens the window with a saved trace or a Python program of yours."),
        QStringLiteral("[lessons | run LESSON | play LESSON | break [LEVEL] | live LESSON | screenshot LESSON OUT.png "
                       "| serve | trace PROGRAM.py | replay TRACE | open FILE]"));

    parser.addOption({{QStringLiteral("h"), helpName}, CommandLine::tr("Show this help and exit.")});
    parser.addOption({{QStringLiteral("v"), versionName}, CommandLine::tr("Show the version and exit.")});
    parser.addOption({langName,
                      CommandLine::tr("Language of the user interface: de or en "
                                      "(default: taken from the system locale)."),
                      QStringLiteral("de|en")});
    parser.addOption({quitAfterName,
                      //: <ms> is the option's value as the help shows it; keep it as is.
                      CommandLine::tr("Quit after <ms> milliseconds (for smoke tests)."),
                      QStringLiteral("ms")});

    parser.addOption({setName,
                      CommandLine::tr("run, live, screenshot: set a parameter of the lesson (repeat for more); "
                                      "trace: set a number constant at the top of the program (NAME=VALUE)."),
                      QStringLiteral("name=value")});
    parser.addOption({pitfallName, CommandLine::tr("run, live, screenshot: switch on the lesson's pitfall.")});
    parser.addOption({logName, CommandLine::tr("run, live, trace: print the log (the default; with --quiz, both).")});
    parser.addOption({quizName, CommandLine::tr("run: print the quiz with the answers computed from the run.")});
    parser.addOption({traceJsonName,
                      //: <file> is the option's value as the help shows it; keep it as is.
                      CommandLine::tr("run, live, trace, replay: write the trace to <file> as Chrome trace-event "
                                      "JSON (for ui.perfetto.dev)."),
                      QStringLiteral("file")});
    parser.addOption({saveName,
                      //: <file> is the option's value as the help shows it; keep it as is.
                      CommandLine::tr("run, trace: save the trace to <file> in Dirigent's own format "
                                      "(JSON Lines), which 'dirigent replay' reads."),
                      QStringLiteral("file")});
    parser.addOption({realTimeName,
                      CommandLine::tr("trace: run the program in real time on asyncio's own loop (its sockets "
                                      "and files are real) instead of on the virtual clock.")});
    parser.addOption({timeoutName,
                      //: <s> is the option's value as the help shows it; keep it as is.
                      CommandLine::tr("trace: stop the program after <s> seconds of real time; 0: never; "
                                      "default 60 on the virtual clock, never in real time."),
                      QStringLiteral("s")});
    parser.addOption({urlName,
                      //: <url> is the option's value as the help shows it; keep it as is.
                      CommandLine::tr("live: ask the server at <url> (http or https) instead of the demo "
                                      "server that Dirigent starts on 127.0.0.1."),
                      QStringLiteral("url")});
    parser.addOption({http2Name,
                      CommandLine::tr("live: speak HTTP/2 (every request on one connection, as httpx can) "
                                      "instead of HTTP/1.1; the demo server is put behind nghttpx.")});
    parser.addOption({dbName,
                      //: <database> is the option's value as the help shows it; keep it as is.
                      CommandLine::tr("live database: the database: sqlite (the default: a new file in a "
                                      "temporary folder), the path of a SQLite file, or a postgresql:// URL."),
                      QStringLiteral("database")});
    parser.addOption({portName,
                      //: <n> is the option's value as the help shows it; keep it as is.
                      CommandLine::tr("serve: listen on 127.0.0.1:<n>; 0 or none: a free port."),
                      QStringLiteral("n")});
    parser.addOption({latencyName,
                      //: <s> is the option's value as the help shows it; keep it as is.
                      CommandLine::tr("serve: answer after <s> seconds; default 0.1."), QStringLiteral("s")});
    parser.addOption({rateName,
                      CommandLine::tr("serve: accept <n> requests per second, answer 429 beyond; 0: no limit; "
                                      "default 4."),
                      QStringLiteral("n")});
    parser.addOption({hangEveryName,
                      CommandLine::tr("serve: never answer the first attempt of every <n>-th item; 0: none; "
                                      "default 4."),
                      QStringLiteral("n")});
    parser.addOption({errorRateName,
                      //: <p> is the option's value as the help shows it; keep it as is.
                      CommandLine::tr("serve: answer this share <p> (0 to 1) with 500; default 0."),
                      QStringLiteral("p")});
    parser.addOption({seedName, CommandLine::tr("serve: the seed of the 500s; default 1."), QStringLiteral("n")});
    parser.addOption({atName,
                      //: <fraction> is the option's value as the help shows it; keep it as is.
                      CommandLine::tr("screenshot: show the run at <fraction> of its events, "
                                      "0 (start) to 1 (end); default 0.5."),
                      QStringLiteral("fraction")});
    parser.addOption({sizeName,
                      //: <WxH> is the option's value as the help shows it; keep it as is.
                      CommandLine::tr("screenshot: the picture's size in pixels, from 640x400 to 7680x4320; "
                                      "default 1366x768."),
                      QStringLiteral("WxH")});
    parser.addOption({liveName,
                      CommandLine::tr("screenshot: run the lesson's live variant against its own demo server "
                                      "until it ends, then take the picture.")});

    parser.addOption({fixedName, CommandLine::tr("break: the fixed program instead of the broken one.")});
    parser.addOption({solveName,
                      CommandLine::tr("break: let the game try every order of moves and print the first one "
                                      "that breaks the program (its picks: the numbers to type).")});

    // The listing as JSON, for tests/lessons/.
    QCommandLineOption json(jsonName, QStringLiteral("lessons: list the lessons as JSON."));
    json.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(json);

    // For the README screenshot and for looking at the window without a display.
    QCommandLineOption screenshot(screenshotName, QStringLiteral("Save the window to <file>, then quit."),
                                  QStringLiteral("file"));
    screenshot.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(screenshot);

    // For the smoke test under Xvfb: every lesson opened and played to its end, then quit.
    QCommandLineOption tour(tourName, QStringLiteral("Open every lesson, play it to the end, then quit."));
    tour.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(tour);

    // For the smoke tests: what a person would see first (title, lesson list), written as JSON.
    QCommandLineOption windowReport(windowReportName,
                                    QStringLiteral("Write the window's title and lesson list to <file> as JSON, then quit."),
                                    QStringLiteral("file"));
    windowReport.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(windowReport);
}

// "1366x768" (or "1366X768") within the limits of Invocation; false otherwise.
bool parseSize(const QString &text, int &width, int &height)
{
    const QStringList parts = text.trimmed().split(QRegularExpression(QStringLiteral("[xX]")));
    if (parts.size() != 2)
        return false;
    bool okWidth = false;
    bool okHeight = false;
    const int w = parts.at(0).toInt(&okWidth);
    const int h = parts.at(1).toInt(&okHeight);
    if (!okWidth || !okHeight || w < Invocation::minImageWidth || h < Invocation::minImageHeight
        || w > Invocation::maxImageWidth || h > Invocation::maxImageHeight)
        return false;
    width = w;
    height = h;
    return true;
}

QString joined(const std::vector<std::string> &items)
{
    QStringList list;
    for (const std::string &item : items)
        list.append(QString::fromStdString(item));
    //: The empty list in "choose one of: %1"
    return list.isEmpty() ? CommandLine::tr("(none)") : list.join(QStringLiteral(", "));
}

QString runnableLessonIds()
{
    std::vector<std::string> ids;
    for (const lessons::Lesson *lesson : lessons::registry()) {
        if (!lesson->placeholder)
            ids.push_back(lesson->id);
    }
    return joined(ids);
}

QString levelIds()
{
    std::vector<std::string> ids;
    for (const levels::Level &level : levels::all_levels())
        ids.push_back(level.id);
    return joined(ids);
}

QString lessonIdsWithPitfall()
{
    std::vector<std::string> ids;
    for (const lessons::Lesson *lesson : lessons::registry()) {
        if (!lesson->placeholder && lesson->has_pitfall)
            ids.push_back(lesson->id);
    }
    return joined(ids);
}

QString parameterIds(const QString &lessonId)
{
    std::vector<std::string> ids;
    if (const lessons::Lesson *lesson = lessons::find(lessonId.toStdString())) {
        for (const lessons::Parameter &parameter : lesson->parameters)
            ids.push_back(parameter.id);
    }
    return joined(ids);
}

// "1..8" or "0.1..2 s": the range of the parameter a problem is about.
QString parameterRange(const Invocation &invocation)
{
    // `live` has ranges of its own (real requests are cheap: up to 200 of them).
    const lessons::Lesson *lesson = invocation.live ? live::liveLesson(invocation.lessonId)
                                                    : lessons::find(invocation.lessonId.toStdString());
    const lessons::Parameter *parameter =
        lesson ? lessons::find_parameter(*lesson, invocation.problemContext.toStdString()) : nullptr;
    if (!parameter)
        return QStringLiteral("?");
    QString range = QString::fromStdString(lessons::format_number(parameter->min)) + QStringLiteral("..")
                    + QString::fromStdString(lessons::format_number(parameter->max));
    if (!parameter->unit.empty())
        range += QLatin1Char(' ') + QString::fromStdString(parameter->unit);
    return range;
}

} // namespace

QStringList CommandLine::argumentsOf(int argc, char **argv)
{
    QStringList arguments;
    arguments.reserve(argc);
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    return arguments;
}

Invocation CommandLine::parse(const QStringList &arguments)
{
    Invocation invocation;
    invocation.arguments = arguments;
    invocation.language = Language::systemDefault();

    QCommandLineParser parser;
    declareOptions(parser);
    const bool parsed = parser.parse(arguments);

    // A valid --lang applies even when something else is wrong, so that the
    // complaint about it comes in the language asked for.
    const QString language = parser.isSet(langName) ? parser.value(langName) : QString();
    if (Language::isSupported(language))
        invocation.language = language;

    if (!parsed) {
        const QStringList unknown = parser.unknownOptionNames();
        if (!unknown.isEmpty())
            return failed(invocation, Invocation::Problem::UnknownOption, asTyped(unknown.constFirst(), arguments));
        return failed(invocation, Invocation::Problem::Other, {});
    }

    if (parser.isSet(langName) && !Language::isSupported(language))
        return failed(invocation, Invocation::Problem::UnsupportedLanguage, language);

    const QStringList positional = parser.positionalArguments();
    const QString command = positional.value(0);
    if (!command.isEmpty() && command != lessonsCommand && command != runCommand && command != screenshotCommand
        && command != serveCommand && command != liveCommand && command != playCommand && command != breakCommand
        && command != traceCommand && command != replayCommand && command != openCommand)
        return failed(invocation, Invocation::Problem::UnexpectedArgument, command);

    if (parser.isSet(helpName)) {
        invocation.action = Invocation::Action::ShowHelp;
        return invocation;
    }
    if (parser.isSet(versionName)) {
        invocation.action = Invocation::Action::ShowVersion;
        return invocation;
    }

    // Each option goes with its command only.
    for (const QString &option : parser.optionNames()) {
        const QStringList owners = commandsOf(option);
        if (owners.contains(QStringLiteral("*")) || owners.contains(command))
            continue;
        const QString typed = asTyped(option, arguments);
        if (command.isEmpty()) {
            // Several commands: "run|screenshot" (problemMessage() names each).
            return failed(invocation, Invocation::Problem::OptionNeedsCommand, typed, owners.join(QLatin1Char('|')));
        }
        return failed(invocation, Invocation::Problem::OptionNotForCommand, typed, command);
    }

    if (command == lessonsCommand)
        return parseLessons(invocation, positional, parser.isSet(jsonName));
    if (command == runCommand) {
        invocation.pitfall = parser.isSet(pitfallName);
        invocation.showLog = parser.isSet(logName);
        invocation.quiz = parser.isSet(quizName);
        invocation.traceJsonPath = parser.value(traceJsonName);
        invocation.savePath = parser.value(saveName);
        return parseRun(invocation, positional, parser.values(setName));
    }
    if (command == traceCommand) {
        invocation.showLog = parser.isSet(logName);
        invocation.traceJsonPath = parser.value(traceJsonName);
        invocation.savePath = parser.value(saveName);
        invocation.realTime = parser.isSet(realTimeName);
        return parseTrace(invocation, positional, parser.values(setName),
                          parser.isSet(timeoutName) ? parser.value(timeoutName) : QString());
    }
    if (command == replayCommand) {
        if (positional.size() < 2)
            return failed(invocation, Invocation::Problem::MissingFile, {}, replayCommand);
        if (positional.size() > 2)
            return failed(invocation, Invocation::Problem::UnexpectedArgument, positional.at(2), replayCommand);
        invocation.traceFilePath = positional.at(1);
        invocation.traceJsonPath = parser.value(traceJsonName);
        invocation.action = Invocation::Action::ReplayTrace;
        return invocation;
    }
    if (command == openCommand) {
        // The window, with a saved trace or a program in it (checked when the window opens it).
        if (positional.size() < 2)
            return failed(invocation, Invocation::Problem::MissingFile, {}, openCommand);
        if (positional.size() > 2)
            return failed(invocation, Invocation::Problem::UnexpectedArgument, positional.at(2), openCommand);
        invocation.openPath = positional.at(1);
    }
    if (command == playCommand) {
        invocation.pitfall = parser.isSet(pitfallName);
        invocation = parseRun(invocation, positional, parser.values(setName), playCommand);
        if (invocation.action == Invocation::Action::RunLesson)
            invocation.action = Invocation::Action::PlayLesson;
        return invocation;
    }
    if (command == breakCommand) {
        invocation.fixedVersion = parser.isSet(fixedName);
        invocation.solve = parser.isSet(solveName);
        return parseBreak(invocation, positional);
    }
    if (command == screenshotCommand) {
        invocation.pitfall = parser.isSet(pitfallName);
        invocation.live = parser.isSet(liveName);
        return parseScreenshot(invocation, positional, parser.values(setName),
                               parser.isSet(atName) ? parser.value(atName) : QString(),
                               parser.isSet(sizeName) ? parser.value(sizeName) : QString());
    }

    if (command == serveCommand)
        return parseServe(invocation, positional, parser);
    if (command == liveCommand) {
        invocation.live = true;
        invocation.pitfall = parser.isSet(pitfallName);
        invocation.showLog = parser.isSet(logName);
        invocation.traceJsonPath = parser.value(traceJsonName);
        invocation.http2 = parser.isSet(http2Name);
        return parseLive(invocation, positional, parser.values(setName),
                         parser.isSet(urlName) ? parser.value(urlName) : QString(),
                         parser.isSet(dbName) ? parser.value(dbName) : QString());
    }

    if (parser.isSet(quitAfterName)) {
        const QString value = parser.value(quitAfterName);
        bool ok = false;
        const int ms = value.toInt(&ok);
        if (!ok || ms < 0)
            return failed(invocation, Invocation::Problem::BadDuration, value);
        invocation.quitAfterMs = ms;
    }

    if (parser.isSet(screenshotName))
        invocation.screenshotPath = parser.value(screenshotName);
    invocation.tour = parser.isSet(tourName);
    if (parser.isSet(windowReportName))
        invocation.windowReportPath = parser.value(windowReportName);

    return invocation;
}

Invocation CommandLine::parseLessons(Invocation invocation, const QStringList &positional, bool json)
{
    if (positional.size() > 1)
        return failed(invocation, Invocation::Problem::UnexpectedArgument, positional.at(1), lessonsCommand);
    invocation.action = Invocation::Action::ListLessons;
    invocation.json = json;
    return invocation;
}

Invocation CommandLine::parseRun(Invocation invocation, const QStringList &positional,
                                 const QStringList &assignments, const QString &command)
{
    if (positional.size() < 2)
        return failed(invocation, Invocation::Problem::MissingLesson, {}, command);
    if (positional.size() > 2)
        return failed(invocation, Invocation::Problem::UnexpectedArgument, positional.at(2), command);
    invocation = parseLesson(invocation, positional.at(1), assignments);
    if (invocation.action != Invocation::Action::Fail)
        invocation.action = Invocation::Action::RunLesson;
    return invocation;
}

Invocation CommandLine::parseScreenshot(Invocation invocation, const QStringList &positional,
                                        const QStringList &assignments, const QString &at,
                                        const QString &size)
{
    if (positional.size() < 2)
        return failed(invocation, Invocation::Problem::MissingLesson, {}, screenshotCommand);
    if (positional.size() > 3)
        return failed(invocation, Invocation::Problem::UnexpectedArgument, positional.at(3), screenshotCommand);

    // A Python program instead of a lesson (its --set values go to the harness unchecked).
    if (!invocation.live && positional.at(1).endsWith(QLatin1String(".py"))) {
        invocation.programPath = positional.at(1);
        invocation.assignments = assignments;
    } else if (invocation.live)
        invocation = parseLive(invocation, positional.mid(0, 2), assignments, QString(), QString());
    else
        invocation = parseLesson(invocation, positional.at(1), assignments);
    if (invocation.action == Invocation::Action::Fail)
        return invocation;

    if (!at.isNull()) {
        // parse_number() reads finite numbers only: "nan" and "inf" are refused too.
        const std::optional<double> fraction = lessons::parse_number(at.toStdString());
        if (!fraction || *fraction < 0.0 || *fraction > 1.0)
            return failed(invocation, Invocation::Problem::BadFraction, at);
        invocation.atFraction = *fraction;
    }
    if (!size.isNull() && !parseSize(size, invocation.imageWidth, invocation.imageHeight))
        return failed(invocation, Invocation::Problem::BadSize, size);

    if (positional.size() < 3 || positional.at(2).isEmpty())
        return failed(invocation, Invocation::Problem::MissingOutput, {});
    const QString image = positional.at(2);
    const QString suffix = QFileInfo(image).suffix();
    if (!suffix.isEmpty() && suffix.compare(QLatin1String("png"), Qt::CaseInsensitive) != 0)
        return failed(invocation, Invocation::Problem::NotPng, image);
    invocation.imagePath = image;
    invocation.action = Invocation::Action::Screenshot;
    return invocation;
}

Invocation CommandLine::parseServe(Invocation invocation, const QStringList &positional,
                                   const QCommandLineParser &parser)
{
    if (positional.size() > 1)
        return failed(invocation, Invocation::Problem::UnexpectedArgument, positional.at(1), serveCommand);

    // A whole number within [min, max], or a finite number within [min, max].
    const auto whole = [&parser](const QString &name, qlonglong min, qlonglong max, auto &target) {
        if (!parser.isSet(name))
            return true;
        bool ok = false;
        const qlonglong value = parser.value(name).trimmed().toLongLong(&ok);
        if (!ok || value < min || value > max)
            return false;
        target = static_cast<std::remove_reference_t<decltype(target)>>(value);
        return true;
    };
    const auto number = [&parser](const QString &name, double min, double max, double &target) {
        if (!parser.isSet(name))
            return true;
        const std::optional<double> value = lessons::parse_number(parser.value(name).trimmed().toStdString());
        if (!value || *value < min || *value > max)
            return false;
        target = *value;
        return true;
    };
    if (!whole(portName, 0, 65535, invocation.servePort))
        return failed(invocation, Invocation::Problem::BadServeValue, parser.value(portName), portName);
    if (!number(latencyName, 0.0, Invocation::maxServeLatency, invocation.serveLatency))
        return failed(invocation, Invocation::Problem::BadServeValue, parser.value(latencyName), latencyName);
    if (!whole(rateName, 0, 1000000, invocation.serveRate))
        return failed(invocation, Invocation::Problem::BadServeValue, parser.value(rateName), rateName);
    if (!whole(hangEveryName, 0, 1000000, invocation.serveHangEvery))
        return failed(invocation, Invocation::Problem::BadServeValue, parser.value(hangEveryName), hangEveryName);
    if (!number(errorRateName, 0.0, 1.0, invocation.serveErrorRate))
        return failed(invocation, Invocation::Problem::BadServeValue, parser.value(errorRateName), errorRateName);
    if (!whole(seedName, 0, std::numeric_limits<qlonglong>::max(), invocation.serveSeed))
        return failed(invocation, Invocation::Problem::BadServeValue, parser.value(seedName), seedName);
    invocation.action = Invocation::Action::Serve;
    return invocation;
}

Invocation CommandLine::parseAssignments(Invocation invocation, const lessons::Lesson &lesson,
                                         const QStringList &assignments)
{
    for (const QString &assignment : assignments) {
        const lessons::ParamInput input = lessons::parse_assignment(lesson, assignment.toStdString());
        const QString name = QString::fromStdString(input.name);
        const QString value = QString::fromStdString(input.value);
        switch (input.problem) {
        case lessons::ParamProblem::None:
            break;
        case lessons::ParamProblem::MissingEquals:
            return failed(invocation, Invocation::Problem::MissingEquals, assignment);
        case lessons::ParamProblem::UnknownParameter:
            return failed(invocation, Invocation::Problem::UnknownParameter, name);
        case lessons::ParamProblem::NotANumber:
            return failed(invocation, Invocation::Problem::NotANumber, value, name);
        case lessons::ParamProblem::NotAWholeNumber:
            return failed(invocation, Invocation::Problem::NotAWholeNumber, value, name);
        case lessons::ParamProblem::OutOfRange:
            return failed(invocation, Invocation::Problem::OutOfRange, value, name);
        }
    }
    invocation.assignments = assignments;
    return invocation;
}

Invocation CommandLine::parseTrace(Invocation invocation, const QStringList &positional,
                                   const QStringList &assignments, const QString &timeout)
{
    if (positional.size() < 2)
        return failed(invocation, Invocation::Problem::MissingFile, {}, traceCommand);
    if (positional.size() > 2)
        return failed(invocation, Invocation::Problem::UnexpectedArgument, positional.at(2), traceCommand);
    invocation.programPath = positional.at(1);
    // The names and values are the program's: the harness checks them against its source.
    for (const QString &assignment : assignments) {
        if (!assignment.contains(QLatin1Char('=')))
            return failed(invocation, Invocation::Problem::MissingEquals, assignment, traceCommand);
    }
    invocation.assignments = assignments;
    invocation.timeoutMs = invocation.realTime ? -1 : Invocation::defaultVirtualTimeoutMs;
    if (!timeout.isNull()) {
        bool ok = false;
        const double seconds = QLocale::c().toDouble(timeout.trimmed(), &ok);
        if (!ok || !(seconds >= 0) || seconds > 86400)
            return failed(invocation, Invocation::Problem::BadTimeout, timeout);
        invocation.timeoutMs = seconds == 0 ? -1 : int(seconds * 1000);
    }
    invocation.action = Invocation::Action::TraceProgram;
    return invocation;
}

Invocation CommandLine::parseBreak(Invocation invocation, const QStringList &positional)
{
    if (positional.size() > 2)
        return failed(invocation, Invocation::Problem::UnexpectedArgument, positional.at(2), breakCommand);
    invocation.action = Invocation::Action::BreakLevel;
    invocation.levelId = positional.value(1);
    if (invocation.levelId.isEmpty()) {
        if (invocation.fixedVersion || invocation.solve)
            return failed(invocation, Invocation::Problem::MissingLevel, {});
        return invocation;
    }
    if (!levels::find_level(invocation.levelId.toStdString()))
        return failed(invocation, Invocation::Problem::UnknownLevel, invocation.levelId);
    return invocation;
}

Invocation CommandLine::parseLesson(Invocation invocation, const QString &lessonId,
                                    const QStringList &assignments)
{
    invocation.lessonId = lessonId;
    const lessons::Lesson *lesson = lessons::find(invocation.lessonId.toStdString());
    if (!lesson)
        return failed(invocation, Invocation::Problem::UnknownLesson, invocation.lessonId);
    if (lesson->placeholder)
        return failed(invocation, Invocation::Problem::PlaceholderLesson, invocation.lessonId);
    if (invocation.pitfall && !lesson->has_pitfall)
        return failed(invocation, Invocation::Problem::NoPitfall, invocation.lessonId);

    invocation = parseAssignments(invocation, *lesson, assignments);
    if (invocation.action == Invocation::Action::Fail)
        return invocation;
    return invocation;
}

Invocation CommandLine::parseLive(Invocation invocation, const QStringList &positional,
                                  const QStringList &assignments, const QString &url, const QString &database)
{
    if (positional.size() < 2)
        return failed(invocation, Invocation::Problem::MissingLesson, {}, liveCommand);
    if (positional.size() > 2)
        return failed(invocation, Invocation::Problem::UnexpectedArgument, positional.at(2), liveCommand);
    invocation.lessonId = positional.at(1);
    const lessons::Lesson *lesson = live::liveLesson(invocation.lessonId);
    if (!lesson)
        return failed(invocation, Invocation::Problem::NoLiveVariant, invocation.lessonId);
    if (invocation.pitfall && !lesson->has_pitfall)
        return failed(invocation, Invocation::Problem::NoPitfall, invocation.lessonId);

    // Checked against the live ranges, which are wider than the model's.
    invocation = parseAssignments(invocation, *lesson, assignments);
    if (invocation.action == Invocation::Action::Fail)
        return invocation;

    // Each lesson's own options: the HTTP lesson asks a server, the database lesson a database.
    const bool http = invocation.lessonId == QLatin1String("http");
    if (!http && !url.isNull())
        return failed(invocation, Invocation::Problem::OptionNotForLesson, QStringLiteral("--url"), invocation.lessonId);
    if (!http && invocation.http2)
        return failed(invocation, Invocation::Problem::OptionNotForLesson, QStringLiteral("--http2"), invocation.lessonId);
    if (invocation.lessonId != QLatin1String("database") && !database.isNull())
        return failed(invocation, Invocation::Problem::OptionNotForLesson, QStringLiteral("--db"), invocation.lessonId);
    if (!database.isNull()) {
        const QString why = live::LiveDatabase::checkDatabase(database.trimmed());
        if (!why.isEmpty() || database.trimmed().isEmpty())
            return failed(invocation, Invocation::Problem::BadDatabase, database,
                          why.isEmpty() ? QStringLiteral("it is empty") : why);
        invocation.liveDatabase = database.trimmed();
    }

    // A URL that is not http(s) is bad input: refused before anything runs.
    if (!url.isNull()) {
        if (!live::HttpSession::checkUrl(QUrl(url.trimmed(), QUrl::StrictMode)).isEmpty())
            return failed(invocation, Invocation::Problem::BadUrl, url);
        // Qt's h2c to a server that speaks no HTTP/2 fails noisily, attempt by attempt.
        if (invocation.http2)
            return failed(invocation, Invocation::Problem::Http2WithUrl, {});
        invocation.liveUrl = url.trimmed();
    }
    invocation.action = Invocation::Action::LiveLesson;
    return invocation;
}

QString CommandLine::versionText()
{
    return executableName() + QLatin1Char(' ') + QStringLiteral(DIRIGENT_VERSION);
}

QString CommandLine::helpText()
{
    QCommandLineParser parser;
    declareOptions(parser);
    // The commands are easiest to understand by example.
    return parser.helpText() + QLatin1Char('\n') + tr("Examples:") + QLatin1Char('\n')
           + QStringLiteral("  dirigent lessons\n"
                            "  dirigent run queues --set workers=3 --pitfall\n"
                            "  dirigent play tasks-gather\n"
                            "  dirigent break lost-update\n"
                            "  dirigent break pool-leak --fixed --solve\n"
                            "  dirigent live http --set requests=100 --set limit=20\n"
                            "  dirigent live database --db postgresql://me:secret@127.0.0.1/bank\n"
                            "  dirigent live threads --set n=100000\n"
                            "  dirigent live blocking --set work=0.5 --set debug=1\n"
                            "  dirigent screenshot queues --lang de --at 0.25 --size 1920x1080 queues.png\n"
                            "  dirigent serve --port 8080 --latency 0.05 --rate 10\n"
                            "  dirigent trace crawler.py --set WORKERS=4 --save crawler.trace\n"
                            "  dirigent replay crawler.trace --trace-json crawler.json\n");
}

QString CommandLine::problemMessage(const Invocation &invocation)
{
    const QString &detail = invocation.problemDetail;
    QString what;
    switch (invocation.problem) {
    case Invocation::Problem::None:
        return {};
    case Invocation::Problem::UnknownOption:
        what = tr("unknown option '%1'").arg(detail);
        break;
    case Invocation::Problem::UnsupportedLanguage:
        what = tr("unsupported language '%1', choose de or en").arg(detail);
        break;
    case Invocation::Problem::BadDuration:
        what = tr("--quit-after expects a whole number of milliseconds, not '%1'").arg(detail);
        break;
    case Invocation::Problem::UnexpectedArgument:
        if (invocation.problemContext.isEmpty())
            what = tr("unknown command '%1', choose lessons, run, play, break, live, screenshot, serve, trace, replay or open")
                       .arg(detail);
        else
            what = tr("unexpected argument '%1'").arg(detail);
        break;
    case Invocation::Problem::OptionNeedsCommand: {
        const QStringList commands = invocation.problemContext.split(QLatin1Char('|'));
        if (commands.size() == 5)
            what = tr("the option '%1' works only with 'dirigent %2', 'dirigent %3', 'dirigent %4', 'dirigent %5' "
                      "or 'dirigent %6'")
                       .arg(detail, commands.at(0), commands.at(1), commands.at(2), commands.at(3), commands.at(4));
        else if (commands.size() == 4)
            what = tr("the option '%1' works only with 'dirigent %2', 'dirigent %3', 'dirigent %4' or 'dirigent %5'")
                       .arg(detail, commands.at(0), commands.at(1), commands.at(2), commands.at(3));
        else if (commands.size() == 3)
            what = tr("the option '%1' works only with 'dirigent %2', 'dirigent %3' or 'dirigent %4'")
                       .arg(detail, commands.at(0), commands.at(1), commands.at(2));
        else if (commands.size() == 2)
            what = tr("the option '%1' works only with 'dirigent %2' or 'dirigent %3'")
                       .arg(detail, commands.at(0), commands.at(1));
        else
            what = tr("the option '%1' works only with 'dirigent %2'").arg(detail, invocation.problemContext);
        break;
    }
    case Invocation::Problem::OptionNotForCommand:
        what = tr("the option '%1' does not work with 'dirigent %2'").arg(detail, invocation.problemContext);
        break;
    case Invocation::Problem::MissingLesson:
        //: %1: the command (run, screenshot), %2: the lessons
        what = tr("'%1' needs a lesson, choose one of: %2")
                   .arg(invocation.problemContext, invocation.live ? live::liveLessonIds().join(QStringLiteral(", "))
                                                                   : runnableLessonIds());
        break;
    case Invocation::Problem::NoLiveVariant:
        //: %1: the lesson as typed, %2: the lessons that have a live variant
        what = tr("the lesson '%1' has no live variant; lessons with one: %2")
                   .arg(detail, live::liveLessonIds().join(QStringLiteral(", ")));
        break;
    case Invocation::Problem::BadUrl:
        what = tr("--url expects an http:// or https:// URL with a host, not '%1'").arg(detail);
        break;
    case Invocation::Problem::OptionNotForLesson:
        //: %1: an option such as --url; %2: a lesson id
        what = tr("the option '%1' does not work with 'dirigent live %2'").arg(detail, invocation.problemContext);
        break;
    case Invocation::Problem::BadDatabase:
        //: %1: the --db value as typed; %2: why it cannot be used (English, from the program)
        what = tr("--db expects sqlite, a SQLite file or a postgresql:// URL; '%1' cannot be used: %2")
                   .arg(detail, invocation.problemContext);
        break;
    case Invocation::Problem::Http2WithUrl:
        what = tr("--http2 puts nghttpx in front of the demo server; leave out --url");
        break;
    case Invocation::Problem::UnknownLesson:
        what = tr("unknown lesson '%1', choose one of: %2").arg(detail, runnableLessonIds());
        break;
    case Invocation::Problem::UnknownLevel:
        what = tr("unknown level '%1', choose one of: %2").arg(detail, levelIds());
        break;
    case Invocation::Problem::MissingLevel:
        what = tr("--fixed and --solve need a level, choose one of: %1").arg(levelIds());
        break;
    case Invocation::Problem::PlaceholderLesson:
        what = tr("the lesson '%1' comes later, with the live demos; choose one of: %2")
                   .arg(detail, runnableLessonIds());
        break;
    case Invocation::Problem::NoPitfall:
        what = tr("the lesson '%1' has no pitfall switch; lessons with one: %2")
                   .arg(invocation.lessonId, lessonIdsWithPitfall());
        break;
    case Invocation::Problem::MissingFile:
        if (invocation.problemContext == traceCommand)
            what = tr("'trace' needs the Python program to run, like 'dirigent trace crawler.py'");
        else if (invocation.problemContext == openCommand)
            what = tr("'open' needs a trace saved with --save or a Python program, like 'dirigent open run.trace'");
        else
            what = tr("'replay' needs a trace file saved with --save, like 'dirigent replay run.trace'");
        break;
    case Invocation::Problem::BadTimeout:
        what = tr("--timeout expects seconds from 0 (never) to 86400, not '%1'").arg(detail);
        break;
    case Invocation::Problem::MissingEquals:
        if (invocation.problemContext == traceCommand) {
            what = tr("--set expects NAME=VALUE, not '%1'").arg(detail);
            break;
        }
        //: %1: what was typed after --set, %2: the lesson, %3: its parameters
        what = tr("--set expects name=value, not '%1'; the parameters of '%2': %3")
                   .arg(detail, invocation.lessonId, parameterIds(invocation.lessonId));
        break;
    case Invocation::Problem::UnknownParameter:
        what = tr("the lesson '%1' has no parameter '%2'; its parameters: %3")
                   .arg(invocation.lessonId, detail, parameterIds(invocation.lessonId));
        break;
    case Invocation::Problem::NotANumber:
        //: %1: the parameter, %2: its range like "1..8" or "0.1..2 s", %3: the value typed
        what = tr("the parameter '%1' expects a number within %2, not '%3'")
                   .arg(invocation.problemContext, parameterRange(invocation), detail);
        break;
    case Invocation::Problem::NotAWholeNumber:
        what = tr("the parameter '%1' expects a whole number within %2, not '%3'")
                   .arg(invocation.problemContext, parameterRange(invocation), detail);
        break;
    case Invocation::Problem::OutOfRange:
        what = tr("the value %1 of the parameter '%2' is out of range, choose within %3")
                   .arg(detail, invocation.problemContext, parameterRange(invocation));
        break;
    case Invocation::Problem::BadFraction:
        what = tr("--at expects a fraction of the run from 0 to 1 (0.5: the middle), not '%1'").arg(detail);
        break;
    case Invocation::Problem::BadSize:
        //: %1..%4: the smallest and largest width and height, %5: the value typed
        what = tr("--size expects WIDTHxHEIGHT in pixels from %1x%2 to %3x%4 (like 1366x768), not '%5'")
                   .arg(Invocation::minImageWidth)
                   .arg(Invocation::minImageHeight)
                   .arg(Invocation::maxImageWidth)
                   .arg(Invocation::maxImageHeight)
                   .arg(detail);
        break;
    case Invocation::Problem::MissingOutput:
        what = tr("'screenshot' needs the file to save the picture to, like '%1.png', after the lesson")
                   .arg(invocation.lessonId);
        break;
    case Invocation::Problem::NotPng:
        what = tr("the screenshot is saved as PNG: name the file '*.png', not '%1'").arg(detail);
        break;
    case Invocation::Problem::BadServeValue: {
        const QString &option = invocation.problemContext;
        QString expected;
        if (option == portName)
            expected = tr("a port from 0 to 65535 (0: a free one)");
        else if (option == latencyName)
            expected = tr("seconds from 0 to %1").arg(Invocation::maxServeLatency);
        else if (option == rateName)
            expected = tr("a whole number of requests per second, 0 for no limit");
        else if (option == hangEveryName)
            expected = tr("a whole number, 0 for no hanging requests");
        else if (option == errorRateName)
            expected = tr("a share from 0 to 1");
        else
            expected = tr("a whole number from 0");
        //: %1: the option (--port, ...), %2: what it expects, %3: the value typed
        what = tr("%1 expects %2, not '%3'").arg(QStringLiteral("--") + option, expected, invocation.problemDetail);
        break;
    }
    case Invocation::Problem::Other: {
        // Parsed again, so that Qt's message comes in the language installed by now.
        QCommandLineParser parser;
        declareOptions(parser);
        parser.parse(invocation.arguments);
        what = parser.errorText().trimmed();
        if (what.endsWith(QLatin1Char('.')))
            what.chop(1);
        break;
    }
    }
    //: The one line printed for a wrong command line. %1: the program name, %2: what is wrong.
    return tr("%1: %2 (see '%1 --help')").arg(executableName(), what);
}
