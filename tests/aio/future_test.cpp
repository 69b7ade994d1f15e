// aio::Future (asyncio.Future) and sleep(delay, result).
#include "test_support.hpp"

#include <gtest/gtest.h>

namespace {

using aio_test::holds;
using aio_test::Journal;

aio::Task<> set_after(aio::Future<int> fut, double delay, int value) {
    co_await aio::sleep(delay);
    fut.set_result(value);
}

TEST(Future, AwaitingAFutureReturnsTheResultOneIterationAfterItIsSet) {
    int got = 0;
    double at = -1;
    auto body = [&]() -> aio::Task<> {
        auto fut = aio::create_future<int>();
        EXPECT_FALSE(fut.done());
        aio::create_task(set_after(fut, 1, 42));
        got = co_await fut;
        at = aio::time();
        EXPECT_TRUE(fut.done());
        EXPECT_FALSE(fut.cancelled());
        EXPECT_EQ(fut.result(), 42);
        EXPECT_EQ(fut.exception(), nullptr);
    };
    aio::run(body());
    EXPECT_EQ(got, 42);
    EXPECT_EQ(at, 1.0);
}

TEST(Future, SettingTwiceOrReadingTooEarlyRaisesInvalidStateError) {
    auto body = []() -> aio::Task<> {
        auto fut = aio::create_future<std::string>();
        EXPECT_THROW(fut.result(), aio::InvalidStateError);
        EXPECT_THROW(fut.exception(), aio::InvalidStateError);
        fut.set_result("a");
        EXPECT_THROW(fut.set_result("b"), aio::InvalidStateError);
        EXPECT_THROW(fut.set_exception(aio::ValueError()), aio::InvalidStateError);
        EXPECT_FALSE(fut.cancel());
        EXPECT_EQ(fut.result(), "a");
        co_return;
    };
    aio::run(body());
}

TEST(Future, AnExceptionSetIsRaisedByTheAwait) {
    bool caught = false;
    auto body = [&]() -> aio::Task<> {
        auto fut = aio::create_future<void>();
        fut.set_exception(aio::ValueError("bad"));
        EXPECT_TRUE(holds<aio::ValueError>(fut.exception()));
        try {
            co_await fut;
        } catch (const aio::ValueError&) {
            caught = true;
        }
    };
    aio::run(body());
    EXPECT_TRUE(caught);
}

TEST(Future, CancelWithAMessageRaisesCancelledErrorWithIt) {
    std::string msg;
    auto body = [&]() -> aio::Task<> {
        auto fut = aio::create_future<int>();
        EXPECT_TRUE(fut.cancel("why"));
        EXPECT_TRUE(fut.cancelled());
        try {
            co_await fut;
        } catch (const aio::CancelledError& e) {
            msg = e.message();
        }
        // A plain future keeps its message for every reader.
        try {
            fut.result();
        } catch (const aio::CancelledError& e) {
            EXPECT_EQ(e.message(), "why");
        }
    };
    aio::run(body());
    EXPECT_EQ(msg, "why");
}

TEST(Future, CancellingTheTaskThatAwaitsAFutureCancelsTheFuture) {
    auto fut = std::optional<aio::Future<int>>();
    std::string msg;
    auto waiter = [](aio::Future<int> f) -> aio::Task<int> { co_return co_await f; };
    auto body = [&]() -> aio::Task<> {
        fut = aio::create_future<int>();
        auto t = aio::create_task(waiter(*fut));
        co_await aio::sleep(1);
        t.cancel("stop");
        co_await aio::sleep(0);
        EXPECT_TRUE(fut->cancelled());
        try {
            co_await t;
        } catch (const aio::CancelledError& e) {
            msg = e.message();
        }
    };
    aio::run(body());
    EXPECT_EQ(msg, "stop");
}

TEST(Future, ACopyIsTheSameFuture) {
    auto body = []() -> aio::Task<> {
        auto a = aio::create_future<int>();
        aio::Future<int> b = a;
        b.set_result(3);
        EXPECT_TRUE(a.done());
        EXPECT_EQ(a.result(), 3);
        co_return;
    };
    aio::run(body());
}

TEST(Sleep, SleepWithAResultReturnsIt) {
    std::string s;
    int n = 0;
    double at = -1;
    auto body = [&]() -> aio::Task<> {
        s = co_await aio::sleep(0.5, std::string("done"));
        n = co_await aio::sleep(0, 7);
        at = aio::time();
    };
    aio::run(body());
    EXPECT_EQ(s, "done");
    EXPECT_EQ(n, 7);
    EXPECT_EQ(at, 0.5);
}

TEST(WaitFor, WaitsForAFutureAndCancelsItOnTimeout) {
    bool timed_out = false, cause_is_cancel = false;
    auto body = [&]() -> aio::Task<> {
        auto fut = aio::create_future<int>();
        try {
            co_await aio::wait_for(fut, 1);
        } catch (const aio::TimeoutError& e) {
            timed_out = true;
            cause_is_cancel = holds<aio::CancelledError>(e.cause());
        }
        EXPECT_TRUE(fut.cancelled());
        EXPECT_EQ(aio::time(), 1.0);
    };
    aio::run(body());
    EXPECT_TRUE(timed_out);
    EXPECT_TRUE(cause_is_cancel);
}

TEST(WaitFor, NoTimeoutAwaitsACoroutineInline) {
    std::string ran_in;
    auto inner = [&]() -> aio::Task<int> {
        ran_in = aio::current_task().name();
        co_await aio::sleep(5);
        co_return 9;
    };
    int got = 0;
    auto body = [&]() -> aio::Task<> { got = co_await aio::wait_for(inner(), std::nullopt); };
    aio::run(body(), {.main_name = "main"});
    EXPECT_EQ(got, 9);
    EXPECT_EQ(ran_in, "main");
}

}  // namespace
