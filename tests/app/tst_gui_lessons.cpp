#include "player/LessonSession.h"
#include "widgets/SettingsKeys.h"
#include "window/MainWindow.h"
#include "player/Player.h"
#include "views/TraceView.h"

// moc reads this file for its Q_OBJECT and cannot parse the C++20 the lessons use.
#ifndef Q_MOC_RUN
#include <lessons/lesson.hpp>
#include <trace/recorder.hpp>
#include <trace/trace_state.hpp>
#endif

#include <QAbstractButton>
#include <QAction>
#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QSet>
#include <QSettings>
#include <QSlider>
#include <QStandardPaths>
#include <QStyle>
#include <QStyleOptionButton>
#include <QTemporaryDir>
#include <QTest>

#include <clocale>
#include <functional>
#include <memory>
#include <type_traits>

// Helpers check with QVERIFY too; a failure there only leaves the helper, so the test
// function leaves right after it.
#define CHECKED(call)                        \
    do {                                     \
        call;                                \
        if (QTest::currentTestFailed())      \
            return;                          \
    } while (false)

// The real main window, offscreen, driven like a learner drives it (clicks and keys) for
// every lesson that can run. What the views show is compared with the TraceState folded
// independently from the recorder, at several points of each run.
class TestGuiLessons : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<MainWindow> m_window;

    // --- the lessons ---------------------------------------------------------------

    static void addLessonRows()
    {
        QTest::addColumn<QString>("lesson");
        int rows = 0;
        for (const lessons::Lesson *lesson : lessons::registry()) {
            if (lesson->placeholder)
                continue;
            QTest::newRow(lesson->id.c_str()) << QString::fromStdString(lesson->id);
            ++rows;
        }
        QVERIFY2(rows > 0, "no lesson to test");
    }

    static const lessons::Lesson &lessonOf(const QString &id)
    {
        const lessons::Lesson *lesson = lessons::find(id.toStdString());
        Q_ASSERT(lesson);
        return *lesson;
    }

    // --- the window's parts ------------------------------------------------------------

    // The widget of that name; the shown one if several exist (the panels of the lesson
    // before may wait for their deferred deletion).
    template<typename T>
    T *child(const char *name) const
    {
        const QList<T *> all = m_window->findChildren<T *>(QLatin1String(name));
        if constexpr (std::is_base_of_v<QWidget, T>) {
            for (T *widget : all) {
                if (widget->isVisibleTo(m_window.get()))
                    return widget;
            }
        }
        return all.value(0);
    }

    // Every text the parameter panel shows (labels, check boxes, buttons).
    QString parameterPanelTexts() const
    {
        QStringList texts;
        if (auto *panel = child<QWidget>("parameterPanel")) {
            for (QLabel *label : panel->findChildren<QLabel *>())
                texts << label->text();
            for (QAbstractButton *button : panel->findChildren<QAbstractButton *>())
                texts << button->text() << button->accessibleName();
        }
        return texts.join(QLatin1Char('\n'));
    }

    QListWidget *lessonList() const { return child<QListWidget>("lessonList"); }
    Player *player() const { return m_window->player(); }
    LessonSession *session() const { return m_window->session(); }

    // The row of a lesson in the list: rows follow the curriculum, placeholders included.
    static int rowOf(const QString &id)
    {
        const auto &all = lessons::registry();
        for (std::size_t i = 0; i < all.size(); ++i) {
            if (QString::fromStdString(all[i]->id) == id)
                return static_cast<int>(i);
        }
        return -1;
    }

    // Opens the lesson as a learner does: a click on its row.
    bool clickLesson(const QString &id)
    {
        QListWidget *list = lessonList();
        if (!list)
            return false;
        QListWidgetItem *item = list->item(rowOf(id));
        if (!item)
            return false;
        list->scrollToItem(item);
        const QPoint centre = list->visualItemRect(item).center();
        QTest::mouseClick(list->viewport(), Qt::LeftButton, Qt::NoModifier, centre);
        return QTest::qWaitFor([&] { return m_window->currentLessonId() == id; }, 5000);
    }

    // Opens the lesson by a click and leaves the keyboard focus where the player keys work.
    void open(const QString &id)
    {
        QVERIFY2(clickLesson(id), qPrintable(QStringLiteral("clicking the row of %1 did not open it").arg(id)));
        // Widgets added to a shown window show on a queued call: let the lesson's panels appear.
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents();
        QVERIFY(session()->hasRun());
        QVERIFY(player()->length() > 0);
        CHECKED(focusList());
    }

    void focusList()
    {
        lessonList()->setFocus(Qt::OtherFocusReason);
        QTRY_VERIFY(lessonList()->hasFocus());
    }

    void key(int key, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
    {
        QTest::keyClick(m_window.get(), static_cast<Qt::Key>(key), modifiers);
    }

    // The views that show something in this lesson, by object name.
    QList<TraceView *> visibleViews() const
    {
        QList<TraceView *> views;
        for (TraceView *view : m_window->findChildren<TraceView *>()) {
            if (view->isVisibleTo(m_window.get()) && !view->objectName().isEmpty())
                views.append(view);
        }
        return views;
    }

    TraceView *view(const char *name) const { return child<TraceView>(name); }

    // Every visible view's description, for comparing two moments of the player.
    QString describeAll() const
    {
        QStringList parts;
        for (TraceView *v : visibleViews())
            parts << v->objectName() + QLatin1Char('\n') + v->describe();
        parts.sort();
        return parts.join(QStringLiteral("\n--\n"));
    }

    // --- the run -----------------------------------------------------------------------------

    // A fingerprint of the current run's events: equal traces give equal fingerprints.
    QString traceFingerprint() const
    {
        const trace::Recorder &recorder = session()->recorder();
        QByteArray bytes;
        for (const aio::TraceEvent &e : recorder) {
            bytes += QByteArray::number(int(e.kind)) + ' ' + QByteArray::number(e.task) + ' '
                     + QByteArray::number(qlonglong(e.time_ns)) + ' ' + QByteArray::number(qlonglong(e.value)) + ' '
                     + QByteArray::fromStdString(e.text) + '\n';
        }
        return QString::number(recorder.size()) + QLatin1Char(':') + QString::number(qHash(bytes), 16);
    }

    // Cursor positions between two loop iterations: 0, the end, and every n whose events
    // n-1 and n belong to different iterations.
    bool isIterationBoundary(std::size_t n) const
    {
        const trace::Recorder &recorder = session()->recorder();
        if (n == 0 || n >= recorder.size())
            return true;
        return recorder[n - 1].iteration != recorder[n].iteration;
    }

    // --- what the views must show ---------------------------------------------------------

    static QString text(std::string_view view) { return QString::fromUtf8(view.data(), qsizetype(view.size())); }

    static QString taskName(const trace::TraceState &state, std::uint32_t id)
    {
        if (id == 0)
            return QStringLiteral("-");
        const trace::TaskInfo *task = state.task(id);
        if (!task || task->name.empty())
            return QStringLiteral("#%1").arg(id);
        return text(task->name);
    }

    template<typename Ids>
    static QString names(const trace::TraceState &state, const Ids &ids)
    {
        QStringList list;
        for (std::uint32_t id : ids)
            list << taskName(state, id);
        return list.isEmpty() ? QStringLiteral("-") : list.join(QStringLiteral(", "));
    }

    static QString objectName(const trace::ObjectInfo &object)
    {
        return object.name.empty() ? QStringLiteral("#%1").arg(object.id) : text(object.name);
    }

    static QString seconds(std::int64_t ns) { return QString::number(double(ns) / 1e9, 'f', 3) + QStringLiteral(" s"); }

    // Lines the event loop view must list for `state`.
    static QStringList eventLoopFacts(const trace::TraceState &state)
    {
        QStringList facts;
        facts << QStringLiteral("time: %1").arg(seconds(state.time_ns()));
        facts << QStringLiteral("iteration: %1").arg(state.iteration());
        facts << QStringLiteral("running: %1").arg(taskName(state, state.running()));
        facts << QStringLiteral("ready: %1").arg(names(state, state.ready()));
        const std::vector<trace::TimerInfo> timers = state.pending_timers();
        facts << QStringLiteral("timers: %1").arg(timers.size());
        for (const trace::TimerInfo &timer : timers)
            facts << QStringLiteral("timer %1: %2").arg(seconds(timer.deadline_ns), taskName(state, timer.owner));
        std::vector<std::uint32_t> finished;
        for (const trace::TaskInfo &task : state.tasks()) {
            if (task.finished())
                finished.push_back(task.id);
        }
        facts << QStringLiteral("finished: %1").arg(names(state, finished));
        return facts;
    }

    // The queue view's whole description. The pool's queue (`ignored`) is the pool view's.
    static QStringList queueFacts(const trace::TraceState &state, const QString &ignored)
    {
        QStringList facts;
        for (const trace::ObjectInfo &object : state.objects()) {
            if (!object.is_queue() || (!ignored.isEmpty() && objectName(object) == ignored))
                continue;
            QStringList items;
            for (std::string_view item : object.items)
                items << text(item);
            const QString size = object.capacity > 0 ? QString::number(object.capacity) : QStringLiteral("∞");
            facts << QStringLiteral("queue %1 [%2/%3]: %4 | putters: %5 | getters: %6 | joiners: %7 | unfinished: %8")
                         .arg(objectName(object))
                         .arg(items.size())
                         .arg(size, items.isEmpty() ? QStringLiteral("-") : items.join(QStringLiteral(", ")),
                              names(state, object.putters), names(state, object.getters),
                              names(state, object.joiners))
                         .arg(object.unfinished);
        }
        if (facts.isEmpty())
            facts << QStringLiteral("no queues");
        return facts;
    }

    static QStringList semaphoreFacts(const trace::TraceState &state)
    {
        QStringList facts;
        for (const trace::ObjectInfo &object : state.objects()) {
            QString head;
            if (object.kind == aio::ObjectKind::Lock)
                head = QStringLiteral("lock %1 [%2]").arg(objectName(object),
                                                          object.holders.empty() ? QStringLiteral("free")
                                                                                 : QStringLiteral("held"));
            else if (object.is_semaphore())
                head = QStringLiteral("semaphore %1 [%2 free/%3]")
                           .arg(objectName(object))
                           .arg(object.free_permits)
                           .arg(object.capacity);
            else
                continue;
            facts << QStringLiteral("%1: holders: %2 | waiters: %3")
                         .arg(head, names(state, object.holders), names(state, object.waiters));
        }
        if (facts.isEmpty())
            facts << QStringLiteral("no semaphores");
        return facts;
    }

    static QStringList bucketFacts(const trace::TraceState &state)
    {
        QStringList facts;
        for (const trace::ObjectInfo &object : state.objects()) {
            if (object.kind != aio::ObjectKind::Bucket)
                continue;
            const QString name = objectName(object);
            const QString level = text(object.level).trimmed();
            facts << QStringLiteral("bucket %1: level %2/%3 | taken: %4 | waiters: %5")
                         .arg(name, level.isEmpty() ? QStringLiteral("full") : level)
                         .arg(object.capacity)
                         .arg(object.tokens_taken)
                         .arg(names(state, object.waiters));
        }
        if (facts.isEmpty())
            facts << QStringLiteral("no buckets");
        return facts;
    }

    // The pool: connections idle (items of the lesson's pool queue) and busy, acquirers waiting.
    static QStringList poolFacts(const trace::TraceState &state, const QString &queueName, int size)
    {
        for (const trace::ObjectInfo &object : state.objects()) {
            if (!object.is_queue() || text(object.name) != queueName)
                continue;
            const int idle = int(object.items.size());
            return {QStringLiteral("pool %1: size %2 | idle %3 | not idle %4 | waiting: %5")
                        .arg(queueName)
                        .arg(size)
                        .arg(idle)
                        .arg(std::max(0, size - idle))
                        .arg(names(state, object.getters))};
        }
        return {QStringLiteral("no pool")};
    }

    // The console: every log line up to the cursor, with its time and task.
    static QStringList consoleFacts(const trace::TraceState &state)
    {
        QStringList facts;
        facts << QStringLiteral("lines: %1").arg(state.log().size());
        for (const trace::LogLine &line : state.log())
            facts << QStringLiteral("[%1] %2: %3")
                         .arg(seconds(line.time_ns), line.task ? taskName(state, line.task) : QStringLiteral("-"),
                              text(line.text));
        return facts;
    }

    static bool hasObject(const trace::TraceState &state, const std::function<bool(const trace::ObjectInfo &)> &match)
    {
        for (const trace::ObjectInfo &object : state.objects()) {
            if (match(object))
                return true;
        }
        return false;
    }

    // Compares what each view shows at the player's cursor with the state folded from the
    // recorder on its own. `where` names the moment in failure messages.
    void checkViewsAgainstState(const QString &where)
    {
        const trace::TraceState expected = trace::fold(session()->recorder(), player()->cursor());
        QVERIFY2(expected == player()->state(), qPrintable(where + QStringLiteral(": the player's state differs from fold()")));

        const auto requireLines = [&](const char *name, const QStringList &facts) {
            TraceView *v = view(name);
            QVERIFY2(v, name);
            const QStringList lines = v->describe().split(QLatin1Char('\n'));
            for (const QString &fact : facts) {
                QVERIFY2(lines.contains(fact),
                         qPrintable(QStringLiteral("%1, %2: expected the line\n  %3\nin\n%4")
                                        .arg(where, QLatin1String(name), fact, v->describe())));
            }
        };

        CHECKED(requireLines("eventLoopView", eventLoopFacts(expected)));
        TraceView *eventLoop = view("eventLoopView");
        QCOMPARE(eventLoop->describe().split(QLatin1Char('\n')).contains(QStringLiteral("ended")), expected.ended());

        // An object view shows when the run has its kind of object at any point (objects are
        // never forgotten, so the final state has them all), and then it shows exactly them.
        const trace::TraceState final = trace::fold(session()->recorder(), session()->recorder().size());
        const auto checkObjectView = [&](const char *name, bool expectedVisible, const QStringList &facts) {
            TraceView *v = view(name);
            QVERIFY2(v, name);
            QVERIFY2(v->isVisibleTo(m_window.get()) == expectedVisible,
                     qPrintable(QStringLiteral("%1: %2 should be %3").arg(where, QLatin1String(name),
                                                                          expectedVisible ? QStringLiteral("shown")
                                                                                          : QStringLiteral("hidden"))));
            if (expectedVisible)
                QCOMPARE(v->describe(), facts.join(QLatin1Char('\n')));
        };
        const lessons::Lesson *lesson = session()->lesson();
        const QString poolQueue = QString::fromStdString(lesson->pool_queue);
        const bool queues = hasObject(final, [&](const trace::ObjectInfo &o) {
            return o.is_queue() && (poolQueue.isEmpty() || objectName(o) != poolQueue);
        });
        const bool semaphores =
            hasObject(final, [](const trace::ObjectInfo &o) { return o.is_semaphore() || o.kind == aio::ObjectKind::Lock; });
        const bool buckets = hasObject(final, [](const trace::ObjectInfo &o) { return o.kind == aio::ObjectKind::Bucket; });
        CHECKED(checkObjectView("queueView", queues, queueFacts(expected, poolQueue)));
        CHECKED(checkObjectView("semaphoreView", semaphores, semaphoreFacts(expected)));
        CHECKED(checkObjectView("bucketView", buckets, bucketFacts(expected)));
        if (!poolQueue.isEmpty()) {
            const int size = int(session()->parameter(QString::fromStdString(lesson->pool_size_parameter)));
            CHECKED(checkObjectView("poolView", true, poolFacts(expected, poolQueue, size)));
        } else {
            CHECKED(checkObjectView("poolView", false, {}));
        }

        TraceView *console = view("consoleView");
        QVERIFY(console && console->isVisibleTo(m_window.get()));
        QCOMPARE(console->describe(), consoleFacts(expected).join(QLatin1Char('\n')));

        // The deadlock overlay shows exactly when the state holds the loop's deadlock report.
        TraceView *overlay = view("deadlockOverlay");
        QVERIFY(overlay);
        QCOMPARE(overlay->isVisibleTo(m_window.get()), !expected.deadlock().empty());
        if (!expected.deadlock().empty()) {
            const QStringList lines = overlay->describe().split(QLatin1Char('\n'));
            QCOMPARE(lines.value(0), QStringLiteral("deadlock: %1").arg(expected.deadlock().size()));
            for (std::size_t i = 0; i < expected.deadlock().size(); ++i)
                QVERIFY(lines.value(qsizetype(i) + 1).startsWith(taskName(expected, expected.deadlock()[i].task)
                                                               + QStringLiteral(" -> ")));
        }

        TraceView *timeline = view("timelineView");
        QVERIFY(timeline);
        QVERIFY2(timeline->describe().contains(QStringLiteral("cursor: %1 at %2").arg(player()->cursor()).arg(seconds(expected.time_ns()))),
                 qPrintable(where + QStringLiteral(": ") + timeline->describe()));
    }

    // Seeks with the keyboard (Home, then Right) to `target`, counting the keys pressed.
    void stepTo(std::size_t target)
    {
        key(Qt::Key_Home);
        QCOMPARE(player()->cursor(), std::size_t(0));
        for (std::size_t i = 0; i < target; ++i)
            key(Qt::Key_Right);
        QCOMPARE(player()->cursor(), target);
    }

private slots:
    void initTestCase()
    {
        // Settings go to a test location, emptied first, so no earlier run and no
        // learner's settings decide what the window shows.
        QStandardPaths::setTestModeEnabled(true);
        SettingsKeys::open().clear();
        // QApplication set LC_NUMERIC from the environment; the lessons format with vsnprintf.
        std::setlocale(LC_NUMERIC, "C");
    }

    void init()
    {
        m_window = std::make_unique<MainWindow>(nullptr, false);
        m_window->setAnimationsEnabled(false);
        m_window->setLanguage(QStringLiteral("en"));
        m_window->resize(1366, 768);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    }

    void cleanup()
    {
        m_window.reset();
    }

    void clickingARowOpensTheLesson_data() { addLessonRows(); }
    void clickingARowOpensTheLesson()
    {
        QFETCH(QString, lesson);
        QVERIFY(clickLesson(lesson));
        QCOMPARE(session()->lessonId(), lesson);
        QCOMPARE(lessonList()->currentRow(), rowOf(lesson));
        QVERIFY(lessonList()->currentItem()->text().contains(QString::fromStdString(lessonOf(lesson).title.en)));
        QCOMPARE(player()->cursor(), std::size_t(0));
        QVERIFY(!player()->playing());
        QVERIFY(!visibleViews().isEmpty());
    }

    void placeholderRowsDoNotOpen()
    {
        for (const lessons::Lesson *lesson : lessons::registry()) {
            if (!lesson->placeholder)
                continue;
            QVERIFY(!m_window->openLesson(QString::fromStdString(lesson->id)));
            QVERIFY(!clickLesson(QString::fromStdString(lesson->id)));
        }
    }

    void spacePlaysToTheEnd_data() { addLessonRows(); }
    void spacePlaysToTheEnd()
    {
        QFETCH(QString, lesson);
        CHECKED(open(lesson));

        // Fastest speed through the speed box, as the learner sets it.
        auto *speed = child<QDoubleSpinBox>("speedBox");
        QVERIFY(speed);
        speed->setValue(speed->maximum());
        QCOMPARE(player()->speed(), Player::maxSpeed);
        CHECKED(focusList());

        key(Qt::Key_Space);
        QVERIFY(player()->playing());
        QTRY_VERIFY_WITH_TIMEOUT(player()->cursor() == player()->length(), 120000);
        QTRY_VERIFY(!player()->playing());
        CHECKED(checkViewsAgainstState(QStringLiteral("after playing")));

        // Space at the end plays again from the start.
        key(Qt::Key_Space);
        QVERIFY(player()->playing());
        QVERIFY(player()->cursor() < player()->length());
        key(Qt::Key_Space);
        QVERIFY(!player()->playing());
    }

    void endAndHomeJump_data() { addLessonRows(); }
    void endAndHomeJump()
    {
        QFETCH(QString, lesson);
        CHECKED(open(lesson));
        key(Qt::Key_End);
        QCOMPARE(player()->cursor(), player()->length());
        QVERIFY(player()->state().ended());
        CHECKED(checkViewsAgainstState(QStringLiteral("at the end")));
        key(Qt::Key_Home);
        QCOMPARE(player()->cursor(), std::size_t(0));
        CHECKED(checkViewsAgainstState(QStringLiteral("at the start")));
    }

    // From the end, Left steps back one event at a time: as many steps as the run has events,
    // and each step back shows exactly what the step forward had shown.
    void leftStepsBackToTheStart_data() { addLessonRows(); }
    void leftStepsBackToTheStart()
    {
        QFETCH(QString, lesson);
        CHECKED(open(lesson));
        const std::size_t length = player()->length();

        QStringList forward;
        forward << describeAll();
        for (std::size_t i = 0; i < length; ++i) {
            key(Qt::Key_Right);
            forward << describeAll();
        }
        QCOMPARE(player()->cursor(), length);
        key(Qt::Key_Right); // at the end: stays
        QCOMPARE(player()->cursor(), length);

        std::size_t steps = 0;
        while (player()->cursor() > 0 && steps <= length) {
            key(Qt::Key_Left);
            ++steps;
            const std::size_t at = player()->cursor();
            if (describeAll() != forward.at(qsizetype(at)))
                QFAIL(qPrintable(QStringLiteral("at %1 going back the views show\n%2\ngoing forward they showed\n%3")
                                     .arg(at)
                                     .arg(describeAll(), forward.at(qsizetype(at)))));
        }
        QCOMPARE(steps, length);
        QCOMPARE(player()->cursor(), std::size_t(0));
    }

    void viewsMatchTheTraceState_data() { addLessonRows(); }
    void viewsMatchTheTraceState()
    {
        QFETCH(QString, lesson);
        CHECKED(open(lesson));
        const std::size_t length = player()->length();
        for (const std::size_t cursor : {std::size_t(0), length / 4, length / 2, 3 * length / 4, length}) {
            CHECKED(stepTo(cursor));
            CHECKED(checkViewsAgainstState(QStringLiteral("cursor %1 of %2").arg(cursor).arg(length)));
        }
    }

    void shiftArrowsJumpBetweenIterations_data() { addLessonRows(); }
    void shiftArrowsJumpBetweenIterations()
    {
        QFETCH(QString, lesson);
        CHECKED(open(lesson));
        const std::size_t length = player()->length();

        // Forward from the start to the end, boundary by boundary, none skipped.
        std::size_t jumps = 0;
        while (player()->cursor() < length && jumps <= length) {
            const std::size_t from = player()->cursor();
            key(Qt::Key_Right, Qt::ShiftModifier);
            const std::size_t to = player()->cursor();
            QVERIFY2(to > from, qPrintable(QStringLiteral("Shift+Right stayed at %1").arg(from)));
            QVERIFY2(isIterationBoundary(to), qPrintable(QStringLiteral("%1 is no iteration boundary").arg(to)));
            for (std::size_t n = from + 1; n < to; ++n)
                QVERIFY2(!isIterationBoundary(n), qPrintable(QStringLiteral("skipped the boundary %1").arg(n)));
            ++jumps;
        }
        QVERIFY(jumps >= 2);

        // And back, landing on each boundary again.
        std::size_t back = 0;
        while (player()->cursor() > 0 && back <= length) {
            const std::size_t from = player()->cursor();
            key(Qt::Key_Left, Qt::ShiftModifier);
            const std::size_t to = player()->cursor();
            QVERIFY(to < from);
            QVERIFY(isIterationBoundary(to));
            for (std::size_t n = to + 1; n < from; ++n)
                QVERIFY(!isIterationBoundary(n));
            ++back;
        }
        QCOMPARE(back, jumps);
    }

    // Every parameter slider re-runs the scenario; at least one of them changes the trace,
    // and the cursor keeps its place in the run.
    void slidersReRunTheScenario_data() { addLessonRows(); }
    void slidersReRunTheScenario()
    {
        QFETCH(QString, lesson);
        CHECKED(open(lesson));
        const lessons::Lesson &description = lessonOf(lesson);
        QVERIFY(!description.parameters.empty());

        player()->seekFraction(0.5);
        int changedTraces = 0;
        for (const lessons::Parameter &parameter : description.parameters) {
            const QString id = QString::fromStdString(parameter.id);
            auto *slider = child<QSlider>(qPrintable(QStringLiteral("param_") + id));
            QVERIFY2(slider, qPrintable(QStringLiteral("no slider param_") + id));
            QTRY_VERIFY(slider->isVisibleTo(m_window.get()));

            const int runs = session()->runCount();
            const QString before = traceFingerprint();
            const double value = session()->parameter(id);
            const double fraction = player()->fraction();

            // A key press on the focused slider, as a learner moves it: up unless at the top.
            slider->setFocus(Qt::OtherFocusReason);
            QTRY_VERIFY(slider->hasFocus());
            const bool atTop = slider->value() == slider->maximum();
            QTest::keyClick(slider, atTop ? Qt::Key_Left : Qt::Key_Right);

            QVERIFY2(session()->parameter(id) != value, qPrintable(id + QStringLiteral(" did not change")));
            QVERIFY2(session()->runCount() > runs, qPrintable(id + QStringLiteral(" did not re-run")));
            if (traceFingerprint() != before)
                ++changedTraces;
            // The same place in the run, give or take one event of the new trace.
            QVERIFY2(qAbs(player()->fraction() - fraction) <= 1.0 / double(player()->length()) + 1e-9,
                     qPrintable(QStringLiteral("%1: fraction %2 became %3").arg(id).arg(fraction).arg(player()->fraction())));
            CHECKED(focusList());
            CHECKED(checkViewsAgainstState(QStringLiteral("after moving %1").arg(id)));
        }
        QVERIFY2(changedTraces > 0, "no slider changed the trace");

        // Reset brings the defaults and their trace back.
        auto *reset = child<QAbstractButton>("resetButton");
        QVERIFY(reset);
        const int runs = session()->runCount();
        reset->click();
        QVERIFY(session()->runCount() > runs);
        for (const lessons::Parameter &parameter : description.parameters)
            QCOMPARE(session()->parameter(QString::fromStdString(parameter.id)), parameter.default_value);
    }

    void pitfallSwitchChangesTheRun_data() { addLessonRows(); }
    void pitfallSwitchChangesTheRun()
    {
        QFETCH(QString, lesson);
        CHECKED(open(lesson));
        auto *pitfall = child<QCheckBox>("pitfallSwitch");
        if (!lessonOf(lesson).has_pitfall) {
            QVERIFY(!pitfall || !pitfall->isVisibleTo(m_window.get()));
            return;
        }
        QVERIFY(pitfall);
        QVERIFY(pitfall->isVisibleTo(m_window.get()));
        QVERIFY(!pitfall->isChecked());
        // What the pitfall is, in the lesson's words, beside the switch.
        QVERIFY2(parameterPanelTexts().contains(QString::fromStdString(lessonOf(lesson).pitfall.en)),
                 qPrintable(parameterPanelTexts()));

        const int runs = session()->runCount();
        const QString before = traceFingerprint();
        // A click on the box itself (the switch may be wider than its box).
        QStyleOptionButton option;
        option.initFrom(pitfall);
        const QRect box = pitfall->style()->subElementRect(QStyle::SE_CheckBoxIndicator, &option, pitfall);
        QTest::mouseClick(pitfall, Qt::LeftButton, Qt::NoModifier, box.center());
        QVERIFY(pitfall->isChecked());
        QVERIFY(session()->pitfall());
        QVERIFY(session()->runCount() > runs);
        QVERIFY2(traceFingerprint() != before, "the pitfall left the trace as it was");

        CHECKED(focusList());
        key(Qt::Key_End);
        CHECKED(checkViewsAgainstState(QStringLiteral("pitfall, at the end")));
        // A deadlock shows its overlay.
        if (session()->run().deadlock) {
            TraceView *overlay = view("deadlockOverlay");
            QVERIFY(overlay);
            QVERIFY(overlay->isVisibleTo(m_window.get()));
        }

        // And back with the keyboard: Space on the focused switch.
        pitfall->setFocus(Qt::OtherFocusReason);
        QTRY_VERIFY(pitfall->hasFocus());
        QTest::keyClick(pitfall, Qt::Key_Space);
        QVERIFY(!pitfall->isChecked());
        QVERIFY(!session()->pitfall());
        QCOMPARE(traceFingerprint(), before);
    }

    void languageSwitchChangesTheTexts_data() { addLessonRows(); }
    void languageSwitchChangesTheTexts()
    {
        QFETCH(QString, lesson);
        CHECKED(open(lesson));
        const lessons::Lesson &description = lessonOf(lesson);
        QListWidgetItem *row = lessonList()->item(rowOf(lesson));
        QVERIFY(row);

        const auto menuTitles = [this] {
            QStringList titles;
            for (QAction *action : m_window->menuBar()->actions())
                titles << action->text();
            return titles;
        };
        const QStringList englishMenus = menuTitles();
        const QString englishRow = row->text();
        QVERIFY2(englishRow.contains(QString::fromStdString(description.title.en)), qPrintable(englishRow));

        auto *german = child<QAction>("lang_de");
        auto *english = child<QAction>("lang_en");
        QVERIFY(german && english);
        german->trigger();
        QCOMPARE(m_window->language(), QStringLiteral("de"));
        QTRY_VERIFY2(row->text().contains(QString::fromStdString(description.title.de)), qPrintable(row->text()));
        if (description.title.de != description.title.en)
            QVERIFY(row->text() != englishRow);
        QTRY_VERIFY(menuTitles() != englishMenus);
        QVERIFY(german->isChecked());
        // The session keeps its lesson and run.
        QCOMPARE(m_window->currentLessonId(), lesson);

        english->trigger();
        QCOMPARE(m_window->language(), QStringLiteral("en"));
        QTRY_COMPARE(row->text(), englishRow);
        QTRY_COMPARE(menuTitles(), englishMenus);
    }

    void exportsWriteUsableFiles_data() { addLessonRows(); }
    void exportsWriteUsableFiles()
    {
        QFETCH(QString, lesson);
        CHECKED(open(lesson));
        player()->seekFraction(0.5);
        QTemporaryDir folder;
        QVERIFY(folder.isValid());

        const QString png = folder.filePath(QStringLiteral("view.png"));
        QVERIFY(m_window->exportViewPng(png));
        QImage image;
        QVERIFY(image.load(png));
        QVERIFY(image.width() > 100 && image.height() > 100);
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 4) {
            for (int x = 0; x < image.width(); x += 4)
                colours.insert(image.pixel(x, y));
        }
        QVERIFY2(colours.size() > 10, qPrintable(QStringLiteral("%1 colours").arg(colours.size())));

        const QString json = folder.filePath(QStringLiteral("trace.json"));
        QVERIFY(m_window->exportChromeTrace(json));
        QFile jsonFile(json);
        QVERIFY(jsonFile.open(QIODevice::ReadOnly));
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(jsonFile.readAll(), &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        const QJsonArray events = document.object().value(QStringLiteral("traceEvents")).toArray();
        QVERIFY(!events.isEmpty());

        const QString log = folder.filePath(QStringLiteral("trace.log"));
        QVERIFY(m_window->exportTextLog(log));
        QFile logFile(log);
        QVERIFY(logFile.open(QIODevice::ReadOnly));
        const QByteArray logText = logFile.readAll();
        QVERIFY(!logText.isEmpty());
        QVERIFY(logText.count('\n') >= 1);

        // A target that cannot be written fails and leaves nothing behind.
        const QString nowhere = folder.filePath(QStringLiteral("missing/trace.json"));
        QVERIFY(!m_window->exportChromeTrace(nowhere));
        QVERIFY(!QFile::exists(nowhere));
    }
};

QTEST_MAIN(TestGuiLessons)
#include "tst_gui_lessons.moc"
