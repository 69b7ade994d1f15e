// The views of app/views, fed with the states of every lesson's run: what each
// view says it shows (describe()) must match the TraceState it was given; every
// view renders something that is not one flat colour, in light and dark palettes;
// the timeline holds up with 1,000 tasks and ~100k events.
#include "views/BucketView.h"
#include "views/ConsoleView.h"
#include "views/DeadlockOverlay.h"
#include "views/EventLoopView.h"
#include "views/PoolView.h"
#include "views/QueueView.h"
#include "views/SemaphoreView.h"
#include "views/StateStyle.h"
#include "views/TimelineView.h"
#include "views/TokenAnimator.h"

#include <aio/aio.hpp>
#include <lessons/lesson.hpp>
#include <trace/recorder.hpp>
#include <trace/state_seeker.hpp>
#include <trace/trace_state.hpp>

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QImage>
#include <QPainter>
#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <array>
#include <clocale>
#include <memory>
#include <set>
#include <vector>

namespace {

struct LessonRun {
    const lessons::Lesson *lesson = nullptr;
    bool pitfall = false;
    lessons::Run run;
    QString label() const { return QString::fromStdString(lesson->id) + (pitfall ? QStringLiteral(" (pitfall)") : QString()); }
};

QString sv(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

QString names(const trace::TraceState &state, const auto &ids)
{
    QStringList out;
    for (std::uint32_t id : ids) out << StateStyle::taskName(state, id);
    return out.isEmpty() ? QStringLiteral("-") : out.join(QStringLiteral(", "));
}

// The line of describe() that starts with `prefix` (empty if none).
QString lineStarting(const QString &text, const QString &prefix)
{
    for (const QString &line : text.split(QLatin1Char('\n')))
        if (line.startsWith(prefix)) return line;
    return {};
}

// Positions to look at: the start, a few fractions, the end.
std::vector<std::size_t> cursors(std::size_t size)
{
    std::set<std::size_t> at;
    for (double f : {0.0, 0.05, 0.2, 0.35, 0.5, 0.65, 0.8, 0.95, 1.0}) at.insert(std::size_t(f * double(size)));
    return {at.begin(), at.end()};
}

// More than one colour, and not only a few stray pixels of a second one.
bool hasContentPixels(const QImage &image)
{
    QHash<QRgb, int> counts;
    for (int y = 0; y < image.height(); y += 2)
        for (int x = 0; x < image.width(); x += 2) ++counts[image.pixel(x, y)];
    if (counts.size() < 3) return false;
    int max = 0, total = 0;
    for (int c : counts) {
        max = std::max(max, c);
        total += c;
    }
    return max < total * 0.995;
}

QImage renderView(QWidget &view, QSize size = {})
{
    view.resize(size.isValid() ? size : view.sizeHint());
    return view.grab().toImage();
}

QPalette darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    p.setColor(QPalette::WindowText, QColor(0xee, 0xee, 0xee));
    p.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    p.setColor(QPalette::AlternateBase, QColor(0x2a, 0x2a, 0x2a));
    p.setColor(QPalette::Text, QColor(0xee, 0xee, 0xee));
    p.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
    p.setColor(QPalette::ButtonText, QColor(0xee, 0xee, 0xee));
    p.setColor(QPalette::Highlight, QColor(0x3d, 0xae, 0xe9));
    p.setColor(QPalette::HighlightedText, Qt::black);
    return p;
}

}  // namespace

class TestViews : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void style();
    void animator();
    void eventloop();
    void queue();
    void semaphore();
    void bucket();
    void pool();
    void console();
    void deadlock();
    void timeline();
    void slowstep();
    void synthetic();
    void levelOfDetail();
    void render();
    void dark();

private:
    std::vector<std::unique_ptr<LessonRun>> m_runs;
};

void TestViews::initTestCase()
{
    std::setlocale(LC_NUMERIC, "C");
    for (const lessons::Lesson *lesson : lessons::registry()) {
        if (lesson->placeholder) continue;
        for (bool pitfall : {false, true}) {
            if (pitfall && !lesson->has_pitfall) continue;
            auto r = std::make_unique<LessonRun>();
            r->lesson = lesson;
            r->pitfall = pitfall;
            r->run = lessons::run(*lesson, lessons::defaults(*lesson), pitfall);
            QVERIFY(r->run.recorder && !r->run.recorder->empty());
            m_runs.push_back(std::move(r));
        }
    }
    QVERIFY(m_runs.size() >= 8);
}

void TestViews::style()
{
    using trace::TaskStatus;
    using aio::WaitKind;
    // The states a learner must tell apart differ in colour or pattern, and carry a label.
    const std::vector<std::pair<TaskStatus, WaitKind>> states = {
        {TaskStatus::Running, WaitKind::None},   {TaskStatus::Ready, WaitKind::None},
        {TaskStatus::Waiting, WaitKind::Sleep},  {TaskStatus::Waiting, WaitKind::QueueGet},
        {TaskStatus::Waiting, WaitKind::QueuePut}, {TaskStatus::Waiting, WaitKind::QueueJoin},
        {TaskStatus::Waiting, WaitKind::Semaphore}, {TaskStatus::Waiting, WaitKind::Lock},
        {TaskStatus::Waiting, WaitKind::AsyncioEvent},  {TaskStatus::Waiting, WaitKind::Task},
        {TaskStatus::Waiting, WaitKind::Gather}, {TaskStatus::Waiting, WaitKind::Bucket},
        {TaskStatus::Done, WaitKind::None},      {TaskStatus::Failed, WaitKind::None},
        {TaskStatus::Cancelled, WaitKind::None},
    };
    QSet<QString> looks, labels;
    for (auto [status, wait] : states) {
        const StateStyle::Look l = StateStyle::look(status, wait);
        QVERIFY(!l.label.isEmpty());
        looks.insert(l.color.name() + QString::number(int(l.pattern)));
        labels.insert(l.label);
    }
    QCOMPARE(looks.size(), qsizetype(states.size()));
    QCOMPARE(labels.size(), qsizetype(states.size()));
    // Text on a token contrasts with its fill.
    QCOMPARE(StateStyle::textOn(QColor(Qt::white)), QColor(Qt::black));
    QCOMPARE(StateStyle::textOn(QColor(0x00, 0x72, 0xB2)), QColor(Qt::white));
    // Palette colours follow the widget's palette.
    QVERIFY(StateStyle(darkPalette()).isDark());
    QPalette light;
    light.setColor(QPalette::Base, Qt::white);
    light.setColor(QPalette::Text, Qt::black);
    QVERIFY(!StateStyle(light).isDark());
    QCOMPARE(StateStyle::seconds(1.25), QStringLiteral("1.250 s"));
    QCOMPARE(StateStyle::fileLine({"/a/b/scenario.cpp", 42}), QStringLiteral("scenario.cpp:42"));
}

void TestViews::animator()
{
    QWidget host;
    host.resize(200, 100);
    host.show();
    QVERIFY(QTest::qWaitForWindowExposed(&host));
    TokenAnimator a(&host);
    const QRectF start(0, 0, 40, 20), end(100, 50, 40, 20);
    a.setTargets({{1, start}}, false);
    QCOMPARE(a.rect(1), start);
    QVERIFY(!a.isAnimating());
    a.setTargets({{1, end}, {2, end}}, true);
    QVERIFY(a.isAnimating());
    QCOMPARE(a.rect(1), start);         // the glide starts where the token was
    QVERIFY(a.rect(2).width() < 40);    // a new token grows in
    QVERIFY(a.opacity(2) < 1.0);
    QTRY_VERIFY_WITH_TIMEOUT(!a.isAnimating(), 5000);
    QCOMPARE(a.rect(1), end);
    QCOMPARE(a.rect(2), end);
    QCOMPARE(a.opacity(2), 1.0);
    // Animation off: an instant jump.
    a.setTargets({{1, start}}, false);
    QCOMPARE(a.rect(1), start);
    QVERIFY(!a.contains(2));
}

void TestViews::eventloop()
{
    EventLoopView view;
    view.setAnimated(false);
    QCOMPARE(view.objectName(), QStringLiteral("eventLoopView"));
    QVERIFY(!view.accessibleName().isEmpty());
    int checked = 0;
    for (const auto &r : m_runs) {
        trace::StateSeeker seeker(*r->run.recorder);
        for (std::size_t at : cursors(r->run.recorder->size())) {
            const trace::TraceState &state = seeker.seek(at);
            view.setState(state, at ? &(*r->run.recorder)[at - 1] : nullptr);
            const QString d = view.describe();
            const QString where = r->label() + QStringLiteral(" @%1").arg(at);
            QVERIFY2(d.contains(QStringLiteral("running: %1\n").arg(StateStyle::taskName(state, state.running()))),
                     qPrintable(where + "\n" + d));
            QVERIFY2(d.contains(QStringLiteral("ready: %1\n").arg(names(state, state.ready()))), qPrintable(where + "\n" + d));
            QVERIFY2(d.contains(QStringLiteral("timers: %1\n").arg(state.pending_timer_count())), qPrintable(where));
            QVERIFY2(d.startsWith(QStringLiteral("time: %1\n").arg(StateStyle::seconds(state.time()))), qPrintable(where));
            // One "timer" line per pending timer, in firing order.
            const auto timers = state.pending_timers();
            QStringList expected;
            for (const trace::TimerInfo &t : timers)
                expected << QStringLiteral("timer %1: %2").arg(StateStyle::seconds(double(t.deadline_ns) / 1e9),
                                                               StateStyle::taskName(state, t.owner));
            QStringList got;
            for (const QString &line : d.split(QLatin1Char('\n')))
                if (line.startsWith(QStringLiteral("timer "))) got << line;
            QCOMPARE(got, expected);
            // Every waiting task (but the sleepers beside their timers) is in exactly one group.
            int waitingListed = 0;
            for (const QString &line : d.split(QLatin1Char('\n')))
                if (line.startsWith(QStringLiteral("waiting "))) waitingListed += int(line.section(QStringLiteral(": "), 1).split(QStringLiteral(", ")).size());
            int waiting = 0;
            for (const trace::TaskInfo &t : state.tasks()) {
                const bool sleeps = t.wait == aio::WaitKind::Sleep;
                if ((t.status == trace::TaskStatus::Waiting && !sleeps) || t.status == trace::TaskStatus::Created) ++waiting;
            }
            QVERIFY2(waitingListed >= waiting, qPrintable(where + "\n" + d));
            ++checked;
        }
    }
    QVERIFY(checked > 50);

    // A token's tool tip names the task and its state in words.
    const auto &r = m_runs.front();
    trace::StateSeeker seeker(*r->run.recorder);
    std::size_t at = 1;
    while (at < r->run.recorder->size() && seeker.seek(at).running() == 0) ++at;
    const trace::TraceState &state = seeker.seek(at);
    QVERIFY(state.running() != 0);
    view.resize(view.sizeHint());
    view.setState(state, nullptr);
    const QString expected = StateStyle::taskName(state, state.running()) + QStringLiteral(": ") +
                             StateStyle::label(trace::TaskStatus::Running, aio::WaitKind::None);
    bool found = false;
    for (int y = 0; y < view.height() && !found; y += 4) {
        for (int x = 0; x < view.width() && !found; x += 8) {
            QHelpEvent help(QEvent::ToolTip, QPoint(x, y), view.mapToGlobal(QPoint(x, y)));
            QApplication::sendEvent(&view, &help);
            found = QToolTip::text() == expected;
        }
    }
    QVERIFY2(found, qPrintable(expected));
}

void TestViews::queue()
{
    QueueView view;
    view.setAnimated(false);
    QCOMPARE(view.objectName(), QStringLiteral("queueView"));
    int queuesSeen = 0, blockedSeen = 0;
    for (const auto &r : m_runs) {
        trace::StateSeeker seeker(*r->run.recorder);
        for (std::size_t at : cursors(r->run.recorder->size())) {
            const trace::TraceState &state = seeker.seek(at);
            view.setState(state, nullptr);
            const QString d = view.describe();
            bool any = false;
            for (const trace::ObjectInfo &o : state.objects()) {
                if (!o.is_queue()) continue;
                any = true;
                ++queuesSeen;
                const QString size = o.capacity > 0 ? QString::number(o.capacity) : QStringLiteral("∞");
                const QString line = lineStarting(d, QStringLiteral("queue %1 [").arg(StateStyle::objectName(state, o.id)));
                QVERIFY2(!line.isEmpty(), qPrintable(r->label() + "\n" + d));
                QVERIFY2(line.contains(QStringLiteral("[%1/%2]").arg(o.items.size()).arg(size)), qPrintable(line));
                QVERIFY2(line.contains(QStringLiteral("| putters: %1 |").arg(names(state, o.putters))), qPrintable(line));
                QVERIFY2(line.contains(QStringLiteral("| getters: %1 |").arg(names(state, o.getters))), qPrintable(line));
                QVERIFY2(line.contains(QStringLiteral("| joiners: %1 |").arg(names(state, o.joiners))), qPrintable(line));
                QVERIFY2(line.endsWith(QStringLiteral("| unfinished: %1").arg(o.unfinished)), qPrintable(line));
                if (!o.items.empty()) QVERIFY2(line.contains(sv(o.items.front())), qPrintable(line));
                blockedSeen += int(o.putters.size() + o.getters.size());
            }
            QCOMPARE(view.hasContent(), any);
        }
    }
    QVERIFY(queuesSeen > 0);
    QVERIFY(blockedSeen > 0);
    // A queue drawn by the pool view is left out here.
    for (const auto &r : m_runs) {
        if (r->lesson->pool_queue.empty()) continue;
        view.setIgnoredQueues({QString::fromStdString(r->lesson->pool_queue)});
        view.setState(trace::fold(*r->run.recorder, r->run.recorder->size() / 2), nullptr);
        QVERIFY(!view.describe().contains(QString::fromStdString(r->lesson->pool_queue)));
    }
}

void TestViews::semaphore()
{
    SemaphoreView view;
    view.setAnimated(false);
    QCOMPARE(view.objectName(), QStringLiteral("semaphoreView"));
    int seen = 0, waitersSeen = 0;
    for (const auto &r : m_runs) {
        trace::StateSeeker seeker(*r->run.recorder);
        for (std::size_t at : cursors(r->run.recorder->size())) {
            const trace::TraceState &state = seeker.seek(at);
            view.setState(state, nullptr);
            const QString d = view.describe();
            bool any = false;
            const QStringList lines = d.split(QLatin1Char('\n'));
            int index = 0;  // one line per object, in the state's order (names may repeat)
            for (const trace::ObjectInfo &o : state.objects()) {
                if (!o.is_semaphore() && o.kind != aio::ObjectKind::Lock) continue;
                any = true;
                ++seen;
                const QString name = StateStyle::objectName(state, o.id);
                const QString prefix = o.kind == aio::ObjectKind::Lock ? QStringLiteral("lock %1 [").arg(name)
                                                                      : QStringLiteral("semaphore %1 [%2 free/%3]").arg(name).arg(o.free_permits).arg(o.capacity);
                QVERIFY(index < lines.size());
                const QString line = lines[index++];
                QVERIFY2(line.startsWith(prefix), qPrintable(prefix + "\n" + d));
                QVERIFY2(line.contains(QStringLiteral("holders: %1 |").arg(names(state, o.holders))), qPrintable(line));
                QVERIFY2(line.endsWith(QStringLiteral("waiters: %1").arg(names(state, o.waiters))), qPrintable(line));
                waitersSeen += int(o.waiters.size());
            }
            QCOMPARE(view.hasContent(), any);
        }
    }
    QVERIFY(seen > 0);
    QVERIFY(waitersSeen > 0);
}

void TestViews::bucket()
{
    BucketView view;
    view.setAnimated(false);
    QCOMPARE(view.objectName(), QStringLiteral("bucketView"));
    int seen = 0;
    for (const auto &r : m_runs) {
        trace::StateSeeker seeker(*r->run.recorder);
        for (std::size_t at : cursors(r->run.recorder->size())) {
            const trace::TraceState &state = seeker.seek(at);
            view.setState(state, nullptr);
            const QString d = view.describe();
            bool any = false;
            for (const trace::ObjectInfo &o : state.objects()) {
                if (o.kind != aio::ObjectKind::Bucket) continue;
                any = true;
                ++seen;
                const QString line = lineStarting(d, QStringLiteral("bucket %1: ").arg(StateStyle::objectName(state, o.id)));
                QVERIFY2(!line.isEmpty(), qPrintable(d));
                const QString level = o.level.empty() ? QStringLiteral("full") : sv(o.level).trimmed();
                QVERIFY2(line.contains(QStringLiteral("level %1/%2 |").arg(level).arg(o.capacity)), qPrintable(line));
                QVERIFY2(line.contains(QStringLiteral("taken: %1 |").arg(o.tokens_taken)), qPrintable(line));
                QVERIFY2(line.endsWith(QStringLiteral("waiters: %1").arg(names(state, o.waiters))), qPrintable(line));
            }
            QCOMPARE(view.hasContent(), any);
        }
    }
    QVERIFY(seen > 0);
}

void TestViews::pool()
{
    PoolView view;
    view.setAnimated(false);
    QCOMPARE(view.objectName(), QStringLiteral("poolView"));
    int seen = 0;
    for (const auto &r : m_runs) {
        const lessons::Lesson &lesson = *r->lesson;
        const int size = lesson.pool_size_parameter.empty() ? 0 : lessons::defaults(lesson).integer(lesson.pool_size_parameter);
        view.setPoolQueue(QString::fromStdString(lesson.pool_queue), size);
        trace::StateSeeker seeker(*r->run.recorder);
        for (std::size_t at : cursors(r->run.recorder->size())) {
            const trace::TraceState &state = seeker.seek(at);
            view.setState(state, nullptr);
            const trace::ObjectInfo *queue = nullptr;
            for (const trace::ObjectInfo &o : state.objects())
                if (!lesson.pool_queue.empty() && o.is_queue() && o.name == lesson.pool_queue) queue = &o;
            QCOMPARE(view.hasContent(), queue != nullptr);
            if (!queue) {
                QCOMPARE(view.describe(), QStringLiteral("no pool"));
                continue;
            }
            ++seen;
            const int idle = int(queue->items.size());
            QCOMPARE(view.describe(), QStringLiteral("pool %1: size %2 | idle %3 | not idle %4 | waiting: %5")
                                          .arg(QString::fromStdString(lesson.pool_queue))
                                          .arg(size)
                                          .arg(idle)
                                          .arg(std::max(0, size - idle))
                                          .arg(names(state, queue->getters)));
        }
    }
    QVERIFY(seen > 0);
}

void TestViews::console()
{
    ConsoleView view;
    QCOMPARE(view.objectName(), QStringLiteral("consoleView"));
    for (const auto &r : m_runs) {
        const trace::Recorder &rec = *r->run.recorder;
        trace::StateSeeker seeker(rec);
        for (std::size_t at : cursors(rec.size())) {
            const trace::TraceState &state = seeker.seek(at);
            view.setState(state, nullptr);
            const std::size_t lines = state.log().size() + state.slow_steps().size();
            QCOMPARE(view.lineCount(), int(lines));
            QCOMPARE(view.warningCount(), int(state.slow_steps().size()));
            const QString d = view.describe();
            QVERIFY(d.startsWith(QStringLiteral("lines: %1").arg(lines)));
            // The newest line: the log's or a slow-step warning's, whichever came later.
            const bool lastIsWarning = !state.slow_steps().empty() &&
                                       (state.log().empty() || state.slow_steps().back().seq > state.log().back().seq);
            if (lastIsWarning) {
                const trace::SlowStepEntry &last = state.slow_steps().back();
                QVERIFY2(d.endsWith(QStringLiteral("[%1] %2: warning: %3")
                                        .arg(StateStyle::seconds(double(last.time_ns) / 1e9),
                                             StateStyle::taskName(state, last.task), sv(last.text))),
                         qPrintable(d.right(200)));
            } else if (!state.log().empty()) {
                const trace::LogLine &last = state.log().back();
                QVERIFY2(d.endsWith(QStringLiteral("[%1] %2: %3")
                                        .arg(StateStyle::seconds(double(last.time_ns) / 1e9),
                                             StateStyle::taskName(state, last.task), sv(last.text))),
                         qPrintable(d.right(200)));
            }
        }
        // Stepping forward and back one event at a time (the incremental path) gives the same text as a fresh view.
        const std::size_t mid = rec.size() / 2;
        for (std::size_t at = mid; at < std::min(rec.size(), mid + 60); ++at) view.setState(seeker.seek(at), nullptr);
        for (std::size_t at = std::min(rec.size(), mid + 60); at > mid; --at) view.setState(seeker.seek(at), nullptr);
        ConsoleView fresh;
        fresh.setState(seeker.seek(mid + 1), nullptr);
        view.setState(seeker.seek(mid + 1), nullptr);
        QCOMPARE(view.describe(), fresh.describe());
        // At the end: every Log event of the run.
        view.setState(seeker.seek(rec.size()), nullptr);
        int logEvents = 0;
        for (const aio::TraceEvent &e : rec)
            logEvents += e.kind == aio::TraceEventKind::Log || e.kind == aio::TraceEventKind::SlowStep ||
                                 e.kind == aio::TraceEventKind::ExceptionNeverRetrieved
                             ? 1
                             : 0;
        QCOMPARE(view.lineCount(), logEvents);
    }
    // A re-run with another parameter (same seq numbers, other texts) replaces the lines.
    for (const auto &r : m_runs) {
        const lessons::Lesson &lesson = *r->lesson;
        if (r->pitfall || lesson.parameters.empty()) continue;
        lessons::Params params = lessons::defaults(lesson);
        const lessons::Parameter &first = lesson.parameters.front();
        params.values[first.id] = first.default_value == first.max ? first.min : first.max;
        const lessons::Run other = lessons::run(lesson, params, false);
        const trace::TraceState a = trace::fold(*r->run.recorder, r->run.recorder->size());
        const trace::TraceState b = trace::fold(*other.recorder, other.recorder->size());
        ConsoleView reused, fresh;
        reused.setState(a, nullptr);
        reused.setState(b, nullptr);
        fresh.setState(b, nullptr);
        QCOMPARE(reused.describe(), fresh.describe());
    }
}

void TestViews::deadlock()
{
    QWidget area;
    area.resize(600, 400);
    DeadlockOverlay overlay(&area);
    QCOMPARE(overlay.objectName(), QStringLiteral("deadlockOverlay"));
    area.show();
    int deadlocks = 0;
    for (const auto &r : m_runs) {
        const trace::Recorder &rec = *r->run.recorder;
        const trace::TraceState end = trace::fold(rec, rec.size());
        overlay.setState(trace::fold(rec, rec.size() / 2), nullptr);
        QVERIFY(!overlay.hasContent() || r->run.deadlock);
        overlay.setState(end, nullptr);
        QCOMPARE(overlay.hasContent(), r->run.deadlock);
        QCOMPARE(overlay.isVisible(), r->run.deadlock);
        const QString d = overlay.describe();
        QVERIFY(d.startsWith(QStringLiteral("deadlock: %1").arg(end.deadlock().size())));
        if (!r->run.deadlock) continue;
        ++deadlocks;
        QCOMPARE(overlay.geometry(), area.rect());
        for (const trace::DeadlockEntry &e : end.deadlock()) {
            const QString prefix = StateStyle::taskName(end, e.task) + QStringLiteral(" -> ");
            const QString line = lineStarting(d, prefix);
            QVERIFY2(!line.isEmpty(), qPrintable(d));
            QVERIFY2(line.endsWith(QStringLiteral(" -> ") + StateStyle::fileLine(e.at)), qPrintable(line));
            QVERIFY2(line.endsWith(QStringLiteral(".cpp:%1").arg(e.at.line)), qPrintable(line));
        }
        QVERIFY(hasContentPixels(area.grab().toImage()));
    }
    QVERIFY2(deadlocks >= 1, "no lesson pitfall ends in a deadlock");
    area.resize(700, 300);
    QCOMPARE(overlay.geometry(), area.rect());
}

void TestViews::timeline()
{
    TimelineView view;
    view.setAnimated(false);
    QCOMPARE(view.objectName(), QStringLiteral("timelineView"));
    QCOMPARE(view.focusPolicy(), Qt::StrongFocus);
    int arrows = 0;
    for (const auto &r : m_runs) {
        const trace::Recorder &rec = *r->run.recorder;
        view.setRecorder(&rec);
        const trace::TraceState end = trace::fold(rec, rec.size());
        QCOMPARE(view.laneCount(), int(end.tasks().size()));
        // One arrow per wake-up by another task.
        int wakeups = 0;
        for (const aio::TraceEvent &e : rec) wakeups += e.kind == aio::TraceEventKind::Woken && e.other != 0 && e.other != e.task ? 1 : 0;
        QCOMPARE(view.arrowCount(), wakeups);
        arrows += wakeups;
        QVERIFY(view.describe().startsWith(QStringLiteral("lanes: %1\nevents: %2").arg(end.tasks().size()).arg(rec.size())));
        for (int lane = 0; lane < view.laneCount(); ++lane) QVERIFY(view.segmentCount(lane) >= 1);
        const trace::TraceState mid = trace::fold(rec, rec.size() / 2);
        view.setState(mid, nullptr);
        QVERIFY(view.describe().contains(QStringLiteral("cursor: %1 at %2").arg(rec.size() / 2).arg(StateStyle::seconds(mid.time()))));
    }
    QVERIFY(arrows > 0);
    // Zoom: keys and Ctrl+wheel; reset with 0.
    view.resize(600, 300);
    QCOMPARE(view.zoom(), 1.0);
    QTest::keyClick(&view, Qt::Key_Plus);
    QVERIFY(view.zoom() > 1.0);
    const double z = view.zoom();
    QTest::keyClick(&view, Qt::Key_Minus);
    QVERIFY(view.zoom() < z);
    QTest::keyClick(&view, Qt::Key_0);
    QCOMPARE(view.zoom(), 1.0);
    QWheelEvent wheel(QPointF(400, 100), view.mapToGlobal(QPointF(400, 100)), QPoint(), QPoint(0, 240), Qt::NoButton,
                      Qt::ControlModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(&view, &wheel);
    QVERIFY(view.zoom() > 1.0);
    // Pan: a horizontal wheel moves the visible range.
    const double offset = view.offset();
    QWheelEvent pan(QPointF(400, 100), view.mapToGlobal(QPointF(400, 100)), QPoint(), QPoint(0, -240), Qt::NoButton,
                    Qt::ShiftModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(&view, &pan);
    QVERIFY(view.offset() > offset);
    // A click asks to seek to the event under the mouse.
    view.resetZoom();
    QSignalSpy seek(&view, &TimelineView::seekRequested);
    QTest::mouseClick(&view, Qt::LeftButton, Qt::NoModifier, QPoint(view.width() - 10, 100));
    QCOMPARE(seek.size(), 1);
    const qulonglong position = seek.front().front().toULongLong();
    QVERIFY(position >= view.eventCount() * 9 / 10 && position <= view.eventCount());
    QVERIFY(hasContentPixels(view.grab().toImage()));
    view.setRecorder(nullptr);
    QCOMPARE(view.laneCount(), 0);
    QVERIFY(!view.hasContent());
}

namespace {

// Debug mode and a blocking call: the lesson "Never block the event loop" in small.
aio::Task<void> ticker()
{
    for (int i = 0; i < 3; ++i) {
        aio::log("tick " + std::to_string(i));
        co_await aio::sleep(0.2);
    }
}

aio::Task<void> blockingHandler()
{
    co_await aio::sleep(0.1);
    aio::log("handler blocks");
    aio::blocking_sleep(0.5);  // time.sleep(0.5) in a coroutine: nothing else runs meanwhile
    aio::log("handler done");
    co_await aio::sleep(0.05);
}

aio::Task<void> blockingMain()
{
    aio::EventLoop &loop = aio::get_running_loop();
    loop.set_debug(true);
    aio::Task<void> tick = aio::create_task(ticker(), "ticker");
    aio::Task<void> handler = aio::create_task(blockingHandler(), "handler");
    co_await aio::sleep(1.0);
    // A plain callback that blocks: reported as "<Handle>", with no task to mark.
    loop.call_soon([] { aio::blocking_sleep(0.25); });
    co_await aio::sleep(0.1);
    co_await tick;
    co_await handler;
}

// Pixels of the warning sign's fill (Okabe-Ito orange) in an image.
int warningPixels(const QImage &image)
{
    int n = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) n += image.pixel(x, y) == qRgb(0xE6, 0x9F, 0x00) ? 1 : 0;
    return n;
}

}  // namespace

void TestViews::slowstep()
{
    trace::Recorder recorder;
    aio::run(blockingMain(), {.sink = &recorder, .main_name = "main"});
    const trace::Recorder &rec = recorder;
    std::vector<std::size_t> slowAt;  // event indices of the SlowStep reports
    for (std::size_t i = 0; i < rec.size(); ++i)
        if (rec[i].kind == aio::TraceEventKind::SlowStep) slowAt.push_back(i);
    QCOMPARE(slowAt.size(), std::size_t(2));
    const QString handlerWarning = QStringLiteral("Executing <Task pending name='handler'> took 0.500 seconds");
    QCOMPARE(sv(rec[slowAt[0]].text), handlerWarning);
    QCOMPARE(sv(rec[slowAt[1]].text), QStringLiteral("Executing <Handle> took 0.250 seconds"));

    // Console: nothing before the cursor reaches the report, then the warning as the newest line,
    // right after what the handler logged before it gave the loop back.
    ConsoleView console;
    console.setAnimated(false);
    trace::StateSeeker seeker(rec);
    console.setState(seeker.seek(slowAt[0]), nullptr);
    QCOMPARE(console.warningCount(), 0);
    QVERIFY(!console.describe().contains(QStringLiteral("warning:")));
    const QString before = console.describe();
    const int linesBefore = console.lineCount();
    QVERIFY2(before.endsWith(QStringLiteral("[0.600 s] handler: handler done")), qPrintable(before));
    console.setState(seeker.seek(slowAt[0] + 1), nullptr);
    QCOMPARE(console.warningCount(), 1);
    QCOMPARE(console.lineCount(), linesBefore + 1);
    QVERIFY2(console.describe().endsWith(QStringLiteral("\n[0.600 s] handler: handler done\n[0.600 s] handler: warning: ") +
                                         handlerWarning),
             qPrintable(console.describe()));
    // Stepping back takes it away again, as any line.
    console.setState(seeker.seek(slowAt[0]), nullptr);
    QCOMPARE(console.warningCount(), 0);
    QCOMPARE(console.describe(), before);
    // At the end: both warnings, each in its place among the log lines (the ticker's late tick after the handler's).
    console.setState(seeker.seek(rec.size()), nullptr);
    QCOMPARE(console.warningCount(), 2);
    const QStringList lines = console.describe().split(QLatin1Char('\n'));
    const auto indexOf = [&](const QString &line) { return lines.indexOf(line); };
    const qsizetype warn = indexOf(QStringLiteral("[0.600 s] handler: warning: ") + handlerWarning);
    QVERIFY2(warn > 0, qPrintable(lines.join('\n')));
    QCOMPARE(indexOf(QStringLiteral("[0.600 s] handler: handler done")), warn - 1);
    QCOMPARE(indexOf(QStringLiteral("[0.600 s] ticker: tick 1")), warn + 1);
    QVERIFY2(indexOf(QStringLiteral("[1.250 s] -: warning: Executing <Handle> took 0.250 seconds")) > warn,
             qPrintable(lines.join('\n')));
    ConsoleView fresh;
    fresh.setState(seeker.seek(rec.size()), nullptr);
    QCOMPARE(console.describe(), fresh.describe());
    // Drawn: the warning sign shows once the report is reached, not before.
    console.setState(seeker.seek(slowAt[0]), nullptr);
    QCOMPARE(warningPixels(renderView(console, {620, 180})), 0);
    console.setState(seeker.seek(slowAt[0] + 1), nullptr);
    const QImage consoleImage = renderView(console, {620, 180});
    QVERIFY(warningPixels(consoleImage) > 10);

    // Timeline: one mark, on the handler's lane, over the step that held the loop; the callback only counted.
    TimelineView timeline;
    timeline.setAnimated(false);
    timeline.setRecorder(&rec);
    const int handlerLane = int(timeline.laneNames().indexOf(QStringLiteral("handler")));
    QVERIFY(handlerLane >= 0);
    for (int lane = 0; lane < timeline.laneCount(); ++lane) QCOMPARE(timeline.slowMarkCount(lane), lane == handlerLane ? 1 : 0);
    QCOMPARE(timeline.slowCallbackCount(), 1);
    const QString td = timeline.describe();
    QVERIFY2(td.contains(QStringLiteral("\nslow steps: 1 marked, 1 callbacks\n")), qPrintable(td));
    QVERIFY2(td.contains(QStringLiteral("\nslow handler: 0.100 s to 0.600 s: ") + handlerWarning), qPrintable(td));
    timeline.setState(seeker.seek(rec.size()), nullptr);
    const QImage timelineImage = renderView(timeline, {760, 200});
    QVERIFY(warningPixels(timelineImage) > 10);
    // Its tool tip says what debug mode reported; the handler's lane elsewhere says its state.
    const QString expected = TimelineView::tr("Debug mode: %1").arg(handlerWarning);
    const int laneY = 26 + handlerLane * 20 + 8;  // lanesTop() + lane * kLaneStep + kLaneHeight / 2
    int hits = 0;
    for (int x = 0; x < timeline.width(); x += 2) {
        QHelpEvent help(QEvent::ToolTip, QPoint(x, laneY), timeline.mapToGlobal(QPoint(x, laneY)));
        QApplication::sendEvent(&timeline, &help);
        hits += QToolTip::text() == expected ? 1 : 0;
    }
    QVERIFY2(hits > 0, qPrintable(expected));
    QVERIFY2(hits < timeline.width() / 4, "the mark's tool tip covers far more than the step");

    // The event loop view says who held the loop while the clock still stands at the step's end.
    EventLoopView loop;
    loop.setAnimated(false);
    loop.setState(seeker.seek(slowAt[0]), nullptr);
    QVERIFY2(lineStarting(loop.describe(), QStringLiteral("held:")).isEmpty(), qPrintable(loop.describe()));
    loop.setState(seeker.seek(slowAt[0] + 1), nullptr);
    QCOMPARE(lineStarting(loop.describe(), QStringLiteral("held:")), QStringLiteral("held: 0.500 s by handler"));
    const QImage loopImage = renderView(loop);
    QVERIFY(warningPixels(loopImage) > 10);
    std::size_t later = slowAt[0] + 1;  // the first event at a later time
    while (later < rec.size() && rec[later].time_ns == rec[slowAt[0]].time_ns) ++later;
    loop.setState(seeker.seek(later + 1), nullptr);
    QVERIFY2(lineStarting(loop.describe(), QStringLiteral("held:")).isEmpty(), qPrintable(loop.describe()));
    loop.setState(seeker.seek(slowAt[1] + 1), nullptr);
    QCOMPARE(lineStarting(loop.describe(), QStringLiteral("held:")), QStringLiteral("held: 0.250 s by a callback"));

    const QString dir = QStringLiteral(VIEWS_GALLERY_DIR);
    QVERIFY(QDir().mkpath(dir));
    QVERIFY(loopImage.save(dir + QStringLiteral("/slowstep_eventLoopView.png")));
    loop.setState(seeker.seek(slowAt[0] + 1), nullptr);
    QVERIFY(renderView(loop, loop.minimumSizeHint()).save(dir + QStringLiteral("/slowstep_small_eventLoopView.png")));
    QVERIFY(consoleImage.save(dir + QStringLiteral("/slowstep_consoleView.png")));
    QVERIFY(timelineImage.save(dir + QStringLiteral("/slowstep_timelineView.png")));
    console.setPalette(darkPalette());
    timeline.setPalette(darkPalette());
    QVERIFY(renderView(console, {620, 180}).save(dir + QStringLiteral("/slowstep_dark_consoleView.png")));
    QVERIFY(renderView(timeline, {760, 200}).save(dir + QStringLiteral("/slowstep_dark_timelineView.png")));
}

namespace {

aio::Task<void> napper(int k)
{
    co_await aio::sleep(0);
    for (int i = 0; i < 24; ++i) co_await aio::sleep(i % 3 == 0 ? 0.0 : 0.001 * ((k + i) % 5));
}

aio::Task<void> crowd()
{
    std::vector<aio::Task<void>> tasks;
    for (int k = 0; k < 1000; ++k) tasks.push_back(aio::create_task(napper(k), "napper-" + std::to_string(k)));
    co_await aio::gather(std::move(tasks));
}

}  // namespace

void TestViews::synthetic()
{
    trace::Recorder recorder;
    aio::run(crowd(), {.sink = &recorder, .main_name = "main"});
    QVERIFY2(recorder.size() > 80000, qPrintable(QString::number(recorder.size())));
    TimelineView view;
    view.setAnimated(false);
    view.setRecorder(&recorder);
    const trace::TraceState end = trace::fold(recorder, recorder.size());
    QCOMPARE(view.laneCount(), int(end.tasks().size()));
    QCOMPARE(view.laneCount(), 1001);
    view.setState(trace::fold(recorder, recorder.size() / 2), nullptr);
    QVERIFY(hasContentPixels(renderView(view, {900, 500})));
    QElapsedTimer clock;
    clock.start();
    view.grab();
    qInfo("timeline frame with %d lanes, %zu events: %lld ms (for information, not checked)", view.laneCount(),
          recorder.size(), clock.elapsed());
    view.setZoom(500);
    QVERIFY(hasContentPixels(renderView(view, {900, 500})));
    clock.restart();
    view.grab();
    qInfo("zoomed 500x: %lld ms (for information, not checked)", clock.elapsed());
    QTest::keyClick(&view, Qt::Key_PageDown);
    QVERIFY(view.firstVisibleLane() > 0);
    view.grab();
    // The other views take a state of this size too.
    EventLoopView loop;
    loop.setAnimated(false);
    loop.setState(trace::fold(recorder, recorder.size() / 3), nullptr);
    QVERIFY(loop.describe().contains(QStringLiteral("timers: ")));
    QVERIFY(hasContentPixels(renderView(loop)));
}

namespace {

// A crowd larger than the pixel rows of a small timeline: 3,000 tasks, each yielding once
// and sleeping once (the sleeps end in seven groups).
aio::Task<void> lodNapper(int k)
{
    co_await aio::sleep(0);
    co_await aio::sleep(0.001 * (k % 7));
}

aio::Task<void> lodCrowd(int n)
{
    std::vector<aio::Task<void>> tasks;
    for (int k = 0; k < n; ++k) tasks.push_back(aio::create_task(lodNapper(k), "lod-" + std::to_string(k)));
    co_await aio::gather(std::move(tasks));
}

// Counts per TaskStatus of the tasks of lanes [first, last] in the state (not yet created: none).
std::array<int, 7> foldedCounts(const TimelineView &view, const trace::TraceState &state, int first, int last)
{
    std::array<int, 7> counts{};
    for (int lane = first; lane <= last; ++lane)
        if (const trace::TaskInfo *t = state.task(view.laneTask(lane))) ++counts[std::size_t(t->status)];
    return counts;
}

}  // namespace

void TestViews::levelOfDetail()
{
    trace::Recorder recorder;
    aio::run(lodCrowd(3000), {.sink = &recorder, .main_name = "main"});
    TimelineView view;
    view.setAnimated(false);
    view.resize(600, 300);
    view.setRecorder(&recorder);
    QCOMPARE(view.laneCount(), 3001);
    // More lanes than pixel rows: the run opens with every lane in view, thinner than a
    // pixel, aggregated into bands, no names.
    QVERIFY2(view.laneHeight() < 1.0, qPrintable(QString::number(view.laneHeight())));
    QVERIFY(view.lanesAggregated());
    QVERIFY(!view.laneNamesShown());
    QCOMPARE(view.firstVisibleLane(), 0);

    // Each band says what the fold says of its tasks, at every cursor.
    trace::StateSeeker seeker(recorder);
    int checked = 0;
    for (std::size_t at : {std::size_t(0), recorder.size() / 10, recorder.size() / 3, recorder.size() / 2,
                           recorder.size() * 4 / 5, recorder.size()}) {
        const trace::TraceState &state = seeker.seek(at);
        view.setState(state, at ? &recorder[at - 1] : nullptr);
        const QVector<TimelineView::Band> bands = view.bands();
        QVERIFY2(bands.size() > 100 && bands.size() <= 300, qPrintable(QString::number(bands.size())));
        int lanes = 0, running = 0, waiting = 0, known = 0;
        int previousLast = -1;
        for (const TimelineView::Band &band : bands) {
            QCOMPARE(band.firstLane, previousLast + 1);  // bands tile the lanes, in order
            QVERIFY(band.lastLane > band.firstLane);     // several lanes per pixel row
            previousLast = band.lastLane;
            QCOMPARE(band.counts, foldedCounts(view, state, band.firstLane, band.lastLane));
            lanes += band.lastLane - band.firstLane + 1;
            running += band.counts[std::size_t(trace::TaskStatus::Running)];
            waiting += band.counts[std::size_t(trace::TaskStatus::Waiting)];
            for (int n : band.counts) known += n;
        }
        QCOMPARE(lanes, view.laneCount());
        QCOMPARE(known, int(state.tasks().size()));
        int foldedRunning = 0, foldedWaiting = 0;
        for (const trace::TaskInfo &t : state.tasks()) {
            foldedRunning += t.status == trace::TaskStatus::Running ? 1 : 0;
            foldedWaiting += t.status == trace::TaskStatus::Waiting ? 1 : 0;
        }
        QCOMPARE(running, foldedRunning);
        QCOMPARE(waiting, foldedWaiting);
        ++checked;
    }
    QCOMPARE(checked, 6);
    view.setState(seeker.seek(recorder.size() / 2), nullptr);
    QVERIFY(hasContentPixels(renderView(view, {600, 300})));
    QVERIFY(view.describe().contains(QStringLiteral(", bands")));

    // Zooming the lanes in (keys: Ctrl++, wheel: Ctrl+Shift) makes single lanes readable
    // again; the time zoom stays where it was.
    const double fitted = view.laneHeight();
    QTest::keyClick(&view, Qt::Key_Plus, Qt::ControlModifier);
    QVERIFY(view.laneHeight() > fitted);
    QCOMPARE(view.zoom(), 1.0);
    for (int i = 0; i < 40 && view.laneHeight() < TimelineView::readableLaneHeight; ++i) {
        QWheelEvent wheel(QPointF(300, 150), view.mapToGlobal(QPointF(300, 150)), QPoint(), QPoint(0, 120), Qt::NoButton,
                          Qt::ControlModifier | Qt::ShiftModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(&view, &wheel);
    }
    QVERIFY(view.laneHeight() >= TimelineView::readableLaneHeight);
    QCOMPARE(view.zoom(), 1.0);
    QVERIFY(!view.lanesAggregated());
    QVERIFY(view.laneNamesShown());
    // Zoomed around the mouse: the lanes there, not the first ones.
    QVERIFY(view.firstVisibleLane() > 100);
    const trace::TraceState &mid = seeker.seek(recorder.size() / 2);
    view.setState(mid, nullptr);
    const QVector<TimelineView::Band> single = view.bands();
    QVERIFY(!single.isEmpty() && single.size() < 20);
    for (const TimelineView::Band &band : single) {
        QCOMPARE(band.firstLane, band.lastLane);  // one lane each
        QCOMPARE(band.counts, foldedCounts(view, mid, band.firstLane, band.lastLane));
    }
    QVERIFY(hasContentPixels(renderView(view, {600, 300})));
    // Ctrl+- zooms back out; 0 returns to the overview.
    QTest::keyClick(&view, Qt::Key_Minus, Qt::ControlModifier);
    QVERIFY(view.laneHeight() < TimelineView::readableLaneHeight);
    QTest::keyClick(&view, Qt::Key_0);
    QVERIFY(view.lanesAggregated());
    QCOMPARE(view.firstVisibleLane(), 0);

    // The event loop view does not draw 3,000 tokens: it keeps listCap of a list and
    // counts the rest.
    std::size_t crowded = 0;
    while (crowded < recorder.size() && seeker.seek(crowded).ready().size() <= std::size_t(EventLoopView::listCap)) ++crowded;
    QVERIFY(crowded < recorder.size());
    const trace::TraceState &busy = seeker.seek(crowded);
    EventLoopView loop;
    loop.setAnimated(false);
    loop.setState(busy, nullptr);
    QVERIFY2(loop.describe().contains(
                 QStringLiteral(" (+%1 more)\n").arg(busy.ready().size() - std::size_t(EventLoopView::listCap))),
             qPrintable(loop.describe().left(300)));
    QVERIFY(hasContentPixels(renderView(loop)));
}

void TestViews::render()
{
    const QString dir = QStringLiteral(VIEWS_GALLERY_DIR);
    QVERIFY(QDir().mkpath(dir));
    int written = 0;
    for (const auto &r : m_runs) {
        const trace::Recorder &rec = *r->run.recorder;
        const trace::TraceState state = trace::fold(rec, rec.size() / 2);
        const trace::TraceState end = trace::fold(rec, rec.size());
        EventLoopView loop;
        TimelineView timeline;
        QueueView queue;
        SemaphoreView semaphore;
        BucketView bucket;
        PoolView pool;
        ConsoleView console;
        QWidget area;
        DeadlockOverlay overlay(&area);
        const lessons::Lesson &lesson = *r->lesson;
        pool.setPoolQueue(QString::fromStdString(lesson.pool_queue),
                          lesson.pool_size_parameter.empty() ? 0 : lessons::defaults(lesson).integer(lesson.pool_size_parameter));
        timeline.setRecorder(&rec);
        const std::vector<TraceView *> views = {&loop, &timeline, &queue, &semaphore, &bucket, &pool, &console, &overlay};
        for (TraceView *v : views) {
            v->setAnimated(false);
            v->setState(v == &overlay ? end : state, nullptr);
            if (!v->hasContent()) continue;
            if (v == &overlay) {
                area.resize(600, 300);
            }
            const QImage image = v == &overlay ? area.grab().toImage() : renderView(*v);
            QVERIFY2(hasContentPixels(image), qPrintable(r->label() + " " + v->objectName()));
            const QString name = QStringLiteral("%1/%2%3_%4.png")
                                     .arg(dir, QString::fromStdString(lesson.id), r->pitfall ? QStringLiteral("_pitfall") : QString(),
                                          v->objectName());
            QVERIFY(image.save(name));
            ++written;
        }
    }
    QVERIFY(written >= 20);

    // And each lesson at its busiest moment (most tasks in lines), for a person to look at.
    for (const auto &r : m_runs) {
        const trace::Recorder &rec = *r->run.recorder;
        trace::StateSeeker seeker(rec);
        std::size_t best = 0, bestCrowd = 0;
        for (std::size_t at = 0; at <= rec.size(); at += std::max<std::size_t>(1, rec.size() / 60)) {
            const trace::TraceState &s = seeker.seek(at);
            std::size_t crowd = s.ready().size();
            for (const trace::ObjectInfo &o : s.objects())
                crowd += o.getters.size() + o.putters.size() + o.waiters.size() + o.holders.size() + o.joiners.size() + o.items.size();
            if (crowd > bestCrowd) {
                bestCrowd = crowd;
                best = at;
            }
        }
        const trace::TraceState &state = seeker.seek(best);
        EventLoopView loop;
        QueueView queue;
        SemaphoreView semaphore;
        BucketView bucket;
        for (TraceView *v : std::vector<TraceView *>{&loop, &queue, &semaphore, &bucket}) {
            v->setAnimated(false);
            v->setState(state, nullptr);
            if (!v->hasContent()) continue;
            const QImage image = renderView(*v);
            QVERIFY(hasContentPixels(image));
            image.save(QStringLiteral("%1/busy_%2%3_%4.png")
                           .arg(dir, QString::fromStdString(r->lesson->id), r->pitfall ? QStringLiteral("_pitfall") : QString(),
                                v->objectName()));
            // The smallest size a layout offers it must still draw readably.
            const QImage small = renderView(*v, v->minimumSizeHint());
            QVERIFY(hasContentPixels(small));
            small.save(QStringLiteral("%1/small_%2%3_%4.png")
                           .arg(dir, QString::fromStdString(r->lesson->id), r->pitfall ? QStringLiteral("_pitfall") : QString(),
                                v->objectName()));
        }
    }
}

void TestViews::dark()
{
    const QPalette palette = darkPalette();
    const QString dir = QStringLiteral(VIEWS_GALLERY_DIR);
    QVERIFY(QDir().mkpath(dir));
    for (const auto &r : m_runs) {
        if (r->pitfall) continue;
        const trace::Recorder &rec = *r->run.recorder;
        const trace::TraceState state = trace::fold(rec, rec.size() / 2);
        EventLoopView loop;
        TimelineView timeline;
        QueueView queue;
        SemaphoreView semaphore;
        BucketView bucket;
        ConsoleView console;
        timeline.setRecorder(&rec);
        for (TraceView *v : std::vector<TraceView *>{&loop, &timeline, &queue, &semaphore, &bucket, &console}) {
            v->setPalette(palette);
            v->setAnimated(false);
            v->setState(state, nullptr);
            if (!v->hasContent()) continue;
            const QImage image = renderView(*v);
            const QColor corner = image.pixelColor(1, image.height() - 2);
            QVERIFY2(corner.lightnessF() < 0.3, qPrintable(r->label() + " " + v->objectName() + " " + corner.name()));
            QVERIFY(hasContentPixels(image));
            if (r->lesson->id == "queues") image.save(QStringLiteral("%1/dark_%2.png").arg(dir, v->objectName()));
        }
    }
}

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    std::setlocale(LC_NUMERIC, "C");
    TestViews test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_views.moc"
