// loop.call_soon / call_later / call_at with closures, and their handles.
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <memory>

namespace {

using aio_test::Journal;

TEST(CallSoon, CallbacksRunInTheNextIterationInFifoOrder) {
    Journal j;
    std::uint64_t scheduled_in = 0, ran_in = 0;
    auto body = [&]() -> aio::Task<> {
        auto& loop = aio::get_running_loop();
        scheduled_in = aio_test::iteration();
        loop.call_soon([&] { j.add("one"); ran_in = aio_test::iteration(); });
        loop.call_soon([&] { j.add("two"); });
        j.add("scheduled");
        co_await aio::sleep(0);
        j.add("main");
    };
    aio::run(body());
    EXPECT_EQ(j.lines, (std::vector<std::string>{"scheduled@0", "one@0", "two@0", "main@0"}));
    EXPECT_EQ(ran_in, scheduled_in + 1);
}

TEST(CallSoon, ACancelledHandleNeverRuns) {
    Journal j;
    bool cancelled = false;
    auto body = [&]() -> aio::Task<> {
        auto& loop = aio::get_running_loop();
        aio::CallbackHandle h = loop.call_soon([&] { j.add("not reached"); });
        aio::TimerHandle t = loop.call_later(1, [&] { j.add("not reached either"); });
        h.cancel();
        t.cancel();
        cancelled = h.cancelled() && t.cancelled();
        co_await aio::sleep(2);
    };
    aio::run(body());
    EXPECT_TRUE(cancelled);
    EXPECT_TRUE(j.lines.empty());
}

TEST(CallSoon, TimersFireByDeadlineThenCreationOrder) {
    Journal j;
    double when = 0;
    auto body = [&]() -> aio::Task<> {
        auto& loop = aio::get_running_loop();
        loop.call_later(2, [&] { j.add("b"); });
        auto t = loop.call_at(1, [&] { j.add("a1"); });
        loop.call_later(1, [&] { j.add("a2"); });
        when = t.when();
        co_await aio::sleep(3);
    };
    aio::run(body());
    EXPECT_EQ(when, 1.0);
    EXPECT_EQ(j.lines, (std::vector<std::string>{"a1@1", "a2@1", "b@2"}));
}

TEST(CallSoon, DroppingTheHandleStillRunsTheCallback) {
    int runs = 0;
    auto body = [&]() -> aio::Task<> {
        aio::get_running_loop().call_later(0.5, [&] { ++runs; });
        co_await aio::sleep(1);
    };
    aio::run(body());
    EXPECT_EQ(runs, 1);
}

TEST(CallSoon, CallablesLeftWhenTheLoopEndsAreFreed) {
    int live = 0;
    auto body = [&]() -> aio::Task<> {
        auto probe = std::make_shared<aio_test::Probe>(live);
        aio::get_running_loop().call_later(100, [probe] {});
        aio::get_running_loop().call_soon([probe] {});
        co_return;
    };
    aio::run(body());
    EXPECT_EQ(live, 0);
}

TEST(CallSoon, AnExceptionInACallbackDoesNotStopTheLoop) {
    bool after = false;
    auto body = [&]() -> aio::Task<> {
        aio::get_running_loop().call_soon([] { throw aio::ValueError("in callback"); });
        co_await aio::sleep(0.1);
        after = true;
    };
    aio::run(body());
    EXPECT_TRUE(after);
}

}  // namespace
