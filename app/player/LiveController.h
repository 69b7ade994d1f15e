#pragma once

// moc cannot parse <concepts>, which the lesson headers pull in (see LessonSession.h).
#ifndef Q_MOC_RUN
#include <lessons/lesson.hpp>
#include <live/DemoServer.h>
#include <live/HttpSession.h>
#include <live/LiveBlocking.h>
#include <live/LiveDatabase.h>
#include <live/LiveHttp.h>
#include <live/LiveThreads.h>
#endif
#include <trace/recorder.hpp>

#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <QTimer>
#include <QUrl>

#include <atomic>
#include <memory>

class LessonSession;

namespace live {
class DemoServer;
class Http2Front;
class LiveHttp;
class LiveRun;
}

// Live mode of the window: the lesson's live variant run for real, against the demo server
// of this process (127.0.0.1, a free port, started at the first run), into the session.
//
// The live parameters are its own (the live ranges are wider than the model's); moving them
// starts nothing, start() does. While the run goes on the session shows its growing trace
// (LessonSession::beginExternalRun), told at most every growthIntervalMs that it grew, so
// the views follow the head at about 20 updates per second; stop() cancels every task and
// aborts the replies, and the run ends once they did. Leaving live mode (or the lesson)
// stops a run at once and shows the model again.
class LiveController : public QObject
{
    Q_OBJECT

public:
    static constexpr int growthIntervalMs = 50;

    enum class Status {
        Idle, Running, Stopping, Stopped, Finished, ServerFailed, RunFailed, Unreachable, NoHttp2, Http2Failed,
        BadDatabase,    // the database field names nothing usable (checked before anything runs)
        DatabaseFailed, // the database could not be opened or used (wrong password, not running, ...)
    };

    explicit LiveController(LessonSession *session, QObject *parent = nullptr);
    ~LiveController() override;

    // The session's lesson has a live variant.
    bool available() const;
    bool liveMode() const { return m_liveMode; }
    // On: the sliders take the live ranges; the last live run (if any) is shown again.
    // Off: a run going on is stopped at once, the model's run is shown.
    void setLiveMode(bool on);
    // Another lesson is open now: back to the model, the live parameters at their defaults.
    void lessonChanged();

    // The lesson as live mode offers it (nullptr when not available) and its values.
    const lessons::Lesson *liveLesson() const { return m_liveLesson; }
    const lessons::Params &params() const { return m_params; }
    double parameter(const QString &id) const;
    void setParameter(const QString &id, double value); // snapped to the live range; runs nothing
    bool pitfall() const { return m_pitfall; }
    void setPitfall(bool on);
    void resetToDefaults();
    // HTTP/1.1 (aiohttp's way, the default) or HTTP/2 (httpx's): with HTTP/2 a run goes through
    // an Http2Front (nghttpx) in front of the demo server, started for the run and stopped
    // after it. Counts for the next run, like the parameters.
    live::HttpSession::Protocol protocol() const { return m_protocol; }
    void setProtocol(live::HttpSession::Protocol protocol);
    // The database lesson: "sqlite" (the default: a new file in a temporary folder), the path
    // of a SQLite file, or a postgresql:// URL. Counts for the next run. Empty: "sqlite".
    QString database() const { return m_database; }
    void setDatabase(const QString &database);
    // Empty when database() can be used; else why not (live::LiveDatabase::checkDatabase).
    QString databaseProblem() const;
    bool isDatabaseLesson() const;
    // The "never block the event loop" lesson: no server, no database; its heartbeat runs on
    // this thread's loop, so a blocking call really freezes the window.
    bool isBlockingLesson() const;
    // The threads lesson: a measurement on a worker thread (N threads, N coroutines, and
    // CPython's when python3 is there), not a scenario on the loop; no trace.
    bool isThreadsLesson() const;
    // Its last result (valid once finished() came after a threads run).
    const live::ThreadsComparison &threadsResult() const { return m_threadsResult; }
    // Where a run of the database lesson goes, for people, in the UI language:
    // "SQLite (a temporary file)", "PostgreSQL at 127.0.0.1:5432/bank" (no password).
    static QString describeDatabase(const QString &database);

    // Starts a run with the current live parameters; false (with the status saying why)
    // when it cannot start.
    bool start();
    void stop();
    // Stops and ends a run at once (the window leaves live mode, closes, opens another lesson).
    void abort();
    bool running() const;
    Status status() const { return m_status; }
    // What happens, in the current language: "Live run against the demo server at …".
    QString statusText() const;
    QUrl serverUrl() const;

    // The last finished run: what it measured and for which parameters.
    bool hasResult() const { return m_hasResult; }
    const live::LiveHttpFigures &measured() const { return m_measured; }
    // The database lesson's last run.
    const live::LiveDatabaseFigures &measuredDatabase() const { return m_measuredDatabase; }
    // The blocking lesson: its heartbeat so far (during a run, growing) or of the last run.
    const live::LiveBlockingFigures &measuredBlocking() const;
    QString resultDatabaseText() const { return m_resultDatabaseText; }
    const live::ServerStats &serverStats() const { return m_serverStats; }
    const lessons::Params &resultParams() const { return m_resultParams; }
    bool resultPitfall() const { return m_resultPitfall; }
    live::HttpSession::Protocol resultProtocol() const { return m_resultProtocol; }
    // HTTP/2 runs: what the front counted (client connections, requests over HTTP/2).
    int frontConnections() const { return m_frontConnections; }
    int frontRequests() const { return m_frontRequests; }
    std::shared_ptr<trace::Recorder> resultRecorder() const { return m_resultRecorder; }
    // Growth notifications the session got during the last run (tests).
    int growthCount() const { return m_growthCount; }

signals:
    // A run is about to start: the model cannot run on this thread until it ended (one aio
    // loop per thread), so model work still pending must be done now.
    void aboutToStart();
    void liveModeChanged(bool live);
    void runningChanged(bool running);
    void statusChanged();
    void paramsChanged();
    // A run ended (finished, stopped or failed); the result is there.
    void finished();

private:
    bool ensureServer();
    bool startDatabase();
    bool startBlocking();
    bool startThreads();
    void onThreadsFinished();
    bool startRun(); // the scenario is made: run it into the session
    bool startFront();
    void stopFront();
    void onAdvanced();
    void onGrowthTick();
    void onRunFinished();
    void setStatus(Status status);
    void showLastRun();

    LessonSession *m_session;
    const lessons::Lesson *m_liveLesson = nullptr;
    lessons::Params m_params;
    bool m_pitfall = false;
    bool m_liveMode = false;
    live::HttpSession::Protocol m_protocol = live::HttpSession::Protocol::Http1;

    std::unique_ptr<live::DemoServer> m_server;
    std::unique_ptr<live::Http2Front> m_front; // only during an HTTP/2 run
    QString m_database = QStringLiteral("sqlite");
    std::unique_ptr<live::LiveScenario> m_scenario;
    live::LiveHttp *m_http = nullptr;         // m_scenario, when it is the HTTP lesson's
    live::LiveDatabase *m_bank = nullptr;     // m_scenario, when it is the database lesson's
    live::LiveBlocking *m_block = nullptr;    // m_scenario, when it is the blocking lesson's
    std::unique_ptr<live::LiveRun> m_run;
    // The threads lesson's measurement while it runs, its cancel flag and its last step.
    std::unique_ptr<QFutureWatcher<live::ThreadsComparison>> m_threads;
    std::shared_ptr<std::atomic<bool>> m_threadsCancel;
    QString m_threadsStep;
    live::ThreadsComparison m_threadsResult;
    QTimer m_growthTimer;
    bool m_grew = false;
    int m_growthCount = 0;

    Status m_status = Status::Idle;
    QString m_error;
    double m_elapsed = 0;

    bool m_hasResult = false;
    live::LiveHttpFigures m_measured;
    live::LiveDatabaseFigures m_measuredDatabase;
    live::LiveBlockingFigures m_measuredBlocking;
    QString m_resultDatabaseText;
    live::ServerStats m_serverStats;
    lessons::Params m_resultParams;
    bool m_resultPitfall = false;
    live::HttpSession::Protocol m_resultProtocol = live::HttpSession::Protocol::Http1;
    int m_frontConnections = 0;
    int m_frontRequests = 0;
    std::shared_ptr<trace::Recorder> m_resultRecorder;
    std::string m_resultLog;
    std::string m_resultError;
    double m_resultEnd = 0;
};
