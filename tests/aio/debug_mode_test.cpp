// aio::blocking_sleep (time.sleep in a coroutine) and asyncio's debug mode, which
// reports every step that held the loop for slow_callback_duration or longer.
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

namespace {

using aio_test::Journal;

// What the run printed to its log output.
TEST(BlockingSleep, HoldsTheLoopNoTaskOrTimerRunsAndTheClockAdvances) {
    Journal j;
    auto ticker = [&]() -> aio::Task<> {
        for (int i = 0; i < 3; ++i) {
            j.add("tick");
            co_await aio::sleep(0.25);
        }
    };
    auto body = [&]() -> aio::Task<> {
        auto t = aio::create_task(ticker());
        aio::get_running_loop().call_later(0.5, [&] { j.add("timer"); });
        co_await aio::sleep(0);
        j.add("block");
        aio::blocking_sleep(1.0);
        j.add("unblocked");
        co_await t;
    };
    aio::run(body());
    // The tick due at 0.25 and the timer due at 0.5 both run late, at 1 (the timer's
    // callback in the iteration its deadline is seen, the woken ticker one later).
    EXPECT_EQ(j.lines, (std::vector<std::string>{"tick@0", "block@0", "unblocked@1", "timer@1", "tick@1", "tick@1.25"}));
}

aio::Task<> worker(double block) {
    aio::blocking_sleep(block);
    co_await aio::sleep(0);
}

aio::Task<> three_steps() {
    auto quick = aio::create_task(worker(0.05), "quick");
    auto slow = aio::create_task(worker(0.25), "slow");
    co_await aio::gather(quick, slow);
    aio::blocking_sleep(1.0);
}

TEST(DebugMode, ReportsExactlyTheSlowSteps) {
    aio_test::Recorder rec;
    aio_test::LogCapture out;
    aio::run(three_steps(), {.sink = &rec, .log_sink = &out, .main_name = "main", .debug = true});
    const auto slow = rec.of(aio::TraceEventKind::SlowStep);
    ASSERT_EQ(slow.size(), 2u);
    EXPECT_EQ(slow[0].value, 250'000'000);
    EXPECT_EQ(slow[0].text, "Executing <Task pending name='slow'> took 0.250 seconds");
    EXPECT_NE(slow[0].file, nullptr);  // where the slow task waits now
    EXPECT_EQ(slow[1].text, "Executing <Task finished name='main'> took 1.000 seconds");
    EXPECT_EQ(out.log,
              "t=0.300 Executing <Task pending name='slow'> took 0.250 seconds\n"
              "t=1.300 Executing <Task finished name='main'> took 1.000 seconds\n");
}

TEST(DebugMode, TheThresholdIsSlowCallbackDuration) {
    aio_test::Recorder rec;
    aio::run(three_steps(), {.sink = &rec, .debug = true, .slow_callback_duration = 0.01});
    EXPECT_EQ(rec.of(aio::TraceEventKind::SlowStep).size(), 3u);  // quick too
}

TEST(DebugMode, IsOffByDefault) {
    aio_test::Recorder rec;
    aio::run(three_steps(), {.sink = &rec});
    EXPECT_TRUE(rec.of(aio::TraceEventKind::SlowStep).empty());
}

TEST(DebugMode, ASlowCallbackIsReportedAsAHandle) {
    aio_test::Recorder rec;
    auto body = []() -> aio::Task<> {
        aio::get_running_loop().call_soon([] { aio::blocking_sleep(0.5); });
        co_await aio::sleep(1);
    };
    aio::run(body(), {.sink = &rec, .debug = true});
    const auto slow = rec.of(aio::TraceEventKind::SlowStep);
    ASSERT_EQ(slow.size(), 1u);
    EXPECT_EQ(slow[0].task, 0u);
    EXPECT_EQ(slow[0].text, "Executing <Handle> took 0.500 seconds");
}

}  // namespace
