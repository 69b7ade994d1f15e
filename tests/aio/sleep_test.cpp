// aio::sleep: sleep(0) is exactly one loop iteration; positive delays move the virtual clock.
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <chrono>

namespace {

TEST(Sleep, ZeroYieldsExactlyOneIteration) {
    std::vector<std::uint64_t> iters;
    double time_after = -1;
    auto main = [&]() -> aio::Task<> {
        iters.push_back(aio_test::iteration());
        co_await aio::sleep(0);
        iters.push_back(aio_test::iteration());
        co_await aio::sleep(0);
        iters.push_back(aio_test::iteration());
        time_after = aio::time();
    };
    aio::run(main());
    EXPECT_EQ(iters, (std::vector<std::uint64_t>{1, 2, 3}));
    EXPECT_EQ(time_after, 0.0);
}

TEST(Sleep, ZeroLetsEveryOtherReadyTaskRunOnce) {
    std::vector<std::string> order;
    auto pinger = [&](std::string name) -> aio::Task<> {
        for (int i = 0; i < 3; ++i) {
            order.push_back(name + std::to_string(i));
            co_await aio::sleep(0);
        }
    };
    auto main = [&]() -> aio::Task<> {
        auto a = aio::create_task(pinger("a"));
        auto b = aio::create_task(pinger("b"));
        co_await a;
        co_await b;
    };
    aio::run(main());
    EXPECT_EQ(order, (std::vector<std::string>{"a0", "b0", "a1", "b1", "a2", "b2"}));
}

TEST(Sleep, NegativeDelayBehavesLikeZero) {
    std::uint64_t before = 0, after = 0;
    auto main = [&]() -> aio::Task<> {
        before = aio_test::iteration();
        co_await aio::sleep(-3);
        after = aio_test::iteration();
    };
    aio::run(main());
    EXPECT_EQ(after, before + 1);
}

TEST(Sleep, SequentialSleepsAddUp) {
    double t = 0;
    auto main = [&]() -> aio::Task<> {
        co_await aio::sleep(0.1);
        co_await aio::sleep(0.2);
        co_await aio::sleep(std::chrono::milliseconds(300));
        t = aio::time();
    };
    aio::run(main());
    EXPECT_EQ(aio::to_ns(t), 600'000'000);
}

TEST(Sleep, ACreatedTaskRunsOnlyAfterTheCreatorYields) {
    std::vector<std::string> order;
    auto child = [&]() -> aio::Task<> {
        order.push_back("child");
        co_return;
    };
    auto main = [&]() -> aio::Task<> {
        auto t = aio::create_task(child());
        order.push_back("main before yield");
        order.push_back("main still before yield");
        co_await aio::sleep(0);
        order.push_back("main after yield");
        co_await t;
    };
    aio::run(main());
    EXPECT_EQ(order, (std::vector<std::string>{"main before yield", "main still before yield", "child",
                                               "main after yield"}));
}

}  // namespace
