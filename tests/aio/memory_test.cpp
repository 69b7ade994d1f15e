// Frames are freed: finished, failed, cancelled, never started, and abandoned after a deadlock.
// (Run the suite under -DDIRIGENT_SANITIZE=ON for ASan/UBSan/LSan; these tests also count.)
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <memory>

namespace {

using aio_test::Probe;
using Token = std::shared_ptr<int>;

aio::Task<int> finishes(Token, int& live) {
    Probe p(live);
    co_await aio::sleep(1);
    co_return 1;
}

aio::Task<int> fails(Token, int& live) {
    Probe p(live);
    co_await aio::sleep(1);
    throw aio::ValueError("x");
}

aio::Task<int> waits_long(Token, int& live) {
    Probe p(live);
    co_await aio::sleep(100);
    co_return 3;
}

TEST(Memory, FramesOfFinishedFailedAndCancelledTasksAreFreed) {
    auto token = std::make_shared<int>(0);
    int live = 0;
    int live_midway = 0;
    auto main = [&]() -> aio::Task<> {
        auto a = aio::create_task(finishes(token, live));
        auto b = aio::create_task(fails(token, live));
        auto c = aio::create_task(waits_long(token, live));
        co_await aio::sleep(0.5);
        live_midway = live;
        c.cancel();
        co_await aio::sleep(2);
    };
    aio::run(main());
    EXPECT_EQ(live_midway, 3);
    EXPECT_EQ(live, 0);
    EXPECT_EQ(token.use_count(), 1);
}

TEST(Memory, TasksLeftAtTheEndAndNeverStartedAreFreed) {
    auto token = std::make_shared<int>(0);
    int live = 0;
    auto main = [&]() -> aio::Task<> {
        aio::create_task(waits_long(token, live));  // started, cancelled at the end
        co_await aio::sleep(0);
        aio::create_task(waits_long(token, live));  // never started
        co_return;
    };
    aio::run(main());
    EXPECT_EQ(live, 0);
    EXPECT_EQ(token.use_count(), 1);
}

TEST(Memory, AbandonedFramesAreFreedAfterADeadlock) {
    auto token = std::make_shared<int>(0);
    int live = 0;
    aio::Event never;
    // Swallows every cancellation and waits again: the shutdown cannot finish it.
    auto stubborn = [&](Token) -> aio::Task<> {
        Probe p(live);
        for (;;) {
            try {
                co_await never.wait();
            } catch (const aio::CancelledError&) {
            }
        }
    };
    auto main = [&]() -> aio::Task<> {
        auto s = aio::create_task(stubborn(token), "stubborn");
        co_await s;
    };
    EXPECT_THROW(aio::run(main()), aio::DeadlockError);
    EXPECT_EQ(live, 0);
    EXPECT_EQ(token.use_count(), 1);
}

TEST(Memory, ADroppedCoroutineIsFreed) {
    auto token = std::make_shared<int>(0);
    int live = 0;
    auto main = [&]() -> aio::Task<> {
        { auto dropped = finishes(token, live); }
        co_return;
    };
    aio::run(main());
    EXPECT_EQ(token.use_count(), 1);
}

TEST(Memory, GatherChildrenThatOutliveAFailedGatherAreFreed) {
    auto token = std::make_shared<int>(0);
    int live = 0;
    auto main = [&]() -> aio::Task<> {
        try {
            co_await aio::gather(fails(token, live), waits_long(token, live), finishes(token, live));
        } catch (const aio::ValueError&) {
        }
    };
    aio::run(main());
    EXPECT_EQ(live, 0);
    EXPECT_EQ(token.use_count(), 1);
}

TEST(Memory, ManyTasksThroughAQueueLeaveNothingBehind) {
    auto token = std::make_shared<int>(0);
    int live = 0;
    long sum = 0;
    auto main = [&]() -> aio::Task<> {
        aio::Queue<int> q(16);
        auto producer = [&](Token, int base) -> aio::Task<> {
            Probe p(live);
            for (int i = 0; i < 100; ++i) co_await q.put(base + i);
        };
        auto consumer = [&](Token) -> aio::Task<> {
            Probe p(live);
            for (;;) {
                sum += co_await q.get();
                q.task_done();
            }
        };
        std::vector<aio::Task<>> producers, consumers;
        for (int i = 0; i < 10; ++i) producers.push_back(aio::create_task(producer(token, i * 100)));
        for (int i = 0; i < 5; ++i) consumers.push_back(aio::create_task(consumer(token)));
        for (auto& p : producers) co_await p;
        co_await q.join();
        for (auto& c : consumers) c.cancel();
        for (auto& c : consumers) {
            try {
                co_await c;
            } catch (const aio::CancelledError&) {
            }
        }
    };
    aio::run(main());
    EXPECT_EQ(sum, 999L * 1000 / 2);
    EXPECT_EQ(live, 0);
    EXPECT_EQ(token.use_count(), 1);
}

aio::Task<> forever_inline(aio::Event& never, int& live) {
    Probe p(live);
    for (;;) {
        try {
            co_await never.wait();
        } catch (const aio::CancelledError&) {
        }
    }
}

TEST(Memory, AbandonedTasksFreeTheCoroutinesTheyAwaitInline) {
    int live = 0;
    aio::Event never;
    auto stubborn = [&]() -> aio::Task<> {
        Probe p(live);
        co_await forever_inline(never, live);
    };
    auto main = [&]() -> aio::Task<> {
        auto s = aio::create_task(stubborn());
        co_await aio::sleep(1);
        s.cancel();
        co_await s;
    };
    EXPECT_THROW(aio::run(main()), aio::DeadlockError);
    EXPECT_EQ(live, 0);
}

}  // namespace
