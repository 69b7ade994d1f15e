// aio::Event: set() wakes every waiter; a cancelled waiter does not block the others.
#include "test_support.hpp"

#include <gtest/gtest.h>

namespace {

using aio_test::Journal;

TEST(Event, SetWakesEveryWaiterInTheSameIteration) {
    Journal j;
    aio::Event ev;
    std::vector<std::uint64_t> iters;
    auto waiter = [&](std::string name) -> aio::Task<> {
        co_await ev.wait();
        iters.push_back(aio_test::iteration());
        j.add(name);
    };
    auto main = [&]() -> aio::Task<> {
        std::vector<aio::Task<>> ts;
        for (std::string n : {"a", "b", "c"}) ts.push_back(aio::create_task(waiter(n)));
        co_await aio::sleep(1);
        ev.set();
        for (auto& t : ts) co_await t;
    };
    aio::run(main());
    EXPECT_EQ(j.lines, (std::vector<std::string>{"a@1", "b@1", "c@1"}));
    ASSERT_EQ(iters.size(), 3u);
    EXPECT_EQ(iters[0], iters[2]);
    EXPECT_TRUE(ev.is_set());
}

TEST(Event, WaitOnASetEventDoesNotSuspendAndClearResetsIt) {
    std::uint64_t before = 0, after = 0;
    bool set_after_clear = true;
    aio::Event ev;
    auto main = [&]() -> aio::Task<> {
        ev.set();
        before = aio_test::iteration();
        co_await ev.wait();
        after = aio_test::iteration();
        ev.clear();
        set_after_clear = ev.is_set();
    };
    aio::run(main());
    EXPECT_EQ(before, after);
    EXPECT_FALSE(set_after_clear);
}

TEST(Event, ACancelledWaiterDoesNotKeepTheOthersFromWaking) {
    Journal j;
    aio::Event ev;
    auto waiter = [&](std::string name) -> aio::Task<> {
        try {
            co_await ev.wait();
        } catch (const aio::CancelledError&) {
            j.add(name + " cancelled");
            throw;
        }
        j.add(name + " woke");
    };
    auto main = [&]() -> aio::Task<> {
        auto w1 = aio::create_task(waiter("w1"));
        auto w2 = aio::create_task(waiter("w2"));
        co_await aio::sleep(1);
        ev.set();
        w1.cancel();
        try {
            co_await w1;
        } catch (const aio::CancelledError&) {
        }
        co_await w2;
    };
    aio::run(main());
    EXPECT_EQ(j.lines, (std::vector<std::string>{"w1 cancelled@1", "w2 woke@1"}));
}

}  // namespace
