// "You are the event loop" in the window, offscreen: the game is played through the keys
// a learner presses (Ctrl+L, the digits, Tab and Enter); the right picks are found by
// trying, as a learner would, never read from the decisions' answers.
#include "ownhome.h"
#include "widgets/SettingsKeys.h"

#include "text/Language.h"
#include "window/MainWindow.h"
#include "widgets/PlayPanel.h"
#include "text/PlayText.h"
#include "widgets/PlayerBar.h"
#include "widgets/VisualizationPanel.h"

#include "views/EventLoopView.h"
#include "player/LessonSession.h"
#include "player/Player.h"
#include "views/TimelineView.h"

#include <lessons/lesson.hpp>
#include <trace/decisions.hpp>
#include <trace/recorder.hpp>
#include <trace/trace_state.hpp>

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSlider>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <clocale>

namespace {

QLabel *label(const MainWindow &window, const char *name)
{
    return window.findChild<QLabel *>(QLatin1String(name));
}

QString verdictOf(const MainWindow &window)
{
    return label(window, "playVerdict")->text();
}

QString readyLine(const MainWindow &window)
{
    const QStringList lines = window.visualization()->eventLoopView()->describe().split(QLatin1Char('\n'));
    for (const QString &line : lines)
        if (line.startsWith(QLatin1String("ready: ")))
            return line;
    return {};
}

const char *const rulePhrases[] = {
    "The ready queue is first in, first out.",
    "runs before the loop turns to its timers.",
    "the earliest timer comes first.",
    "Equal deadlines wake in the order their sleeps began",
};

} // namespace

class TestPlayMode : public QObject
{
    Q_OBJECT

private:
    static void openShown(MainWindow &window, const QString &lesson)
    {
        window.setAnimationsEnabled(false);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.openLesson(lesson));
    }

    static void toggleByKey(MainWindow &window)
    {
        QTest::keyClick(&window, Qt::Key_L, Qt::ControlModifier);
    }

    // Plays the open game to its end with the digit keys: at each decision the keys 1, 2, …
    // until the verdict says "Right" and the game moves on. `picks` gets the right key of each
    // decision, `positions` the cursor at each question.
    static void playByTrying(MainWindow &window, QList<int> &picks, QList<std::size_t> &positions)
    {
        PlayPanel *panel = window.playPanel();
        while (panel->questionOpen()) {
            const int decision = panel->currentDecision();
            positions.append(window.player()->cursor());
            const int candidates = int(panel->candidateButtons().size());
            QVERIFY(candidates >= 2);
            QVERIFY(candidates <= 9);
            int right = 0;
            for (int key = 1; key <= candidates && !right; ++key) {
                QTest::keyClick(&window, Qt::Key(Qt::Key_0 + key));
                if (panel->currentDecision() != decision || !panel->questionOpen()) {
                    QVERIFY2(verdictOf(window).startsWith(QLatin1String("Right")), qPrintable(verdictOf(window)));
                    right = key;
                } else {
                    // A wrong pick: the question stays, and so does the cursor.
                    QVERIFY2(!verdictOf(window).startsWith(QLatin1String("Right")), qPrintable(verdictOf(window)));
                    QCOMPARE(window.player()->cursor(), positions.last());
                }
            }
            QVERIFY2(right > 0, "no candidate was right");
            picks.append(right);
        }
    }

    // The positions where the run's decisions show (the cursor, not the answers).
    static QList<std::size_t> decisionPositions(const MainWindow &window)
    {
        QList<std::size_t> out;
        for (const trace::Decision &d : trace::scheduling_decisions(window.session()->recorder()))
            out.append(d.position);
        return out;
    }

private slots:
    void initTestCase()
    {
        std::setlocale(LC_NUMERIC, "C");
        Language::setTranslationsDirectory(qEnvironmentVariable("DIRIGENT_QM_DIR"));
        Language::install(QStringLiteral("en"));
        QVERIFY(QStandardPaths::isTestModeEnabled());
    }

    void cleanup()
    {
        Language::install(QStringLiteral("en"));
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LanguageChange);
    }

    // (1) Found by trying, the right picks played again give the full score, in two lessons.
    void aCorrectPlayFinishesWithTheFullScore_data()
    {
        QTest::addColumn<QString>("lesson");
        QTest::newRow("tasks-gather") << QStringLiteral("tasks-gather");
        QTest::newRow("queues") << QStringLiteral("queues");
    }

    void aCorrectPlayFinishesWithTheFullScore()
    {
        QFETCH(QString, lesson);
        MainWindow window(nullptr, false);
        openShown(window, lesson);
        const QList<std::size_t> expected = decisionPositions(window);
        QVERIFY(expected.size() >= 2);

        toggleByKey(window);
        QVERIFY(window.playMode());
        PlayPanel *panel = window.playPanel();
        QVERIFY(panel->questionOpen());
        QCOMPARE(window.findChild<QTabWidget *>(QStringLiteral("lessonTabs"))->currentWidget(), panel);
        QCOMPARE(label(window, "playQuestion")->text(), PlayText::question());
        QCOMPARE(panel->decisionCount(), int(expected.size()));
        // The buttons read "1  name · ready" / "2  name · asleep until t = …".
        const QString first = panel->candidateButtons().first()->text();
        QVERIFY2(first.startsWith(QLatin1String("1  ")), qPrintable(first));
        QVERIFY2(first.contains(QStringLiteral(" · ready")) || first.contains(QStringLiteral(" · asleep until t = ")),
                 qPrintable(first));

        QList<int> picks;
        QList<std::size_t> positions;
        playByTrying(window, picks, positions);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(positions, expected);  // each question at its decision
        QVERIFY(panel->finished());
        QCOMPARE(window.player()->cursor(), window.player()->length());  // the rest played out
        const int firstScore = panel->rightAtFirstTry();
        const int n = panel->decisionCount();
        QCOMPARE(label(window, "playScore")->text(), QStringLiteral("Your score: %1.").arg(PlayText::score(firstScore, n)));
        QCOMPARE(label(window, "playBest")->text(), QStringLiteral("Best for this lesson: %1.").arg(PlayText::score(firstScore, n)));
        QVERIFY(!window.playerBar()->locked());

        // The second game, with the picks the first one found.
        toggleByKey(window);
        QVERIFY(!window.playMode());
        toggleByKey(window);
        QVERIFY(window.playMode());
        QVERIFY(panel->questionOpen());
        QCOMPARE(panel->rightAtFirstTry(), 0);
        QCOMPARE(window.player()->cursor(), expected.first());
        for (int i = 0; i < picks.size(); ++i) {
            QCOMPARE(panel->currentDecision(), i);
            QCOMPARE(window.player()->cursor(), expected.at(i));
            QTest::keyClick(&window, Qt::Key(Qt::Key_0 + picks.at(i)));
            QVERIFY2(verdictOf(window).startsWith(QLatin1String("Right")), qPrintable(verdictOf(window)));
        }
        QVERIFY(panel->finished());
        QCOMPARE(panel->rightAtFirstTry(), n);
        QCOMPARE(label(window, "playScore")->text(), QStringLiteral("Your score: %1 of %1 right at the first try.").arg(n));
        QCOMPARE(label(window, "playBest")->text(), QStringLiteral("Best for this lesson: %1 of %1 right at the first try.").arg(n));
    }

    // (2) A wrong pick explains the rule and leaves the question open.
    void aWrongPickExplainsTheRuleAndStays()
    {
        MainWindow window(nullptr, false);
        openShown(window, QStringLiteral("tasks-gather"));
        const std::vector<trace::Decision> decisions = trace::scheduling_decisions(window.session()->recorder());
        toggleByKey(window);
        PlayPanel *panel = window.playPanel();
        // Key 1 at each question until it is wrong somewhere (the right ones move on).
        bool wrongSeen = false;
        while (panel->questionOpen() && !wrongSeen) {
            const int decision = panel->currentDecision();
            const std::size_t cursor = window.player()->cursor();
            const QStringList buttons = [&] {
                QStringList texts;
                for (QPushButton *b : panel->candidateButtons())
                    texts << b->text();
                return texts;
            }();
            const int right = panel->rightAtFirstTry();
            QTest::keyClick(&window, Qt::Key_1);
            if (panel->currentDecision() != decision)
                continue;
            wrongSeen = true;
            const QString verdict = verdictOf(window);
            QVERIFY2(verdict.startsWith(QLatin1String("Not yet: ")) || verdict.startsWith(QLatin1String("Almost: ")),
                     qPrintable(verdict));
            QVERIFY2(std::any_of(std::begin(rulePhrases), std::end(rulePhrases),
                                 [&](const char *rule) { return verdict.contains(QLatin1String(rule)); }),
                     qPrintable(verdict));
            const trace::Decision &d = decisions[std::size_t(decision)];
            QCOMPARE(verdict, PlayText::verdict(d, d.candidates.front().task));
            QVERIFY(label(window, "playVerdict")->isVisible());
            // Still the same question, at the same place, and nothing moves the cursor.
            QVERIFY(panel->questionOpen());
            QCOMPARE(window.player()->cursor(), cursor);
            QStringList after;
            for (QPushButton *b : panel->candidateButtons())
                after << b->text();
            QCOMPARE(after, buttons);
            QVERIFY(window.playerBar()->locked());
            QTest::keyClick(&window, Qt::Key_Right);
            QTest::keyClick(&window, Qt::Key_Space);
            QTest::keyClick(&window, Qt::Key_End);
            QCOMPARE(window.player()->cursor(), cursor);
            QVERIFY(!window.player()->playing());
            // The same wrong pick again changes nothing; the right one then counts as a second try.
            QTest::keyClick(&window, Qt::Key_1);
            QCOMPARE(panel->currentDecision(), decision);
            for (int key = 2; key <= int(buttons.size()) && panel->currentDecision() == decision; ++key)
                QTest::keyClick(&window, Qt::Key(Qt::Key_0 + key));
            QCOMPARE(panel->currentDecision(), decision + 1);
            QCOMPARE(panel->rightAtFirstTry(), right);
        }
        QVERIFY2(wrongSeen, "key 1 was right at every decision");
    }

    // (3) Off, the player and the event loop view are the ordinary ones again.
    void turningTheModeOffRestoresThePlayerAndTheQueueOrder()
    {
        // A decision where the ready queue's order is not the creation order.
        QString lessonId;
        std::size_t position = 0;
        for (const lessons::Lesson *lesson : lessons::registry()) {
            if (lesson->placeholder || !lessonId.isEmpty())
                continue;
            const lessons::Run run = lessons::run(*lesson, lessons::defaults(*lesson), false);
            for (const trace::Decision &d : trace::scheduling_decisions(*run.recorder)) {
                const trace::TraceState state = trace::fold(*run.recorder, d.position);
                const auto &ready = state.ready();
                if (ready.size() >= 2 && !std::is_sorted(ready.begin(), ready.end())) {
                    lessonId = QString::fromStdString(lesson->id);
                    position = d.position;
                    break;
                }
            }
        }
        QVERIFY2(!lessonId.isEmpty(), "no lesson has a ready queue out of creation order at a decision");

        MainWindow window(nullptr, false);
        openShown(window, lessonId);
        EventLoopView *view = window.visualization()->eventLoopView();
        PlayerBar *bar = window.playerBar();
        toggleByKey(window);
        PlayPanel *panel = window.playPanel();
        // Right picks until the cursor stands at that decision.
        while (panel->questionOpen() && window.player()->cursor() != position) {
            const int decision = panel->currentDecision();
            for (int key = 1; key <= 9 && panel->currentDecision() == decision && panel->questionOpen(); ++key)
                QTest::keyClick(&window, Qt::Key(Qt::Key_0 + key));
        }
        QCOMPARE(window.player()->cursor(), position);
        QVERIFY(panel->questionOpen());

        const trace::TraceState &state = window.player()->state();
        std::vector<std::uint32_t> queue(state.ready().begin(), state.ready().end());
        std::vector<std::uint32_t> created = queue;
        std::sort(created.begin(), created.end());
        const auto names = [&](const std::vector<std::uint32_t> &ids) {
            QStringList out;
            for (std::uint32_t id : ids)
                out << QString::fromStdString(std::string(state.task(id)->name));
            return QStringLiteral("ready: ") + out.join(QStringLiteral(", "));
        };
        const QString queueOrder = names(queue);
        const QString creationOrder = names(created);
        QVERIFY(queueOrder != creationOrder);

        // Playing: creation order, said so; the timeline (the whole run) is away; no transport.
        QVERIFY(view->readyOrderHidden());
        QCOMPARE(readyLine(window), creationOrder);
        QVERIFY(view->describe().contains(QLatin1String("ready order: hidden")));
        QVERIFY(!window.visualization()->timelineView()->isVisible());
        QVERIFY(!bar->playAction()->isEnabled());
        QVERIFY(!bar->stepForwardAction()->isEnabled());
        QVERIFY(!bar->stepBackAction()->isEnabled());
        QVERIFY(!bar->toEndAction()->isEnabled());
        QVERIFY(!bar->scrubSlider()->isEnabled());
        QVERIFY(bar->gameAction()->isChecked());

        toggleByKey(window);
        QVERIFY(!window.playMode());
        QVERIFY(!panel->active());
        QVERIFY(!bar->gameAction()->isChecked());
        QVERIFY(!view->readyOrderHidden());
        QCOMPARE(readyLine(window), queueOrder);
        QVERIFY(!view->describe().contains(QLatin1String("ready order: hidden")));
        QVERIFY(window.visualization()->timelineView()->isVisible());
        QVERIFY(bar->playAction()->isEnabled());
        QVERIFY(bar->stepForwardAction()->isEnabled());
        QVERIFY(bar->scrubSlider()->isEnabled());
        QVERIFY(!label(window, "playQuestion")->isVisible());
        // The digits pick nothing now; the arrows move the cursor again.
        QTest::keyClick(&window, Qt::Key_1);
        QCOMPARE(window.player()->cursor(), position);
        QTest::keyClick(&window, Qt::Key_Right);
        QCOMPARE(window.player()->cursor(), position + 1);
    }

    // A new run or another lesson ends the game cleanly.
    void aNewRunOrAnotherLessonEndsTheGame()
    {
        MainWindow window(nullptr, false);
        openShown(window, QStringLiteral("tasks-gather"));
        window.setPlayMode(true);
        QVERIFY(window.playPanel()->questionOpen());
        const lessons::Lesson *lesson = window.session()->lesson();
        QVERIFY(!lesson->parameters.empty());
        auto *slider = window.findChild<QSlider *>(QStringLiteral("param_") + QString::fromStdString(lesson->parameters.front().id));
        QVERIFY(slider);
        const int runs = window.session()->runCount();
        slider->setValue(slider->value() == slider->maximum() ? slider->minimum() : slider->maximum());
        QVERIFY(window.session()->runCount() > runs);
        QVERIFY(!window.playMode());
        QVERIFY(!window.playPanel()->active());
        QVERIFY(!window.playerBar()->locked());
        QVERIFY(!window.visualization()->eventLoopView()->readyOrderHidden());

        window.setPlayMode(true);
        QVERIFY(window.playPanel()->questionOpen());
        QVERIFY(window.openLesson(QStringLiteral("queues")));
        QVERIFY(!window.playMode());
        QVERIFY(!window.playPanel()->active());
        QVERIFY(!window.playerBar()->locked());
        QVERIFY(window.visualization()->timelineView()->isVisible());
        // And the new lesson's game starts at its own first decision.
        window.setPlayMode(true);
        QCOMPARE(window.player()->cursor(), decisionPositions(window).first());
    }

    // (4) A whole lesson with the keyboard alone: Ctrl+L, Tab and Enter, Ctrl+L.
    void keyboardAloneIsEnough()
    {
        MainWindow window(nullptr, false);
        openShown(window, QStringLiteral("tasks-gather"));
        QApplication::setActiveWindow(&window);
        toggleByKey(window);
        PlayPanel *panel = window.playPanel();
        QVERIFY(panel->questionOpen());
        int steps = 0;
        while (panel->questionOpen() && steps++ < 200) {
            const int decision = panel->currentDecision();
            // The focus starts on the first candidate; Enter picks it, Tab goes to the next.
            QCOMPARE(QApplication::focusWidget(), panel->candidateButtons().first());
            for (int k = 0; k < panel->candidateButtons().size() && panel->currentDecision() == decision
                            && panel->questionOpen(); ++k) {
                QCOMPARE(QApplication::focusWidget(), panel->candidateButtons().at(k));
                QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
                if (panel->currentDecision() == decision && panel->questionOpen())
                    QTest::keyClick(&window, Qt::Key_Tab);
            }
            QVERIFY(panel->currentDecision() != decision || !panel->questionOpen());
        }
        QVERIFY(panel->finished());
        QCOMPARE(label(window, "playQuestion")->text(), QStringLiteral("Game over"));
        QVERIFY(label(window, "playScore")->text().startsWith(QLatin1String("Your score: ")));
        // Enter on "Play again" (it has the focus now) starts over.
        QCOMPARE(QApplication::focusWidget(), window.findChild<QPushButton *>(QStringLiteral("playAgainButton")));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
        QVERIFY(panel->questionOpen());
        QCOMPARE(panel->currentDecision(), 0);
        toggleByKey(window);
        QVERIFY(!window.playMode());
        QVERIFY(!panel->active());
    }

    // The best score is kept per lesson under play/<lesson>/, and only when the window
    // remembers settings (the test's settings live in a temporary home, see main()).
    void theBestScoreIsRemembered()
    {
        SettingsKeys::open().clear();
        int n = 0;
        {
            MainWindow window;
            openShown(window, QStringLiteral("tasks-gather"));
            QCOMPARE(label(window, "playBest")->text(), QStringLiteral("No game of this lesson finished yet."));
            window.setPlayMode(true);
            QList<int> picks;
            QList<std::size_t> positions;
            playByTrying(window, picks, positions);
            if (QTest::currentTestFailed())
                return;
            n = window.playPanel()->decisionCount();
            QSettings s = SettingsKeys::open();
            QCOMPARE(s.value(SettingsKeys::playBest(QStringLiteral("tasks-gather"))).toInt(), window.playPanel()->rightAtFirstTry());
            QCOMPARE(s.value(SettingsKeys::playBestOf(QStringLiteral("tasks-gather"))).toInt(), n);
            window.close();
        }
        // A worse game does not replace it; another start shows it.
        SettingsKeys::open().setValue(SettingsKeys::playBest(QStringLiteral("tasks-gather")), n);
        {
            MainWindow window;
            openShown(window, QStringLiteral("tasks-gather"));
            window.setPlayMode(true);
            QCOMPARE(label(window, "playBest")->text(),
                     QStringLiteral("Best for this lesson: %1.").arg(PlayText::score(n, n)));
            while (window.playPanel()->questionOpen()) {
                const int decision = window.playPanel()->currentDecision();
                for (int key = 9; key >= 1 && window.playPanel()->currentDecision() == decision; --key)
                    QTest::keyClick(&window, Qt::Key(Qt::Key_0 + key));
            }
            QVERIFY(window.playPanel()->rightAtFirstTry() < n);
            QCOMPARE(SettingsKeys::open().value(SettingsKeys::playBest(QStringLiteral("tasks-gather"))).toInt(), n);
            window.close();
        }
        // A window that keeps no settings writes none.
        SettingsKeys::open().clear();
        {
            MainWindow window(nullptr, false);
            openShown(window, QStringLiteral("queues"));
            window.setPlayMode(true);
            QList<int> picks;
            QList<std::size_t> positions;
            playByTrying(window, picks, positions);
            QVERIFY(window.playPanel()->finished());
        }
        QVERIFY(SettingsKeys::open().allKeys().isEmpty());
    }

    // (5) In German, the game speaks German.
    void germanTextsAppear()
    {
        if (qEnvironmentVariable("DIRIGENT_QM_DIR").isEmpty())
            QSKIP("DIRIGENT_QM_DIR is not set");
        MainWindow window(nullptr, false);
        openShown(window, QStringLiteral("tasks-gather"));
        window.setLanguage(QStringLiteral("de"));
        QCOMPARE(window.language(), QStringLiteral("de"));
        toggleByKey(window);
        PlayPanel *panel = window.playPanel();
        QVERIFY(panel->questionOpen());
        auto *tabs = window.findChild<QTabWidget *>(QStringLiteral("lessonTabs"));
        QCOMPARE(tabs->tabText(tabs->indexOf(panel)), QStringLiteral("Spiel"));
        QCOMPARE(label(window, "playQuestion")->text(), QStringLiteral("Welcher Task läuft als Nächstes?"));
        QVERIFY2(label(window, "playIntro")->text().startsWith(QStringLiteral("Du bist die Event Loop.")),
                 qPrintable(label(window, "playIntro")->text()));
        QVERIFY2(label(window, "playProgress")->text().startsWith(QStringLiteral("Entscheidung 1 von ")),
                 qPrintable(label(window, "playProgress")->text()));
        QVERIFY2(panel->candidateButtons().first()->text().contains(QStringLiteral(" · bereit")),
                 qPrintable(panel->candidateButtons().first()->text()));
        QCOMPARE(window.playerBar()->gameAction()->text(), QStringLiteral("Du bist die Loop"));
        // Play on until a pick is wrong: the verdict in German, with German times.
        bool wrongSeen = false;
        while (panel->questionOpen() && !wrongSeen) {
            const int decision = panel->currentDecision();
            QTest::keyClick(&window, Qt::Key_1);
            if (panel->currentDecision() == decision) {
                wrongSeen = true;
                const QString verdict = verdictOf(window);
                QVERIFY2(verdict.startsWith(QStringLiteral("Noch nicht: ")) || verdict.startsWith(QStringLiteral("Fast: ")),
                         qPrintable(verdict));
                QVERIFY2(verdict.contains(QStringLiteral(",")), qPrintable(verdict));  // "t = 0,300 s"
            } else {
                QVERIFY2(verdictOf(window).startsWith(QStringLiteral("Richtig: ")), qPrintable(verdictOf(window)));
            }
        }
        QVERIFY(wrongSeen);
        // Switching back mid-game translates what is shown.
        window.setLanguage(QStringLiteral("en"));
        QCOMPARE(label(window, "playQuestion")->text(), QStringLiteral("Which task runs next?"));
        QVERIFY(verdictOf(window).startsWith(QLatin1String("Not yet: ")) || verdictOf(window).startsWith(QLatin1String("Almost: ")));
    }

    // Pictures of a game in both languages, for a person to look at (DIRIGENT_SHOT_DIR).
    void pictures()
    {
        const QString folder = qEnvironmentVariable("DIRIGENT_SHOT_DIR");
        if (folder.isEmpty())
            QSKIP("DIRIGENT_SHOT_DIR is not set");
        if (qEnvironmentVariable("DIRIGENT_QM_DIR").isEmpty())
            QSKIP("DIRIGENT_QM_DIR is not set");
        for (const QString &code : {QStringLiteral("en"), QStringLiteral("de")}) {
            MainWindow window(nullptr, false);
            window.resize(1366, 768);
            openShown(window, QStringLiteral("tasks-gather"));
            window.setLanguage(code);
            window.setPlayMode(true);
            PlayPanel *panel = window.playPanel();
            // Two questions in, with a wrong pick at the third: the verdict explains.
            while (panel->questionOpen() && panel->currentDecision() < 2) {
                const int decision = panel->currentDecision();
                for (int key = 1; key <= 9 && panel->currentDecision() == decision; ++key)
                    QTest::keyClick(&window, Qt::Key(Qt::Key_0 + key));
            }
            QTest::keyClick(&window, Qt::Key_1);
            // Let the layouts settle (labels that grew, the timeline that stepped aside).
            for (int i = 0; i < 3; ++i)
                QCoreApplication::processEvents();
            window.finishPendingWork();
            QVERIFY(window.grab().save(QDir(folder).filePath(QStringLiteral("play-%1.png").arg(code))));
        }
    }
};

// The settings of this test live in a home of their own.
int main(int argc, char **argv)
{
    return apptest::runInOwnHome<TestPlayMode>(argc, argv);
}

#include "tst_play_mode.moc"
