// aio::wait_for (3.11): timeout cancels the inner task, waits for its cleanup, raises TimeoutError.
#include "test_support.hpp"

#include <gtest/gtest.h>

namespace {

using aio_test::Journal;

aio::Task<int> slow_with_cleanup(Journal& j, double d) {
    bool cancelled = false;
    try {
        co_await aio::sleep(d);
    } catch (const aio::CancelledError&) {
        cancelled = true;
    }
    if (cancelled) {
        j.add("inner cleanup starts");
        co_await aio::sleep(0.5);
        j.add("inner cleanup done");
        throw aio::CancelledError();
    }
    j.add("inner done");
    co_return 3;
}

TEST(WaitFor, TimeoutCancelsTheInnerTaskAwaitsItsCleanupThenRaisesTimeoutError) {
    Journal j;
    bool timed_out = false;
    auto main = [&]() -> aio::Task<> {
        try {
            co_await aio::wait_for(slow_with_cleanup(j, 10), 1);
        } catch (const aio::TimeoutError&) {
            timed_out = true;
            j.add("TimeoutError");
        }
    };
    aio::run(main());
    EXPECT_TRUE(timed_out);
    EXPECT_EQ(j.lines, (std::vector<std::string>{"inner cleanup starts@1", "inner cleanup done@1.5",
                                                 "TimeoutError@1.5"}));
}

TEST(WaitFor, ReturnsTheResultWhenTheTaskFinishesInTime) {
    Journal j;
    int got = 0;
    double at = 0;
    auto main = [&]() -> aio::Task<> {
        got = co_await aio::wait_for(slow_with_cleanup(j, 1), 5);
        at = aio::time();
        co_await aio::sleep(10);  // the timeout must not fire later
    };
    aio::run(main());
    EXPECT_EQ(got, 3);
    EXPECT_EQ(at, 1.0);
    EXPECT_EQ(j.lines, (std::vector<std::string>{"inner done@1"}));
}

TEST(WaitFor, ZeroTimeoutCancelsAnUnfinishedTaskAtOnce) {
    Journal j;
    bool timed_out = false;
    double at = -1;
    auto main = [&]() -> aio::Task<> {
        try {
            co_await aio::wait_for(slow_with_cleanup(j, 1), 0);
        } catch (const aio::TimeoutError&) {
            timed_out = true;
            at = aio::time();
        }
    };
    aio::run(main());
    EXPECT_TRUE(timed_out);
    EXPECT_EQ(at, 0.0);
    EXPECT_TRUE(j.lines.empty());  // never started, so no cleanup either
}

TEST(WaitFor, PropagatesTheInnerError) {
    bool caught = false;
    auto failing = []() -> aio::Task<int> {
        co_await aio::sleep(1);
        throw aio::ValueError("inner");
    };
    auto main = [&]() -> aio::Task<> {
        try {
            co_await aio::wait_for(failing(), 5);
        } catch (const aio::ValueError&) {
            caught = true;
        }
    };
    aio::run(main());
    EXPECT_TRUE(caught);
}

TEST(WaitFor, ReturnsTheLateValueOfAnInnerTaskThatSwallowsTheCancellation) {
    // CPython 3.11 (tests/python/rules/wait_for_swallowed.py).
    std::string got;
    auto stubborn = []() -> aio::Task<std::string> {
        bool cancelled = false;
        try {
            co_await aio::sleep(1);
            co_return "in time";
        } catch (const aio::CancelledError&) {
            cancelled = true;
        }
        if (cancelled) co_await aio::sleep(0.1);
        co_return "late";
    };
    auto main = [&]() -> aio::Task<> { got = co_await aio::wait_for(stubborn(), 0.3); };
    aio::run(main());
    EXPECT_EQ(got, "late");
}

TEST(WaitFor, CancellingTheWaiterCancelsTheInnerTask) {
    Journal j;
    aio::Task<> outer;
    auto waiter = [&]() -> aio::Task<> { co_await aio::wait_for(slow_with_cleanup(j, 10), 5); };
    auto main = [&]() -> aio::Task<> {
        outer = aio::create_task(waiter());
        co_await aio::sleep(1);
        outer.cancel();
        try {
            co_await outer;
        } catch (const aio::CancelledError&) {
            j.add("outer cancelled");
        }
    };
    aio::run(main());
    EXPECT_TRUE(outer.cancelled());
    EXPECT_EQ(j.lines, (std::vector<std::string>{"inner cleanup starts@1", "inner cleanup done@1.5",
                                                 "outer cancelled@1.5"}));
}

}  // namespace
