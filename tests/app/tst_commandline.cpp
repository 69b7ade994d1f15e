#include "CommandLine.h"
#include "Language.h"

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

    void wrongCommandLinesFailWithAReason_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<Invocation::Problem>("problem");
        QTest::addColumn<QString>("detail");
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
