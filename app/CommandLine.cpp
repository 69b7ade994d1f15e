#include "CommandLine.h"

#include "Language.h"

#include <QCommandLineOption>
#include <QCommandLineParser>

namespace {

const QLatin1String helpName("help");
const QLatin1String versionName("version");
const QLatin1String langName("lang");
const QLatin1String quitAfterName("quit-after");
const QLatin1String screenshotName("screenshot");

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

    // For the README screenshot and for looking at the window without a display.
    QCommandLineOption screenshot(screenshotName, QStringLiteral("Save the window to <file>, then quit."),
                                  QStringLiteral("file"));
    screenshot.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(screenshot);
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

    const auto fail = [&invocation](Invocation::Problem problem, const QString &detail) {
        invocation.action = Invocation::Action::Fail;
        invocation.problem = problem;
        invocation.problemDetail = detail;
        return invocation;
    };

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
            return fail(Invocation::Problem::UnknownOption, asTyped(unknown.constFirst(), arguments));
        return fail(Invocation::Problem::Other, {});
    }

    if (parser.isSet(langName) && !Language::isSupported(language))
        return fail(Invocation::Problem::UnsupportedLanguage, language);

    // Subcommands will be recognised here, by the first positional argument.
    const QStringList positional = parser.positionalArguments();
    if (!positional.isEmpty())
        return fail(Invocation::Problem::UnexpectedArgument, positional.constFirst());

    if (parser.isSet(helpName)) {
        invocation.action = Invocation::Action::ShowHelp;
        return invocation;
    }
    if (parser.isSet(versionName)) {
        invocation.action = Invocation::Action::ShowVersion;
        return invocation;
    }

    if (parser.isSet(quitAfterName)) {
        const QString value = parser.value(quitAfterName);
        bool ok = false;
        const int ms = value.toInt(&ok);
        if (!ok || ms < 0)
            return fail(Invocation::Problem::BadDuration, value);
        invocation.quitAfterMs = ms;
    }

    if (parser.isSet(screenshotName))
        invocation.screenshotPath = parser.value(screenshotName);

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
    return parser.helpText();
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
        what = tr("unexpected argument '%1'").arg(detail);
        break;
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
