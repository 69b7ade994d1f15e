// aio::shield: cancelling the waiter leaves the inner task running.
#include "test_support.hpp"

#include <gtest/gtest.h>

namespace {

using aio_test::Journal;

aio::Task<int> important(Journal& j) {
    try {
        co_await aio::sleep(2);
    } catch (const aio::CancelledError&) {
        j.add("inner cancelled");
        throw;
    }
    j.add("inner done");
    co_return 7;
}

TEST(Shield, ProtectsTheInnerTaskWhenTheWaiterIsCancelled) {
    Journal j;
    aio::Task<int> inner;
    aio::Task<> outer;
    int later = 0;
    auto waiter = [&]() -> aio::Task<> {
        try {
            co_await aio::shield(inner);
            j.add("waiter got the result");
        } catch (const aio::CancelledError&) {
            j.add("waiter cancelled");
            throw;
        }
    };
    auto main = [&]() -> aio::Task<> {
        inner = aio::create_task(important(j));
        outer = aio::create_task(waiter());
        co_await aio::sleep(1);
        outer.cancel();
        try {
            co_await outer;
        } catch (const aio::CancelledError&) {
        }
        later = co_await inner;
    };
    aio::run(main());
    EXPECT_TRUE(outer.cancelled());
    EXPECT_FALSE(inner.cancelled());
    EXPECT_EQ(later, 7);
    EXPECT_EQ(j.lines, (std::vector<std::string>{"waiter cancelled@1", "inner done@2"}));
}

TEST(Shield, PassesTheResultThroughWhenNotCancelled) {
    Journal j;
    int got = 0;
    auto main = [&]() -> aio::Task<> { got = co_await aio::shield(important(j)); };
    aio::run(main());
    EXPECT_EQ(got, 7);
}

TEST(Shield, PassesTheInnerErrorThrough) {
    bool caught = false;
    auto failing = []() -> aio::Task<int> {
        co_await aio::sleep(1);
        throw aio::ValueError("inner failed");
    };
    auto main = [&]() -> aio::Task<> {
        try {
            co_await aio::shield(failing());
        } catch (const aio::ValueError&) {
            caught = true;
        }
    };
    aio::run(main());
    EXPECT_TRUE(caught);
}

}  // namespace
