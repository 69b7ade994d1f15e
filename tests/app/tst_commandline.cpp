#include "cli/CommandLine.h"
#include "text/Language.h"

// moc reads this file for its Q_OBJECT and cannot parse the C++20 the lessons use.
#ifndef Q_MOC_RUN
#include <lessons/lesson.hpp>
#endif

#include <QSize>
#include <QTest>

// CommandLine::parse() is a pure function of the argument list: these tests need no
// window, and the parsing ones not even the QCoreApplication that QTEST_GUILESS_MAIN makes.
class TestCommandLine : public QObject
{
    Q_OBJECT

private:
    static Invocation parse(const QStringList &options)
    {
        return CommandLine::parse(QStringList{QStringLiteral("dirigent")} + options);
    }

private slots:
    void noArgumentsOpensTheWindowInTheSystemLanguage()
    {
        const Invocation invocation = parse({});
        QCOMPARE(invocation.action, Invocation::Action::ShowGui);
        QCOMPARE(invocation.problem, Invocation::Problem::None);
        QCOMPARE(invocation.language, Language::systemDefault());
        QCOMPARE(invocation.quitAfterMs, -1);
        QVERIFY(invocation.screenshotPath.isEmpty());
    }

    void langChoosesTheLanguage_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<QString>("language");
        QTest::newRow("de") << QStringList{"--lang", "de"} << QStringLiteral("de");
        QTest::newRow("en") << QStringList{"--lang", "en"} << QStringLiteral("en");
        QTest::newRow("with =") << QStringList{"--lang=de"} << QStringLiteral("de");
    }

    void langChoosesTheLanguage()
    {
        QFETCH(QStringList, options);
        QFETCH(QString, language);
        const Invocation invocation = parse(options);
        QCOMPARE(invocation.action, Invocation::Action::ShowGui);
        QCOMPARE(invocation.language, language);
    }

    void helpAndVersionNeedNoWindow_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<Invocation::Action>("action");
        QTest::newRow("--help") << QStringList{"--help"} << Invocation::Action::ShowHelp;
        QTest::newRow("-h") << QStringList{"-h"} << Invocation::Action::ShowHelp;
        QTest::newRow("--version") << QStringList{"--version"} << Invocation::Action::ShowVersion;
        QTest::newRow("-v") << QStringList{"-v"} << Invocation::Action::ShowVersion;
        QTest::newRow("help wins") << QStringList{"--version", "--help"} << Invocation::Action::ShowHelp;
    }

    void helpAndVersionNeedNoWindow()
    {
        QFETCH(QStringList, options);
        QFETCH(Invocation::Action, action);
        QCOMPARE(parse(options).action, action);
    }

    void quitAfterTakesMilliseconds()
    {
        QCOMPARE(parse({"--quit-after", "300"}).quitAfterMs, 300);
        QCOMPARE(parse({"--quit-after", "0"}).quitAfterMs, 0);
    }

    void screenshotTakesAFile()
    {
        QCOMPARE(parse({"--screenshot", "/tmp/shot.png"}).screenshotPath, QStringLiteral("/tmp/shot.png"));
    }

    void tourIsAHiddenWindowOption()
    {
        const Invocation tour = parse({"--tour"});
        QCOMPARE(tour.action, Invocation::Action::ShowGui);
        QVERIFY(tour.tour);
        QVERIFY(!parse({}).tour);
        QVERIFY(!CommandLine::helpText().contains(QStringLiteral("--tour")));

        const Invocation withCommand = parse({"lessons", "--tour"});
        QCOMPARE(withCommand.action, Invocation::Action::Fail);
        QCOMPARE(withCommand.problem, Invocation::Problem::OptionNotForCommand);
        QCOMPARE(withCommand.problemDetail, QStringLiteral("--tour"));
    }

    void screenshotTakesLessonAndFileWithDefaults()
    {
        const Invocation invocation = parse({"screenshot", "queues", "out.png"});
        QCOMPARE(invocation.action, Invocation::Action::Screenshot);
        QCOMPARE(invocation.problem, Invocation::Problem::None);
        QCOMPARE(invocation.lessonId, QStringLiteral("queues"));
        QCOMPARE(invocation.imagePath, QStringLiteral("out.png"));
        QCOMPARE(invocation.atFraction, 0.5);
        QCOMPARE(invocation.imageWidth, 1366);
        QCOMPARE(invocation.imageHeight, 768);
        QVERIFY(invocation.assignments.isEmpty());
        QVERIFY(!invocation.pitfall);
    }

    void screenshotReadsItsOptions()
    {
        const Invocation invocation =
            parse({"screenshot", "queues", "--set", "workers=3", "--set", "work=0.2", "--pitfall", "--lang", "de",
                   "--at", "0.25", "--size", "1920x1080", "/tmp/queues.png"});
        QCOMPARE(invocation.action, Invocation::Action::Screenshot);
        QCOMPARE(invocation.assignments, (QStringList{"workers=3", "work=0.2"}));
        QVERIFY(invocation.pitfall);
        QCOMPARE(invocation.language, QStringLiteral("de"));
        QCOMPARE(invocation.atFraction, 0.25);
        QCOMPARE(invocation.imageWidth, 1920);
        QCOMPARE(invocation.imageHeight, 1080);
        QCOMPARE(invocation.imagePath, QStringLiteral("/tmp/queues.png"));
    }

    void screenshotAcceptsTheEdgesOfItsRanges_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<double>("at");
        QTest::addColumn<QSize>("size");
        QTest::newRow("start") << QStringList{"--at", "0"} << 0.0 << QSize(1366, 768);
        QTest::newRow("end") << QStringList{"--at", "1"} << 1.0 << QSize(1366, 768);
        QTest::newRow("with =") << QStringList{"--at=1e-1"} << 0.1 << QSize(1366, 768);
        QTest::newRow("smallest") << QStringList{"--size", "640x400"} << 0.5 << QSize(640, 400);
        QTest::newRow("largest") << QStringList{"--size", "7680X4320"} << 0.5 << QSize(7680, 4320);
    }

    void screenshotAcceptsTheEdgesOfItsRanges()
    {
        QFETCH(QStringList, options);
        QFETCH(double, at);
        QFETCH(QSize, size);
        const Invocation invocation = parse(QStringList{"screenshot", "queues"} + options + QStringList{"x.png"});
        QCOMPARE(invocation.action, Invocation::Action::Screenshot);
        QCOMPARE(invocation.atFraction, at);
        QCOMPARE(QSize(invocation.imageWidth, invocation.imageHeight), size);
    }

    void wrongScreenshotsFailWithAReason_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<Invocation::Problem>("problem");
        QTest::addColumn<QString>("detail");
        QTest::addColumn<QString>("mentions"); // in the message
        const auto row = [](const char *name, const QStringList &options, Invocation::Problem problem,
                            const QString &detail, const QString &mentions) {
            QTest::newRow(name) << (QStringList{"screenshot"} + options) << problem << detail << mentions;
        };
        using P = Invocation::Problem;
        row("no lesson", {}, P::MissingLesson, {}, QStringLiteral("queues"));
        row("unknown lesson", {"queuez", "x.png"}, P::UnknownLesson, "queuez", QStringLiteral("event-loop"));
        row("no file", {"queues"}, P::MissingOutput, {}, QStringLiteral("queues.png"));
        row("empty file", {"queues", ""}, P::MissingOutput, {}, QStringLiteral(".png"));
        row("not png", {"queues", "x.jpg"}, P::NotPng, "x.jpg", QStringLiteral("*.png"));
        row("extra argument", {"queues", "x.png", "y.png"}, P::UnexpectedArgument, "y.png", QStringLiteral("y.png"));
        row("fraction in words", {"queues", "--at", "half", "x.png"}, P::BadFraction, "half", QStringLiteral("0 to 1"));
        row("fraction above 1", {"queues", "--at", "1.5", "x.png"}, P::BadFraction, "1.5", QStringLiteral("1.5"));
        row("negative fraction", {"queues", "--at=-0.1", "x.png"}, P::BadFraction, "-0.1", QStringLiteral("-0.1"));
        row("nan", {"queues", "--at", "nan", "x.png"}, P::BadFraction, "nan", QStringLiteral("nan"));
        row("empty fraction", {"queues", "--at=", "x.png"}, P::BadFraction, "", QStringLiteral("--at"));
        row("size in words", {"queues", "--size", "big", "x.png"}, P::BadSize, "big", QStringLiteral("640x400"));
        row("size without height", {"queues", "--size", "1366x", "x.png"}, P::BadSize, "1366x",
            QStringLiteral("7680x4320"));
        row("size too small", {"queues", "--size", "639x400", "x.png"}, P::BadSize, "639x400",
            QStringLiteral("639x400"));
        row("size too large", {"queues", "--size", "7680x4321", "x.png"}, P::BadSize, "7680x4321",
            QStringLiteral("7680x4321"));
        row("unknown parameter", {"queues", "--set", "bogus=1", "x.png"}, P::UnknownParameter, "bogus",
            QStringLiteral("workers"));
        row("out of range", {"queues", "--set", "workers=99", "x.png"}, P::OutOfRange, "99", QStringLiteral("1..4"));
        row("run's option", {"queues", "--quiz", "x.png"}, P::OptionNotForCommand, "--quiz",
            QStringLiteral("dirigent screenshot"));
    }

    void wrongScreenshotsFailWithAReason()
    {
        QFETCH(QStringList, options);
        QFETCH(Invocation::Problem, problem);
        QFETCH(QString, detail);
        QFETCH(QString, mentions);
        const Invocation invocation = parse(options);
        QCOMPARE(invocation.action, Invocation::Action::Fail);
        QCOMPARE(invocation.problem, problem);
        QCOMPARE(invocation.problemDetail, detail);
        const QString message = CommandLine::problemMessage(invocation);
        QVERIFY2(message.startsWith(QStringLiteral("dirigent: ")), qPrintable(message));
        QVERIFY2(message.contains(mentions), qPrintable(message));
        QVERIFY2(!message.contains(QLatin1Char('\n')), qPrintable(message));
    }

    void aLessonStillToComeSaysSo()
    {
        // No lesson of the curriculum is a placeholder any more (threads was the last), so no real
        // id makes parse() report one; the message is checked on its own, and threads now parses.
        for (const lessons::Lesson *lesson : lessons::registry()) {
            if (lesson->placeholder)
                QCOMPARE(parse({"screenshot", QString::fromStdString(lesson->id), "x.png"}).problem,
                         Invocation::Problem::PlaceholderLesson);
        }
        Invocation later;
        later.action = Invocation::Action::Fail;
        later.problem = Invocation::Problem::PlaceholderLesson;
        later.problemDetail = QStringLiteral("someday");
        const QString message = CommandLine::problemMessage(later);
        QVERIFY2(message.startsWith(QStringLiteral("dirigent: ")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("'someday' comes later")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("queues")), qPrintable(message));
        QVERIFY2(!message.contains(QLatin1Char('\n')), qPrintable(message));

        const Invocation threads = parse({"screenshot", "threads", "x.png"});
        QCOMPARE(threads.action, Invocation::Action::Screenshot);
        QCOMPARE(threads.lessonId, QStringLiteral("threads"));
    }

    void noPitfallNamesTheLessonsWithOne()
    {
        // Every lesson has a pitfall switch today; the check stays meaningful if one without comes.
        for (const lessons::Lesson *lesson : lessons::registry()) {
            if (lesson->placeholder || lesson->has_pitfall)
                continue;
            const Invocation invocation = parse({"screenshot", QString::fromStdString(lesson->id), "--pitfall", "x.png"});
            QCOMPARE(invocation.problem, Invocation::Problem::NoPitfall);
        }
        const Invocation withPitfall = parse({"screenshot", "queues", "--pitfall", "x.png"});
        QCOMPARE(withPitfall.action, Invocation::Action::Screenshot);
    }

    void optionsOfScreenshotNeedTheCommand_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<Invocation::Problem>("problem");
        QTest::addColumn<QString>("message");
        QTest::newRow("--at alone") << QStringList{"--at", "0.5"} << Invocation::Problem::OptionNeedsCommand
                                    << QStringLiteral("the option '--at' works only with 'dirigent screenshot'");
        QTest::newRow("--set alone") << QStringList{"--set", "workers=2"} << Invocation::Problem::OptionNeedsCommand
                                     << QStringLiteral("the option '--set' works only with 'dirigent run', "
                                                       "'dirigent live', 'dirigent screenshot', 'dirigent play' "
                                                       "or 'dirigent trace'");
        QTest::newRow("--size with run")
            << QStringList{"run", "queues", "--size", "800x600"} << Invocation::Problem::OptionNotForCommand
            << QStringLiteral("the option '--size' does not work with 'dirigent run'");
    }

    void optionsOfScreenshotNeedTheCommand()
    {
        QFETCH(QStringList, options);
        QFETCH(Invocation::Problem, problem);
        QFETCH(QString, message);
        const Invocation invocation = parse(options);
        QCOMPARE(invocation.action, Invocation::Action::Fail);
        QCOMPARE(invocation.problem, problem);
        const QString text = CommandLine::problemMessage(invocation);
        QVERIFY2(text.contains(message), qPrintable(text));
    }

    void traceTakesAProgramItsConstantsAndItsOwnOptions()
    {
        const Invocation plain = parse({"trace", "crawler.py"});
        QCOMPARE(plain.action, Invocation::Action::TraceProgram);
        QCOMPARE(plain.programPath, QStringLiteral("crawler.py"));
        QCOMPARE(plain.realTime, false);
        QCOMPARE(plain.timeoutMs, Invocation::defaultVirtualTimeoutMs);

        // --set names the program's constants, which only the harness knows: passed on as typed.
        const Invocation full = parse({"trace", "crawler.py", "--set", "WORKERS=8", "--set", "DELAY=0.5",
                                       "--real-time", "--save", "c.trace", "--trace-json", "c.json"});
        QCOMPARE(full.action, Invocation::Action::TraceProgram);
        QCOMPARE(full.assignments, (QStringList{"WORKERS=8", "DELAY=0.5"}));
        QCOMPARE(full.realTime, true);
        QCOMPARE(full.timeoutMs, -1); // real time: no limit unless asked
        QCOMPARE(full.savePath, QStringLiteral("c.trace"));
        QCOMPARE(full.traceJsonPath, QStringLiteral("c.json"));

        QCOMPARE(parse({"trace", "crawler.py", "--timeout", "2.5"}).timeoutMs, 2500);
        QCOMPARE(parse({"trace", "crawler.py", "--timeout", "0"}).timeoutMs, -1);
        QCOMPARE(parse({"trace", "crawler.py", "--timeout", "-1"}).problem, Invocation::Problem::BadTimeout);
        QCOMPARE(parse({"trace", "crawler.py", "--timeout", "soon"}).problem, Invocation::Problem::BadTimeout);

        const Invocation noFile = parse({"trace"});
        QCOMPARE(noFile.problem, Invocation::Problem::MissingFile);
        QVERIFY(CommandLine::problemMessage(noFile).contains(QStringLiteral("'trace' needs the Python program")));
        QCOMPARE(parse({"trace", "a.py", "b.py"}).problem, Invocation::Problem::UnexpectedArgument);
        const Invocation noEquals = parse({"trace", "a.py", "--set", "WORKERS"});
        QCOMPARE(noEquals.problem, Invocation::Problem::MissingEquals);
        QVERIFY(CommandLine::problemMessage(noEquals).contains(QStringLiteral("--set expects NAME=VALUE")));
        QCOMPARE(parse({"trace", "a.py", "--pitfall"}).problem, Invocation::Problem::OptionNotForCommand);
        QCOMPARE(parse({"run", "queues", "--real-time"}).problem, Invocation::Problem::OptionNotForCommand);
    }

    void replayTakesOneTraceFile()
    {
        const Invocation replay = parse({"replay", "c.trace", "--trace-json", "c.json"});
        QCOMPARE(replay.action, Invocation::Action::ReplayTrace);
        QCOMPARE(replay.traceFilePath, QStringLiteral("c.trace"));
        QCOMPARE(replay.traceJsonPath, QStringLiteral("c.json"));
        QCOMPARE(parse({"replay"}).problem, Invocation::Problem::MissingFile);
        QCOMPARE(parse({"replay", "c.trace", "--save", "d.trace"}).problem, Invocation::Problem::OptionNotForCommand);
        QCOMPARE(parse({"run", "queues", "--save", "q.trace"}).savePath, QStringLiteral("q.trace"));
    }

    void runStillNeedsALessonAndSaysSo()
    {
        const Invocation invocation = parse({"run"});
        QCOMPARE(invocation.problem, Invocation::Problem::MissingLesson);
        QVERIFY(CommandLine::problemMessage(invocation).contains(QStringLiteral("'run' needs a lesson")));
        QCOMPARE(parse({"run", "queues"}).action, Invocation::Action::RunLesson);
    }

    void liveDatabaseTakesItsOwnOptionsOnly()
    {
        Invocation ok = parse({"live", "database", "--db", "postgresql://me:secret@127.0.0.1:5432/bank"});
        QCOMPARE(ok.action, Invocation::Action::LiveLesson);
        QCOMPARE(ok.liveDatabase, QStringLiteral("postgresql://me:secret@127.0.0.1:5432/bank"));
        QCOMPARE(parse({"live", "database"}).liveDatabase, QString()); // the default: SQLite, temporary
        QCOMPARE(parse({"live", "database", "--db", "sqlite"}).action, Invocation::Action::LiveLesson);

        const Invocation url = parse({"live", "database", "--url", "http://127.0.0.1:1"});
        QCOMPARE(url.problem, Invocation::Problem::OptionNotForLesson);
        QVERIFY(CommandLine::problemMessage(url).contains(QStringLiteral("'--url' does not work with 'dirigent live database'")));
        QCOMPARE(parse({"live", "database", "--http2"}).problem, Invocation::Problem::OptionNotForLesson);
        QCOMPARE(parse({"live", "http", "--db", "x.sqlite"}).problem, Invocation::Problem::OptionNotForLesson);

        const Invocation bad = parse({"live", "database", "--db", "ftp://example.org/x"});
        QCOMPARE(bad.problem, Invocation::Problem::BadDatabase);
        QVERIFY(CommandLine::problemMessage(bad).contains(QStringLiteral("ftp://example.org/x")));
        QCOMPARE(parse({"live", "database", "--db", "/no/such/folder/x.sqlite"}).problem,
                 Invocation::Problem::BadDatabase);
        QCOMPARE(parse({"live", "database", "--db", ""}).problem, Invocation::Problem::BadDatabase);
        // The live ranges: max_size up to 20; the model's connect cost is not a live value.
        QCOMPARE(parse({"live", "database", "--set", "max_size=20"}).action, Invocation::Action::LiveLesson);
        QCOMPARE(parse({"live", "database", "--set", "max_size=21"}).problem, Invocation::Problem::OutOfRange);
        QCOMPARE(parse({"live", "database", "--set", "connect=0.2"}).problem, Invocation::Problem::UnknownParameter);
    }

    void breakTakesALevelAndItsSwitches()
    {
        Invocation list = parse({"break"});
        QCOMPARE(list.action, Invocation::Action::BreakLevel);
        QVERIFY(list.levelId.isEmpty());
        Invocation play = parse({"break", "lost-update", "--fixed", "--solve"});
        QCOMPARE(play.action, Invocation::Action::BreakLevel);
        QCOMPARE(play.levelId, QStringLiteral("lost-update"));
        QVERIFY(play.fixedVersion);
        QVERIFY(play.solve);
        QVERIFY(!parse({"break", "pool-leak"}).fixedVersion);
    }

    void helpExamplesAreValidCommandLines()
    {
        const QString help = CommandLine::helpText();
        const qsizetype start = help.indexOf(QStringLiteral("Examples:"));
        QVERIFY(start >= 0);
        int examples = 0;
        for (const QString &line : help.mid(start).split(QLatin1Char('\n'))) {
            const QString trimmed = line.trimmed();
            if (!trimmed.startsWith(QStringLiteral("dirigent ")))
                continue;
            ++examples;
            const QStringList words = trimmed.split(QLatin1Char(' '), Qt::SkipEmptyParts);
            const Invocation invocation = CommandLine::parse(words);
            QVERIFY2(invocation.action != Invocation::Action::Fail,
                     qPrintable(trimmed + QStringLiteral(": ") + CommandLine::problemMessage(invocation)));
        }
        // lessons, run, play, break (twice), live http, live database, live threads, live blocking,
        // screenshot, serve, trace, replay
        QCOMPARE(examples, 13);
        QVERIFY(help.contains(QStringLiteral("trace PROGRAM.py")));
        QVERIFY(help.contains(QStringLiteral("--timeout <s>")));
        QVERIFY(help.contains(QStringLiteral("break [LEVEL]")));
        QVERIFY(help.contains(QStringLiteral("live LESSON")));
        QVERIFY(help.contains(QStringLiteral("--url <url>")));
        QVERIFY(help.contains(QStringLiteral("screenshot LESSON OUT.png")));
        QVERIFY(help.contains(QStringLiteral("--at <fraction>")));
        QVERIFY(help.contains(QStringLiteral("--size <WxH>")));
    }

    void wrongCommandLinesFailWithAReason_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<Invocation::Problem>("problem");
        QTest::addColumn<QString>("detail");
        QTest::newRow("unknown level")
            << QStringList{"break", "nope"} << Invocation::Problem::UnknownLevel << QStringLiteral("nope");
        QTest::newRow("--solve without a level")
            << QStringList{"break", "--solve"} << Invocation::Problem::MissingLevel << QString();
        QTest::newRow("--fixed with run")
            << QStringList{"run", "queues", "--fixed"} << Invocation::Problem::OptionNotForCommand << QStringLiteral("--fixed");
        QTest::newRow("unknown long option")
            << QStringList{"--bogus"} << Invocation::Problem::UnknownOption << QStringLiteral("--bogus");
        QTest::newRow("unknown short option")
            << QStringList{"-x"} << Invocation::Problem::UnknownOption << QStringLiteral("-x");
        QTest::newRow("long option with one dash")
            << QStringList{"-bogus"} << Invocation::Problem::UnknownOption << QStringLiteral("-bogus");
        QTest::newRow("unknown option with a value")
            << QStringList{"--colour=red"} << Invocation::Problem::UnknownOption << QStringLiteral("--colour");
        QTest::newRow("unsupported language")
            << QStringList{"--lang", "fr"} << Invocation::Problem::UnsupportedLanguage << QStringLiteral("fr");
        QTest::newRow("language in capitals")
            << QStringList{"--lang", "DE"} << Invocation::Problem::UnsupportedLanguage << QStringLiteral("DE");
        QTest::newRow("words for milliseconds")
            << QStringList{"--quit-after", "soon"} << Invocation::Problem::BadDuration << QStringLiteral("soon");
        QTest::newRow("negative milliseconds")
            << QStringList{"--quit-after", "-1"} << Invocation::Problem::BadDuration << QStringLiteral("-1");
        QTest::newRow("stray argument")
            << QStringList{"lessonz"} << Invocation::Problem::UnexpectedArgument << QStringLiteral("lessonz");
    }

    void wrongCommandLinesFailWithAReason()
    {
        QFETCH(QStringList, options);
        QFETCH(Invocation::Problem, problem);
        QFETCH(QString, detail);
        const Invocation invocation = parse(options);
        QCOMPARE(invocation.action, Invocation::Action::Fail);
        QCOMPARE(invocation.problem, problem);
        QCOMPARE(invocation.problemDetail, detail);
    }

    void missingValueFailsWithQtsReason()
    {
        const Invocation invocation = parse({"--quit-after"});
        QCOMPARE(invocation.action, Invocation::Action::Fail);
        QCOMPARE(invocation.problem, Invocation::Problem::Other);
        const QString message = CommandLine::problemMessage(invocation);
        QVERIFY2(message.contains(QStringLiteral("'--quit-after'")), qPrintable(message));
        QVERIFY2(!message.contains(QStringLiteral(". (")), qPrintable(message));
    }

    void aValidLanguageStillAppliesWhenAnotherOptionIsWrong()
    {
        const Invocation invocation = parse({"--lang", "de", "--bogus"});
        QCOMPARE(invocation.action, Invocation::Action::Fail);
        QCOMPARE(invocation.language, QStringLiteral("de"));
    }

    void problemMessageIsOneLineNamingTheCulprit()
    {
        const QString message = CommandLine::problemMessage(parse({"--bogus"}));
        QCOMPARE(message, QStringLiteral("dirigent: unknown option '--bogus' (see 'dirigent --help')"));
        QVERIFY(CommandLine::problemMessage(parse({})).isEmpty());
        const QString missing = CommandLine::problemMessage(parse({"--lang"}));
        QVERIFY(!missing.contains(QLatin1Char('\n')));
    }

    void versionTextNamesTheProjectVersion()
    {
        QCOMPARE(CommandLine::versionText(), QStringLiteral("dirigent " DIRIGENT_EXPECTED_VERSION));
    }

    void helpListsThePublicOptionsOnly()
    {
        const QString help = CommandLine::helpText();
        for (const char *option : {"--help", "--version", "--lang <de|en>", "--quit-after <ms>"})
            QVERIFY2(help.contains(QLatin1String(option)), option);
        QVERIFY(!help.contains(QStringLiteral("--screenshot")));
    }

    void systemDefaultIsASupportedLanguage()
    {
        QVERIFY(Language::isSupported(Language::systemDefault()));
        QCOMPARE(Language::supported(), (QStringList{"en", "de"}));
    }
};

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
