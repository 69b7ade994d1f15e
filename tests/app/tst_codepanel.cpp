#include "apptest.h"

#include "code/CodePanel.h"
#include "player/CodeMap.h"
#include "player/LessonSession.h"
#include "player/Player.h"

#include <lessons/lesson.hpp>

#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QTest>
#include <QTextBlock>
#include <QUrl>

// The code panel: both listings, the mark of the current await, the real libraries' programs.
class TestCodePanel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { apptest::initTestCase(); }
    void cleanup() { apptest::cleanup(); }

    void codePanelShowsTheListingsAndMarksTheCurrentAwait()
    {
        LessonSession session;
        Player player(&session);
        QVERIFY(session.open(apptest::firstLessonId()));
        const CodeMap map(*session.lesson());
        CodePanel panel;
        panel.resize(500, 400);
        panel.setCodeMap(map);
        QCOMPARE(panel.objectName(), QStringLiteral("codeTabs"));
        QCOMPARE(panel.pythonEdit()->objectName(), QStringLiteral("pythonCode"));
        QCOMPARE(panel.cppEdit()->objectName(), QStringLiteral("cppCode"));
        QCOMPARE(panel.pythonEdit()->toPlainText(), map.pythonText());
        QCOMPARE(panel.cppEdit()->toPlainText(), map.cppText());
        QVERIFY(panel.pythonEdit()->isReadOnly() && panel.cppEdit()->isReadOnly());
        QVERIFY(panel.cppEdit()->extraSelections().isEmpty());

        // Some cursor whose newest located event lies in the scenario.
        int cppLine = 0;
        for (std::size_t n = 1; n <= player.length() && cppLine == 0; ++n) {
            player.seek(n);
            if (const aio::TraceEvent *event = player.currentLocatedEvent())
                cppLine = map.cppLineOf(*event);
        }
        QVERIFY(cppLine > 0);
        panel.setCurrentEvent(player.currentLocatedEvent());
        QCOMPARE(panel.currentCppLine(), cppLine);
        QCOMPARE(panel.currentPythonLine(), map.pythonLineForCppLine(cppLine));
        const QList<QTextEdit::ExtraSelection> marks = panel.cppEdit()->extraSelections();
        QCOMPARE(marks.size(), 1);
        QCOMPARE(marks.front().cursor.blockNumber(), cppLine - 1);
        QCOMPARE(panel.pythonEdit()->extraSelections().size(), panel.currentPythonLine() > 0 ? 1 : 0);

        panel.setCurrentEvent(nullptr);
        QCOMPARE(panel.currentCppLine(), 0);
        QVERIFY(panel.cppEdit()->extraSelections().isEmpty());
    }

    // The HTTP lesson also shows its aiohttp and httpx programs, each with the command that
    // runs it: against `dirigent serve` at first, against the live run's server once known.
    void codePanelShowsTheRealLibraryListingsWithTheirCommand()
    {
        const lessons::Lesson *http = lessons::find("http");
        QVERIFY(http && http->live_listings.size() == 2);
        CodePanel panel;
        panel.resize(900, 600);
        panel.setCodeMap(CodeMap(*http));
        QCOMPARE(panel.count(), 4);
        QCOMPARE(panel.tabText(2), QStringLiteral("live_aiohttp.py"));
        QCOMPARE(panel.tabText(3), QStringLiteral("live_httpx.py"));
        auto *code = panel.findChild<QPlainTextEdit *>(QStringLiteral("liveCode_live_aiohttp.py"));
        QVERIFY(code && code->toPlainText().contains(QStringLiteral("aiohttp.ClientSession")));
        auto *command = panel.findChild<QLabel *>(QStringLiteral("liveCommand_live_httpx.py"));
        QVERIFY(command);
        QVERIFY(command->text().contains(QStringLiteral("dirigent serve")));
        QVERIFY(command->text().contains(QStringLiteral("python3 lessons/http/live_httpx.py --url URL")));

        panel.setServerUrl(QUrl(QStringLiteral("http://127.0.0.1:41234")));
        QVERIFY(command->text().contains(
            QStringLiteral("python3 lessons/http/live_httpx.py --url http://127.0.0.1:41234")));
        if (!qEnvironmentVariableIsEmpty("DIRIGENT_SHOT_DIR")) {
            panel.setCurrentIndex(2);
            panel.show();
            QVERIFY(QTest::qWaitForWindowExposed(&panel));
            panel.grab().save(qEnvironmentVariable("DIRIGENT_SHOT_DIR") + QStringLiteral("/code-live.png"));
        }

        // The database lesson's programs need no demo server: their command names the database.
        panel.setCodeMap(CodeMap(*lessons::find("database")));
        QCOMPARE(panel.count(), 5);
        auto *asyncpg = panel.findChild<QLabel *>(QStringLiteral("liveCommand_live_asyncpg.py"));
        QVERIFY(asyncpg);
        QVERIFY(asyncpg->text().contains(
            QStringLiteral("python3 lessons/database/live_asyncpg.py --db postgresql://USER:PASSWORD@127.0.0.1:5432/DB")));
        QVERIFY(!asyncpg->text().contains(QStringLiteral("dirigent serve")));
        if (!qEnvironmentVariableIsEmpty("DIRIGENT_SHOT_DIR")) {
            panel.setCurrentIndex(2);
            panel.show();
            QVERIFY(QTest::qWaitForWindowExposed(&panel));
            panel.grab().save(qEnvironmentVariable("DIRIGENT_SHOT_DIR") + QStringLiteral("/code-database.png"));
        }

        // A lesson without such programs has only its two listings again.
        panel.setCodeMap(CodeMap(*lessons::find("queues")));
        QCOMPARE(panel.count(), 2);
    }

    void codePanelScrollsTheMarkIntoView()
    {
        // A listing much longer than the panel, and an event on its last line.
        lessons::Lesson lesson;
        lesson.id = "scroll-test";
        static const std::string cpp = [] {
            std::string text;
            for (int i = 1; i <= 200; ++i)
                text += "// line " + std::to_string(i) + "\n";
            return text;
        }();
        lesson.cpp_source = cpp;
        lesson.python_source = "pass\n";
        CodePanel panel;
        panel.resize(400, 200);
        panel.setCurrentIndex(1);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.setCodeMap(CodeMap(lesson));
        aio::TraceEvent event;
        event.file = "/somewhere/lessons/scroll-test/scenario.cpp";
        event.line = 190;
        panel.setCurrentEvent(&event);
        QCOMPARE(panel.currentCppLine(), 190);
        // Without wrapping, the scroll bar counts lines: the first visible one.
        const int first = panel.cppEdit()->verticalScrollBar()->value();
        QVERIFY2(first < 189 && first > 150, qPrintable(QString::number(first)));
    }
};

QTEST_MAIN(TestCodePanel)

#include "tst_codepanel.moc"
