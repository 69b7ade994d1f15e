// Task.cancel(msg) and TimeoutError's cause.
#include "test_support.hpp"

#include <gtest/gtest.h>

namespace {

using aio_test::holds;

aio::Task<> sleeper(std::string& seen) {
    try {
        co_await aio::sleep(10);
    } catch (const aio::CancelledError& e) {
        seen = e.message();
        throw;
    }
}

TEST(CancelMessage, TheMessageReachesTheAwaitAndTheAwaiter) {
    std::string in_task, at_await, first_result, second_result = "unset";
    auto body = [&]() -> aio::Task<> {
        auto t = aio::create_task(sleeper(in_task));
        co_await aio::sleep(1);
        t.cancel("enough");
        try {
            co_await t;
        } catch (const aio::CancelledError& e) {
            at_await = e.message();
        }
        // The task's own CancelledError was handed out to the awaiter: later reads get a bare one.
        try {
            t.result();
        } catch (const aio::CancelledError& e) {
            second_result = e.message();
        }
    };
    aio::run(body());
    EXPECT_EQ(in_task, "enough");
    EXPECT_EQ(at_await, "enough");
    EXPECT_EQ(second_result, "");
}

TEST(CancelMessage, ACancelBeforeTheFirstStepCarriesItsMessageToResult) {
    std::string first, second = "unset";
    auto body = [&]() -> aio::Task<> {
        std::string unused;
        auto t = aio::create_task(sleeper(unused));
        t.cancel("early");
        co_await aio::sleep(0);
        EXPECT_TRUE(t.cancelled());
        try {
            t.result();
        } catch (const aio::CancelledError& e) {
            first = e.message();
        }
        try {
            t.result();
        } catch (const aio::CancelledError& e) {
            second = e.message();
        }
    };
    aio::run(body());
    EXPECT_EQ(first, "early");
    EXPECT_EQ(second, "");
}

TEST(CancelMessage, TaskGroupReraisesTheCancellationWithItsMessage) {
    std::string msg;
    auto group = []() -> aio::Task<> {
        co_await aio::task_group([](aio::TaskGroup&) -> aio::Task<> { co_await aio::sleep(10); });
    };
    auto body = [&]() -> aio::Task<> {
        auto t = aio::create_task(group());
        co_await aio::sleep(1);
        t.cancel("group stop");
        try {
            co_await t;
        } catch (const aio::CancelledError& e) {
            msg = e.message();
        }
    };
    aio::run(body());
    EXPECT_EQ(msg, "group stop");
}

aio::Task<> nap(double d) { co_await aio::sleep(d); }

TEST(TimeoutCause, WaitForAndTimeoutRaiseFromTheCancellation) {
    int with_cause = 0;
    auto body = [&]() -> aio::Task<> {
        try {
            co_await aio::wait_for(nap(5), 1);
        } catch (const aio::TimeoutError& e) {
            with_cause += holds<aio::CancelledError>(e.cause());
        }
        try {
            co_await aio::timeout(1, [](aio::Timeout&) -> aio::Task<> { co_await aio::sleep(5); });
        } catch (const aio::TimeoutError& e) {
            with_cause += holds<aio::CancelledError>(e.cause());
        }
    };
    aio::run(body());
    EXPECT_EQ(with_cause, 2);
}

TEST(TimeoutCause, ATimeoutObjectOutlivesItsBlock) {
    auto body = []() -> aio::Task<> {
        aio::Timeout cm = aio::timeout(1);
        try {
            co_await aio::async_with(cm, [](aio::Timeout&) -> aio::Task<> { co_await aio::sleep(5); });
        } catch (const aio::TimeoutError&) {
        }
        EXPECT_TRUE(cm.expired());
        EXPECT_EQ(cm.when(), std::optional<double>(1.0));
        EXPECT_THROW(cm.reschedule(3), aio::RuntimeError);
        aio::Timeout none = aio::timeout_at(std::nullopt);
        co_await aio::async_with(none, [](aio::Timeout&) -> aio::Task<> { co_await aio::sleep(5); });
        EXPECT_FALSE(none.expired());
        EXPECT_FALSE(none.when());
    };
    aio::run(body());
}

}  // namespace
