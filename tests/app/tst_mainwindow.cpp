#include "code/CodePanel.h"
#include "code/CppHighlighter.h"
#include "text/Language.h"
#include "widgets/LessonListPanel.h"
#include "window/MainWindow.h"
#include "widgets/ParameterPanel.h"
#include "widgets/PlayerBar.h"
#include "code/PythonHighlighter.h"
#include "widgets/QuizPanel.h"
#include "widgets/SweepChart.h"

#include "player/CodeMap.h"
#include "player/LessonSession.h"
#include "player/Player.h"
#include "views/TraceView.h"

#include <lessons/lesson.hpp>

#include <QAction>
#include <QApplication>
#include <QAbstractSpinBox>
#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QImage>
#include <QJsonDocument>
#include <QLabel>
#include <QRadioButton>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QSlider>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextDocument>
#include <QTextLayout>

#include <clocale>

// The main window and its panels, offscreen. Each panel is checked on its own where
// it can be (a LessonSession and a Player are enough), the window as a whole for what
// only it does: the lesson list, the language switch, the shortcuts, the exports and
// the settings. The GUI tests in tst_gui*.cpp drive whole lessons.
class TestMainWindow : public QObject
{
    Q_OBJECT

private:
    // The format the highlighter gave the first occurrence of `word` in the document.
    static QTextCharFormat formatOf(const QTextDocument &document, const QString &word)
    {
        for (QTextBlock block = document.begin(); block.isValid(); block = block.next()) {
            const int at = int(block.text().indexOf(word));
            if (at < 0)
                continue;
            for (const QTextLayout::FormatRange &range : block.layout()->formats()) {
                if (range.start <= at && at < range.start + range.length)
                    return range.format;
            }
            return {};
        }
        return {};
    }

    static QString firstLessonId()
    {
        return QString::fromStdString(lessons::registry().front()->id);
    }

    static const lessons::Lesson *lessonWithParameters(int atLeast)
    {
        for (const lessons::Lesson *lesson : lessons::registry()) {
            if (!lesson->placeholder && int(lesson->parameters.size()) >= atLeast)
                return lesson;
        }
        return nullptr;
    }

private slots:
    void initTestCase()
    {
        // Never the learner's settings.
        QStandardPaths::setTestModeEnabled(true);
        QSettings(QStringLiteral("Dirigent"), QStringLiteral("dirigent")).clear();
        std::setlocale(LC_NUMERIC, "C");
        // The test does not embed the translations; the build made them from translations/*.ts.
        Language::setTranslationsDirectory(qEnvironmentVariable("DIRIGENT_QM_DIR"));
        Language::install(QStringLiteral("en"));
    }

    void cleanup()
    {
        Language::install(QStringLiteral("en"));
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LanguageChange);
    }

    // --- Language ----------------------------------------------------------------------

    void installingALanguageReplacesThePreviousTranslator()
    {
        if (qEnvironmentVariable("DIRIGENT_QM_DIR").isEmpty())
            QSKIP("DIRIGENT_QM_DIR is not set");
        const char *source = "unsupported language '%1', choose de or en";
        QVERIFY(Language::install(QStringLiteral("de")));
        QCOMPARE(Language::current(), QStringLiteral("de"));
        QVERIFY(QCoreApplication::translate("CommandLine", source) != QLatin1String(source));
        QVERIFY(Language::install(QStringLiteral("en")));
        QCOMPARE(Language::current(), QStringLiteral("en"));
        // The German translator is gone: the English text shows again.
        QCOMPARE(QCoreApplication::translate("CommandLine", source), QLatin1String(source));
    }

    // --- Highlighters --------------------------------------------------------------------

    void pythonHighlighterSetsAwaitApart()
    {
        QTextDocument document;
        document.setPlainText(QStringLiteral("async def main():\n"
                                             "    # wait a while\n"
                                             "    await asyncio.sleep(0.5)  # sleeps\n"
                                             "    log(\"done\")\n"
                                             "    x = \"\"\"one\n"
                                             "two\"\"\"\n"));
        PythonHighlighter highlighter(&document);
        highlighter.rehighlight();
        const QTextCharFormat await = formatOf(document, QStringLiteral("await"));
        const QTextCharFormat def = formatOf(document, QStringLiteral("def"));
        const QTextCharFormat comment = formatOf(document, QStringLiteral("# wait"));
        const QTextCharFormat string = formatOf(document, QStringLiteral("\"done\""));
        const QTextCharFormat number = formatOf(document, QStringLiteral("0.5"));
        const QTextCharFormat plain = formatOf(document, QStringLiteral("main"));
        QCOMPARE(await.fontWeight(), int(QFont::Bold));
        QVERIFY(await.foreground() != def.foreground());
        QVERIFY(def.foreground().style() != Qt::NoBrush);
        QVERIFY(comment.fontItalic());
        QVERIFY(string.foreground().style() != Qt::NoBrush);
        QVERIFY(number.foreground().style() != Qt::NoBrush);
        QVERIFY(plain.foreground().style() == Qt::NoBrush);
        // The second line of the triple-quoted string is a string too.
        QCOMPARE(formatOf(document, QStringLiteral("two")).foreground(), string.foreground());
        // async and await look the same.
        QCOMPARE(formatOf(document, QStringLiteral("async")).foreground(), await.foreground());
    }

    void cppHighlighterSetsCoAwaitApartAndFollowsTheBackground()
    {
        QTextDocument document;
        document.setPlainText(QStringLiteral("#include <aio/aio.hpp>\n"
                                             "/* a comment\n"
                                             "   over lines */\n"
                                             "aio::Task<void> step() {\n"
                                             "    co_await aio::sleep(0.5);  // sleeps\n"
                                             "    co_return;\n"
                                             "}\n"));
        CppHighlighter highlighter(&document);
        highlighter.rehighlight();
        const QTextCharFormat coAwait = formatOf(document, QStringLiteral("co_await"));
        QCOMPARE(coAwait.fontWeight(), int(QFont::Bold));
        QCOMPARE(formatOf(document, QStringLiteral("co_return")).foreground(), coAwait.foreground());
        QVERIFY(formatOf(document, QStringLiteral("over lines")).fontItalic());
        QVERIFY(formatOf(document, QStringLiteral("// sleeps")).fontItalic());
        QVERIFY(formatOf(document, QStringLiteral("void")).foreground() != coAwait.foreground());

        const QBrush light = coAwait.foreground();
        highlighter.setDarkBackground(true);
        const QBrush dark = formatOf(document, QStringLiteral("co_await")).foreground();
        QVERIFY(light != dark);
        // Lighter on a dark background.
        QVERIFY(dark.color().lightness() > light.color().lightness());
    }

    // --- Code panel ----------------------------------------------------------------------

    void codePanelShowsTheListingsAndMarksTheCurrentAwait()
    {
        LessonSession session;
        Player player(&session);
        QVERIFY(session.open(firstLessonId()));
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

    // --- Lesson list ---------------------------------------------------------------------

    void lessonListIsNumberedAndGreysOutPlaceholders()
    {
        LessonListPanel list;
        const auto &all = lessons::registry();
        QCOMPARE(list.count(), int(all.size()));
        for (int row = 0; row < list.count(); ++row) {
            const lessons::Lesson *lesson = all[std::size_t(row)];
            const QListWidgetItem *item = list.item(row);
            QCOMPARE(item->text(), QStringLiteral("%1. %2").arg(row + 1).arg(QString::fromStdString(lesson->title.en)));
            QCOMPARE(bool(item->flags() & Qt::ItemIsSelectable), !lesson->placeholder);
            QCOMPARE(bool(item->flags() & Qt::ItemIsEnabled), !lesson->placeholder);
        }
        QSignalSpy chosen(&list, &LessonListPanel::lessonChosen);
        list.setCurrentLesson(firstLessonId());
        QCOMPARE(chosen.count(), 0);  // set by the program: no signal
        list.setCurrentRow(1);
        QCOMPARE(chosen.count(), 1);
        QCOMPARE(chosen.front().front().toString(), QString::fromStdString(all[1]->id));
    }

    void lessonListMarksLessonsDone()
    {
        LessonListPanel list;
        const QString id = firstLessonId();
        QVERIFY(!list.rowText(id).contains(QStringLiteral("✓")));
        QVERIFY(list.markDone(id));
        QVERIFY(!list.markDone(id));
        QVERIFY(list.rowText(id).endsWith(QStringLiteral("✓")));
        QCOMPARE(list.done(), QStringList{id});
        list.setDone({});
        QVERIFY(!list.rowText(id).contains(QStringLiteral("✓")));
    }

    // --- Parameters ----------------------------------------------------------------------

    void parameterSlidersStepThroughTheRange()
    {
        lessons::Parameter p;
        p.min = 0;
        p.max = 0.5;
        p.step = 0.125;
        p.unit = "s";
        QCOMPARE(ParameterPanel::positionOf(p, 0.25), 2);
        QCOMPARE(ParameterPanel::valueAt(p, 4), 0.5);
        QCOMPARE(ParameterPanel::valueAt(p, 9), 0.5);  // clamped
        QCOMPARE(ParameterPanel::formatValue(p, 0.25), QStringLiteral("0.250 s"));
        p.unit = "/s";
        p.step = 1;
        QCOMPARE(ParameterPanel::formatValue(p, 8), QStringLiteral("8/s"));
    }

    void parameterPanelRerunsTheScenario()
    {
        const lessons::Lesson *lesson = lessonWithParameters(2);
        QVERIFY(lesson);
        LessonSession session;
        QVERIFY(session.open(QString::fromStdString(lesson->id)));
        ParameterPanel panel(&session);
        panel.rebuild();
        for (const lessons::Parameter &p : lesson->parameters) {
            auto *slider = panel.findChild<QSlider *>(QStringLiteral("param_%1").arg(QString::fromStdString(p.id)));
            QVERIFY2(slider, p.id.c_str());
            QCOMPARE(slider->minimum(), 0);
            QCOMPARE(slider->value(), ParameterPanel::positionOf(p, p.default_value));
            QVERIFY(!slider->accessibleName().isEmpty());
        }
        const lessons::Parameter &first = lesson->parameters.front();
        const QString id = QString::fromStdString(first.id);
        auto *slider = panel.findChild<QSlider *>(QStringLiteral("param_") + id);
        auto *value = panel.findChild<QLabel *>(QStringLiteral("value_") + id);
        QVERIFY(value);
        const int runs = session.runCount();
        const int target = slider->value() == slider->maximum() ? 0 : slider->maximum();
        slider->setValue(target);
        QCOMPARE(session.runCount(), runs + 1);
        QCOMPARE(session.parameter(id), ParameterPanel::valueAt(first, target));
        QCOMPARE(value->text(), ParameterPanel::formatValue(first, session.parameter(id)));

        auto *pitfall = panel.findChild<QCheckBox *>(QStringLiteral("pitfallSwitch"));
        QVERIFY(pitfall);
        QCOMPARE(pitfall->isVisibleTo(&panel), lesson->has_pitfall);
        if (lesson->has_pitfall) {
            pitfall->setChecked(true);
            QVERIFY(session.pitfall());
        }

        auto *reset = panel.findChild<QPushButton *>(QStringLiteral("resetButton"));
        QVERIFY(reset);
        reset->click();
        QCOMPARE(session.parameter(id), first.default_value);
        QCOMPARE(slider->value(), ParameterPanel::positionOf(first, first.default_value));
        QVERIFY(!pitfall->isChecked());
    }

    // --- Sweep ---------------------------------------------------------------------------

    void sweepChartPlotsTheFigureAndMarksTheCurrentValue()
    {
        const lessons::Lesson *lesson = lessonWithParameters(2);
        QVERIFY(lesson);
        LessonSession session;
        QVERIFY(session.open(QString::fromStdString(lesson->id)));
        SweepChart chart(&session);
        chart.lessonChanged();
        QVERIFY(chart.recomputePending());  // after a pause, not at once
        chart.recomputeNow();
        QCOMPARE(chart.sweepCount(), 1);
        QVERIFY(chart.result().points.size() >= 2);
        QVERIFY(chart.result().points.size() <= 24);
        const QString swept = chart.result().parameterId;
        QCOMPARE(chart.currentPoint().x(), session.parameter(swept));
        QVERIFY(chart.currentPoint().y() > 0);

        // The swept parameter moves only the mark.
        const lessons::Parameter *sweptParameter = nullptr;
        const lessons::Parameter *other = nullptr;
        for (const lessons::Parameter &p : lesson->parameters) {
            (QString::fromStdString(p.id) == swept ? sweptParameter : other) = &p;
        }
        QVERIFY(sweptParameter && other);
        session.setParameter(swept, sweptParameter->max);
        QVERIFY(!chart.recomputePending());
        QCOMPARE(chart.currentPoint().x(), sweptParameter->max);
        chart.recomputeNow();
        QCOMPARE(chart.sweepCount(), 1);

        // Any other parameter changes the curve: computed again after the pause.
        const QString otherId = QString::fromStdString(other->id);
        session.setParameter(otherId, session.parameter(otherId) == other->max ? other->min : other->max);
        QVERIFY(chart.recomputePending());
        QTRY_COMPARE(chart.sweepCount(), 2);
    }

    void aSweepRunsOnAWorkerAndAStaleOneIsReplaced()
    {
        // The many-tasks lesson at 20,000 URLs: a sweep of its permits takes a while.
        LessonSession session;
        QVERIFY(session.open(QStringLiteral("many-tasks")));
        session.setParameter(QStringLiteral("urls"), 20000);
        session.setParameter(QStringLiteral("limit"), 1000);  // the top of the swept range: a point of the curve
        SweepChart chart(&session);
        QCOMPARE(chart.result().parameterId, QString());
        chart.lessonChanged();
        QTest::qWait(200);  // the pause is over: the sweep has started, on the worker
        QVERIFY(chart.recomputePending());
        QCOMPARE(chart.sweepCount(), 0);  // and this thread is free meanwhile

        // Another parameter changes while it runs: its result would be stale.
        session.setParameter(QStringLiteral("latency"), 1.0);
        QTRY_COMPARE_WITH_TIMEOUT(chart.sweepCount(), 1, 60000);
        QVERIFY(!chart.recomputePending());
        const QList<QPointF> points(chart.result().points.begin(), chart.result().points.end());
        QVERIFY(points.size() >= 2);
        QCOMPARE(points.back().x(), 1000.0);
        // The curve belongs to latency 1.0: at the current value it meets the current run.
        QCOMPARE(points.back().y(), chart.currentPoint().y());
    }

    // --- Quiz ----------------------------------------------------------------------------

    void quizAnswersAreCompared()
    {
        QVERIFY(QuizPanel::matches(QStringLiteral(" 3 "), QStringLiteral("3")));
        QVERIFY(QuizPanel::matches(QStringLiteral("1.0 s"), QStringLiteral("1.000 s")));
        QVERIFY(QuizPanel::matches(QStringLiteral("0,5"), QStringLiteral("0.5 s")));
        QVERIFY(QuizPanel::matches(QStringLiteral("Fetch-A"), QStringLiteral("fetch-a")));
        QVERIFY(!QuizPanel::matches(QStringLiteral("2"), QStringLiteral("3")));
        QVERIFY(!QuizPanel::matches(QStringLiteral("0.5 ms"), QStringLiteral("0.5 s")));
        QVERIFY(!QuizPanel::matches(QString(), QStringLiteral("3")));
    }

    void quizChecksTheAnswersOfTheCurrentRun()
    {
        LessonSession session;
        QVERIFY(session.open(firstLessonId()));
        QuizPanel panel(&session);
        const std::vector<lessons::QuizQuestion> quiz = session.quiz();
        QVERIFY(!quiz.empty());
        QCOMPARE(panel.questionCount(), int(quiz.size()));
        QSignalSpy checked(&panel, &QuizPanel::checked);

        // All right.
        for (std::size_t i = 0; i < quiz.size(); ++i)
            QVERIFY(panel.answer(int(i), QString::fromStdString(quiz[i].answer.en)));
        QVERIFY(panel.check());
        QCOMPARE(checked.count(), 1);
        QCOMPARE(checked.back().front().toBool(), true);
        QVERIFY(panel.resultsShown());
        auto *verdict = panel.findChild<QLabel *>(QStringLiteral("quizVerdict_0"));
        QVERIFY(verdict && !verdict->isHidden());
        QVERIFY(verdict->text().contains(QString::fromStdString(quiz[0].explanation.en).toHtmlEscaped()));

        // One wrong answer: not all right, and the right one is named.
        const lessons::QuizQuestion &q = quiz.front();
        QString wrong;
        for (const lessons::Text &choice : q.choices) {
            if (choice != q.answer)
                wrong = QString::fromStdString(choice.en);
        }
        if (wrong.isEmpty())
            wrong = QStringLiteral("certainly not this");
        QVERIFY(panel.answer(0, wrong));
        QVERIFY(!panel.resultsShown());  // a new answer hides the old verdicts
        QVERIFY(!panel.check());
        QCOMPARE(checked.back().front().toBool(), false);
        QVERIFY(verdict->text().contains(QString::fromStdString(q.answer.en).toHtmlEscaped()));

        // A new run takes the verdicts away.
        session.setPitfall(!session.pitfall());
        QVERIFY(!panel.resultsShown());
    }

    // --- Player bar ----------------------------------------------------------------------

    // German choices read German: "0,500 s" with a decimal comma, and switch back with the language.
    void quizChoicesFollowTheLanguage()
    {
        if (qEnvironmentVariable("DIRIGENT_QM_DIR").isEmpty())
            QSKIP("DIRIGENT_QM_DIR is not set");
        LessonSession session;
        QVERIFY(session.open(QStringLiteral("queues")));
        QuizPanel panel(&session);
        const std::vector<lessons::QuizQuestion> quiz = session.quiz();
        QVERIFY(!quiz.empty() && !quiz[0].choices.empty());
        const lessons::Text &first = quiz[0].choices.front();
        QVERIFY2(first.de != first.en && first.de.find(',') != std::string::npos, first.de.c_str());
        auto *radio = panel.findChild<QRadioButton *>(QStringLiteral("quizChoice_0_0"));
        QVERIFY(radio);
        QCOMPARE(radio->text(), QString::fromStdString(first.en));

        QVERIFY(Language::install(QStringLiteral("de")));
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LanguageChange);
        QCOMPARE(radio->text(), QString::fromStdString(first.de));
        QVERIFY(panel.answer(0, QString::fromStdString(quiz[0].answer.de)));
        panel.check();
        auto *verdict = panel.findChild<QLabel *>(QStringLiteral("quizVerdict_0"));
        QVERIFY(verdict && verdict->text().contains(QString::fromStdString(quiz[0].explanation.de).toHtmlEscaped()));

        QVERIFY(Language::install(QStringLiteral("en")));
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LanguageChange);
        QCOMPARE(radio->text(), QString::fromStdString(first.en));
    }

    void playerBarFollowsThePlayer()
    {
        LessonSession session;
        Player player(&session);
        QVERIFY(session.open(firstLessonId()));
        PlayerBar bar(&player);
        auto *scrub = bar.findChild<QSlider *>(QStringLiteral("scrubSlider"));
        auto *time = bar.findChild<QLabel *>(QStringLiteral("timeLabel"));
        auto *speed = bar.findChild<QDoubleSpinBox *>(QStringLiteral("speedBox"));
        QVERIFY(scrub && time && speed);
        for (const char *name : {"playButton", "stepBackButton", "stepForwardButton", "previousIterationButton",
                                 "nextIterationButton", "restartButton"}) {
            auto *button = bar.findChild<QWidget *>(QLatin1String(name));
            QVERIFY2(button, name);
            QVERIFY2(!button->accessibleName().isEmpty(), name);
        }
        QCOMPARE(scrub->maximum(), int(player.length()));

        player.seek(player.length() / 2);
        QCOMPARE(scrub->value(), int(player.length() / 2));
        const trace::TraceState &state = player.state();
        QCOMPARE(time->text(), QStringLiteral("t = %1 s · event %2/%3 · iteration %4")
                                   .arg(state.time(), 0, 'f', 3)
                                   .arg(player.length() / 2)
                                   .arg(player.length())
                                   .arg(state.iteration()));

        scrub->setValue(3);
        QCOMPARE(player.cursor(), std::size_t(3));
        bar.stepForwardAction()->trigger();
        QCOMPARE(player.cursor(), std::size_t(4));
        bar.toStartAction()->trigger();
        QCOMPARE(player.cursor(), std::size_t(0));
        QVERIFY(!bar.stepBackAction()->isEnabled());

        speed->setValue(2.5);
        QCOMPARE(player.speed(), 2.5);
        player.setSpeed(0.5);
        QCOMPARE(speed->value(), 0.5);
    }

    // --- The window ----------------------------------------------------------------------

    void windowHasTheNamedParts()
    {
        MainWindow window(nullptr, false);
        for (const char *name : {"lessonList", "lessonText", "codeTabs", "pythonCode", "cppCode", "playButton",
                                 "stepBackButton", "stepForwardButton", "previousIterationButton",
                                 "nextIterationButton", "restartButton", "scrubSlider", "speedBox", "timeLabel",
                                 "parameterPanel", "pitfallSwitch", "resetButton", "sweepChart", "quizPanel",
                                 "eventLoopView", "timelineView", "queueView", "semaphoreView", "bucketView",
                                 "poolView", "consoleView", "deadlockOverlay", "languageMenu", "lang_de",
                                 "lang_en"}) {
            QVERIFY2(window.findChild<QObject *>(QLatin1String(name)), name);
        }
        // The first lesson is open, at the start.
        QCOMPARE(window.currentLessonId(), firstLessonId());
        QCOMPARE(window.player()->cursor(), std::size_t(0));
        QVERIFY(!window.openLesson(QStringLiteral("no-such-lesson")));
        for (const lessons::Lesson *lesson : lessons::registry()) {
            if (lesson->placeholder)
                QVERIFY(!window.openLesson(QString::fromStdString(lesson->id)));
        }
        QCOMPARE(window.currentLessonId(), firstLessonId());
    }

    void everyFocusableControlHasAnAccessibleName()
    {
        MainWindow window(nullptr, false);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        for (QWidget *widget : window.findChildren<QWidget *>()) {
            if (!widget->isVisible() || widget->focusPolicy() == Qt::NoFocus || !widget->isEnabled())
                continue;
            // Scroll bars and the viewports of scroll areas belong to their owners.
            if (widget->inherits("QScrollBar") || widget->objectName() == QLatin1String("qt_scrollarea_viewport")
                || widget->objectName() == QLatin1String("qt_tabwidget_tabbar"))
                continue;
            // A spin box's line edit: the spin box is named.
            if (qobject_cast<QAbstractSpinBox *>(widget->parentWidget()))
                continue;
            // A button's text is its accessible name when it has no other.
            const bool named = !widget->accessibleName().isEmpty()
                               || (widget->inherits("QAbstractButton") && !widget->property("text").toString().isEmpty());
            QVERIFY2(named, qPrintable(QStringLiteral("%1 (%2)").arg(widget->objectName(),
                                                                    widget->metaObject()->className())));
        }
    }

    void tabOrderFollowsTheColumns()
    {
        MainWindow window(nullptr, false);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.openLesson(QStringLiteral("tasks-gather")));
        QStringList chain;
        QWidget *widget = window.findChild<QWidget *>(QStringLiteral("lessonList"));
        for (int i = 0; i < 40 && widget; ++i) {
            chain << widget->objectName();
            do {
                widget = widget->nextInFocusChain();
            } while (widget && (!(widget->focusPolicy() & Qt::TabFocus) || !widget->isVisible()));
        }
        // The lessons, the parameters under them, the lesson's tabs, ... the player bar.
        const lessons::Lesson *lesson = lessons::find("tasks-gather");
        QCOMPARE(chain.at(1), QStringLiteral("param_") + QString::fromStdString(lesson->parameters.front().id));
        const auto at = [&chain](const char *name) { return chain.indexOf(QLatin1String(name)); };
        QVERIFY(at("pitfallSwitch") < at("resetButton"));
        QVERIFY(at("resetButton") < at("lessonTabs"));
        QVERIFY(at("lessonTabs") < at("playButton"));
        QVERIFY(at("playButton") < at("scrubSlider"));
        QVERIFY(at("scrubSlider") < at("speedBox"));
    }

    void openingALessonFeedsTheViews()
    {
        MainWindow window(nullptr, false);
        window.setAnimationsEnabled(false);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        for (const lessons::Lesson *lesson : lessons::registry()) {
            if (lesson->placeholder)
                continue;
            const QString id = QString::fromStdString(lesson->id);
            QVERIFY(window.openLesson(id));
            QCOMPARE(window.currentLessonId(), id);
            auto *list = window.findChild<QListWidget *>(QStringLiteral("lessonList"));
            QCOMPARE(list->currentItem()->data(Qt::UserRole).toString(), id);
            auto *text = window.findChild<QTextBrowser *>(QStringLiteral("lessonText"));
            QVERIFY(text->toPlainText().contains(QString::fromStdString(lesson->title.en)));
            auto *python = window.findChild<QPlainTextEdit *>(QStringLiteral("pythonCode"));
            QCOMPARE(python->toPlainText(), CodeMap(*lesson).pythonText());
            for (const lessons::Parameter &p : lesson->parameters)
                QVERIFY(window.findChild<QSlider *>(QStringLiteral("param_") + QString::fromStdString(p.id)));

            // Every shown view shows the player's state: its describe() matches a fresh
            // view of the same kind would be too much here; the timeline's cursor is enough
            // to see that the views were fed.
            window.player()->seekFraction(0.5);
            auto *timeline = window.findChild<TraceView *>(QStringLiteral("timelineView"));
            QVERIFY(timeline && timeline->isVisible());
            QVERIFY(!timeline->describe().isEmpty());
            auto *pool = window.findChild<TraceView *>(QStringLiteral("poolView"));
            QCOMPARE(pool->isVisible(), !lesson->pool_queue.empty());
        }
    }

    void objectViewsShowOnlyWhatTheRunHas()
    {
        MainWindow window(nullptr, false);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.openLesson(firstLessonId()));
        // The first lesson awaits sleeps only: no queue, no semaphore, no bucket.
        for (const char *name : {"queueView", "semaphoreView", "bucketView", "poolView"})
            QVERIFY2(!window.findChild<QWidget *>(QLatin1String(name))->isVisible(), name);
        QVERIFY(window.openLesson(QStringLiteral("queues")));
        QVERIFY(window.findChild<QWidget *>(QStringLiteral("queueView"))->isVisible());
        QVERIFY(window.openLesson(QStringLiteral("semaphores")));
        QVERIFY(window.findChild<QWidget *>(QStringLiteral("semaphoreView"))->isVisible());
        QVERIFY(window.findChild<QWidget *>(QStringLiteral("bucketView"))->isVisible());
    }

    void keyboardDrivesThePlayerExceptInTextFields()
    {
        MainWindow window(nullptr, false);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        Player *player = window.player();
        auto *list = window.findChild<QWidget *>(QStringLiteral("lessonList"));
        list->setFocus();

        QTest::keyClick(list, Qt::Key_Right);
        QCOMPARE(player->cursor(), std::size_t(1));
        QTest::keyClick(list, Qt::Key_Right);
        QTest::keyClick(list, Qt::Key_Left);
        QCOMPARE(player->cursor(), std::size_t(1));
        QTest::keyClick(list, Qt::Key_End);
        QCOMPARE(player->cursor(), player->length());
        QTest::keyClick(list, Qt::Key_Home);
        QCOMPARE(player->cursor(), std::size_t(0));
        QTest::keyClick(list, Qt::Key_Right, Qt::ShiftModifier);
        QVERIFY(player->cursor() >= 1);
        const std::size_t afterIteration = player->cursor();
        QTest::keyClick(list, Qt::Key_Left, Qt::ShiftModifier);
        QVERIFY(player->cursor() < afterIteration);
        QTest::keyClick(list, Qt::Key_Space);
        QVERIFY(player->playing());
        QTest::keyClick(list, Qt::Key_Space);
        QVERIFY(!player->playing());

        // The speed box takes its own keys.
        player->toStart();
        auto *speed = window.findChild<QDoubleSpinBox *>(QStringLiteral("speedBox"));
        speed->setFocus();
        QTest::keyClick(speed, Qt::Key_Right);
        QTest::keyClick(speed, Qt::Key_End);
        QCOMPARE(player->cursor(), std::size_t(0));

        // A parameter slider with the focus moves itself with the arrows.
        const lessons::Parameter &p = lessons::find(firstLessonId().toStdString())->parameters.front();
        auto *slider = window.findChild<QSlider *>(QStringLiteral("param_") + QString::fromStdString(p.id));
        slider->setFocus();
        const int before = slider->value();
        QTest::keyClick(slider, before == slider->maximum() ? Qt::Key_Left : Qt::Key_Right);
        QVERIFY(slider->value() != before);
        QCOMPARE(player->cursor(), std::size_t(0));
    }

    void switchingTheLanguageRetranslatesEverything()
    {
        MainWindow window(nullptr, false);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const lessons::Lesson *lesson = lessons::find(firstLessonId().toStdString());
        auto *list = window.findChild<QListWidget *>(QStringLiteral("lessonList"));
        auto *text = window.findChild<QTextBrowser *>(QStringLiteral("lessonText"));
        auto *german = window.findChild<QAction *>(QStringLiteral("lang_de"));
        auto *english = window.findChild<QAction *>(QStringLiteral("lang_en"));
        QVERIFY(german && english);
        QVERIFY(english->isChecked());
        QVERIFY(list->item(0)->text().contains(QString::fromStdString(lesson->title.en)));

        german->trigger();
        QCOMPARE(window.language(), QStringLiteral("de"));
        QVERIFY(german->isChecked() && !english->isChecked());
        QVERIFY(list->item(0)->text().contains(QString::fromStdString(lesson->title.de)));
        QVERIFY(text->toPlainText().contains(QString::fromStdString(lesson->title.de)));
        QVERIFY(window.windowTitle().contains(QString::fromStdString(lesson->title.de)));
        const QString label = QString::fromStdString(lesson->parameters.front().label.de);
        bool found = false;
        for (QLabel *l : window.findChildren<QLabel *>())
            found = found || l->text() == label;
        QVERIFY2(found, qPrintable(label));

        english->trigger();
        QCOMPARE(window.language(), QStringLiteral("en"));
        QVERIFY(list->item(0)->text().contains(QString::fromStdString(lesson->title.en)));
    }

    void exportsWriteTheViewTheTraceAndTheLog()
    {
        MainWindow window(nullptr, false);
        window.setAnimationsEnabled(false);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.player()->seekFraction(0.5);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());

        const QString png = dir.filePath(QStringLiteral("view.png"));
        QVERIFY(window.exportViewPng(png));
        const QImage image(png);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() > 100 && image.height() > 100);

        const QString json = dir.filePath(QStringLiteral("trace.json"));
        QVERIFY(window.exportChromeTrace(json));
        QFile jsonFile(json);
        QVERIFY(jsonFile.open(QIODevice::ReadOnly));
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(jsonFile.readAll(), &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        QVERIFY(!document.isNull());

        const QString log = dir.filePath(QStringLiteral("trace.txt"));
        QVERIFY(window.exportTextLog(log));
        QFile logFile(log);
        QVERIFY(logFile.open(QIODevice::ReadOnly | QIODevice::Text));
        const QList<QByteArray> lines = logFile.readAll().split('\n');
        QCOMPARE(qsizetype(lines.size() - 1), qsizetype(window.player()->length()));  // one line per event
        QVERIFY(lines.front().startsWith("#0 "));

        QVERIFY(!window.exportTextLog(dir.filePath(QStringLiteral("no/such/folder/trace.txt"))));
    }

    void playingToTheEndMarksTheLessonDone()
    {
        MainWindow window(nullptr, false);
        Player *player = window.player();
        QVERIFY(window.doneLessons().isEmpty());
        player->setSpeed(Player::maxSpeed);
        player->seek(player->length() > 2 ? player->length() - 2 : 0);
        player->play();
        QTRY_VERIFY_WITH_TIMEOUT(!player->playing(), 20000);
        QCOMPARE(window.doneLessons(), QStringList{firstLessonId()});
        // Jumping to the end is not playing it.
        QVERIFY(window.openLesson(QStringLiteral("tasks-gather")));
        player->toEnd();
        QCOMPARE(window.doneLessons(), QStringList{firstLessonId()});
    }

    void settingsAreRememberedAcrossStarts()
    {
        QSettings(QStringLiteral("Dirigent"), QStringLiteral("dirigent")).clear();
        {
            MainWindow window;
            QVERIFY(window.openLesson(QStringLiteral("tasks-gather")));
            window.player()->setSpeed(2.0);
            window.setLanguage(QStringLiteral("de"));
            auto *quiz = window.findChild<QuizPanel *>(QStringLiteral("quizPanel"));
            const std::vector<lessons::QuizQuestion> questions = window.session()->quiz();
            for (std::size_t i = 0; i < questions.size(); ++i)
                quiz->answer(int(i), QString::fromStdString(questions[i].answer.de));
            QVERIFY(quiz->check());
            QCOMPARE(window.doneLessons(), QStringList{QStringLiteral("tasks-gather")});
            window.close();
        }
        Language::install(QStringLiteral("en"));
        MainWindow again;
        QCOMPARE(again.currentLessonId(), QStringLiteral("tasks-gather"));
        QCOMPARE(again.player()->speed(), 2.0);
        QCOMPARE(again.language(), QStringLiteral("de"));
        QCOMPARE(again.doneLessons(), QStringList{QStringLiteral("tasks-gather")});
        QSettings(QStringLiteral("Dirigent"), QStringLiteral("dirigent")).clear();
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
