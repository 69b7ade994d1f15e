// Live mode in the window (issue 10): the http lesson run for real against the demo server
// of the process (127.0.0.1, a free port), offscreen. Each run is bounded: few requests,
// every attempt with its timeout, and every wait here with a limit.
#include "cli/CommandLine.h"
#include "widgets/LagMeter.h"
#include "text/Language.h"
#include "player/LiveController.h"
#include "widgets/LiveTab.h"
#include "window/MainWindow.h"
#include "widgets/ParameterPanel.h"
#include "widgets/ThreadsComparisonPanel.h"
#include "widgets/PlayerBar.h"
#include "widgets/VisualizationPanel.h"

#include "player/LessonSession.h"
#include "player/Player.h"
#include "views/PoolView.h"
#include "views/QueueView.h"
#include "views/SemaphoreView.h"
#include "views/TimelineView.h"

#include <lessons/lesson.hpp>
#include <live/Http2Front.h>
#include <trace/trace_state.hpp>

#include <QAbstractSpinBox>
#include <QAction>
#include <QCheckBox>
#include <QElapsedTimer>
#include <QApplication>
#include <QFile>
#include <QUrl>
#include <QTemporaryDir>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSlider>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>
#include <QTimer>

#include <clocale>

namespace {

constexpr int runLimitMs = 30000; // a run of 6 requests takes a few seconds

bool allTasksEnded(const trace::Recorder &recorder)
{
    const trace::TraceState state = trace::fold(recorder, recorder.size());
    for (const trace::TaskInfo &task : state.tasks()) {
        if (task.status != trace::TaskStatus::Done && task.status != trace::TaskStatus::Failed
            && task.status != trace::TaskStatus::Cancelled)
            return false;
    }
    return !state.tasks().empty();
}

} // namespace

class TestLiveWindow : public QObject
{
    Q_OBJECT

private:
    static void switchToLive(MainWindow &window)
    {
        auto *live = window.findChild<QRadioButton *>(QStringLiteral("liveMode"));
        QVERIFY(live);
        QVERIFY(live->isVisible());
        live->click();
        QVERIFY(window.liveController()->liveMode());
    }

    // The database lesson's run as the model tells it: every lookup answered, one commit,
    // two rollbacks (the CHECK, the timeout), and the total 150 before and after.
    static void expectTheLessonsStory(const live::LiveDatabaseFigures &measured)
    {
        QCOMPARE(measured.queriesOk, 50);
        QCOMPARE(measured.commits, 1);
        QCOMPARE(measured.rollbacks, 2);
        QCOMPARE(measured.totalBefore, 150);
        QCOMPARE(measured.totalAfter, 150);
    }

    static void setSlider(MainWindow &window, const char *id, double value)
    {
        auto *slider = window.findChild<QSlider *>(QStringLiteral("param_") + QLatin1String(id));
        QVERIFY(slider);
        const lessons::Parameter *parameter = nullptr;
        for (const lessons::Parameter &p : window.liveController()->liveLesson()->parameters)
            if (p.id == id)
                parameter = &p;
        QVERIFY(parameter);
        slider->setValue(ParameterPanel::positionOf(*parameter, value));
        QCOMPARE(window.liveController()->parameter(QLatin1String(id)), value);
    }

private slots:
    void initTestCase()
    {
        std::setlocale(LC_NUMERIC, "C");
        Language::setTranslationsDirectory(qEnvironmentVariable("DIRIGENT_QM_DIR"));
        Language::install(QStringLiteral("en"));
    }

    void aLessonWithoutLiveVariantShowsNoSwitch()
    {
        MainWindow window(nullptr, false);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.openLesson(QStringLiteral("tasks-gather")));
        QVERIFY(!window.findChild<QRadioButton *>(QStringLiteral("liveMode"))->isVisible());
        QVERIFY(!window.findChild<QPushButton *>(QStringLiteral("liveRunButton"))->isVisible());
        QVERIFY(window.openLesson(QStringLiteral("http")));
        QVERIFY(window.findChild<QRadioButton *>(QStringLiteral("liveMode"))->isVisible());
        QVERIFY(!window.findChild<QPushButton *>(QStringLiteral("liveRunButton"))->isVisible());
    }

    void liveModeTakesTheLiveRangesAndRunsNothingByItself()
    {
        MainWindow window(nullptr, false);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.openLesson(QStringLiteral("http")));
        auto *requests = window.findChild<QSlider *>(QStringLiteral("param_requests"));
        const int modelMaximum = requests->maximum();
        const int runs = window.session()->runCount();
        switchToLive(window);
        requests = window.findChild<QSlider *>(QStringLiteral("param_requests"));
        QVERIFY(requests->maximum() > modelMaximum); // up to 200 requests live
        setSlider(window, "requests", 150);
        setSlider(window, "limit", 40);
        QCOMPARE(window.session()->runCount(), runs); // moving a slider started nothing
        QVERIFY(!window.liveController()->running());
        QVERIFY(window.findChild<QPushButton *>(QStringLiteral("liveRunButton"))->isVisible());
        QVERIFY(window.findChild<QPushButton *>(QStringLiteral("liveRunButton"))->isEnabled());
        QVERIFY(!window.findChild<QPushButton *>(QStringLiteral("liveStopButton"))->isEnabled());
        auto *tabs = window.findChild<QTabWidget *>(QStringLiteral("lessonTabs"));
        QVERIFY(tabs->isTabVisible(tabs->indexOf(window.liveTab())));
    }

    void aLiveRunGrowsIsFollowedAndComparedWithTheModel()
    {
        MainWindow window(nullptr, false);
        window.setAnimationsEnabled(false);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.openLesson(QStringLiteral("http")));
        switchToLive(window);
        setSlider(window, "requests", 6);
        setSlider(window, "limit", 3);

        LiveController *live = window.liveController();
        Player *player = window.player();
        QSignalSpy grew(window.session(), &LessonSession::runGrew);
        int growthWhileRunning = 0;
        int followedAtGrowth = 0;
        int poolShowedABusyRequest = 0;
        auto *pool = window.visualization()->findChild<PoolView *>();
        QVERIFY(pool);
        connect(window.session(), &LessonSession::runGrew, this, [&] {
            if (!window.session()->externalRunning())
                return;
            ++growthWhileRunning;
            if (pool->isVisible() && pool->describe().contains(QStringLiteral("busy: req-")))
                ++poolShowedABusyRequest;
            if (player->followingHead() && player->cursor() == player->length())
                ++followedAtGrowth;
        });
        QSignalSpy finished(live, &LiveController::finished);
        window.findChild<QPushButton *>(QStringLiteral("liveRunButton"))->click();
        QVERIFY(live->running());
        QVERIFY(window.session()->externalRunning());
        auto *status = window.findChild<QLabel *>(QStringLiteral("liveStatus"));
        QVERIFY2(status->text().contains(QStringLiteral("http://127.0.0.1:")), qPrintable(status->text()));
        QVERIFY(window.findChild<QPushButton *>(QStringLiteral("liveStopButton"))->isEnabled());
        QVERIFY(finished.wait(runLimitMs) || finished.count() == 1);

        QVERIFY(!live->running());
        QVERIFY2(growthWhileRunning >= 2, qPrintable(QString::number(growthWhileRunning)));
        QVERIFY(followedAtGrowth >= 2);
        QVERIFY(grew.count() > growthWhileRunning); // the end is a growth too
        QVERIFY(!window.session()->externalRunning());
        QVERIFY(window.session()->isExternalRun());
        QCOMPARE(live->status(), LiveController::Status::Finished);
        QVERIFY2(status->text().startsWith(QStringLiteral("Finished in")), qPrintable(status->text()));
        QCOMPARE(player->cursor(), player->length()); // it followed to the end
        QVERIFY(!player->followingHead());

        // An ordinary trace now: stepping works, every task ended.
        const trace::Recorder &recorder = window.session()->recorder();
        QVERIFY(allTasksEnded(recorder));
        player->toStart();
        player->stepForward();
        QCOMPARE(player->cursor(), std::size_t(1));
        QTemporaryDir folder;
        QVERIFY(folder.isValid());
        QVERIFY(window.exportChromeTrace(folder.filePath(QStringLiteral("live.json"))));
        QVERIFY(window.exportTextLog(folder.filePath(QStringLiteral("live.txt"))));
        QFile log(folder.filePath(QStringLiteral("live.txt")));
        QVERIFY(log.open(QIODevice::ReadOnly));
        QVERIFY(log.readAll().contains("server"));
        QVERIFY(QString::fromStdString(window.session()->run().log).contains(QStringLiteral("server: 200 /item/")));
        QVERIFY(QString::fromStdString(window.session()->run().log).contains(QStringLiteral("done: 6 ok")));

        // The server lane, in the window's timeline and in the Live tab's.
        QVERIFY(window.visualization()->timelineView()->laneNames().contains(QStringLiteral("server")));
        LiveTab *tab = window.liveTab();
        QVERIFY(tab->comparable());
        QVERIFY(tab->liveTimeline()->laneNames().contains(QStringLiteral("server")));
        QVERIFY(tab->modelTimeline()->laneCount() > 0);
        QVERIFY(!tab->modelTimeline()->laneNames().contains(QStringLiteral("server")));
        // Both columns filled: the model's prediction and the measurement.
        QTableWidget *table = tab->table();
        QVERIFY(table->rowCount() >= 7);
        QCOMPARE(table->item(1, 1)->text(), QStringLiteral("6")); // the model: 6 URLs ok
        QCOMPARE(table->item(1, 2)->text(), QStringLiteral("6")); // measured: 6 URLs ok
        for (int row = 0; row < 7; ++row) {
            QVERIFY(!table->item(row, 1)->text().isEmpty());
            QVERIFY(!table->item(row, 2)->text().isEmpty());
        }
        QVERIFY(live->serverStats().connectionsAccepted >= 1);

        // The pool view drew the session's connections as they were used, and ends with the
        // count the server saw; the session's semaphore and the server lane's queue are not
        // drawn a second time as a semaphore and a queue.
        QVERIFY(poolShowedABusyRequest >= 1);
        player->toEnd();
        QVERIFY(pool->isVisible());
        QVERIFY2(pool->describe().startsWith(QStringLiteral("connections: open 0 | opened %1 |")
                                                 .arg(live->serverStats().connectionsAccepted)),
                 qPrintable(pool->describe()));
        QVERIFY(live->measured().connectionsOpened == live->serverStats().connectionsAccepted);
        auto *semaphores = window.visualization()->findChild<SemaphoreView *>();
        QVERIFY(!semaphores->describe().contains(QStringLiteral("connections")));
        QVERIFY(semaphores->describe().contains(QStringLiteral("semaphore limit")));
        auto *queues = window.visualization()->findChild<QueueView *>();
        QVERIFY(!queues->describe().contains(QStringLiteral("server events")));
    }

    void http2RunsThroughTheFrontOnOneConnection()
    {
        if (live::Http2Front::findNghttpx().isEmpty())
            QSKIP("nghttpx is not installed");
        MainWindow window(nullptr, false);
        window.setAnimationsEnabled(false);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.openLesson(QStringLiteral("http")));
        auto *http2 = window.findChild<QRadioButton *>(QStringLiteral("http2Protocol"));
        QVERIFY(http2);
        QVERIFY(!http2->isVisible()); // model mode: no protocol choice
        switchToLive(window);
        QVERIFY(http2->isVisible());
        QVERIFY(!http2->accessibleName().isEmpty());
        const QList<QWidget *> order = window.findChild<ParameterPanel *>()->focusOrder();
        QCOMPARE(order.indexOf(http2), order.indexOf(window.findChild<QWidget *>(QStringLiteral("liveMode"))) + 2);
        setSlider(window, "requests", 6);
        setSlider(window, "limit", 3);
        http2->click();
        LiveController *live = window.liveController();
        QCOMPARE(live->protocol(), live::HttpSession::Protocol::Http2);

        const auto rowOf = [&](const QString &name) {
            QTableWidget *table = window.liveTab()->table();
            for (int row = 0; row < table->rowCount(); ++row)
                if (table->item(row, 0)->text() == name)
                    return row;
            return -1;
        };
        QSignalSpy finished(live, &LiveController::finished);
        window.findChild<QPushButton *>(QStringLiteral("liveRunButton"))->click();
        QVERIFY(live->running());
        QVERIFY2(window.findChild<QLabel *>(QStringLiteral("liveStatus"))->text().contains(QStringLiteral("HTTP/2")),
                 qPrintable(window.findChild<QLabel *>(QStringLiteral("liveStatus"))->text()));
        QVERIFY(finished.wait(runLimitMs) || finished.count() == 1);
        QCOMPARE(live->status(), LiveController::Status::Finished);
        QCOMPARE(live->measured().ok, 6);
        QCOMPARE(live->resultProtocol(), live::HttpSession::Protocol::Http2);
        const int connections = rowOf(QStringLiteral("Client connections (HTTP/2)"));
        const int multiplexed = rowOf(QStringLiteral("Requests multiplexed (HTTP/2)"));
        QVERIFY(connections >= 0);
        QVERIFY(multiplexed >= 0);
        QCOMPARE(window.liveTab()->table()->item(connections, 2)->text(), QStringLiteral("1"));
        QVERIFY(window.liveTab()->table()->item(multiplexed, 2)->text().toInt() >= 6);
        auto *connectionsLine = window.liveTab()->findChild<QLabel *>(QStringLiteral("liveConnections"));
        QVERIFY(connectionsLine && !connectionsLine->isHidden());
        QVERIFY2(connectionsLine->text().startsWith(QStringLiteral("Connections: 1 opened for ")) &&
                     connectionsLine->text().endsWith(QStringLiteral("(counted by the HTTP/2 front).")),
                 qPrintable(connectionsLine->text()));

        // Back to HTTP/1.1: the next run has no HTTP/2 rows.
        window.findChild<QRadioButton *>(QStringLiteral("http1Protocol"))->click();
        QCOMPARE(live->protocol(), live::HttpSession::Protocol::Http1);
        QVERIFY(live->start());
        QVERIFY(finished.wait(runLimitMs) || finished.count() == 2);
        QCOMPARE(live->status(), LiveController::Status::Finished);
        QCOMPARE(rowOf(QStringLiteral("Client connections (HTTP/2)")), -1);
        QCOMPARE(rowOf(QStringLiteral("Requests multiplexed (HTTP/2)")), -1);
        const QString expected = QStringLiteral("Connections: %1 opened for %2 attempts (counted by the server).")
                                     .arg(live->serverStats().connectionsAccepted)
                                     .arg(live->measured().sent);
        QCOMPARE(connectionsLine->text(), expected);
        QVERIFY(live->serverStats().connectionsAccepted >= 1);
    }

    void beyondTheModelsRangesTheModelIsNotCompared()
    {
        MainWindow window(nullptr, false);
        window.setAnimationsEnabled(false);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.openLesson(QStringLiteral("http")));
        switchToLive(window);
        setSlider(window, "requests", 14); // the model goes up to 12
        setSlider(window, "limit", 10);
        setSlider(window, "timeout", 0.2);
        QSignalSpy finished(window.liveController(), &LiveController::finished);
        QVERIFY(window.liveController()->start());
        QVERIFY(finished.wait(runLimitMs) || finished.count() == 1);
        QVERIFY(!window.liveTab()->comparable());
        QCOMPARE(window.liveTab()->table()->item(0, 1)->text(), QStringLiteral("—"));
        QVERIFY(!window.liveTab()->findChild<QLabel *>(QStringLiteral("liveNotComparable"))->isHidden());
    }

    void stopEndsTheRunCleanly()
    {
        MainWindow window(nullptr, false);
        window.setAnimationsEnabled(false);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.openLesson(QStringLiteral("http")));
        switchToLive(window);
        setSlider(window, "requests", 40); // at 4 per second: ten seconds and more
        setSlider(window, "limit", 2);
        LiveController *live = window.liveController();
        QSignalSpy grew(window.session(), &LessonSession::runGrew);
        QSignalSpy finished(live, &LiveController::finished);
        // Ctrl+R is Run in live mode.
        QTest::keyClick(&window, Qt::Key_R, Qt::ControlModifier);
        QVERIFY(live->running());
        QTRY_VERIFY_WITH_TIMEOUT(grew.count() >= 2, 10000);
        // The learner leaves the head: the cursor stays while the run goes on.
        window.player()->toStart();
        QVERIFY(!window.player()->followingHead());
        // Another language mid-run: every text changes, the run goes on.
        window.setLanguage(QStringLiteral("de"));
        window.setLanguage(QStringLiteral("en"));
        QVERIFY(live->running());
        // The quiz stays the model's.
        QVERIFY(!window.session()->quiz().empty());
        const int before = grew.count();
        QTRY_VERIFY_WITH_TIMEOUT(grew.count() > before, 10000);
        QCOMPARE(window.player()->cursor(), std::size_t(0));
        // Now (End) follows again.
        window.findChild<QAction *>(QStringLiteral("nowAction"))->trigger();
        QVERIFY(window.player()->followingHead());

        window.findChild<QPushButton *>(QStringLiteral("liveStopButton"))->click();
        QVERIFY(finished.wait(10000) || finished.count() == 1);
        QVERIFY(!live->running());
        QCOMPARE(live->status(), LiveController::Status::Stopped);
        QVERIFY(window.findChild<QLabel *>(QStringLiteral("liveStatus"))->text().startsWith(QStringLiteral("Stopped")));
        QVERIFY(live->measured().ok < 40);
        QVERIFY(allTasksEnded(window.session()->recorder()));
        QVERIFY(!window.session()->externalRunning());

        // Esc stops as well.
        QVERIFY(live->start());
        QTRY_VERIFY_WITH_TIMEOUT(live->growthCount() >= 1, 10000);
        QTest::keyClick(&window, Qt::Key_Escape);
        QVERIFY(finished.wait(10000) || finished.count() == 2);
        QCOMPARE(live->status(), LiveController::Status::Stopped);
        QVERIFY(allTasksEnded(window.session()->recorder()));
    }

    void backToModelShowsTheModelRun()
    {
        MainWindow window(nullptr, false);
        window.setAnimationsEnabled(false);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.openLesson(QStringLiteral("http")));
        const std::size_t modelEvents = window.session()->recorder().size();
        const int modelMaximum = window.findChild<QSlider *>(QStringLiteral("param_requests"))->maximum();
        switchToLive(window);
        setSlider(window, "requests", 4);
        QSignalSpy finished(window.liveController(), &LiveController::finished);
        QVERIFY(window.liveController()->start());
        QVERIFY(finished.wait(runLimitMs) || finished.count() == 1);
        QVERIFY(window.session()->isExternalRun());

        window.findChild<QRadioButton *>(QStringLiteral("modelMode"))->click();
        QVERIFY(!window.liveController()->liveMode());
        QVERIFY(!window.session()->isExternalRun());
        QCOMPARE(window.session()->recorder().size(), modelEvents);
        QCOMPARE(window.findChild<QSlider *>(QStringLiteral("param_requests"))->maximum(), modelMaximum);
        auto *tabs = window.findChild<QTabWidget *>(QStringLiteral("lessonTabs"));
        QVERIFY(!tabs->isTabVisible(tabs->indexOf(window.liveTab())));
        QVERIFY(!window.visualization()->timelineView()->laneNames().contains(QStringLiteral("server")));

        // Live again: the last live run is shown again, complete.
        window.findChild<QRadioButton *>(QStringLiteral("liveMode"))->click();
        QVERIFY(window.session()->isExternalRun());
        QVERIFY(window.visualization()->timelineView()->laneNames().contains(QStringLiteral("server")));
    }

    void leavingTheLessonStopsARun()
    {
        MainWindow window(nullptr, false);
        window.setAnimationsEnabled(false);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.openLesson(QStringLiteral("http")));
        switchToLive(window);
        setSlider(window, "requests", 40);
        QVERIFY(window.liveController()->start());
        QTRY_VERIFY_WITH_TIMEOUT(window.liveController()->growthCount() >= 1, 10000);
        QVERIFY(window.openLesson(QStringLiteral("tasks-gather")));
        QVERIFY(!window.liveController()->running());
        QVERIFY(!window.liveController()->liveMode());
        QVERIFY(!window.session()->isExternalRun());
        QCOMPARE(window.currentLessonId(), QStringLiteral("tasks-gather"));
    }

    void theDatabaseLessonRunsLiveOnSqlite()
    {
        MainWindow window(nullptr, false);
        window.setAnimationsEnabled(false);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.openLesson(QStringLiteral("database")));
        switchToLive(window);
        auto *database = window.findChild<QLineEdit *>(QStringLiteral("liveDatabase"));
        QVERIFY(database && database->isVisible());
        QVERIFY(!database->accessibleName().isEmpty());
        QVERIFY(!window.findChild<QRadioButton *>(QStringLiteral("http2Protocol"))->isVisible());
        // The model's connect cost is not a live value: a real connection costs what it costs.
        QVERIFY(!window.findChild<QSlider *>(QStringLiteral("param_connect")));
        setSlider(window, "max_size", 4);

        // Something that is no database: refused before anything runs.
        LiveController *live = window.liveController();
        database->setText(QStringLiteral("ftp://nowhere"));
        window.findChild<QPushButton *>(QStringLiteral("liveRunButton"))->click();
        QVERIFY(!live->running());
        QCOMPARE(live->status(), LiveController::Status::BadDatabase);
        QVERIFY(!window.session()->isExternalRun());

        // Empty: SQLite in a temporary folder.
        database->clear();
        QSignalSpy finished(live, &LiveController::finished);
        int poolShowedWaiters = 0;
        auto *pool = window.visualization()->findChild<PoolView *>();
        connect(window.session(), &LessonSession::runGrew, this, [&] {
            if (pool->isVisible() && pool->describe().startsWith(QStringLiteral("pool idle connections: size 4"))
                && !pool->describe().endsWith(QStringLiteral("waiting: -")))
                ++poolShowedWaiters;
        });
        window.findChild<QPushButton *>(QStringLiteral("liveRunButton"))->click();
        QVERIFY(live->running());
        QVERIFY2(window.findChild<QLabel *>(QStringLiteral("liveStatus"))->text().contains(QStringLiteral("SQLite")),
                 qPrintable(window.findChild<QLabel *>(QStringLiteral("liveStatus"))->text()));
        QVERIFY(finished.wait(runLimitMs) || finished.count() == 1);
        QCOMPARE(live->status(), LiveController::Status::Finished);
        expectTheLessonsStory(live->measuredDatabase());
        QCOMPARE(live->measuredDatabase().connectionsOpened, 4);
        // The pool view drew the real pool with requests waiting for a connection.
        QVERIFY(poolShowedWaiters >= 1);
        QVERIFY(allTasksEnded(window.session()->recorder()));
        QVERIFY(QString::fromStdString(window.session()->run().log).contains(QStringLiteral("timed out, rolled back")));

        // The Live tab: the model's prediction beside the measurement, and the totals.
        LiveTab *tab = window.liveTab();
        QVERIFY(tab->comparable());
        QTableWidget *table = tab->table();
        QCOMPARE(table->rowCount(), 10);
        QCOMPARE(table->item(0, 1)->text(), QStringLiteral("50"));
        QCOMPARE(table->item(0, 2)->text(), QStringLiteral("50"));
        QCOMPARE(table->item(8, 1)->text(), QStringLiteral("150")); // the model's total after
        QCOMPARE(table->item(8, 2)->text(), QStringLiteral("150")); // the measured one
        QVERIFY(tab->liveTimeline()->laneNames().contains(QStringLiteral("query-1")));

        // Stop in the middle of the lookups: every task ends, the pool is closed, and the
        // database is left as it was (the transfers never began).
        QSignalSpy stopped(live, &LiveController::finished);
        QVERIFY(live->start());
        QTRY_VERIFY_WITH_TIMEOUT(live->growthCount() >= 2, 10000);
        window.findChild<QPushButton *>(QStringLiteral("liveStopButton"))->click();
        QVERIFY(stopped.wait(runLimitMs) || stopped.count() == 1);
        QCOMPARE(live->status(), LiveController::Status::Stopped);
        QVERIFY(allTasksEnded(window.session()->recorder()));
        QVERIFY(QString::fromStdString(window.session()->run().log).contains(QStringLiteral("pool closed")));
        QCOMPARE(live->measuredDatabase().commits, 0);
    }

    void theDatabaseLessonRunsLiveOnPostgres()
    {
        QFile urlFile(qEnvironmentVariable("DIRIGENT_TEST_POSTGRES_URL_FILE"));
        if (!urlFile.open(QIODevice::ReadOnly))
            QSKIP("no PostgreSQL cluster (the fixture postgres_cluster of tests/db did not start one)");
        const QString url = QString::fromUtf8(urlFile.readAll()).trimmed();
        MainWindow window(nullptr, false);
        window.setAnimationsEnabled(false);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.openLesson(QStringLiteral("database")));
        switchToLive(window);
        auto *database = window.findChild<QLineEdit *>(QStringLiteral("liveDatabase"));
        database->setText(url);
        LiveController *live = window.liveController();
        QSignalSpy finished(live, &LiveController::finished);
        window.findChild<QPushButton *>(QStringLiteral("liveRunButton"))->click();
        QVERIFY(live->running());
        const QString status = window.findChild<QLabel *>(QStringLiteral("liveStatus"))->text();
        QVERIFY2(status.contains(QStringLiteral("PostgreSQL at 127.0.0.1:")), qPrintable(status));
        QVERIFY2(!status.contains(QUrl(url).password()), "the status must not show the password");
        QVERIFY(finished.wait(runLimitMs) || finished.count() == 1);
        QCOMPARE(live->status(), LiveController::Status::Finished);
        expectTheLessonsStory(live->measuredDatabase());
        QCOMPARE(live->measuredDatabase().cancelledQueries, 1);
        QVERIFY(allTasksEnded(window.session()->recorder()));
        QVERIFY(window.liveTab()->findChild<QLabel *>(QStringLiteral("liveConnections"))->text().contains(
            QStringLiteral("PostgreSQL")));

        // A wrong password: a clear status, nothing left running, no password shown.
        QUrl wrong(url);
        wrong.setPassword(QStringLiteral("not-the-password"));
        database->setText(wrong.toString());
        QSignalSpy failed(live, &LiveController::finished);
        window.findChild<QPushButton *>(QStringLiteral("liveRunButton"))->click();
        QVERIFY(failed.wait(runLimitMs) || failed.count() == 1);
        QCOMPARE(live->status(), LiveController::Status::DatabaseFailed);
        const QString why = window.findChild<QLabel *>(QStringLiteral("liveStatus"))->text();
        QVERIFY2(why.contains(QStringLiteral("password authentication failed")), qPrintable(why));
        QVERIFY(!why.contains(QStringLiteral("not-the-password")));
        QVERIFY(!live->running());
    }

    void theBlockingLessonsLagMeterShowsWhatBlocksTheWindow()
    {
        MainWindow window(nullptr, false);
        window.setAnimationsEnabled(false);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.openLesson(QStringLiteral("blocking")));
        switchToLive(window);
        setSlider(window, "work", 0.5);
        LiveController *live = window.liveController();
        LiveTab *tab = window.liveTab();

        // The fix: the blocking calls go to worker threads. The window's own timer (a plain
        // QTimer, no aio) keeps firing all through the run: the window stays responsive.
        QElapsedTimer clock;
        qint64 last = -1, longestGap = 0;
        QTimer probe;
        probe.setInterval(20);
        connect(&probe, &QTimer::timeout, this, [&] {
            const qint64 now = clock.elapsed();
            if (last >= 0)
                longestGap = std::max(longestGap, now - last);
            last = now;
        });
        QSignalSpy finished(live, &LiveController::finished);
        window.findChild<QPushButton *>(QStringLiteral("liveRunButton"))->click();
        QVERIFY(live->running());
        // The lag meter is what this lesson shows: the Live tab comes to the front.
        auto *tabs = qobject_cast<QTabWidget *>(tab->parentWidget()->parentWidget());
        QVERIFY(tabs);
        QCOMPARE(tabs->currentWidget(), tab);
        clock.start();
        probe.start();
        QVERIFY(finished.wait(runLimitMs) || finished.count() == 1);
        probe.stop();
        QCOMPARE(live->status(), LiveController::Status::Finished);
        const live::LiveBlockingFigures &fixed = live->measuredBlocking();
        QCOMPARE(int(fixed.requests.size()), 3);
        // Wide margins: a behaviour check, not a benchmark (the blocking call is 500 ms).
        QVERIFY2(longestGap < 250, qPrintable(QStringLiteral("the window stood still for %1 ms").arg(longestGap)));
        QVERIFY2(fixed.longestLag < 0.25, qPrintable(QString::number(fixed.longestLag)));
        QVERIFY(tab->lagMeter()->isVisible());
        QCOMPARE(tab->lagMeter()->tickCount(), int(fixed.ticks.size()));
        QVERIFY(tab->lagMeter()->worstLag() < 0.25);
        QVERIFY(tab->comparable());
        QCOMPARE(tab->table()->rowCount(), 5);
        QVERIFY(tab->table()->item(1, 0)->text().contains(QStringLiteral("to_thread")));
        QVERIFY(allTasksEnded(window.session()->recorder()));

        // The pitfall: the calls hold the window's loop. The same timer now misses about
        // 500 ms twice, and so does the heartbeat.
        window.findChild<QCheckBox *>(QStringLiteral("pitfallSwitch"))->click();
        QVERIFY(live->pitfall());
        last = -1;
        longestGap = 0;
        QSignalSpy again(live, &LiveController::finished);
        window.findChild<QPushButton *>(QStringLiteral("liveRunButton"))->click();
        clock.restart();
        probe.start();
        QVERIFY(again.wait(runLimitMs) || again.count() == 1);
        probe.stop();
        const live::LiveBlockingFigures &blocked = live->measuredBlocking();
        QVERIFY2(longestGap >= 250, qPrintable(QStringLiteral("the window's longest pause: %1 ms").arg(longestGap)));
        QVERIFY2(blocked.longestLag >= 0.25, qPrintable(QString::number(blocked.longestLag)));
        QVERIFY(tab->lagMeter()->worstLag() >= 0.25);
        QVERIFY(tab->table()->item(1, 0)->text().contains(QStringLiteral("on the loop")));
        // The window is not stuck after it: the meter and the table are there, the run ended.
        QVERIFY(!live->running());
        QVERIFY(tab->lagMeter()->summary().contains(QStringLiteral("worst")));
    }

    void theThreadsLessonMeasuresRealThreadsAndCoroutines()
    {
        MainWindow window(nullptr, false);
        window.setAnimationsEnabled(false);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.openLesson(QStringLiteral("threads")));
        switchToLive(window);
        LiveController *live = window.liveController();
        // One slider (n); the model's pitfall has nothing to measure live.
        QVERIFY(!window.findChild<QSlider *>(QStringLiteral("param_workers")));
        QVERIFY(!window.findChild<QCheckBox *>(QStringLiteral("pitfallSwitch"))->isVisible());
        setSlider(window, "n", 100);

        QSignalSpy finished(live, &LiveController::finished);
        window.findChild<QPushButton *>(QStringLiteral("liveRunButton"))->click();
        QVERIFY(live->running());
        // The measurement runs on a worker thread: the window's loop keeps turning.
        QSignalSpy statuses(live, &LiveController::statusChanged);
        QVERIFY(finished.wait(runLimitMs) || finished.count() == 1);
        QCOMPARE(live->status(), LiveController::Status::Finished);
        const live::ThreadsComparison &result = live->threadsResult();
        QCOMPARE(result.threads.created, 100);
        QCOMPARE(result.tasks.created, 100);
        QVERIFY(result.threads.reservedBytes > result.tasks.reservedBytes);
        QVERIFY(statuses.count() >= 1); // the progress reached the status line

        // The comparison with this computer's numbers, and the charts as N grows.
        LiveTab *tab = window.liveTab();
        ThreadsComparisonPanel *panel = tab->threadsPanel();
        QVERIFY(panel->isVisibleTo(tab));
        QVERIFY(!tab->table()->isVisibleTo(tab));
        QTableWidget *table = panel->table();
        QCOMPARE(table->columnCount(), result.python.ok ? 5 : 3);
        QCOMPARE(table->rowCount(), 5);
        QVERIFY(table->item(2, 1)->text().endsWith(QStringLiteral(" µs"))); // creating a thread
        QCOMPARE(panel->facts()->rowCount(), 3);
        QVERIFY(panel->facts()->item(1, 1)->text().startsWith(QStringLiteral("100 ")));
        const QString charts = panel->describeCharts();
        // A point at N = 100 on each curve (a point whose growth rounds to 0 bytes, as a single
        // thread's can, stays off the logarithmic axis).
        for (const QString &curve : {QStringLiteral("threadsMemoryChart threads:"), QStringLiteral("threadsMemoryChart coroutines:"),
                                     QStringLiteral("threadsCreateChart threads:"), QStringLiteral("threadsCreateChart coroutines:")}) {
            const qsizetype at = charts.indexOf(curve);
            QVERIFY2(at >= 0, qPrintable(charts));
            const QString line = charts.mid(at, charts.indexOf(QLatin1Char('\n'), at) - at);
            QVERIFY2(line.endsWith(QStringLiteral(" 100")), qPrintable(line));
        }
        // The model is still there to step through: the measurement records no trace.
        QVERIFY(!window.session()->isExternalRun());
    }

    void everyLiveControlHasAnAccessibleName()
    {
        MainWindow window(nullptr, false);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.openLesson(QStringLiteral("http")));
        switchToLive(window);
        for (const char *name : {"modelMode", "liveMode", "liveRunButton", "liveStopButton"}) {
            auto *widget = window.findChild<QWidget *>(QLatin1String(name));
            QVERIFY2(widget && !widget->accessibleName().isEmpty(), name);
        }
        // With the Live tab shown (after a run), every focusable control is named.
        QSignalSpy finished(window.liveController(), &LiveController::finished);
        setSlider(window, "requests", 4);
        QVERIFY(window.liveController()->start());
        QVERIFY(finished.wait(runLimitMs) || finished.count() == 1);
        window.findChild<QTabWidget *>(QStringLiteral("lessonTabs"))->setCurrentWidget(window.liveTab());
        QCoreApplication::processEvents();
        for (QWidget *widget : window.findChildren<QWidget *>()) {
            if (!widget->isVisible() || widget->focusPolicy() == Qt::NoFocus || !widget->isEnabled())
                continue;
            if (widget->inherits("QScrollBar") || widget->objectName() == QLatin1String("qt_scrollarea_viewport")
                || widget->objectName() == QLatin1String("qt_tabwidget_tabbar")
                || qobject_cast<QAbstractSpinBox *>(widget->parentWidget()))
                continue;
            const bool named = !widget->accessibleName().isEmpty()
                               || (widget->inherits("QAbstractButton") && !widget->property("text").toString().isEmpty());
            QVERIFY2(named, qPrintable(QStringLiteral("%1 (%2)").arg(widget->objectName(),
                                                                    widget->metaObject()->className())));
        }
        // Keyboard order: the switch, the sliders, ..., Run, Stop, Reset.
        const QList<QWidget *> order = window.findChild<ParameterPanel *>()->focusOrder();
        QCOMPARE(order.first()->objectName(), QStringLiteral("modelMode"));
        QVERIFY(order.indexOf(window.findChild<QWidget *>(QStringLiteral("liveRunButton")))
                < order.indexOf(window.findChild<QWidget *>(QStringLiteral("resetButton"))));
    }

    void screenshotTakesLiveWithTheLiveRanges()
    {
        const auto parse = [](QStringList arguments) {
            arguments.prepend(QStringLiteral("dirigent"));
            return CommandLine::parse(arguments);
        };
        const Invocation live = parse({QStringLiteral("screenshot"), QStringLiteral("http"), QStringLiteral("--live"),
                                       QStringLiteral("--set"), QStringLiteral("requests=150"), QStringLiteral("x.png")});
        QCOMPARE(live.action, Invocation::Action::Screenshot);
        QVERIFY(live.live);
        // Without --live the model's ranges apply (up to 12 requests).
        const Invocation model = parse({QStringLiteral("screenshot"), QStringLiteral("http"), QStringLiteral("--set"),
                                        QStringLiteral("requests=150"), QStringLiteral("x.png")});
        QCOMPARE(model.problem, Invocation::Problem::OutOfRange);
        const Invocation none = parse({QStringLiteral("screenshot"), QStringLiteral("tasks-gather"),
                                       QStringLiteral("--live"), QStringLiteral("x.png")});
        QCOMPARE(none.problem, Invocation::Problem::NoLiveVariant);
        const Invocation run = parse({QStringLiteral("run"), QStringLiteral("http"), QStringLiteral("--live")});
        QCOMPARE(run.problem, Invocation::Problem::OptionNotForCommand);
    }

    void germanTexts()
    {
        if (qEnvironmentVariable("DIRIGENT_QM_DIR").isEmpty())
            QSKIP("DIRIGENT_QM_DIR is not set");
        MainWindow window(nullptr, false);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.openLesson(QStringLiteral("http")));
        window.setLanguage(QStringLiteral("de"));
        switchToLive(window);
        QCOMPARE(window.findChild<QPushButton *>(QStringLiteral("liveRunButton"))->text(), QStringLiteral("Starten"));
        QCOMPARE(window.findChild<QRadioButton *>(QStringLiteral("modelMode"))->text(), QStringLiteral("Modell"));
        window.setLanguage(QStringLiteral("en"));
        QCOMPARE(window.findChild<QPushButton *>(QStringLiteral("liveRunButton"))->text(), QStringLiteral("Run"));
    }
};

QTEST_MAIN(TestLiveWindow)
#include "tst_live_window.moc"
