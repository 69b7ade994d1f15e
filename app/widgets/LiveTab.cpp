#include "widgets/LiveTab.h"

#include "widgets/LagMeter.h"
#include "text/Language.h"
#include "player/LiveController.h"
#include "widgets/ThreadsComparisonPanel.h"

#include "views/TimelineView.h"

#include <lessons/lesson.hpp>
#include <lessons/param_input.hpp>
#include <trace/trace_state.hpp>

#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QScrollArea>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace {

// The model's run for the live run's parameters, when every value lies within the model's
// ranges (its scenario is written for those); otherwise nothing.
bool withinModel(const lessons::Lesson &model, const lessons::Params &params)
{
    for (const lessons::Parameter &p : model.parameters) {
        const auto it = params.values.find(p.id);
        if (it != params.values.end() && (it->second < p.min - 1e-9 || it->second > p.max + 1e-9))
            return false;
    }
    return true;
}

int statusCount(const lessons::Run &run, int status)
{
    int n = 0;
    for (const lessons::Fact &fact : run.facts.all_of("status"))
        n += int(fact.value) == status ? 1 : 0;
    return n;
}

// The blocking lesson's model: the latest tick while request `number` ran, or the first one
// after it (a request that holds the loop lets no tick fire until it returns), in seconds.
double modelLag(const lessons::Run &run, int number, double work, double tick)
{
    double answered = -1;
    for (const lessons::Fact &fact : run.facts.all_of("answered"))
        if (int(fact.value) == number)
            answered = fact.time;
    double lag = 0;
    for (const lessons::Fact &fact : run.facts.all_of("tick"))
        if (answered >= 0 && fact.time > answered - work + 1e-9 && fact.time <= answered + tick + 1e-9)
            lag = std::max(lag, fact.value / 1000.0);
    return lag;
}

QString seconds(double value)
{
    return QLocale().toString(value, 'f', 3) + QStringLiteral(" s");
}

} // namespace

LiveTab::LiveTab(LiveController *live, QWidget *parent)
    : QWidget(parent)
    , m_live(live)
{
    setObjectName(QStringLiteral("liveTab"));
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("liveTabArea"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setFocusPolicy(Qt::NoFocus);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    outer->addWidget(scroll);

    auto *inner = new QWidget(scroll);
    auto *layout = new QVBoxLayout(inner);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(4);
    m_heading = new QLabel(inner);
    QFont bold = m_heading->font();
    bold.setBold(true);
    m_heading->setFont(bold);
    m_heading->setWordWrap(true);
    layout->addWidget(m_heading);
    m_empty = new QLabel(inner);
    m_empty->setObjectName(QStringLiteral("liveTabEmpty"));
    m_empty->setWordWrap(true);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_empty);
    // The blocking lesson's loop-lag meter: it follows the run as it goes (when the window's
    // loop is free to paint it, which is the point).
    m_lagLabel = new QLabel(inner);
    m_lagLabel->setWordWrap(true);
    layout->addWidget(m_lagLabel);
    m_lagMeter = new LagMeter(inner);
    m_lagMeter->setMinimumHeight(110);
    layout->addWidget(m_lagMeter);
    m_lagTimer = new QTimer(this);
    m_lagTimer->setInterval(LiveController::growthIntervalMs);
    connect(m_lagTimer, &QTimer::timeout, this, &LiveTab::updateLagMeter);
    connect(m_live, &LiveController::runningChanged, this, [this](bool running) {
        if (running)
            m_lagTimer->start();
        else
            m_lagTimer->stop();
        updateLagMeter();
    });

    m_threads = new ThreadsComparisonPanel(inner);
    layout->addWidget(m_threads, 1);

    m_content = new QWidget(inner);
    auto *content = new QVBoxLayout(m_content);
    content->setContentsMargins(0, 0, 0, 0);
    content->setSpacing(4);
    m_table = new QTableWidget(0, 3, m_content);
    m_table->setObjectName(QStringLiteral("liveComparison"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->verticalHeader()->hide();
    // One line per figure: the table stays short enough to leave room for the timelines.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_table->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    content->addWidget(m_table);
    // The session's connections made visible: how many it opened, and how many requests
    // had to wait for one.
    m_connections = new QLabel(m_content);
    m_connections->setObjectName(QStringLiteral("liveConnections"));
    m_connections->setWordWrap(true);
    m_connections->setTextInteractionFlags(Qt::TextSelectableByMouse);
    content->addWidget(m_connections);
    m_notComparable = new QLabel(m_content);
    m_notComparable->setObjectName(QStringLiteral("liveNotComparable"));
    m_notComparable->setWordWrap(true);
    content->addWidget(m_notComparable);

    m_modelLabel = new QLabel(m_content);
    content->addWidget(m_modelLabel);
    m_modelTimeline = new TimelineView(m_content);
    m_modelTimeline->setObjectName(QStringLiteral("modelTimeline"));
    m_modelTimeline->setTimeShare(1.0);
    m_modelTimeline->setMinimumHeight(150);
    content->addWidget(m_modelTimeline, 1);
    m_liveLabel = new QLabel(m_content);
    content->addWidget(m_liveLabel);
    m_liveTimeline = new TimelineView(m_content);
    m_liveTimeline->setObjectName(QStringLiteral("liveTimeline"));
    m_liveTimeline->setTimeShare(1.0);
    m_liveTimeline->setMinimumHeight(150);
    content->addWidget(m_liveTimeline, 1);
    m_explanation = new QLabel(m_content);
    m_explanation->setObjectName(QStringLiteral("liveExplanation"));
    m_explanation->setWordWrap(true);
    content->addWidget(m_explanation);
    layout->addWidget(m_content, 1);
    scroll->setWidget(inner);

    connect(m_live, &LiveController::finished, this, &LiveTab::refresh);
    retranslateUi();
}

void LiveTab::updateLagMeter()
{
    const bool blocking = m_live->isBlockingLesson();
    m_lagLabel->setVisible(blocking);
    m_lagMeter->setVisible(blocking);
    if (blocking)
        m_lagMeter->setTicks(m_live->measuredBlocking().ticks,
                             m_live->running() ? m_live->parameter(QStringLiteral("work"))
                                               : m_live->resultParams().values.count("work")
                                                     ? m_live->resultParams()["work"]
                                                     : m_live->parameter(QStringLiteral("work")));
}

void LiveTab::refresh()
{
    updateLagMeter();
    // The model runs here, never in retranslateUi(): a language switch during a live run
    // must not start a second aio loop on this thread.
    m_modelRun = {};
    m_comparable = false;
    if (m_live->hasResult() && !m_live->running()) {
        const lessons::Lesson *model = m_live->liveLesson() ? lessons::find(m_live->liveLesson()->id) : nullptr;
        const lessons::Params &params = m_live->resultParams();
        m_comparable = model && withinModel(*model, params);
        if (m_comparable)
            m_modelRun = lessons::run(*model, params, m_live->resultPitfall());

        // Both timelines on one time axis: the longer of the two runs spans it.
        const std::shared_ptr<trace::Recorder> liveRecorder = m_live->resultRecorder();
        const auto spanOf = [](const trace::Recorder *recorder) -> std::int64_t {
            return recorder && !recorder->empty() ? recorder->back().time_ns - recorder->front().time_ns : 0;
        };
        const std::int64_t span = std::max(spanOf(m_modelRun.recorder.get()), spanOf(liveRecorder.get()));
        for (auto [view, recorder] :
             {std::pair{m_modelTimeline, m_modelRun.recorder.get()}, std::pair{m_liveTimeline, liveRecorder.get()}}) {
            view->setMinimumSpan(span);
            view->setRecorder(recorder);
            view->setAnimated(false);
            if (recorder)
                view->setState(trace::fold(*recorder, recorder->size()), nullptr);
        }
    }
    retranslateUi();
}

void LiveTab::retranslateUi()
{
    m_heading->setText(tr("Model and measurement"));
    m_empty->setText(tr("Start a live run: then the model's prediction for the same values and what "
                        "was measured stand here side by side."));
    m_modelLabel->setText(tr("Model (virtual time)"));
    m_liveLabel->setText(m_live->isDatabaseLesson() || m_live->isBlockingLesson() ? tr("Live (measured)")
                                                                                  : tr("Live (measured, with the server lane)"));
    m_lagLabel->setText(tr("Loop lag: how late each heartbeat tick fires (one bar per tick, measured)"));
    m_modelTimeline->setAccessibleName(tr("Timeline of the model"));
    m_liveTimeline->setAccessibleName(tr("Timeline of the live run"));
    m_table->setAccessibleName(tr("Model and measurement"));
    m_table->setHorizontalHeaderLabels({tr("Figure"), tr("Model"), tr("Measured")});

    const bool has = m_live->hasResult();
    const bool threads = m_live->isThreadsLesson();
    if (threads)
        m_empty->setText(tr("Start a live run: Dirigent creates N real threads and N coroutines on this computer, "
                            "wakes them, and shows here what each cost, with CPython's figures beside them."));
    m_empty->setVisible(!has && !m_live->running());
    m_threads->setVisible(has && threads);
    m_content->setVisible(has && !threads);
    if (!has)
        return;
    if (threads) {
        m_threads->setComparison(m_live->threadsResult());
        return;
    }

    const lessons::Lesson *model = m_live->liveLesson() ? lessons::find(m_live->liveLesson()->id) : nullptr;
    const lessons::Run &run = m_modelRun;
    struct Line {
        QString name;
        QString model;
        QString measured;
    };

    const QString none = QStringLiteral("—");
    const auto number = [](int n) { return QLocale().toString(n); };
    const auto fact = [&](auto compute) { return m_comparable ? compute() : none; };
    QList<Line> lines;
    if (m_live->isBlockingLesson()) {
        const live::LiveBlockingFigures &measured = m_live->measuredBlocking();
        const auto ms = [](double s) { return QLocale().toString(s * 1000.0, 'f', 1) + QStringLiteral(" ms"); };
        for (const live::BlockingRequest &r : measured.requests) {
            // Short: the table leaves its first column little room.
            const QString name = r.how == QLatin1String("asyncio.sleep") ? tr("Lag, asyncio.sleep")
                                 : r.how == QLatin1String("time.sleep")
                                     ? (r.onLoop ? tr("Lag, time.sleep on the loop") : tr("Lag, time.sleep in to_thread"))
                                     : (r.onLoop ? tr("Lag, CPU loop on the loop") : tr("Lag, CPU loop in an executor"));
            const int request = int(&r - measured.requests.data()) + 1;
            const lessons::Params &params = m_live->resultParams();
            lines.append({name, fact([&] { return ms(modelLag(run, request, params["work"], params["tick"])); }),
                          ms(r.longestLag)});
        }
        lines.append({tr("Heartbeat ticks"), fact([&] { return number(run.facts.count("tick")); }),
                      number(int(measured.ticks.size()))});
        lines.append({tr("Total time"), fact([&] { return seconds(run.end_time); }), seconds(measured.totalTime)});
    } else if (m_live->isDatabaseLesson()) {
        const live::LiveDatabaseFigures &measured = m_live->measuredDatabase();
        const lessons::Fact *opened = m_comparable ? run.facts.last("connections-opened") : nullptr;
        const lessons::Fact *done = m_comparable ? run.facts.last("queries-done") : nullptr;
        const lessons::Fact *total = m_comparable ? run.facts.last("total") : nullptr;
        const auto totalText = [&](int n) { return n < 0 ? none : number(n); };
        lines = {
            {tr("Queries answered (of 50)"), fact([&] { return number(done ? int(done->value) : 0); }),
             number(measured.queriesOk)},
            {tr("Connections opened"), fact([&] { return number(opened ? int(opened->value) : 0); }),
             number(measured.connectionsOpened)},
            {tr("Most connections in use at once"), none, number(measured.peakInUse)},
            {tr("Acquires that waited for a connection"), none, number(measured.acquireWaits)},
            {tr("Commits"), fact([&] { return number(run.facts.count("committed")); }), number(measured.commits)},
            {tr("Rollbacks"),
             fact([&] { return number(run.facts.count("rolled-back") + run.facts.count("timed-out")); }),
             number(measured.rollbacks)},
            {tr("Statements stopped at the database"), none, number(measured.cancelledQueries)},
            {tr("Total balance before"), none, totalText(measured.totalBefore)},
            {tr("Total balance after"), fact([&] { return number(total ? int(total->value) : 0); }),
             totalText(measured.totalAfter)},
            {tr("Total time"), fact([&] { return seconds(run.end_time); }), seconds(measured.totalTime)},
        };
    } else {
        const live::LiveHttpFigures &measured = m_live->measured();
        const live::ServerStats &server = m_live->serverStats();
        const lessons::Fact *sent = m_comparable ? run.facts.last("sent") : nullptr;
        lines = {
            {tr("Requests sent (retries included)"), fact([&] { return number(sent ? int(sent->value) : 0); }),
             number(measured.sent)},
            {tr("URLs with 200 OK"), fact([&] { return number(run.facts.count("ok")); }), number(measured.ok)},
            {tr("URLs given up"), fact([&] { return number(run.facts.count("gave-up")); }), number(measured.failed)},
            {tr("429 answers"), fact([&] { return number(statusCount(run, 429)); }), number(measured.tooMany)},
            {tr("Timeouts"), fact([&] { return number(run.facts.count("timeout")); }), number(measured.timeouts)},
            {tr("No answer at all (errors)"), fact([&] { return number(0); }), number(measured.errors)},
            {tr("Total time"), fact([&] { return seconds(run.end_time); }), seconds(measured.totalTime)},
            {tr("Connections the server accepted"), none, number(server.connectionsAccepted)},
            {tr("Most requests in flight at the server"), none, number(server.peakInFlight)},
        };
        // What the HTTP/2 front (nghttpx) counted: the client's connections and its streams.
        if (m_live->resultProtocol() == live::HttpSession::Protocol::Http2) {
            lines.append({tr("Client connections (HTTP/2)"), none, number(m_live->frontConnections())});
            lines.append({tr("Requests multiplexed (HTTP/2)"), none, number(m_live->frontRequests())});
        }
    }
    m_table->setRowCount(int(lines.size()));
    for (int row = 0; row < lines.size(); ++row) {
        const Line &line = lines.at(row);
        auto *name = new QTableWidgetItem(line.name);
        name->setToolTip(line.name);
        m_table->setItem(row, 0, name);
        for (int column : {1, 2}) {
            auto *item = new QTableWidgetItem(column == 1 ? line.model : line.measured);
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_table->setItem(row, column, item);
        }
    }
    if (m_live->isBlockingLesson()) {
        m_connections->setText(tr("The heartbeat and the handler share one thread: the window's. A call that "
                                  "blocks it stops the ticks, the animation and your clicks alike."));
    } else if (m_live->isDatabaseLesson()) {
        const live::LiveDatabaseFigures &measured = m_live->measuredDatabase();
        //: %1: connections opened, %2: where ("SQLite (a temporary file)", "PostgreSQL at 127.0.0.1:5432/bank")
        m_connections->setText(tr("Connections: %1 opened for 50 queries and 3 transfers, on %2.")
                                   .arg(number(measured.connectionsOpened), m_live->resultDatabaseText()));
    } else if (m_live->resultProtocol() == live::HttpSession::Protocol::Http2) {
        //: %1: connections the HTTP/2 front counted, %2: attempts sent over them
        m_connections->setText(tr("Connections: %1 opened for %2 attempts (counted by the HTTP/2 front).")
                                   .arg(number(m_live->frontConnections()), number(m_live->measured().sent)));
    } else {
        //: %1: connections the demo server counted, %2: attempts sent over them
        m_connections->setText(tr("Connections: %1 opened for %2 attempts (counted by the server).")
                                   .arg(number(m_live->serverStats().connectionsAccepted), number(m_live->measured().sent)));
    }
    m_connections->setAccessibleName(m_connections->text());

    int height = m_table->horizontalHeader()->height() + 2 * m_table->frameWidth();
    for (int row = 0; row < m_table->rowCount(); ++row)
        height += m_table->rowHeight(row);
    m_table->setFixedHeight(height);

    m_modelLabel->setVisible(m_comparable);
    m_modelTimeline->setVisible(m_comparable);

    if (!m_comparable && model) {
        if (m_live->isBlockingLesson()) {
            m_notComparable->setText(tr("These values lie beyond the model's ranges: the model makes no prediction "
                                        "for them, so only the measurement is shown."));
        } else if (m_live->isDatabaseLesson()) {
            const lessons::Parameter *maxSize = lessons::find_parameter(*model, "max_size");
            //: %1: the model's largest pool
            m_notComparable->setText(tr("These values lie beyond the model's ranges (a pool of up to %1 connections): "
                                        "the model makes no prediction for them, so only the measurement is shown.")
                                         .arg(maxSize ? int(maxSize->max) : 0));
        } else {
            const lessons::Parameter *requests = lessons::find_parameter(*model, "requests");
            const lessons::Parameter *limit = lessons::find_parameter(*model, "limit");
            //: %1: the model's most requests, %2: its most requests in flight
            m_notComparable->setText(tr("These values lie beyond the model's ranges (up to %1 requests, %2 in flight): "
                                        "the model makes no prediction for them, so only the measurement is shown.")
                                         .arg(requests ? int(requests->max) : 0)
                                         .arg(limit ? int(limit->max) : 0));
        }
    }
    m_notComparable->setVisible(!m_comparable);
    if (m_live->isBlockingLesson())
        m_explanation->setText(
            tr("Why they differ: the model's ticks are exact; real ones fire a little late, by what the "
               "operating system and the window's painting cost, usually a millisecond or two. A blocked loop "
               "shows the same gap in both: no tick fires until the call returns, then the late tick comes at "
               "once. A real CPU loop in a worker thread runs on another core; in Python the GIL would still "
               "make the heartbeat wait now and then."));
    else if (m_live->isDatabaseLesson())
        m_explanation->setText(
            tr("Why they differ: the model charges 0.3 s for every new connection; a real one opens in about a "
               "millisecond (SQLite) or a few (PostgreSQL on this computer). The live program makes each lookup "
               "and each UPDATE wait LATENCY at the database, but BEGIN, COMMIT and ROLLBACK take only what the "
               "database needs, while the model charges LATENCY for them too, so the live transfers are shorter. "
               "The deadline of the last transfer still ends it halfway: the statement that runs is stopped at "
               "the database, and the rollback leaves the total as it was. SQLite lets one connection write at a "
               "time: a second writer waits for the first one's COMMIT or ROLLBACK."));
    else
        m_explanation->setText(
            tr("Why they differ: a real answer takes the server's 0.1 s plus a few milliseconds for the network "
               "stack and the threads, and that varies from run to run. Each new connection costs a set-up the "
               "model does not have. The server's rate window starts when the server starts counting, not at the "
               "model's t = 0, so a request a few milliseconds later can land in the next second and get no 429."));
}

void LiveTab::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}
