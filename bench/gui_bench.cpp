// GUI benchmarks (issue 5, workload 7), offscreen. Prints one JSON object on stdout
// (bench/run_bench.py reads it); progress and Qt's messages go to stderr.
//
// "lessons": every lesson of lessons::registry() (placeholders skipped) opens at its
// default parameters in the real MainWindow (no settings, animations off, 1366x768,
// shown offscreen) and the player seeks to the middle of the run. Then the lesson's
// first parameter moves between its default and a neighbouring value (default + step,
// or - step at the top of the range), so that every move re-runs the scenario:
//   t0  session()->setParameter(...)   re-run; the signals re-configure the views and
//                                      hand them the state at the kept cursor fraction
//   t1  window.repaint(); processEvents()   one synchronous paint of the whole window
//   t2
// "move" is t2 - t0, "rerun" t1 - t0, "repaint" t2 - t1 (wall clock, milliseconds).
// Two untimed moves warm each lesson up. The sweep plot recomputes 150 ms after a
// move that changes another parameter than its swept one (a debounce); that work is
// done untimed after each move (finishPendingWork), so that it never lands inside a
// timed move.
//
// "timeline": a synthetic run of N tasks (default 1,000), each sleeping K times
// (default 20: sleep(0) and small sleeps, the shape of tests/views/tst_views.cpp's
// synthetic(); about 100k events at 1,000 tasks), recorded by trace::Recorder; a TimelineView of 1000x600 shown offscreen; setRecorder() once
// (timed). Then
//   frames: the cursor advances through the run in F steps (playing): seeker.seek(n),
//           setState, repaint(), each frame timed;
//   seeks:  S random cursors (fixed seed): seeker.seek(n) timed alone and with
//           setState + repaint().
//
// "scale": the window at 100,000 tasks. The source is the lesson --lesson ID (default
// "many-tasks" with urls=100000 when the registry has it; --set name=value for its
// parameters) through the real LessonSession and Player, or with --lesson synthetic (or
// without that lesson) the synthetic crowd above (--tasks, default 100,000, --sleeps).
//   run:    the lesson re-runs at the new parameters: the scenario, recorded, and the
//           seeker's index (LessonSession::setParameter), or for the crowd aio::run and
//           the StateSeeker;
//   load:   what the window does when a run arrives: the timeline's lanes, the final fold
//           that picks the object views, the event loop view's first state;
//   frames: F cursors through the run (playing): seek, then the TimelineView (1000x600)
//           and the EventLoopView (1000x400) each take the state and repaint, timed apart;
//   seeks:  S random cursors, the seek alone;
//   memory: recorder (events + their texts), snapshots and working state (shared chunks
//           once), the timeline's lane model, per event.
// --shots DIR saves the timeline and the event loop view in the middle of the run, in
// English and German (scale-timeline-en.png, ...).
//
// "live": does the live animation slow a live run? The HTTP lesson's live variant with R
// requests at limit L (default 200 at 50, the live ranges' top) against a demo server of this process that behaves
// as the model's (100 ms per answer, 4 requests/s, every 4th first attempt hangs), run
//   closed: as `dirigent live http` runs it, no window;
//   open:   by the window's LiveController in a MainWindow shown offscreen (1366x768,
//           animations on), the views following the growing trace;
// one after the other. For each: the run's own total time (first request to last log line,
// what the learner reads in the summary), the wall clock and the process CPU it took, and
// (open) how many times the views were told that the trace grew.
//
//   gui_bench [--smoke] [--only lessons|timeline|scale|live] [--lesson ID|synthetic] [--set name=value]... [--shots DIR] [--moves M] [--tasks N] [--sleeps K] [--frames F] [--seeks S]
//             [--requests R] [--limit L]
// --smoke (or DIRIGENT_BENCH_SMOKE=1): one lesson, 2 moves, 100 tasks, 20 frames, 20 seeks.
#include "views/EventLoopView.h"
#include "text/Language.h"
#include "player/LiveController.h"
#include "window/MainWindow.h"
#include "views/TimelineView.h"
#include "player/LessonSession.h"
#include "player/Player.h"

#include <aio/aio.hpp>
#include <live/DemoServer.h>
#include <live/LiveHttp.h>
#include <live/LiveRun.h>
#include <lessons/lesson.hpp>
#include <trace/recorder.hpp>
#include <trace/state_seeker.hpp>

#include <QApplication>
#include <QDir>
#include <QEventLoop>
#include <QString>

#include <algorithm>
#include <chrono>
#include <clocale>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <memory>
#include <utility>
#include <random>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point t0, Clock::time_point t1)
{
    return std::chrono::duration<double, std::milli>(t1 - t0).count();
}

struct Summary {
    double median = 0, min = 0, max = 0;
};

Summary summarize(std::vector<double> v)
{
    Summary s;
    if (v.empty()) return s;
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    s.median = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    s.min = v.front();
    s.max = v.back();
    return s;
}

std::string jsonString(const std::string &s)
{
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        if (static_cast<unsigned char>(c) < 0x20) continue;
        out += c;
    }
    return out + "\"";
}

std::string jsonNumber(double v)
{
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.4f", v);
    return buffer;
}

std::string jsonSummary(const std::string &name, const Summary &s)
{
    return "\"" + name + "_median_ms\": " + jsonNumber(s.median) + ", \"" + name + "_min_ms\": " + jsonNumber(s.min)
           + ", \"" + name + "_max_ms\": " + jsonNumber(s.max);
}

void pump()
{
    QCoreApplication::processEvents();
}

// --- (a) slider move -> re-run -> repaint, every lesson

std::string benchLessons(int moves, bool smoke)
{
    MainWindow window(nullptr, false);
    window.setAnimationsEnabled(false);
    window.resize(1366, 768);
    window.show();
    for (int i = 0; i < 3; ++i) pump();

    std::string lessonsJson;
    double worst = -1;
    std::string worstId;
    int measured = 0;
    for (const lessons::Lesson *lesson : lessons::registry()) {
        if (lesson->placeholder) continue;
        if (smoke && measured == 1) break;
        if (lesson->parameters.empty()) {
            std::fprintf(stderr, "gui_bench: %s has no parameter, skipped\n", lesson->id.c_str());
            continue;
        }
        const QString id = QString::fromStdString(lesson->id);
        if (!window.openLesson(id)) {
            std::fprintf(stderr, "gui_bench: cannot open %s\n", lesson->id.c_str());
            continue;
        }
        LessonSession *session = window.session();
        Player *player = window.player();
        player->seekFraction(0.5);
        window.finishPendingWork();
        window.repaint();
        pump();

        const lessons::Parameter &p = lesson->parameters.front();
        const QString pid = QString::fromStdString(p.id);
        const double base = session->parameter(pid);
        const double other = base + p.step <= p.max ? base + p.step : base - p.step;
        const double values[2] = {other, base};

        std::vector<double> move, rerun, paint;
        const int runsBefore = session->runCount();
        const int warmup = 2;
        for (int i = 0; i < warmup + moves; ++i) {
            const auto t0 = Clock::now();
            session->setParameter(pid, values[i % 2]);
            const auto t1 = Clock::now();
            window.repaint();
            pump();
            const auto t2 = Clock::now();
            if (i >= warmup) {
                move.push_back(msSince(t0, t2));
                rerun.push_back(msSince(t0, t1));
                paint.push_back(msSince(t1, t2));
            }
            window.finishPendingWork();  // the sweep plot's debounced work, untimed
        }
        const int runs = session->runCount() - runsBefore;
        const Summary m = summarize(move), r = summarize(rerun), pa = summarize(paint);
        if (m.median > worst) {
            worst = m.median;
            worstId = lesson->id;
        }
        std::fprintf(stderr, "gui_bench: %-20s %s %g<->%g: move %.2f ms median (%.2f-%.2f), re-run %.2f, repaint %.2f, %zu events\n",
                     lesson->id.c_str(), p.id.c_str(), base, other, m.median, m.min, m.max, r.median, pa.median,
                     session->recorder().size());
        if (!lessonsJson.empty()) lessonsJson += ",\n  ";
        lessonsJson += "{\"id\": " + jsonString(lesson->id) + ", \"parameter\": " + jsonString(p.id)
                       + ", \"values\": [" + jsonNumber(base) + ", " + jsonNumber(other) + "], \"moves\": "
                       + std::to_string(moves) + ", \"runs\": " + std::to_string(runs) + ", \"events\": "
                       + std::to_string(session->recorder().size()) + ", " + jsonSummary("move", m) + ", "
                       + jsonSummary("rerun", r) + ", " + jsonSummary("repaint", pa) + "}";
        ++measured;
    }
    return "\"lessons\": [\n  " + lessonsJson + "],\n\"slider_lessons\": " + std::to_string(measured)
           + ",\n\"slider_worst_median_ms\": " + jsonNumber(worst) + ",\n\"slider_worst_lesson\": " + jsonString(worstId);
}

// --- (b) timeline of a big synthetic run

aio::Task<void> napper(int k, int sleeps)
{
    co_await aio::sleep(0);
    for (int i = 1; i < sleeps; ++i) co_await aio::sleep(i % 3 == 1 ? 0.0 : 0.001 * ((k + i) % 5));
}

aio::Task<void> crowd(int n, int sleeps)
{
    std::vector<aio::Task<void>> tasks;
    for (int k = 0; k < n; ++k) tasks.push_back(aio::create_task(napper(k, sleeps), "napper-" + std::to_string(k)));
    co_await aio::gather(std::move(tasks));
}

std::string benchTimeline(int taskCount, int sleeps, int frames, int seeks)
{
    trace::Recorder recorder;
    auto t0 = Clock::now();
    aio::run(crowd(taskCount, sleeps), {.sink = &recorder, .main_name = "main"});
    const double recordMs = msSince(t0, Clock::now());
    const std::size_t events = recorder.size();

    TimelineView view;
    view.setAnimated(false);
    view.resize(1000, 600);
    view.show();
    pump();

    t0 = Clock::now();
    view.setRecorder(&recorder);
    const double setRecorderMs = msSince(t0, Clock::now());

    t0 = Clock::now();
    trace::StateSeeker seeker(recorder);
    const double seekerMs = msSince(t0, Clock::now());

    view.setState(seeker.seek(0), nullptr);
    view.repaint();
    pump();

    auto show = [&](std::size_t n) {
        const trace::TraceState &state = seeker.seek(n);
        const auto t1 = Clock::now();
        view.setState(state, n > 0 ? &recorder[n - 1] : nullptr);
        view.repaint();
        return t1;
    };

    // Playing: the cursor moves forward through the whole run.
    std::vector<double> frame, frameSeek;
    for (int f = 1; f <= frames; ++f) {
        const std::size_t n = events * static_cast<std::size_t>(f) / static_cast<std::size_t>(frames);
        const auto a = Clock::now();
        const auto b = show(n);
        const auto c = Clock::now();
        frame.push_back(msSince(a, c));
        frameSeek.push_back(msSince(a, b));
    }
    pump();

    // Random cursors.
    std::mt19937_64 rng(20261126);
    std::uniform_int_distribution<std::size_t> pick(0, events);
    std::vector<double> seekAlone, seekShown, replayed;
    for (int s = 0; s < seeks; ++s) {
        const std::size_t n = pick(rng);
        const auto a = Clock::now();
        const auto b = show(n);
        const auto c = Clock::now();
        seekAlone.push_back(msSince(a, b));
        seekShown.push_back(msSince(a, c));
        replayed.push_back(static_cast<double>(seeker.last_replayed()));
    }
    pump();

    const Summary fr = summarize(frame), fs = summarize(frameSeek), sa = summarize(seekAlone),
                  ss = summarize(seekShown), rp = summarize(replayed);
    std::fprintf(stderr,
                 "gui_bench: timeline %d tasks, %zu events, %d lanes: record %.1f ms, setRecorder %.1f ms, seeker %.1f ms;"
                 " frame %.2f ms median (max %.2f), seek %.3f ms median (max %.3f), seek+repaint %.2f ms (max %.2f)\n",
                 taskCount, events, view.laneCount(), recordMs, setRecorderMs, seekerMs, fr.median, fr.max, sa.median,
                 sa.max, ss.median, ss.max);
    return "\"timeline\": {\"tasks\": " + std::to_string(taskCount) + ", \"sleeps_per_task\": " + std::to_string(sleeps) + ", \"events\": " + std::to_string(events)
           + ", \"lanes\": " + std::to_string(view.laneCount()) + ", \"width\": 1000, \"height\": 600"
           + ", \"frames\": " + std::to_string(frames) + ", \"seeks\": " + std::to_string(seeks)
           + ",\n  \"record_ms\": " + jsonNumber(recordMs) + ", \"set_recorder_ms\": " + jsonNumber(setRecorderMs)
           + ", \"seeker_index_ms\": " + jsonNumber(seekerMs) + ",\n  " + jsonSummary("frame", fr) + ",\n  "
           + jsonSummary("frame_seek", fs) + ",\n  " + jsonSummary("seek", sa) + ",\n  "
           + jsonSummary("seek_repaint", ss) + ",\n  \"seek_replayed_median\": " + jsonNumber(rp.median)
           + ", \"seek_replayed_max\": " + jsonNumber(rp.max) + "}";
}

// --- (c) the window at 100,000 tasks

struct ScaleOptions {
    std::string lesson;                                   // empty: many-tasks if there, else the crowd
    std::vector<std::pair<std::string, double>> sets;     // lesson parameters
    int tasks = 100000, sleeps = 2, frames = 200, seeks = 200;
    std::string shots;
};

std::size_t recorderBytes(const trace::Recorder &recorder)
{
    // The event storage and the texts the events carry (the recorder keeps a copy of each).
    std::size_t bytes = recorder.capacity() * sizeof(aio::TraceEvent);
    for (const aio::TraceEvent &e : recorder) bytes += e.text.size();
    return bytes;
}

void saveShots(const std::string &dir, QWidget &timeline, QWidget &loop, const char *language)
{
    QDir().mkpath(QString::fromStdString(dir));
    const QString base = QString::fromStdString(dir) + QStringLiteral("/scale-");
    timeline.grab().save(base + QStringLiteral("timeline-") + QLatin1String(language) + QStringLiteral(".png"));
    loop.grab().save(base + QStringLiteral("eventloop-") + QLatin1String(language) + QStringLiteral(".png"));
}

std::string benchScale(const ScaleOptions &o, bool smoke)
{
    std::string lessonId = o.lesson;
    if (lessonId.empty()) lessonId = lessons::find("many-tasks") ? "many-tasks" : "synthetic";
    const bool synthetic = lessonId == "synthetic" || !lessons::find(lessonId);
    std::vector<std::pair<std::string, double>> sets = o.sets;
    if (!synthetic && o.lesson.empty() && sets.empty()) sets.push_back({"urls", smoke ? 200.0 : 100000.0});

    TimelineView timeline;
    timeline.setAnimated(false);
    timeline.resize(1000, 600);
    timeline.show();
    EventLoopView loop;
    loop.setAnimated(false);
    loop.resize(1000, 400);
    loop.show();
    pump();

    LessonSession session;
    Player player(&session);
    trace::Recorder crowdRecorder;
    std::unique_ptr<trace::StateSeeker> crowdSeeker;
    double runMs = 0;
    if (synthetic) {
        const auto t0 = Clock::now();
        aio::run(crowd(o.tasks, o.sleeps), {.sink = &crowdRecorder, .main_name = "main"});
        crowdSeeker = std::make_unique<trace::StateSeeker>(crowdRecorder);
        runMs = msSince(t0, Clock::now());
    } else {
        session.open(QString::fromStdString(lessonId));  // at its defaults, untimed
        const auto t0 = Clock::now();
        for (const auto &[name, value] : sets) session.setParameter(QString::fromStdString(name), value);
        runMs = msSince(t0, Clock::now());
    }
    const trace::Recorder &recorder = synthetic ? crowdRecorder : session.recorder();
    trace::StateSeeker &seeker = synthetic ? *crowdSeeker : session.seeker();
    const std::size_t events = recorder.size();
    const auto stateAt = [&](std::size_t n) -> const trace::TraceState & {
        if (synthetic) return seeker.seek(n);
        player.seek(n);
        return player.state();
    };

    // Load: as VisualizationPanel::setRun and the first state.
    auto t0 = Clock::now();
    timeline.setRecorder(&recorder);
    const trace::TraceState final = trace::fold(recorder, events);
    const trace::TraceState &first = stateAt(0);
    timeline.setState(first, nullptr);
    loop.setState(first, nullptr);
    const double loadMs = msSince(t0, Clock::now());
    const std::size_t tasks = final.tasks().size();
    timeline.repaint();
    loop.repaint();
    pump();

    std::vector<double> timelineFrame, loopFrame, seekMs;
    const int frames = std::max(1, o.frames);
    for (int f = 1; f <= frames; ++f) {
        const std::size_t n = events * std::size_t(f) / std::size_t(frames);
        const auto a = Clock::now();
        const trace::TraceState &state = stateAt(n);
        const aio::TraceEvent *current = n > 0 ? &recorder[n - 1] : nullptr;
        const auto b = Clock::now();
        timeline.setState(state, current);
        timeline.repaint();
        const auto c = Clock::now();
        loop.setState(state, current);
        loop.repaint();
        const auto d = Clock::now();
        seekMs.push_back(msSince(a, b));
        timelineFrame.push_back(msSince(b, c));
        loopFrame.push_back(msSince(c, d));
    }
    pump();
    std::mt19937_64 rng(20261206);
    std::uniform_int_distribution<std::size_t> pick(0, events);
    std::vector<double> randomSeek, replayed;
    for (int s = 0; s < o.seeks; ++s) {
        const std::size_t n = pick(rng);
        const auto a = Clock::now();
        stateAt(n);
        randomSeek.push_back(msSince(a, Clock::now()));
        replayed.push_back(double(seeker.last_replayed()));
    }

    const std::size_t recBytes = recorderBytes(recorder);
    const std::size_t seekerBytes = seeker.memory_bytes();
    const std::size_t viewBytes = timeline.memoryBytes();
    const double perEvent = events ? double(recBytes + seekerBytes + viewBytes) / double(events) : 0.0;

    if (!o.shots.empty()) {
        const trace::TraceState &mid = stateAt(events / 2);
        timeline.setState(mid, events ? &recorder[events / 2 - (events / 2 > 0)] : nullptr);
        loop.setState(mid, nullptr);
        saveShots(o.shots, timeline, loop, "en");
        Language::install(QStringLiteral("de"));
        pump();  // the views retranslate on LanguageChange
        loop.setState(stateAt(events / 2), nullptr);
        saveShots(o.shots, timeline, loop, "de");
        Language::install(QStringLiteral("en"));
    }

    const Summary tf = summarize(timelineFrame), lf = summarize(loopFrame), fs = summarize(seekMs),
                  rs = summarize(randomSeek), rp = summarize(replayed);
    std::fprintf(stderr,
                 "gui_bench: scale %s, %zu tasks, %zu events: run %.1f ms, load %.1f ms; timeline frame %.2f ms median "
                 "(max %.2f), event loop frame %.2f (max %.2f); seek %.3f ms median (max %.3f, replayed max %.0f); "
                 "memory %.1f B/event (recorder %.1f MB, snapshots %.1f MB in %zu, timeline %.1f MB)\n",
                 lessonId.c_str(), tasks, events, runMs, loadMs, tf.median, tf.max, lf.median, lf.max, rs.median, rs.max,
                 rp.max, perEvent, recBytes / 1e6, seekerBytes / 1e6, seeker.snapshot_count(), viewBytes / 1e6);
    std::string setsJson;
    for (const auto &[name, value] : sets) {
        if (!setsJson.empty()) setsJson += ", ";
        setsJson += jsonString(name) + ": " + jsonNumber(value);
    }
    return "\"scale\": {\"source\": " + jsonString(synthetic ? "synthetic" : lessonId) + ", \"parameters\": {" + setsJson
           + "}, \"tasks\": " + std::to_string(tasks) + ", \"events\": " + std::to_string(events)
           + ", \"frames\": " + std::to_string(frames) + ", \"seeks\": " + std::to_string(o.seeks)
           + ",\n  \"run_ms\": " + jsonNumber(runMs) + ", \"load_ms\": " + jsonNumber(loadMs)
           + ", \"run_load_ms\": " + jsonNumber(runMs + loadMs) + ",\n  " + jsonSummary("timeline_frame", tf)
           + ",\n  " + jsonSummary("eventloop_frame", lf) + ",\n  " + jsonSummary("frame_seek", fs) + ",\n  "
           + jsonSummary("seek", rs) + ", \"seek_replayed_max\": " + jsonNumber(rp.max)
           + ",\n  \"snapshots\": " + std::to_string(seeker.snapshot_count())
           + ", \"recorder_bytes\": " + std::to_string(recBytes) + ", \"seeker_bytes\": " + std::to_string(seekerBytes)
           + ", \"timeline_bytes\": " + std::to_string(viewBytes) + ", \"bytes_per_event\": " + jsonNumber(perEvent)
           + ", \"timeline_lane_height\": " + jsonNumber(timeline.laneHeight()) + "}";
}

// --- (c) a live run with the window open and closed

double cpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

struct LiveSide {
    double total = 0, wall = 0, cpu = 0;
    int sent = 0, ok = 0, updates = 0;
    std::string error;
};

std::string jsonSide(const std::string &name, const LiveSide &s)
{
    return "\"" + name + "\": {\"total_s\": " + jsonNumber(s.total) + ", \"wall_s\": " + jsonNumber(s.wall)
           + ", \"cpu_s\": " + jsonNumber(s.cpu) + ", \"sent\": " + std::to_string(s.sent) + ", \"ok\": "
           + std::to_string(s.ok) + ", \"updates\": " + std::to_string(s.updates) + ", \"error\": "
           + jsonString(s.error) + "}";
}

lessons::Params liveParams(int requests, int limit)
{
    lessons::Params params = lessons::defaults(live::LiveHttp::lesson());
    params.values.insert_or_assign("requests", requests);
    params.values.insert_or_assign("limit", limit);
    return params;
}

LiveSide liveClosed(int requests, int limit)
{
    LiveSide side;
    live::DemoServer server(live::LiveHttp::modelServer());
    QString error;
    if (!server.start(0, &error)) {
        side.error = error.toStdString();
        return side;
    }
    live::LiveHttp scenario(liveParams(requests, limit), false, server.url());
    live::LiveRun run(scenario);
    const double cpu0 = cpuSeconds();
    const auto t0 = Clock::now();
    if (!run.start(&error)) {
        side.error = error.toStdString();
        return side;
    }
    run.waitForFinished(-1);
    side.wall = msSince(t0, Clock::now()) / 1000;
    side.cpu = cpuSeconds() - cpu0;
    side.total = scenario.measured().totalTime;
    side.sent = scenario.measured().sent;
    side.ok = scenario.measured().ok;
    server.stop();
    return side;
}

LiveSide liveOpen(int requests, int limit)
{
    LiveSide side;
    MainWindow window(nullptr, false);
    window.resize(1366, 768);
    window.show();
    for (int i = 0; i < 3; ++i) pump();
    if (!window.openLesson(QStringLiteral("http"))) {
        side.error = "the http lesson did not open";
        return side;
    }
    LiveController *controller = window.liveController();
    controller->setLiveMode(true);
    controller->setParameter(QStringLiteral("requests"), requests);
    controller->setParameter(QStringLiteral("limit"), limit);
    QEventLoop waiter;
    QObject::connect(controller, &LiveController::finished, &waiter, &QEventLoop::quit);
    const double cpu0 = cpuSeconds();
    const auto t0 = Clock::now();
    if (!controller->start()) {
        side.error = controller->statusText().toStdString();
        return side;
    }
    waiter.exec();
    side.wall = msSince(t0, Clock::now()) / 1000;
    side.cpu = cpuSeconds() - cpu0;
    side.total = controller->measured().totalTime;
    side.sent = controller->measured().sent;
    side.ok = controller->measured().ok;
    side.updates = controller->growthCount();
    return side;
}

std::string benchLive(int requests, int limit)
{
    const LiveSide closed = liveClosed(requests, limit);
    const LiveSide open = liveOpen(requests, limit);
    return "\"live\": {\"requests\": " + std::to_string(requests) + ", \"limit\": " + std::to_string(limit) + ", "
           + jsonSide("closed", closed) + ", " + jsonSide("open", open) + "}";
}

int intArg(int argc, char **argv, int &i)
{
    if (i + 1 >= argc) {
        std::fprintf(stderr, "gui_bench: %s needs a value\n", argv[i]);
        std::exit(2);
    }
    return std::atoi(argv[++i]);
}

}  // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    bool smoke = qEnvironmentVariableIntValue("DIRIGENT_BENCH_SMOKE") != 0;
    std::string only;
    int moves = -1, tasks = -1, sleeps = 20, frames = -1, seeks = -1, requests = -1, limit = 50;
    bool sleepsGiven = false;
    ScaleOptions scale;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--smoke")) smoke = true;
        else if (!std::strcmp(argv[i], "--only") && i + 1 < argc) only = argv[++i];
        else if (!std::strcmp(argv[i], "--moves")) moves = intArg(argc, argv, i);
        else if (!std::strcmp(argv[i], "--tasks")) tasks = intArg(argc, argv, i);
        else if (!std::strcmp(argv[i], "--sleeps")) {
            sleeps = std::max(1, intArg(argc, argv, i));
            sleepsGiven = true;
        } else if (!std::strcmp(argv[i], "--lesson") && i + 1 < argc) scale.lesson = argv[++i];
        else if (!std::strcmp(argv[i], "--shots") && i + 1 < argc) scale.shots = argv[++i];
        else if (!std::strcmp(argv[i], "--set") && i + 1 < argc) {
            const std::string kv = argv[++i];
            const auto eq = kv.find('=');
            if (eq == std::string::npos) {
                std::fprintf(stderr, "gui_bench: --set needs name=value\n");
                return 2;
            }
            scale.sets.push_back({kv.substr(0, eq), std::atof(kv.c_str() + eq + 1)});
        }
        else if (!std::strcmp(argv[i], "--frames")) frames = intArg(argc, argv, i);
        else if (!std::strcmp(argv[i], "--seeks")) seeks = intArg(argc, argv, i);
        else if (!std::strcmp(argv[i], "--requests")) requests = std::max(1, intArg(argc, argv, i));
        else if (!std::strcmp(argv[i], "--limit")) limit = std::max(1, intArg(argc, argv, i));
        else {
            std::fprintf(stderr, "usage: gui_bench [--smoke] [--only lessons|timeline|scale|live] [--moves M] [--tasks N] "
                                 "[--sleeps K] [--frames F] [--seeks S] [--requests R] [--limit L] [--lesson ID|synthetic] "
                                 "[--set name=value]... [--shots DIR]\n");
            return 2;
        }
    }
    if (moves < 0) moves = smoke ? 2 : 15;
    const bool tasksGiven = tasks >= 0;
    if (tasks < 0) tasks = smoke ? 100 : 1000;
    if (frames < 0) frames = smoke ? 20 : 200;
    if (seeks < 0) seeks = smoke ? 20 : 200;
    if (requests < 0) requests = smoke ? 8 : 200;
    scale.tasks = tasksGiven ? tasks : (smoke ? 100 : 100000);
    scale.sleeps = sleepsGiven ? sleeps : 2;
    scale.frames = frames;
    scale.seeks = seeks;

    QApplication app(argc, argv);
    // QApplication set LC_NUMERIC from the environment; the lessons format with vsnprintf.
    std::setlocale(LC_NUMERIC, "C");

    std::string out = "{\"smoke\": " + std::string(smoke ? "true" : "false") + ", \"platform\": "
                      + jsonString(QApplication::platformName().toStdString());
    if (only.empty() || only == "lessons") out += ",\n" + benchLessons(moves, smoke);
    if (only.empty() || only == "timeline") out += ",\n" + benchTimeline(tasks, sleeps, frames, seeks);
    if (only.empty() || only == "scale") out += ",\n" + benchScale(scale, smoke);
    if (only.empty() || only == "live") out += ",\n" + benchLive(requests, limit);
    out += "}\n";
    std::fputs(out.c_str(), stdout);
    return 0;
}
