// "Break it" in the window, offscreen: opened with Ctrl+B from the main window, played with
// the keys a learner presses (1–9, U, R). The orders that break a level are found here by
// trying every move in turn, as a learner would; no test holds a solution.
#include "ownhome.h"
#include "widgets/SettingsKeys.h"

#include "widgets/BreakPanel.h"
#include "text/BreakText.h"
#include "text/Language.h"
#include "window/MainWindow.h"

#include <levels/level.hpp>

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTextBrowser>
#include <QToolButton>
#include <QTemporaryDir>
#include <QTest>

#include <clocale>

namespace {

QString fromStd(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

void press(BreakPanel *panel, Qt::Key key)
{
    QTest::keyClick(panel, key);
}

// Depth-first through the moves with the keys: a digit plays a move, U takes it back.
// Stops at the first break (true) and leaves the panel there.
bool breakByTrying(BreakPanel *panel, int depth = 0)
{
    if (panel->outcome().state == levels::State::Broken)
        return true;
    if (panel->outcome().state != levels::State::Waiting || depth > 24)
        return false;
    const int options = int(panel->outcome().options.size());
    for (int k = 0; k < options && k < 9; ++k) {
        press(panel, Qt::Key(Qt::Key_1 + k));
        if (int(panel->picks().size()) != depth + 1)
            return false; // the key did not play a move
        if (breakByTrying(panel, depth + 1))
            return true;
        press(panel, Qt::Key_U);
    }
    return false;
}

// Every order of the fixed program with the keys; counts the orders, fails on a break.
int everyOrder(BreakPanel *panel, int depth = 0)
{
    if (panel->outcome().state == levels::State::Broken)
        return -1000000;
    if (panel->outcome().state == levels::State::Survived)
        return 1;
    int orders = 0;
    const int options = int(panel->outcome().options.size());
    for (int k = 0; k < options && k < 9; ++k) {
        press(panel, Qt::Key(Qt::Key_1 + k));
        if (int(panel->picks().size()) != depth + 1)
            return -1000000; // the key did not play a move
        orders += everyOrder(panel, depth + 1);
        press(panel, Qt::Key_U);
    }
    return orders;
}

} // namespace

class TestBreakMode : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        std::setlocale(LC_NUMERIC, "C");
        Language::setTranslationsDirectory(qEnvironmentVariable("DIRIGENT_QM_DIR"));
        Language::install(QStringLiteral("en"));
        QVERIFY(QStandardPaths::isTestModeEnabled());
        SettingsKeys::open().remove(QStringLiteral("break"));
    }

    void cleanup()
    {
        Language::install(QStringLiteral("en"));
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LanguageChange);
    }

    void ctrlBOpensTheFirstLevel()
    {
        MainWindow window(nullptr, false);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTest::keyClick(&window, Qt::Key_B, Qt::ControlModifier);
        auto *panel = window.findChild<BreakPanel *>();
        QVERIFY(panel);
        QVERIFY(panel->isVisible());
        QCOMPARE(panel->levelIndex(), 0);
        QCOMPARE(panel->outcome().state, levels::State::Waiting);
        QVERIFY(!panel->moveButtons().isEmpty());
        QCOMPARE(panel->moveButtons().size(), int(panel->outcome().options.size()));
        QVERIFY(panel->moveButtons().first()->text().startsWith(QLatin1String("1   ")));
        const auto *program = panel->findChild<QPlainTextEdit *>(QStringLiteral("levelProgram"));
        QCOMPARE(program->toPlainText(), fromStd(levels::all_levels().front().broken_py));
        // The fix stays closed until the program breaks.
        const auto *tabs = panel->findChild<QTabWidget *>(QStringLiteral("levelPrograms"));
        // The player bar's button opens the same window.
        panel->close();
        auto *button = window.findChild<QToolButton *>(QStringLiteral("breakItButton"));
        QVERIFY(button);
        QCOMPARE(button->text(), QStringLiteral("Break it"));
        QCOMPARE(button->accessibleName(), QStringLiteral("Break it"));
        button->click();
        QVERIFY(panel->isVisible());
        QCOMPARE(tabs->currentWidget(), program);
        QVERIFY(!tabs->isTabEnabled(1));
        QVERIFY(program->extraSelections().isEmpty());
        const auto *goal = panel->findChild<QTextBrowser *>(QStringLiteral("levelGoal"));
        QVERIFY2(goal->toPlainText().contains(QStringLiteral("Must hold: balance == 100 + 50 * deposits written")),
                 qPrintable(goal->toPlainText()));
    }

    // Every level breaks by trying moves with the keys; the break is marked, explained, and
    // the fixed program shows with the search's word that no order breaks it.
    void everyLevelBreaksByTrying()
    {
        BreakPanel panel;
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        const auto &all = levels::all_levels();
        QVERIFY(all.size() >= 6);
        for (int i = 0; i < int(all.size()); ++i) {
            panel.openLevel(i);
            QVERIFY2(breakByTrying(&panel), all[std::size_t(i)].id.c_str());
            QVERIFY(panel.verdictText().startsWith(QLatin1String("Broken after ")));
            QVERIFY(!panel.markedLines().isEmpty());
            QVERIFY(panel.moveButtons().isEmpty());
            QVERIFY(!panel.lessonText().isEmpty());
            QVERIFY2(panel.fixedVerdict().endsWith(QLatin1String("none breaks it.")), qPrintable(panel.fixedVerdict()));
            // The fix comes forward in its own tab, the lines where it differs marked.
            const auto *program = panel.findChild<QPlainTextEdit *>(QStringLiteral("levelProgram"));
            const auto *fixed = panel.findChild<QPlainTextEdit *>(QStringLiteral("levelFixedProgram"));
            const auto *tabs = panel.findChild<QTabWidget *>(QStringLiteral("levelPrograms"));
            QCOMPARE(program->toPlainText(), fromStd(all[std::size_t(i)].broken_py));
            QCOMPARE(fixed->toPlainText(), fromStd(all[std::size_t(i)].fixed_py));
            QCOMPARE(tabs->currentWidget(), fixed);
            QVERIFY(!fixed->extraSelections().isEmpty());
            QVERIFY(!program->extraSelections().isEmpty());
            QVERIFY(SettingsKeys::open()
                        .value(QStringLiteral("break/%1/broken").arg(fromStd(all[std::size_t(i)].id)))
                        .toBool());
            QCOMPARE(panel.brokenCount(), i + 1);
        }
        const auto *list = panel.findChild<QComboBox *>(QStringLiteral("levelList"));
        QVERIFY(list->itemText(0).endsWith(QStringLiteral("✓")));
    }

    // The marked lines are the move that broke it and what the program printed after it.
    void theBreakingMoveIsMarked()
    {
        BreakPanel panel;
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.openLevel(0);
        QVERIFY(breakByTrying(&panel));
        const QStringList lines = panel.shownLines();
        const QList<int> marked = panel.markedLines();
        const int move = panel.outcome().broken_after;
        QVERIFY(move >= 1);
        QVERIFY(lines.at(marked.first()).startsWith(QStringLiteral("%1. ").arg(move)));
        for (int i : marked)
            QVERIFY(i >= marked.first());
        QCOMPARE(marked.last(), int(lines.size()) - 1);
    }

    void undoAndRestartWithTheKeys()
    {
        BreakPanel panel;
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.openLevel(0);
        const auto first = panel.outcome().options;
        press(&panel, Qt::Key_1);
        QCOMPARE(panel.picks().size(), std::size_t(1));
        press(&panel, Qt::Key_1);
        QCOMPARE(panel.picks().size(), std::size_t(2));
        press(&panel, Qt::Key_U);
        QCOMPARE(panel.picks().size(), std::size_t(1));
        press(&panel, Qt::Key_R);
        QVERIFY(panel.picks().empty());
        QCOMPARE(panel.outcome().options.size(), first.size());
        // A key beyond the moves does nothing.
        press(&panel, Qt::Key_9);
        QVERIFY(panel.picks().empty());
    }

    // The fixed program of the first level, every order played with the keys: none breaks it.
    void theFixedProgramSurvivesEveryOrder()
    {
        BreakPanel panel;
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.openLevel(0);
        panel.playFixed(true);
        QVERIFY(panel.playingFixed());
        const int orders = everyOrder(&panel);
        QVERIFY2(orders > 1, qPrintable(QString::number(orders)));
        QVERIFY(panel.picks().empty());
    }

    void german()
    {
        if (qEnvironmentVariable("DIRIGENT_QM_DIR").isEmpty())
            QSKIP("DIRIGENT_QM_DIR is not set");
        MainWindow window(nullptr, false);
        window.setLanguage(QStringLiteral("de"));
        BreakPanel *panel = window.openBreakIt();
        QVERIFY(QTest::qWaitForWindowExposed(panel));
        QCOMPARE(panel->windowTitle(), QStringLiteral("Knack es – Dirigent"));
        QCOMPARE(window.findChild<QToolButton *>(QStringLiteral("breakItButton"))->text(), QStringLiteral("Knack es"));
        QVERIFY(panel->moveButtons().first()->text().endsWith(QStringLiteral(" kommt zurück")));
        const auto *list = panel->findChild<QComboBox *>(QStringLiteral("levelList"));
        QVERIFY(list->itemText(0).startsWith(QStringLiteral("1. ") + BreakText::title(levels::all_levels().front())));
        QCOMPARE(BreakText::title(levels::all_levels().front()), QStringLiteral("Verlorenes Update"));
        QVERIFY(breakByTrying(panel));
        QVERIFY(panel->verdictText().startsWith(QStringLiteral("Kaputt nach ")));
        QVERIFY(panel->fixedVerdict().endsWith(QStringLiteral("keine macht es kaputt.")));
        // Back to English while the window is open.
        window.setLanguage(QStringLiteral("en"));
        QVERIFY(panel->verdictText().startsWith(QLatin1String("Broken after ")));
    }

    // Pictures for a person to look at (DIRIGENT_SHOT_DIR): the first level, broken.
    void pictures()
    {
        const QString folder = qEnvironmentVariable("DIRIGENT_SHOT_DIR");
        if (folder.isEmpty())
            QSKIP("DIRIGENT_SHOT_DIR is not set");
        for (const QString &code : {QStringLiteral("en"), QStringLiteral("de")}) {
            MainWindow window(nullptr, false);
            window.setLanguage(code);
            BreakPanel *panel = window.openBreakIt();
            QVERIFY(QTest::qWaitForWindowExposed(panel));
            panel->resize(1366, 820);
            for (const int level : {0, 4}) {
                panel->openLevel(level);
                QVERIFY(breakByTrying(panel));
                for (int i = 0; i < 3; ++i)
                    QCoreApplication::processEvents();
                QVERIFY(panel->grab().save(QDir(folder).filePath(QStringLiteral("break-%1-%2.png").arg(level).arg(code))));
            }
            panel->openLevel(1);
            press(panel, Qt::Key_1);
            QCoreApplication::processEvents();
            QVERIFY(panel->grab().save(QDir(folder).filePath(QStringLiteral("break-playing-%1.png").arg(code))));
        }
    }
};

// The settings of this test live in a home of their own.
int main(int argc, char **argv)
{
    return apptest::runInOwnHome<TestBreakMode>(argc, argv);
}

#include "tst_break_mode.moc"
