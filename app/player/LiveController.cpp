#include "player/LiveController.h"

#include "player/LessonSession.h"

#include <lessons/param_input.hpp>
#include <live/DemoServer.h>
#include <live/Http2Front.h>
#include <live/LiveBlocking.h>
#include <live/LiveDatabase.h>
#include <live/LiveHttp.h>
#include <live/LiveRun.h>
#include <live/LiveVariants.h>

#include <QDir>
#include <QtConcurrent/QtConcurrentRun>
#include <QLocale>
#include <QPointer>
#include <QCoreApplication>
#include <QUrl>

LiveController::LiveController(LessonSession *session, QObject *parent)
    : QObject(parent)
    , m_session(session)
{
    m_growthTimer.setInterval(growthIntervalMs);
    connect(&m_growthTimer, &QTimer::timeout, this, &LiveController::onGrowthTick);
    lessonChanged();
}

LiveController::~LiveController()
{
    // The run refers to the scenario and feeds the session: it goes first, at once.
    abort();
}

bool LiveController::available() const
{
    return m_liveLesson != nullptr;
}

void LiveController::lessonChanged()
{
    abort();
    const QString id = m_session->lesson() ? m_session->lessonId() : QString();
    const lessons::Lesson *lesson = live::liveLesson(id);
    const bool changed = lesson != m_liveLesson;
    m_liveLesson = lesson;
    if (changed || !lesson) {
        m_params = lesson ? lessons::defaults(*lesson) : lessons::Params{};
        m_pitfall = false;
        m_protocol = live::HttpSession::Protocol::Http1;
        m_hasResult = false;
        m_resultRecorder.reset();
        setStatus(Status::Idle);
        emit paramsChanged();
    }
    if (m_liveMode) {
        m_liveMode = false;
        emit liveModeChanged(false);
    }
}

void LiveController::setLiveMode(bool on)
{
    on = on && available();
    if (on == m_liveMode)
        return;
    if (!on)
        abort();
    m_liveMode = on;
    if (on)
        showLastRun();
    else
        m_session->showModelRun();
    emit liveModeChanged(on);
    emit statusChanged();
}

void LiveController::showLastRun()
{
    // The last live run, complete, as it was: an ordinary trace to step through.
    if (!m_resultRecorder)
        return;
    m_session->beginExternalRun(m_resultRecorder);
    m_session->endExternalRun(m_resultLog, m_resultEnd, m_resultError);
}

double LiveController::parameter(const QString &id) const
{
    const auto it = m_params.values.find(id.toStdString());
    return it == m_params.values.end() ? 0.0 : it->second;
}

void LiveController::setParameter(const QString &id, double value)
{
    if (!m_liveLesson)
        return;
    const lessons::Parameter *parameter = lessons::find_parameter(*m_liveLesson, id.toStdString());
    if (!parameter)
        return;
    const double snapped = lessons::snap(*parameter, value);
    double &current = m_params.values[parameter->id];
    if (current == snapped)
        return;
    current = snapped;
    emit paramsChanged();
}

void LiveController::setPitfall(bool on)
{
    if (!m_liveLesson || on == m_pitfall || (on && !m_liveLesson->has_pitfall))
        return;
    m_pitfall = on;
    emit paramsChanged();
}

void LiveController::setProtocol(live::HttpSession::Protocol protocol)
{
    if (!m_liveLesson || protocol == m_protocol)
        return;
    m_protocol = protocol;
    emit paramsChanged();
}

void LiveController::resetToDefaults()
{
    if (!m_liveLesson)
        return;
    m_params = lessons::defaults(*m_liveLesson);
    m_pitfall = false;
    emit paramsChanged();
}

bool LiveController::ensureServer()
{
    if (m_server && m_server->isRunning())
        return true;
    m_server = std::make_unique<live::DemoServer>(live::LiveHttp::modelServer());
    connect(m_server.get(), &live::DemoServer::serverEvent, this, [this](const live::ServerEvent &event) {
        if (m_http && running())
            m_http->serverSaw(event);
    });
    QString error;
    if (!m_server->start(0, &error)) {
        m_server.reset();
        m_error = error;
        setStatus(Status::ServerFailed);
        return false;
    }
    return true;
}

bool LiveController::startFront()
{
    // Checked first: a missing program is the learner's to fix, so say it plainly.
    if (live::Http2Front::findNghttpx().isEmpty()) {
        m_error.clear();
        setStatus(Status::NoHttp2);
        return false;
    }
    m_front = std::make_unique<live::Http2Front>();
    QString error;
    if (!m_front->start(m_server->url().port(), &error)) {
        m_front.reset();
        m_error = error;
        setStatus(Status::Http2Failed);
        return false;
    }
    return true;
}

void LiveController::stopFront()
{
    if (!m_front)
        return;
    m_front->stop(); // its access log is complete once it ended
    m_frontConnections = m_front->clientConnections();
    m_frontRequests = m_front->http2Requests();
    m_front.reset();
}

bool LiveController::isDatabaseLesson() const
{
    return m_liveLesson && m_liveLesson->id == "database";
}

void LiveController::setDatabase(const QString &database)
{
    const QString value = database.trimmed().isEmpty() ? QStringLiteral("sqlite") : database.trimmed();
    if (value == m_database)
        return;
    m_database = value;
    emit paramsChanged();
}

QString LiveController::describeDatabase(const QString &database)
{
    live::LiveDatabase where({}, false, database);
    if (where.isPostgres()) {
        const QUrl url(database);
        //: %1: host:port/database of a PostgreSQL URL (never its password)
        return tr("PostgreSQL at %1").arg(QStringLiteral("%1:%2%3").arg(url.host()).arg(url.port(5432)).arg(url.path()));
    }
    if (database.isEmpty() || database == QLatin1String("sqlite"))
        return tr("SQLite (a temporary file)");
    //: %1: the SQLite file
    return tr("SQLite at %1").arg(QDir::toNativeSeparators(database));
}

QString LiveController::databaseProblem() const
{
    return live::LiveDatabase::checkDatabase(m_database);
}

bool LiveController::startDatabase()
{
    if (const QString problem = databaseProblem(); !problem.isEmpty()) {
        m_error = problem;
        setStatus(Status::BadDatabase);
        return false;
    }
    emit aboutToStart();
    m_run.reset();
    auto scenario = std::make_unique<live::LiveDatabase>(m_params, m_pitfall, m_database);
    m_resultDatabaseText = describeDatabase(m_database); // as it was when the run began
    m_bank = scenario.get();
    m_http = nullptr;
    m_block = nullptr;
    m_scenario = std::move(scenario);
    return startRun();
}

bool LiveController::isBlockingLesson() const
{
    return m_liveLesson && m_liveLesson->id == "blocking";
}

const live::LiveBlockingFigures &LiveController::measuredBlocking() const
{
    return running() && m_block ? m_block->measured() : m_measuredBlocking;
}

bool LiveController::isThreadsLesson() const
{
    return m_liveLesson && m_liveLesson->id == "threads";
}

bool LiveController::startThreads()
{
    emit aboutToStart();
    const int n = m_params.integer("n");
    auto cancel = std::make_shared<std::atomic<bool>>(false);
    m_threadsCancel = cancel;
    m_threadsStep.clear();
    m_resultParams = m_params;
    m_resultPitfall = false;
    m_threads = std::make_unique<QFutureWatcher<live::ThreadsComparison>>();
    connect(m_threads.get(), &QFutureWatcherBase::finished, this, &LiveController::onThreadsFinished);
    QPointer<LiveController> self(this);
    live::LiveThreadsOptions options;
    options.cancel = cancel.get();
    options.progress = [self](const QString &step) {
        // From the measuring thread: the status line is the GUI thread's.
        QMetaObject::invokeMethod(qApp, [self, step] {
            if (self) {
                self->m_threadsStep = step;
                emit self->statusChanged();
            }
        }, Qt::QueuedConnection);
    };
    // The flag lives as long as the measurement does (it holds a reference).
    m_threads->setFuture(QtConcurrent::run([n, options, cancel] { return live::LiveThreads::measure(n, options); }));
    setStatus(Status::Running);
    emit runningChanged(true);
    return true;
}

void LiveController::onThreadsFinished()
{
    if (!m_threads)
        return;
    m_threadsResult = m_threads->result();
    m_threads.release()->deleteLater();
    m_status = m_threadsResult.cancelled ? Status::Stopped : Status::Finished;
    m_resultEnd = 0;
    m_hasResult = true;
    emit runningChanged(false);
    emit statusChanged();
    emit finished();
}

bool LiveController::startBlocking()
{
    emit aboutToStart();
    m_run.reset();
    auto scenario = std::make_unique<live::LiveBlocking>(m_params, m_pitfall);
    m_block = scenario.get();
    m_bank = nullptr;
    m_http = nullptr;
    m_scenario = std::move(scenario);
    return startRun();
}

bool LiveController::start()
{
    if (!m_liveMode || !m_liveLesson || running())
        return false;
    if (isDatabaseLesson())
        return startDatabase();
    if (isBlockingLesson())
        return startBlocking();
    if (isThreadsLesson())
        return startThreads();
    if (!ensureServer())
        return false;
    emit aboutToStart();
    // A fresh rate window and fresh counts for every run, as a freshly started server has.
    m_server->setBehaviour(live::LiveHttp::modelServer());
    m_server->resetStats();
    const bool http2 = m_protocol == live::HttpSession::Protocol::Http2;
    m_frontConnections = 0;
    m_frontRequests = 0;
    if (http2 && !startFront())
        return false;

    m_run.reset();
    auto scenario = std::make_unique<live::LiveHttp>(m_params, m_pitfall, http2 ? m_front->url() : m_server->url());
    scenario->setServerLane(true);
    scenario->setProtocol(m_protocol);
    m_http = scenario.get();
    m_bank = nullptr;
    m_block = nullptr;
    m_scenario = std::move(scenario);
    return startRun();
}

bool LiveController::startRun()
{
    auto run = std::make_unique<live::LiveRun>(*m_scenario);
    live::LiveRun *raw = run.get();
    connect(raw, &live::LiveRun::advanced, this, &LiveController::onAdvanced);
    connect(raw, &live::LiveRun::finished, this, [this, raw] {
        // Also reached from inside ~LiveRun (abort()): read the result now, delete later.
        const live::LiveResult &result = raw->result();
        m_resultRecorder = result.recorder;
        m_resultLog = result.log;
        m_resultEnd = result.endTime;
        m_resultError = result.error;
        m_measured = m_http ? m_http->measured() : live::LiveHttpFigures{};
        m_measuredDatabase = m_bank ? m_bank->measured() : live::LiveDatabaseFigures{};
        m_measuredBlocking = m_block ? m_block->measured() : live::LiveBlockingFigures{};
        if (result.stopped)
            m_status = Status::Stopped;
        else if (m_bank && m_measuredDatabase.totalBefore < 0) {
            // The database was never usable: say why in its own words.
            m_error = !m_measuredDatabase.lastError.isEmpty() ? m_measuredDatabase.lastError
                                                              : QString::fromStdString(result.error);
            m_status = Status::DatabaseFailed;
        } else if (!result.error.empty()) {
            m_error = QString::fromStdString(result.error);
            m_status = Status::RunFailed;
        } else if (m_http && m_measured.sent > 0 && m_measured.responses == 0) {
            m_error = m_measured.lastError;
            m_status = Status::Unreachable;
        } else
            m_status = Status::Finished;
        if (m_run.get() == raw)
            m_run.release()->deleteLater();
        onRunFinished();
    });
    QString error;
    if (!raw->start(&error)) {
        stopFront();
        m_error = error;
        setStatus(Status::RunFailed);
        return false;
    }
    m_run = std::move(run);
    m_resultParams = m_params;
    m_resultPitfall = m_pitfall;
    m_resultProtocol = m_protocol;
    m_growthCount = 0;
    m_grew = false;
    m_session->beginExternalRun(raw->recorder());
    m_growthTimer.start();
    setStatus(Status::Running);
    emit runningChanged(true);
    return true;
}

void LiveController::stop()
{
    if (!running() || m_status == Status::Stopping)
        return;
    setStatus(Status::Stopping);
    if (m_threads) {
        m_threadsCancel->store(true); // checked between steps: the threads made so far are joined
        return;
    }
    m_run->stop();
}

void LiveController::abort()
{
    if (!running())
        return;
    if (m_threads) {
        // Waits for the measurement to wind down: its threads are joined before it returns.
        m_threadsCancel->store(true);
        m_threads->waitForFinished();
        onThreadsFinished();
        return;
    }
    m_run->stop();
    // ~LiveRun ends what is left at once and reports finished() on the way.
    std::unique_ptr<live::LiveRun> run = std::move(m_run);
    run.reset();
}

bool LiveController::running() const
{
    return (m_run && m_run->isRunning()) || (m_threads && !m_threads->isFinished());
}

QUrl LiveController::serverUrl() const
{
    return m_server ? m_server->url() : QUrl();
}

void LiveController::onAdvanced()
{
    m_grew = true;
}

void LiveController::onGrowthTick()
{
    if (!m_grew)
        return;
    m_grew = false;
    ++m_growthCount;
    m_session->externalRunGrew();
}

void LiveController::onRunFinished()
{
    m_growthTimer.stop();
    stopFront();
    m_serverStats = m_server ? m_server->stats() : live::ServerStats{};
    m_hasResult = true;
    m_session->endExternalRun(m_resultLog, m_resultEnd, m_resultError);
    emit runningChanged(false);
    emit statusChanged();
    emit finished();
}

void LiveController::setStatus(Status status)
{
    m_status = status;
    emit statusChanged();
}

QString LiveController::statusText() const
{
    const QLocale locale;
    switch (m_status) {
    case Status::Idle:
        if (isDatabaseLesson())
            return tr("Press Run: real queries go to a real database (SQLite, or PostgreSQL when you give its URL).");
        if (isThreadsLesson())
            return tr("Press Run: Dirigent creates N real threads and N coroutines on this computer and measures "
                      "them, and CPython does the same when python3 is there.");
        if (isBlockingLesson())
            return tr("Press Run: the heartbeat ticks on this window's own event loop. With the pitfall on, "
                      "the window freezes while the loop is blocked.");
        return tr("Press Run: real requests go to a demo server on this computer.");
    case Status::Running:
        if (m_threads) {
            //: %1: how many threads (and as many coroutines)
            const QString what = tr("Measuring %1 threads and %1 coroutines …").arg(locale.toString(m_params.integer("n")));
            return m_threadsStep.isEmpty() ? what : what + QLatin1Char(' ') + m_threadsStep;
        }
        if (m_block)
            return tr("Live run on this window's event loop …");
        if (m_bank) {
            //: %1: where, in the program's words ("SQLite (a temporary file)", "PostgreSQL at 127.0.0.1:5432/bank")
            return tr("Live run against %1 …").arg(m_resultDatabaseText);
        }
        if (m_front) {
            //: %1: the HTTP/2 front's address, %2: the demo server's
            return tr("Live run over HTTP/2 via nghttpx at %1, in front of the demo server at %2 …")
                .arg(m_front->url().toString(), serverUrl().toString());
        }
        //: %1: the demo server's address, such as http://127.0.0.1:41234
        return tr("Live run against the demo server at %1 …").arg(serverUrl().toString());
    case Status::Stopping:
        return tr("Stopping: every task is cancelled …");
    case Status::Stopped:
        if (isThreadsLesson())
            return tr("Stopped: what was measured until then is shown.");
        return tr("Stopped after %1 s.").arg(locale.toString(m_resultEnd, 'f', 1));
    case Status::Finished:
        if (isThreadsLesson())
            return tr("Measured.");
        return tr("Finished in %1 s.").arg(locale.toString(m_resultEnd, 'f', 1));
    case Status::ServerFailed:
        return tr("The demo server could not start: %1").arg(m_error);
    case Status::RunFailed:
        return tr("The live run failed: %1").arg(m_error);
    case Status::Unreachable:
        return tr("The demo server did not answer: %1").arg(m_error);
    case Status::NoHttp2:
        return tr("HTTP/2 needs the program nghttpx, which is not installed on this computer "
                  "(Debian package nghttp2-proxy). Install it, or choose HTTP/1.1.");
    case Status::Http2Failed:
        return tr("The HTTP/2 front (nghttpx) could not start: %1").arg(m_error);
    case Status::BadDatabase:
        return tr("This database cannot be used: %1").arg(m_error);
    case Status::DatabaseFailed:
        //: %1: where ("PostgreSQL at 127.0.0.1:5432/bank"), %2: the database's own message
        return tr("The database could not be used (%1): %2").arg(m_resultDatabaseText, m_error);
    }
    return {};
}
