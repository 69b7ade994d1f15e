// What keeps a task alive and what its end leaves behind: asyncio.all_tasks(), task names,
// add_done_callback (the background-task set), and "Task exception was never retrieved",
// reported the moment the last handle on a failed, unread task goes (CPython's refcounting).
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <set>
#include <string>
#include <vector>

namespace {

using aio_test::Journal;
using aio_test::Probe;

std::vector<std::string> names_of_all_tasks() {
    std::vector<std::string> names;
    for (const aio::TaskRef& t : aio::all_tasks()) names.push_back(t.get_name());
    return names;
}

aio::Task<> naps(double seconds) { co_await aio::sleep(seconds); }

aio::Task<> fails_after(double seconds) {
    co_await aio::sleep(seconds);
    throw aio::ValueError("bad");
}

TEST(AllTasks, ListsUnfinishedTasksInCreationOrderIncludingTheRunningOne) {
    std::vector<std::vector<std::string>> seen;
    auto body = [&]() -> aio::Task<> {
        seen.push_back(names_of_all_tasks());
        auto a = aio::create_task(naps(1), "a");
        auto b = aio::create_task(naps(2), "b");
        seen.push_back(names_of_all_tasks());  // created, not started: listed
        co_await aio::sleep(1.5);
        seen.push_back(names_of_all_tasks());  // a is done, though `a` still holds it
        co_await b;
        seen.push_back(names_of_all_tasks());
    };
    aio::run(body(), {.main_name = "main"});
    EXPECT_EQ(seen, (std::vector<std::vector<std::string>>{{"main"}, {"main", "a", "b"}, {"main", "b"}, {"main"}}));
}

TEST(AllTasks, NeedsARunningLoop) { EXPECT_THROW(aio::all_tasks(), aio::RuntimeError); }

TEST(TaskName, SetNameRenamesAndDefaultNamesCount) {
    std::vector<std::string> names;
    auto body = [&]() -> aio::Task<> {
        auto t = aio::create_task(naps(1));
        names.push_back(t.get_name());
        t.set_name("renamed");
        names.push_back(t.get_name());
        names.push_back(aio::current_task().get_name());
        co_await t;
    };
    aio::run(body());
    EXPECT_EQ(names, (std::vector<std::string>{"Task-2", "renamed", "Task-1"}));
}

TEST(DoneCallback, RunsFromTheLoopOneIterationAfterTheTaskIsDoneInOrderAdded) {
    Journal j;
    std::uint64_t finished_in = 0, first_in = 0;
    auto body = [&]() -> aio::Task<> {
        auto t = aio::create_task(naps(1), "t");
        t.add_done_callback([&](const aio::Task<>& task) {
            first_in = aio_test::iteration();
            j.add("first " + task.get_name() + (task.done() ? " done" : " pending"));
        });
        t.add_done_callback([&](const aio::Task<>&) { j.add("second"); });
        co_await t;
        finished_in = aio_test::iteration();
        t.add_done_callback([&](const aio::Task<>&) { j.add("added when done"); });
        j.add("main after add");
        co_await aio::sleep(0);
    };
    aio::run(body());
    EXPECT_EQ(j.lines, (std::vector<std::string>{"first t done@1", "second@1", "main after add@1", "added when done@1"}));
    EXPECT_EQ(first_in, finished_in);  // the callbacks and main's wakeup run in the same iteration
}

TEST(DoneCallback, TheBackgroundSetLetsGoOfEachTaskWhenItIsDone) {
    int live = 0;
    std::vector<std::size_t> sizes;
    auto job = [&](double seconds) -> aio::Task<> {
        Probe p(live);
        co_await aio::sleep(seconds);
    };
    auto body = [&]() -> aio::Task<> {
        std::set<aio::Task<>> background;
        for (int i = 1; i <= 3; ++i) {
            auto t = aio::create_task(job(i));
            background.insert(t);
            t.add_done_callback([&background](const aio::Task<>& task) { background.erase(task); });
        }
        sizes.push_back(background.size());
        co_await aio::sleep(1.5);
        sizes.push_back(background.size());
        co_await aio::sleep(2);
        sizes.push_back(background.size());
    };
    aio::run(body());
    EXPECT_EQ(sizes, (std::vector<std::size_t>{3, 2, 0}));
    EXPECT_EQ(live, 0);
}

TEST(DoneCallback, CallbacksOfATaskThatNeverFinishesAreFreed) {
    int live = 0;
    auto token = std::make_shared<int>(0);
    aio::Event never;
    auto stuck = [&](std::shared_ptr<int>) -> aio::Task<> {
        Probe p(live);
        for (;;) {
            try {
                co_await never.wait();
            } catch (const aio::CancelledError&) {
            }
        }
    };
    auto body = [&]() -> aio::Task<> {
        auto t = aio::create_task(stuck(token));
        t.add_done_callback([token](const aio::Task<>&) {});
        co_await aio::sleep(0);
    };
    try {
        aio::run(body());  // the shutdown cannot finish it: it is abandoned
    } catch (const aio::DeadlockError&) {
    }
    EXPECT_EQ(live, 0);
    EXPECT_EQ(token.use_count(), 1);
}

TEST(TaskHandles, CompareByTheTaskTheyName) {
    auto body = []() -> aio::Task<> {
        auto a = aio::create_task(naps(0));
        auto b = aio::create_task(naps(0));
        aio::Task<> a2 = a;
        EXPECT_TRUE(a == a2);
        EXPECT_FALSE(a == b);
        EXPECT_TRUE((a < b) != (b < a));
        co_await aio::gather(a, b);
    };
    aio::run(body());
}

TEST(NeverRetrieved, AFailedTaskNobodyHoldsIsReportedRightAfterItsLastStep) {
    aio_test::Recorder rec;
    aio_test::LogCapture out;
    auto body = []() -> aio::Task<> {
        aio::create_task(fails_after(0.5), "lost");
        co_await aio::sleep(1);
        aio::log("main done");
    };
    aio::run(body(), {.sink = &rec, .log_sink = &out});
    const auto reports = rec.of(aio::TraceEventKind::ExceptionNeverRetrieved);
    ASSERT_EQ(reports.size(), 1u);
    EXPECT_EQ(reports[0].time_ns, 500'000'000);
    EXPECT_EQ(reports[0].text, "Task exception was never retrieved: <Task finished name='lost' exception=ValueError('bad')>");
    EXPECT_EQ(out.log,
              "t=0.500 Task exception was never retrieved: <Task finished name='lost' exception=ValueError('bad')>\n"
              "t=1.000 main done\n");
}

TEST(NeverRetrieved, ComesWhenTheLastHandleGoesNotWhenTheTaskFails) {
    aio_test::Recorder rec;
    std::int64_t dropped_at = 0;
    auto body = [&]() -> aio::Task<> {
        auto t = aio::create_task(fails_after(0.5), "held");
        co_await aio::sleep(2);
        EXPECT_TRUE(rec.of(aio::TraceEventKind::ExceptionNeverRetrieved).empty());
        dropped_at = aio::now_ns();
        t = {};
        EXPECT_EQ(rec.of(aio::TraceEventKind::ExceptionNeverRetrieved).size(), 1u);
    };
    aio::run(body(), {.sink = &rec});
    const auto reports = rec.of(aio::TraceEventKind::ExceptionNeverRetrieved);
    ASSERT_EQ(reports.size(), 1u);
    EXPECT_EQ(reports[0].time_ns, dropped_at);
    EXPECT_EQ(reports[0].task, 2u);
}

TEST(NeverRetrieved, ReadingTheOutcomeInAnyWayCountsAsRetrieved) {
    aio_test::Recorder rec;
    auto body = []() -> aio::Task<> {
        auto by_exception = aio::create_task(fails_after(0.1));
        auto by_result = aio::create_task(fails_after(0.1));
        auto by_await = aio::create_task(fails_after(0.1));
        auto by_first_exception = aio::create_task(fails_after(0.1));
        co_await aio::gather(aio::return_exceptions, fails_after(0.1), naps(0.1));
        try {
            co_await aio::gather(fails_after(0.1), fails_after(0.2));  // both read, the second late
        } catch (const aio::ValueError&) {
        }
        try {
            co_await aio::task_group([](aio::TaskGroup& tg) -> aio::Task<> {
                tg.create_task(fails_after(0.1));
                co_return;
            });
        } catch (const aio::ExceptionGroup&) {
        }
        (void)by_exception.exception();
        try {
            by_result.result();
        } catch (const aio::ValueError&) {
        }
        try {
            co_await by_await;
        } catch (const aio::ValueError&) {
        }
        // (with one task left the count reaches 0 first and asyncio.wait does not look: as CPython)
        std::vector<aio::Task<>> to_wait{by_first_exception, aio::create_task(naps(0.5))};  // (GCC 12: no braced list inside co_await)
        co_await aio::wait(std::move(to_wait), aio::FIRST_EXCEPTION);
        co_await aio::sleep(1);
    };
    aio::run(body(), {.sink = &rec});
    for (const auto& e : rec.of(aio::TraceEventKind::ExceptionNeverRetrieved)) ADD_FAILURE() << e.text;
}

TEST(NeverRetrieved, WaitForAllDoesNotReadTheException) {
    aio_test::Recorder rec;
    auto body = []() -> aio::Task<> {
        auto t = aio::create_task(fails_after(0.1), "waited");
        std::vector<aio::Task<>> to_wait{t};
        co_await aio::wait(std::move(to_wait));
    };
    aio::run(body(), {.sink = &rec});
    ASSERT_EQ(rec.of(aio::TraceEventKind::ExceptionNeverRetrieved).size(), 1u);
}

TEST(NeverRetrieved, CancelledAndSuccessfulTasksAreNotReported) {
    aio_test::Recorder rec;
    auto body = []() -> aio::Task<> {
        auto c = aio::create_task(naps(5));
        aio::create_task(naps(0.1));
        co_await aio::sleep(0);
        c.cancel();
        co_await aio::sleep(1);
        aio::create_task(fails_after(3));  // cancelled at the end of the run, never fails
    };
    aio::run(body(), {.sink = &rec});
    EXPECT_TRUE(rec.of(aio::TraceEventKind::ExceptionNeverRetrieved).empty());
}

TEST(NeverRetrieved, AHandleThatOutlivesTheLoopReportsNothing) {
    // The log sink belongs to the loop: once the loop is gone, nobody is told.
    aio_test::LogCapture out;
    aio::Task<> kept;
    auto body = [&]() -> aio::Task<> {
        kept = aio::create_task(fails_after(0.1), "outlives");
        co_await aio::sleep(1);
    };
    aio::run(body(), {.log_sink = &out});
    kept = {};
    EXPECT_EQ(out.log, "");
    EXPECT_EQ(out.warnings, "");
}

}  // namespace
