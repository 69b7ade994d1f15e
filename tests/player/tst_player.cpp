// The player model: a lesson session with its run, a cursor over the trace, the map
// between the Python and the C++ listing, and the sweep plot's data.
#include "player/CodeMap.h"
#include "player/LessonSession.h"
#include "player/Player.h"
#include "player/SweepRunner.h"

#ifndef Q_MOC_RUN  // see LessonSession.h
#include <lessons/param_input.hpp>
#endif
#include <trace/trace_state.hpp>

#include <QRegularExpression>
#include <QSignalSpy>
#include <QStringList>
#include <QTest>

#include <algorithm>
#include <clocale>
#include <cmath>
#include <set>
#include <string>
#include <vector>

namespace {

// Every lesson with a scenario, by id.
QStringList runnableLessons()
{
    QStringList ids;
    for (const lessons::Lesson *lesson : lessons::registry()) {
        if (!lesson->placeholder)
            ids << QString::fromStdString(lesson->id);
    }
    return ids;
}

void addLessonRows()
{
    QTest::addColumn<QString>("lessonId");
    for (const QString &id : runnableLessons())
        QTest::newRow(qPrintable(id)) << id;
}

// A cursor position between two loop iterations (or at either end of the run).
bool isIterationBoundary(const trace::Recorder &recorder, std::size_t n)
{
    return n == 0 || n == recorder.size() || recorder[n - 1].iteration != recorder[n].iteration;
}

int lineCount(const QString &text)
{
    return static_cast<int>(text.count(QLatin1Char('\n'))) + 1;
}

QString lineAt(const QString &text, int line)
{
    return text.split(QLatin1Char('\n')).value(line - 1);
}

}  // namespace

class TestPlayer : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    // LessonSession
    void sessionOpensALesson();
    void sessionRejectsUnknownAndPlaceholder();
    void sessionSetParameterReruns();
    void sessionSetParameterClampsAndRounds();
    void sessionPitfallAndReset();
    void sessionQuiz();

    // Player
    void stepBackShowsWhatStepForwardShowed_data() { addLessonRows(); }
    void stepBackShowsWhatStepForwardShowed();
    void seekEmitsOnlyOnChange();
    void currentEvents();
    void iterationJumpsLandOnBoundaries_data() { addLessonRows(); }
    void iterationJumpsLandOnBoundaries();
    void presentationTime();
    void rerunKeepsTheFraction();
    void playReachesTheEnd();
    void speedIsClamped();

    // CodeMap
    void stripTagsRemovesOnlyTags();
    void cppLineOfOwnScenario();
    void everyLessonIsTagged_data() { addLessonRows(); }
    void everyLessonIsTagged();
    void suspensionsMapToPython_data() { addLessonRows(); }
    void suspensionsMapToPython();

    // SweepRunner
    void sweepCoversTheRange_data() { addLessonRows(); }
    void sweepCoversTheRange();
    void sweepMatchesASingleRun();
};

void TestPlayer::initTestCase()
{
    // lessons::format prints numbers with vsnprintf: keep the C decimal point.
    std::setlocale(LC_NUMERIC, "C");
    QVERIFY(runnableLessons().size() >= 8);
}

// ---- LessonSession -------------------------------------------------------------------------

void TestPlayer::sessionOpensALesson()
{
    LessonSession session;
    QVERIFY(!session.hasRun());
    QStringList order;
    connect(&session, &LessonSession::paramsChanged, this, [&] { order << QStringLiteral("params"); });
    connect(&session, &LessonSession::runChanged, this, [&] { order << QStringLiteral("run"); });

    QVERIFY(session.open(QStringLiteral("queues")));
    QCOMPARE(session.lessonId(), QStringLiteral("queues"));
    QVERIFY(session.lesson() != nullptr);
    QVERIFY(session.hasRun());
    QCOMPARE(session.runCount(), 1);
    QCOMPARE(order, QStringList({QStringLiteral("params"), QStringLiteral("run")}));
    QVERIFY(!session.pitfall());
    QVERIFY(session.params().values == lessons::defaults(*session.lesson()).values);
    QCOMPARE(session.parameter(QStringLiteral("workers")), 2.0);

    // The run is the one lessons::run gives for the defaults, and the seeker reads it.
    const lessons::Run direct = lessons::run(*session.lesson(), lessons::defaults(*session.lesson()), false);
    QCOMPARE(session.run().log, direct.log);
    QCOMPARE(session.recorder().size(), direct.recorder->size());
    QCOMPARE(session.seeker().seek(session.recorder().size()).position(), session.recorder().size());
}

void TestPlayer::sessionRejectsUnknownAndPlaceholder()
{
    LessonSession session;
    QSignalSpy runs(&session, &LessonSession::runChanged);
    QVERIFY(!session.open(QStringLiteral("no-such-lesson")));
    QVERIFY(!session.hasRun());
    QVERIFY(session.lesson() == nullptr);
    QCOMPARE(runs.count(), 0);

    QVERIFY(session.open(QStringLiteral("event-loop")));
    QCOMPARE(runs.count(), 1);
    QVERIFY(!session.open(QString()));
    // A failed open leaves the open lesson as it was.
    QCOMPARE(session.lessonId(), QStringLiteral("event-loop"));
    QVERIFY(session.hasRun());

    QString placeholder;
    for (const lessons::Lesson *lesson : lessons::registry()) {
        if (lesson->placeholder)
            placeholder = QString::fromStdString(lesson->id);
    }
    if (placeholder.isEmpty())
        QSKIP("no placeholder lesson in the registry");
    QVERIFY(!session.open(placeholder));
    QCOMPARE(session.lessonId(), QStringLiteral("event-loop"));
    QCOMPARE(runs.count(), 1);
}

void TestPlayer::sessionSetParameterReruns()
{
    LessonSession session;
    QVERIFY(session.open(QStringLiteral("queues")));
    const std::string before = session.run().log;
    // Tasks in the trace: main and one per worker.
    const auto tasksIn = [](const trace::Recorder &recorder) {
        int n = 0;
        for (const aio::TraceEvent &e : recorder)
            n += e.kind == aio::TraceEventKind::TaskCreated ? 1 : 0;
        return n;
    };
    QCOMPARE(tasksIn(session.recorder()), 3);
    QStringList order;
    connect(&session, &LessonSession::paramsChanged, this, [&] { order << QStringLiteral("params"); });
    connect(&session, &LessonSession::runChanged, this, [&] { order << QStringLiteral("run"); });

    session.setParameter(QStringLiteral("workers"), 1);
    QCOMPARE(session.runCount(), 2);
    QCOMPARE(order, QStringList({QStringLiteral("params"), QStringLiteral("run")}));
    QCOMPARE(session.parameter(QStringLiteral("workers")), 1.0);
    QVERIFY(session.run().log != before);
    QCOMPARE(tasksIn(session.recorder()), 2);
    // One worker: six items of 0.5 s one after the other.
    QCOMPARE(session.run().end_time, 3.0);

    // The same value again: nothing to do.
    session.setParameter(QStringLiteral("workers"), 1);
    QCOMPARE(session.runCount(), 2);
    QCOMPARE(order.size(), 2);

    // An unknown parameter is ignored.
    session.setParameter(QStringLiteral("no_such_parameter"), 3);
    QCOMPARE(session.runCount(), 2);
    QCOMPARE(session.parameter(QStringLiteral("no_such_parameter")), 0.0);
}

void TestPlayer::sessionSetParameterClampsAndRounds()
{
    LessonSession session;
    QVERIFY(session.open(QStringLiteral("queues")));

    session.setParameter(QStringLiteral("workers"), 99);
    QCOMPARE(session.parameter(QStringLiteral("workers")), 4.0);
    session.setParameter(QStringLiteral("workers"), -5);
    QCOMPARE(session.parameter(QStringLiteral("workers")), 1.0);
    session.setParameter(QStringLiteral("workers"), 2.4);
    QCOMPARE(session.parameter(QStringLiteral("workers")), 2.0);
    QCOMPARE(session.runCount(), 4);

    // A fractional step: the value lands on min + k * step, exactly as the slider shows it.
    session.setParameter(QStringLiteral("work"), 0.34);
    QCOMPARE(session.parameter(QStringLiteral("work")), 0.3);
    session.setParameter(QStringLiteral("work"), 7.0);
    QCOMPARE(session.parameter(QStringLiteral("work")), 1.0);
    const int runs = session.runCount();
    // Rounds to the value it already has: no re-run.
    session.setParameter(QStringLiteral("work"), 0.98);
    QCOMPARE(session.runCount(), runs);
}

void TestPlayer::sessionPitfallAndReset()
{
    LessonSession session;
    QVERIFY(session.open(QStringLiteral("queues")));
    QSignalSpy runs(&session, &LessonSession::runChanged);
    QSignalSpy params(&session, &LessonSession::paramsChanged);

    session.setPitfall(true);
    QVERIFY(session.pitfall());
    QCOMPARE(runs.count(), 1);
    QCOMPARE(params.count(), 1);
    QVERIFY(session.run().deadlock);  // task_done() forgotten: join() never returns
    session.setPitfall(true);
    QCOMPARE(runs.count(), 1);

    session.setParameter(QStringLiteral("items"), 9);
    QCOMPARE(runs.count(), 2);
    session.resetToDefaults();
    QCOMPARE(runs.count(), 3);
    QCOMPARE(params.count(), 3);
    QVERIFY(!session.pitfall());
    QVERIFY(!session.run().deadlock);
    QVERIFY(session.params().values == lessons::defaults(*session.lesson()).values);
    // Already at the defaults: nothing to do.
    session.resetToDefaults();
    QCOMPARE(runs.count(), 3);
}

void TestPlayer::sessionQuiz()
{
    LessonSession session;
    QVERIFY(session.quiz().empty());
    QVERIFY(session.open(QStringLiteral("queues")));
    const std::vector<lessons::QuizQuestion> quiz = session.quiz();
    QVERIFY(!quiz.empty());
    const auto direct = session.lesson()->quiz(session.run(), session.params(), false);
    QCOMPARE(quiz.size(), direct.size());
    for (std::size_t i = 0; i < quiz.size(); ++i)
        QCOMPARE(quiz[i].answer, direct[i].answer);

    // With the pitfall the last question asks about the deadlock.
    session.setPitfall(true);
    const std::vector<lessons::QuizQuestion> pitfallQuiz = session.quiz();
    QVERIFY(!pitfallQuiz.empty());
    QVERIFY(pitfallQuiz.back().question.en != quiz.back().question.en);
}

// ---- Player --------------------------------------------------------------------------------

void TestPlayer::stepBackShowsWhatStepForwardShowed()
{
    QFETCH(QString, lessonId);
    for (bool pitfall : {false, true}) {
        LessonSession session;
        QVERIFY(session.open(lessonId));
        session.setPitfall(pitfall);
        Player player(&session);
        QSignalSpy cursors(&player, &Player::cursorChanged);
        const std::size_t length = player.length();
        QVERIFY(length > 0);
        QCOMPARE(player.cursor(), std::size_t(0));

        // Forward, one event at a time, each state checked against a fold of its own.
        std::vector<trace::TraceState> forward;
        forward.reserve(length + 1);
        trace::TraceState folded;
        forward.push_back(player.state());
        QVERIFY(forward.back() == folded);
        for (std::size_t n = 1; n <= length; ++n) {
            player.stepForward();
            QCOMPARE(player.cursor(), n);
            folded.apply(session.recorder()[n - 1]);
            forward.push_back(player.state());
            QVERIFY2(forward.back() == folded, qPrintable(QStringLiteral("cursor %1").arg(n)));
        }
        QCOMPARE(cursors.count(), static_cast<int>(length));
        player.stepForward();  // at the end: stays
        QCOMPARE(player.cursor(), length);
        QCOMPARE(cursors.count(), static_cast<int>(length));

        // Back again: exactly the same states.
        for (std::size_t n = length; n-- > 0;) {
            player.stepBack();
            QCOMPARE(player.cursor(), n);
            QVERIFY2(player.state() == forward[n], qPrintable(QStringLiteral("back at cursor %1").arg(n)));
        }
        player.stepBack();
        QCOMPARE(player.cursor(), std::size_t(0));

        // And scrubbing to any cursor shows the same state as stepping there.
        for (std::size_t n : {length / 2, std::size_t(1), length, length / 3}) {
            player.seek(n);
            QVERIFY(player.state() == forward[n]);
        }
    }
}

void TestPlayer::seekEmitsOnlyOnChange()
{
    LessonSession session;
    QVERIFY(session.open(QStringLiteral("tasks-gather")));
    Player player(&session);
    QSignalSpy cursors(&player, &Player::cursorChanged);
    player.seek(5);
    player.seek(5);
    QCOMPARE(cursors.count(), 1);
    QCOMPARE(cursors.at(0).at(0).value<std::size_t>(), std::size_t(5));
    player.seek(player.length() + 100);
    QCOMPARE(player.cursor(), player.length());
    QCOMPARE(player.fraction(), 1.0);
    player.toEnd();
    QCOMPARE(cursors.count(), 2);
    player.toStart();
    QCOMPARE(player.cursor(), std::size_t(0));
    player.seekFraction(0.5);
    QCOMPARE(player.cursor(), static_cast<std::size_t>(std::llround(0.5 * double(player.length()))));
    player.seekFraction(-3);
    QCOMPARE(player.cursor(), std::size_t(0));
    player.seekFraction(7);
    QCOMPARE(player.cursor(), player.length());
}

void TestPlayer::currentEvents()
{
    LessonSession session;
    QVERIFY(session.open(QStringLiteral("queues")));
    Player player(&session);
    QVERIFY(player.currentEvent() == nullptr);
    QVERIFY(player.currentLocatedEvent() == nullptr);
    const trace::Recorder &recorder = session.recorder();
    bool sawLocated = false;
    for (std::size_t n = 1; n <= player.length(); ++n) {
        player.seek(n);
        QVERIFY(player.currentEvent() == &recorder[n - 1]);
        const aio::TraceEvent *located = player.currentLocatedEvent();
        // The newest located event at or before the cursor.
        const aio::TraceEvent *expected = nullptr;
        for (std::size_t i = n; i-- > 0;) {
            if (recorder[i].file) {
                expected = &recorder[i];
                break;
            }
        }
        QVERIFY(located == expected);
        sawLocated = sawLocated || located != nullptr;
    }
    QVERIFY(sawLocated);
}

void TestPlayer::iterationJumpsLandOnBoundaries()
{
    QFETCH(QString, lessonId);
    LessonSession session;
    QVERIFY(session.open(lessonId));
    Player player(&session);
    const trace::Recorder &recorder = session.recorder();
    const std::size_t length = player.length();

    std::vector<std::size_t> boundaries;
    for (std::size_t n = 0; n <= length; ++n) {
        if (isIterationBoundary(recorder, n))
            boundaries.push_back(n);
    }
    QVERIFY(boundaries.size() >= 3);

    // Forward: every boundary, in order, none skipped.
    std::vector<std::size_t> visited{player.cursor()};
    while (player.cursor() < length) {
        player.nextIteration();
        visited.push_back(player.cursor());
        QVERIFY(visited.size() <= boundaries.size());
    }
    QVERIFY(visited == boundaries);
    player.nextIteration();
    QCOMPARE(player.cursor(), length);

    // Backward: the same boundaries in reverse.
    std::vector<std::size_t> back{player.cursor()};
    while (player.cursor() > 0) {
        player.previousIteration();
        back.push_back(player.cursor());
        QVERIFY(back.size() <= boundaries.size());
    }
    std::reverse(back.begin(), back.end());
    QVERIFY(back == boundaries);

    // From inside an iteration: back to its first event, forward to the next one's.
    for (std::size_t i = 0; i + 1 < boundaries.size(); ++i) {
        if (boundaries[i + 1] - boundaries[i] < 2)
            continue;
        player.seek(boundaries[i] + 1);
        player.nextIteration();
        QCOMPARE(player.cursor(), boundaries[i + 1]);
        player.seek(boundaries[i] + 1);
        player.previousIteration();
        QCOMPARE(player.cursor(), boundaries[i]);
    }
}

void TestPlayer::presentationTime()
{
    LessonSession session;
    QVERIFY(session.open(QStringLiteral("event-loop")));
    Player player(&session);
    std::set<std::uint64_t> iterations;
    for (const aio::TraceEvent &event : session.recorder())
        iterations.insert(event.iteration);
    // Virtual time plus one beat per change of loop iteration.
    const double expected = session.run().end_time
        - static_cast<double>(session.recorder().front().time_ns) / 1e9
        + static_cast<double>(iterations.size() - 1) * Player::beatSeconds();
    QVERIFY(std::abs(player.duration() - expected) < 1e-9);
    QVERIFY(player.duration() > session.run().end_time);
}

void TestPlayer::rerunKeepsTheFraction()
{
    LessonSession session;
    QVERIFY(session.open(QStringLiteral("queues")));
    Player player(&session);
    player.seekFraction(0.5);
    const double fraction = player.fraction();

    QStringList order;
    std::vector<std::size_t> cursors;
    connect(&player, &Player::runReplaced, this, [&] { order << QStringLiteral("replaced"); });
    connect(&player, &Player::cursorChanged, this, [&](std::size_t n) {
        order << QStringLiteral("cursor");
        cursors.push_back(n);
    });

    session.setParameter(QStringLiteral("items"), 10);
    QCOMPARE(order, QStringList({QStringLiteral("replaced"), QStringLiteral("cursor")}));
    QCOMPARE(player.length(), session.recorder().size());
    const auto expected = static_cast<std::size_t>(std::llround(fraction * double(player.length())));
    QCOMPARE(player.cursor(), expected);
    QCOMPARE(cursors.back(), expected);
    QVERIFY(player.state() == session.seeker().seek(expected));

    // A re-run always reports the cursor, even when its number stays (the trace is new).
    player.toEnd();
    order.clear();
    session.setParameter(QStringLiteral("work"), 0.2);  // same number of events, other times
    QCOMPARE(order, QStringList({QStringLiteral("replaced"), QStringLiteral("cursor")}));
    QCOMPARE(player.cursor(), player.length());
}

void TestPlayer::playReachesTheEnd()
{
    LessonSession session;
    QVERIFY(session.open(QStringLiteral("event-loop")));
    Player player(&session);
    QSignalSpy playing(&player, &Player::playingChanged);
    std::vector<std::size_t> cursors;
    connect(&player, &Player::cursorChanged, this, [&](std::size_t n) { cursors.push_back(n); });

    player.setSpeed(10);
    player.play();
    QVERIFY(player.playing());
    QTRY_VERIFY_WITH_TIMEOUT(!player.playing(), 60000);
    QCOMPARE(player.cursor(), player.length());
    QCOMPARE(playing.count(), 2);
    QCOMPARE(playing.at(0).at(0).toBool(), true);
    QCOMPARE(playing.at(1).at(0).toBool(), false);
    QVERIFY(!cursors.empty());
    QVERIFY(std::is_sorted(cursors.begin(), cursors.end()));
    QCOMPARE(cursors.back(), player.length());

    // Play at the end starts over; pause stops.
    cursors.clear();
    player.play();
    QVERIFY(player.playing());
    QCOMPARE(cursors.front(), std::size_t(0));
    player.pause();
    QVERIFY(!player.playing());
    QCOMPARE(playing.count(), 4);
    player.togglePlay();
    QVERIFY(player.playing());
    player.restart();
    QVERIFY(player.playing());
    QCOMPARE(player.cursor(), std::size_t(0));
    player.togglePlay();
    QVERIFY(!player.playing());
}

void TestPlayer::speedIsClamped()
{
    LessonSession session;
    Player player(&session);  // no lesson yet: an empty run
    QCOMPARE(player.length(), std::size_t(0));
    QCOMPARE(player.fraction(), 0.0);
    QVERIFY(player.currentEvent() == nullptr);
    player.play();
    QVERIFY(!player.playing());

    QSignalSpy speeds(&player, &Player::speedChanged);
    player.setSpeed(100);
    QCOMPARE(player.speed(), Player::maxSpeed);
    player.setSpeed(0);
    QCOMPARE(player.speed(), Player::minSpeed);
    player.setSpeed(Player::minSpeed);
    QCOMPARE(speeds.count(), 2);
    player.setSpeed(2.5);
    QCOMPARE(player.speed(), 2.5);
}

// ---- CodeMap -------------------------------------------------------------------------------

void TestPlayer::stripTagsRemovesOnlyTags()
{
    const QString hash = QStringLiteral("#");
    const QString slashes = QStringLiteral("//");
    QCOMPARE(CodeMap::stripTags(QStringLiteral("a = 1  # @x\nb\n"), hash), QStringLiteral("a = 1\nb\n"));
    QCOMPARE(CodeMap::stripTags(QStringLiteral("await q.put(i)  # backpressure  # @put"), hash),
             QStringLiteral("await q.put(i)  # backpressure"));
    // Not at the end of the line, or not a tag: kept.
    QCOMPARE(CodeMap::stripTags(QStringLiteral("s = '# @x' + y"), hash), QStringLiteral("s = '# @x' + y"));
    QCOMPARE(CodeMap::stripTags(QStringLiteral("x  # email me @ home"), hash), QStringLiteral("x  # email me @ home"));
    // Only the marker of the language.
    QCOMPARE(CodeMap::stripTags(QStringLiteral("co_await f();  # @x"), slashes), QStringLiteral("co_await f();  # @x"));
    QCOMPARE(CodeMap::stripTags(QStringLiteral("co_await f();  //  @get-1_b  \n}"), slashes),
             QStringLiteral("co_await f();\n}"));
    QCOMPARE(CodeMap::stripTags(QString(), slashes), QString());
}

void TestPlayer::cppLineOfOwnScenario()
{
    const lessons::Lesson *lesson = lessons::find("queues");
    QVERIFY(lesson);
    const CodeMap map(*lesson);
    aio::TraceEvent event;
    event.line = 15;
    QCOMPARE(map.cppLineOf(event), 0);  // no file
    event.file = "/src/dirigent/lessons/queues/scenario.cpp";
    QCOMPARE(map.cppLineOf(event), 15);
    event.file = "queues/scenario.cpp";
    QCOMPARE(map.cppLineOf(event), 15);
    event.file = "/src/dirigent/lessons/queues/lesson.cpp";
    QCOMPARE(map.cppLineOf(event), 0);
    event.file = "/src/dirigent/lessons/semaphores/scenario.cpp";
    QCOMPARE(map.cppLineOf(event), 0);
    event.file = "/src/dirigent/lessons/myqueues/scenario.cpp";
    QCOMPARE(map.cppLineOf(event), 0);
    event.file = "/src/dirigent/core/aio/include/aio/queue.hpp";
    QCOMPARE(map.cppLineOf(event), 0);

    QCOMPARE(CodeMap().cppLineOf(event), 0);
    QCOMPARE(CodeMap().pythonLineForCppLine(15), 0);
}

void TestPlayer::everyLessonIsTagged()
{
    QFETCH(QString, lessonId);
    const lessons::Lesson *lesson = lessons::find(lessonId.toStdString());
    QVERIFY(lesson);
    const CodeMap map(*lesson);
    const QString python = QString::fromUtf8(lesson->python_source.data(), qsizetype(lesson->python_source.size()));
    const QString cpp = QString::fromUtf8(lesson->cpp_source.data(), qsizetype(lesson->cpp_source.size()));

    QVERIFY2(map.cppTags().size() >= 3, qPrintable(map.cppTags().join(u' ')));
    const QStringList pythonTags = map.pythonTags();
    for (const QString &tag : map.cppTags())
        QVERIFY2(pythonTags.contains(tag), qPrintable(QStringLiteral("C++ tag @%1 has no Python twin").arg(tag)));

    // Stripped: no tag left, every line where it was.
    QCOMPARE(lineCount(map.pythonText()), lineCount(python));
    QCOMPARE(lineCount(map.cppText()), lineCount(cpp));
    const QRegularExpression leftover(QStringLiteral("(#|//)\\s*@[A-Za-z0-9_-]+\\s*$"),
                                      QRegularExpression::MultilineOption);
    QVERIFY(!map.pythonText().contains(leftover));
    QVERIFY(!map.cppText().contains(leftover));
    QVERIFY(python.contains(leftover));

    // Each tagged C++ line maps to a Python line that had the same tag; untagged lines to nothing.
    int mapped = 0;
    for (int line = 1; line <= lineCount(cpp); ++line) {
        const QString source = lineAt(cpp, line);
        const int pythonLine = map.pythonLineForCppLine(line);
        const QRegularExpressionMatch tag =
            QRegularExpression(QStringLiteral("//\\s*@([A-Za-z0-9_-]+)\\s*$")).match(source);
        if (!tag.hasMatch()) {
            QCOMPARE(pythonLine, 0);
            continue;
        }
        QVERIFY(pythonLine > 0);
        QVERIFY(lineAt(python, pythonLine).endsWith(QStringLiteral("# @") + tag.captured(1)));
        // The stripped line is the same line without its tag.
        QVERIFY(source.startsWith(lineAt(map.cppText(), line)));
        ++mapped;
    }
    QCOMPARE(mapped >= 3, true);
    QCOMPARE(map.pythonLineForCppLine(0), 0);
    QCOMPARE(map.pythonLineForCppLine(100000), 0);
}

void TestPlayer::suspensionsMapToPython()
{
    QFETCH(QString, lessonId);
    LessonSession session;
    QVERIFY(session.open(lessonId));
    const CodeMap map(*session.lesson());
    int suspensions = 0, mapped = 0;
    for (const aio::TraceEvent &event : session.recorder()) {
        if (event.kind != aio::TraceEventKind::Suspended)
            continue;
        ++suspensions;
        const int cppLine = map.cppLineOf(event);
        if (cppLine > 0 && map.pythonLineForCppLine(cppLine) > 0)
            ++mapped;
    }
    QVERIFY(suspensions > 0);
    QVERIFY2(mapped > 0, qPrintable(QStringLiteral("%1 suspensions, none on a tagged line").arg(suspensions)));
}

// ---- SweepRunner ---------------------------------------------------------------------------

void TestPlayer::sweepCoversTheRange()
{
    QFETCH(QString, lessonId);
    const lessons::Lesson *lesson = lessons::find(lessonId.toStdString());
    QVERIFY(lesson);
    const lessons::Parameter *parameter = lesson->sweep.parameter.empty()
        ? &lesson->parameters.front()
        : lessons::find_parameter(*lesson, lesson->sweep.parameter);
    QVERIFY2(parameter, "the sweep names a parameter the lesson does not have");

    const SweepResult sweep = runSweep(*lesson, lessons::defaults(*lesson), false);
    QCOMPARE(sweep.parameterId, QString::fromStdString(parameter->id));
    QVERIFY(sweep.points.size() >= 3);
    QVERIFY(sweep.points.size() <= 24);
    QCOMPARE(sweep.points.front().x(), parameter->min);
    QCOMPARE(sweep.points.back().x(), parameter->max);
    bool flat = true;
    for (qsizetype i = 0; i < sweep.points.size(); ++i) {
        const QPointF &p = sweep.points.at(i);
        QVERIFY(std::isfinite(p.y()));
        QCOMPARE(lessons::snap(*parameter, p.x()), p.x());  // on the slider's grid
        if (i > 0) {
            QVERIFY(p.x() > sweep.points.at(i - 1).x());
            flat = flat && p.y() == sweep.points.at(0).y();
        }
    }
    QVERIFY2(!flat, "the figure is the same for every value: it teaches nothing");

    // Few points: still min and max, evenly between.
    const SweepResult coarse = runSweep(*lesson, lessons::defaults(*lesson), false, 3);
    QCOMPARE(coarse.points.size(), 3);
    QCOMPARE(coarse.points.front().x(), parameter->min);
    QCOMPARE(coarse.points.back().x(), parameter->max);
    QCOMPARE(coarse.points.at(1).x(), lessons::snap(*parameter, (parameter->min + parameter->max) / 2));
}

void TestPlayer::sweepMatchesASingleRun()
{
    // Every point is the figure of one run with that value, the other parameters as given.
    for (const QString &id : runnableLessons()) {
        const lessons::Lesson *lesson = lessons::find(id.toStdString());
        lessons::Params params = lessons::defaults(*lesson);
        const bool pitfall = lesson->has_pitfall;
        const SweepResult sweep = runSweep(*lesson, params, pitfall, 4);
        QVERIFY(!sweep.points.isEmpty());
        const QPointF &point = sweep.points.at(1);
        params.values[sweep.parameterId.toStdString()] = point.x();
        const lessons::Run run = lessons::run(*lesson, params, pitfall);
        const double figure = lesson->sweep.measure ? lesson->sweep.measure(run) : run.end_time;
        QVERIFY2(point.y() == figure, qPrintable(id));
    }

    // The database lesson draws its pool.
    const lessons::Lesson *database = lessons::find("database");
    QVERIFY(database);
    QCOMPARE(database->pool_queue, std::string("idle connections"));
    QVERIFY(lessons::find_parameter(*database, database->pool_size_parameter) != nullptr);
}

QTEST_GUILESS_MAIN(TestPlayer)

#include "tst_player.moc"
