// Trace hooks: every state change of a run is one aio::TraceEvent, in seq order, with the
// loop iteration and time, the task ids, and the file/line of each co_await.
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <map>

namespace {

using aio_test::Recorder;

struct SmallRun {
    Recorder rec;
    unsigned sleep_line = 0;
    unsigned get_line = 0;
    std::uint32_t child_id = 0;
    std::uint32_t failing_id = 0;

    SmallRun() {
        aio::Queue<int> q(0, "jobs");
        auto child = [&]() -> aio::Task<int> {
            get_line = __LINE__ + 1;
            int v = co_await q.get();
            co_return v * 6;
        };
        auto failing = []() -> aio::Task<> {
            co_await aio::sleep(0);
            throw aio::ValueError("boom");
        };
        auto main = [&]() -> aio::Task<int> {
            auto c = aio::create_task(child(), "child");
            auto f = aio::create_task(failing(), "failing");
            child_id = c.id();
            failing_id = f.id();
            sleep_line = __LINE__ + 1;
            co_await aio::sleep(1);
            aio::log("putting");
            q.put_nowait(7);
            try {
                co_await f;
            } catch (const aio::ValueError&) {
            }
            co_return co_await c;
        };
        EXPECT_EQ(aio::run(main(), {.sink = &rec}), 42);
    }
};

TEST(Trace, EventsComeInSeqOrderWithNonDecreasingIterationAndTime) {
    SmallRun run;
    const auto& ev = run.rec.events;
    ASSERT_GT(ev.size(), 20u);
    for (std::size_t i = 0; i < ev.size(); ++i) {
        EXPECT_EQ(ev[i].seq, i);
        if (i > 0) {
            EXPECT_GE(ev[i].iteration, ev[i - 1].iteration) << "event " << i;
            EXPECT_GE(ev[i].time_ns, ev[i - 1].time_ns) << "event " << i;
        }
    }
    EXPECT_EQ(ev.front().kind, aio::TraceEventKind::TaskCreated);
    EXPECT_EQ(ev.front().task, 1u);
    EXPECT_EQ(ev.front().text, "Task-1");
    EXPECT_EQ(ev.back().kind, aio::TraceEventKind::RunEnd);
    EXPECT_EQ(ev.back().outcome, aio::Outcome::Result);
    EXPECT_EQ(ev.back().time_ns, 1'000'000'000);
}

TEST(Trace, StepsCarryTaskIdsAndNeverInterleave) {
    SmallRun run;
    std::uint32_t open = 0;
    std::map<std::uint32_t, int> steps;
    for (const auto& e : run.rec.events) {
        if (e.kind == aio::TraceEventKind::StepBegin) {
            EXPECT_EQ(open, 0u) << "step of task " << e.task << " began inside a step of task " << open;
            EXPECT_NE(e.task, 0u);
            open = e.task;
            ++steps[e.task];
        } else if (e.kind == aio::TraceEventKind::StepEnd) {
            EXPECT_EQ(e.task, open);
            open = 0;
        }
    }
    EXPECT_EQ(open, 0u);
    EXPECT_EQ(steps.size(), 3u);  // main, child, failing
    EXPECT_GE(steps[run.child_id], 2);
}

TEST(Trace, CreatedEventsNameTheParentAndTheCreateTaskLine) {
    SmallRun run;
    auto created = run.rec.of(aio::TraceEventKind::TaskCreated);
    ASSERT_EQ(created.size(), 3u);
    EXPECT_EQ(created[1].task, run.child_id);
    EXPECT_EQ(created[1].text, "child");
    EXPECT_EQ(created[1].other, 1u);  // created by main
    EXPECT_STREQ(created[1].file, __FILE__);
    EXPECT_GT(created[1].line, 0u);
}

TEST(Trace, SuspendedEventsCarryTheFileAndLineOfTheCoAwait) {
    SmallRun run;
    auto sus = run.rec.of(aio::TraceEventKind::Suspended, 1);
    auto sleep_it = std::find_if(sus.begin(), sus.end(), [](const auto& e) { return e.wait == aio::WaitKind::Sleep; });
    ASSERT_NE(sleep_it, sus.end());
    EXPECT_STREQ(sleep_it->file, __FILE__);
    EXPECT_EQ(sleep_it->line, run.sleep_line);
    EXPECT_EQ(sleep_it->value, 1'000'000'000);  // the deadline

    auto child_sus = run.rec.of(aio::TraceEventKind::Suspended, run.child_id);
    ASSERT_FALSE(child_sus.empty());
    EXPECT_EQ(child_sus[0].wait, aio::WaitKind::QueueGet);
    EXPECT_STREQ(child_sus[0].file, __FILE__);
    EXPECT_EQ(child_sus[0].line, run.get_line);
}

TEST(Trace, FinishedEventsCarryTheOutcome) {
    SmallRun run;
    auto child_done = run.rec.of(aio::TraceEventKind::TaskFinished, run.child_id);
    ASSERT_EQ(child_done.size(), 1u);
    EXPECT_EQ(child_done[0].outcome, aio::Outcome::Result);
    EXPECT_EQ(child_done[0].text, "42");
    auto failing_done = run.rec.of(aio::TraceEventKind::TaskFinished, run.failing_id);
    ASSERT_EQ(failing_done.size(), 1u);
    EXPECT_EQ(failing_done[0].outcome, aio::Outcome::Exception);
    EXPECT_EQ(failing_done[0].text, "ValueError: boom");
}

TEST(Trace, WokenEventsNameTheWakingTask) {
    SmallRun run;
    auto woken = run.rec.of(aio::TraceEventKind::Woken, run.child_id);
    ASSERT_EQ(woken.size(), 1u);
    EXPECT_EQ(woken[0].other, 1u);  // main's put_nowait woke the child
    EXPECT_EQ(woken[0].wait, aio::WaitKind::QueueGet);
}

TEST(Trace, QueueEventsNameTheObjectAndTheItem) {
    SmallRun run;
    std::vector<aio::TraceEvent> created;
    for (const auto& e : run.rec.of(aio::TraceEventKind::ObjectCreated))
        if (e.object_kind == aio::ObjectKind::Queue) created.push_back(e);
    ASSERT_EQ(created.size(), 1u);
    EXPECT_EQ(created[0].text, "jobs");
    auto puts = run.rec.of(aio::TraceEventKind::QueuePut);
    ASSERT_EQ(puts.size(), 1u);
    EXPECT_EQ(puts[0].object, created[0].object);
    EXPECT_EQ(puts[0].text, "7");
    EXPECT_EQ(puts[0].value, 1);
    EXPECT_EQ(puts[0].task, 1u);
    auto gets = run.rec.of(aio::TraceEventKind::QueueGet);
    ASSERT_EQ(gets.size(), 1u);
    EXPECT_EQ(gets[0].task, run.child_id);
    EXPECT_EQ(gets[0].value, 0);
}

TEST(Trace, AnObjectReportsACountOfItsOwnOnlyInsideATracedLoop) {
    aio::Semaphore outside(3, "connections");
    outside.report_count(1, "open");  // no loop: nothing to report to, and no crash
    Recorder rec;
    auto main = []() -> aio::Task<> {
        aio::Semaphore slots(3, "connections");
        slots.report_count(2, "open");
        co_await aio::sleep(0);
        slots.report_count(0, "open");
    };
    aio::run(main(), {.sink = &rec});
    const auto counts = rec.of(aio::TraceEventKind::ObjectCount);
    ASSERT_EQ(counts.size(), 2u);
    const auto created = rec.of(aio::TraceEventKind::ObjectCreated);
    ASSERT_EQ(created.size(), 1u);
    EXPECT_EQ(counts[0].object, created[0].object);
    EXPECT_EQ(counts[0].value, 2);
    EXPECT_EQ(counts[0].text, "open");
    EXPECT_EQ(counts[0].task, 1u);  // the task that reported it
    EXPECT_EQ(counts[1].value, 0);
}

TEST(Trace, AQueueAppearsAsOneObjectWithoutItsInternalJoinEvent) {
    // The learner's program created one queue and no aio::Event: the trace must not show an
    // anonymous Event (the queue's internal `finished_`) with set/clear events of its own.
    Recorder rec;
    auto main = []() -> aio::Task<> {
        aio::Queue<int> q(0, "jobs");
        q.put_nowait(1);
        (void)q.get_nowait();
        q.task_done();
        co_await q.join();
    };
    aio::run(main(), {.sink = &rec});
    auto created = rec.of(aio::TraceEventKind::ObjectCreated);
    ASSERT_EQ(created.size(), 1u);
    EXPECT_EQ(created[0].object_kind, aio::ObjectKind::Queue);
    EXPECT_TRUE(rec.of(aio::TraceEventKind::AsyncioEventSet).empty());
    EXPECT_TRUE(rec.of(aio::TraceEventKind::AsyncioEventClear).empty());
}

TEST(Trace, TimerEventsPairArmedAndFired) {
    SmallRun run;
    auto armed = run.rec.of(aio::TraceEventKind::TimerArmed);
    auto fired = run.rec.of(aio::TraceEventKind::TimerFired);
    ASSERT_EQ(armed.size(), 1u);
    ASSERT_EQ(fired.size(), 1u);
    EXPECT_EQ(armed[0].object, fired[0].object);
    EXPECT_EQ(armed[0].value, 1'000'000'000);
    EXPECT_EQ(fired[0].time_ns, 1'000'000'000);
    EXPECT_EQ(armed[0].task, 1u);
}

TEST(Trace, LogLinesBecomeEventsAndGoToTheRunLog) {
    Recorder rec;
    aio_test::LogCapture out;
    auto main = []() -> aio::Task<> {
        co_await aio::sleep(1.25);
        aio::log("hello");
    };
    aio::run(main(), {.sink = &rec, .log_sink = &out});
    EXPECT_EQ(out.log, "t=1.250 hello\n");
    auto logs = rec.of(aio::TraceEventKind::Log);
    ASSERT_EQ(logs.size(), 1u);
    EXPECT_EQ(logs[0].text, "hello");
    EXPECT_EQ(logs[0].task, 1u);
    EXPECT_EQ(logs[0].time_ns, 1'250'000'000);
}

TEST(Trace, CancelRequestedNamesTargetAndRequester) {
    Recorder rec;
    std::uint32_t target = 0;
    auto nap = []() -> aio::Task<> { co_await aio::sleep(5); };
    auto main = [&]() -> aio::Task<> {
        auto t = aio::create_task(nap());
        target = t.id();
        co_await aio::sleep(1);
        t.cancel();
        try {
            co_await t;
        } catch (const aio::CancelledError&) {
        }
    };
    aio::run(main(), {.sink = &rec});
    auto req = rec.of(aio::TraceEventKind::CancelRequested);
    ASSERT_EQ(req.size(), 1u);
    EXPECT_EQ(req[0].task, target);
    EXPECT_EQ(req[0].other, 1u);
    auto fin = rec.of(aio::TraceEventKind::TaskFinished, target);
    ASSERT_EQ(fin.size(), 1u);
    EXPECT_EQ(fin[0].outcome, aio::Outcome::Cancelled);
    EXPECT_EQ(rec.of(aio::TraceEventKind::TimerCancelled).size(), 1u);
}

TEST(Trace, ARunWithoutASinkBehavesTheSame) {
    auto child = []() -> aio::Task<int> {
        co_await aio::sleep(1);
        co_return 2;
    };
    auto main = [&]() -> aio::Task<int> {
        auto t = aio::create_task(child());
        co_return co_await t + 1;
    };
    Recorder rec;
    EXPECT_EQ(aio::run(main()), 3);
    EXPECT_EQ(aio::run(main(), {.sink = &rec}), 3);
}

}  // namespace
