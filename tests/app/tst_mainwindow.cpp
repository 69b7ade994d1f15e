#include "apptest.h"

#include "player/CodeMap.h"
#include "player/LessonSession.h"
#include "player/Player.h"
#include "text/Language.h"
#include "views/TraceView.h"
#include "widgets/QuizPanel.h"
#include "window/MainWindow.h"

#include <lessons/lesson.hpp>

#include <QAbstractSpinBox>
#include <QAction>
#include <QDoubleSpinBox>
#include <QFile>
#include <QImage>
#include <QJsonDocument>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSlider>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>

// The main window as a whole, offscreen, for what only it does: the lesson list, the language
// switch, the shortcuts, the exports and the settings. Its panels have their own suites
// (tst_codepanel.cpp, tst_playerbar.cpp, ...); the GUI tests in tst_gui*.cpp drive whole lessons.
class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { apptest::initTestCase(); }
    void cleanup() { apptest::cleanup(); }

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
        QCOMPARE(window.currentLessonId(), apptest::firstLessonId());
        QCOMPARE(window.player()->cursor(), std::size_t(0));
        QVERIFY(!window.openLesson(QStringLiteral("no-such-lesson")));
        for (const lessons::Lesson *lesson : lessons::registry()) {
            if (lesson->placeholder)
                QVERIFY(!window.openLesson(QString::fromStdString(lesson->id)));
        }
        QCOMPARE(window.currentLessonId(), apptest::firstLessonId());
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
        QVERIFY(window.openLesson(apptest::firstLessonId()));
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
        const lessons::Parameter &p = lessons::find(apptest::firstLessonId().toStdString())->parameters.front();
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
        const lessons::Lesson *lesson = lessons::find(apptest::firstLessonId().toStdString());
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
        QCOMPARE(window.doneLessons(), QStringList{apptest::firstLessonId()});
        // Jumping to the end is not playing it.
        QVERIFY(window.openLesson(QStringLiteral("tasks-gather")));
        player->toEnd();
        QCOMPARE(window.doneLessons(), QStringList{apptest::firstLessonId()});
    }

    void settingsAreRememberedAcrossStarts()
    {
        SettingsKeys::open().clear();
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
        SettingsKeys::open().clear();
    }
};

QTEST_MAIN(TestMainWindow)

#include "tst_mainwindow.moc"
