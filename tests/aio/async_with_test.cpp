// aio::async_with: `async with lock:` — released at scope end, also when the body throws.
#include "test_support.hpp"

#include <gtest/gtest.h>

namespace {

using aio_test::Journal;

TEST(AsyncWith, ReleasesTheLockAtTheEndOfTheScope) {
    Journal j;
    aio::Lock lock;
    bool inside = false;
    auto main = [&]() -> aio::Task<> {
        {
            auto held = co_await aio::async_with(lock);
            inside = lock.locked();
        }
        j.add(lock.locked() ? "still locked" : "released");
    };
    aio::run(main());
    EXPECT_TRUE(inside);
    EXPECT_EQ(j.lines, (std::vector<std::string>{"released@0"}));
}

TEST(AsyncWith, ReleasesTheSemaphoreWhenTheBodyThrows) {
    aio::Semaphore sem(1);
    bool caught = false;
    auto body = [&]() -> aio::Task<> {
        auto held = co_await aio::async_with(sem);
        co_await aio::sleep(1);
        throw aio::ValueError("inside");
    };
    auto main = [&]() -> aio::Task<> {
        try {
            co_await body();
        } catch (const aio::ValueError&) {
            caught = true;
        }
    };
    aio::run(main());
    EXPECT_TRUE(caught);
    EXPECT_EQ(sem.value(), 1);
    EXPECT_FALSE(sem.locked());
}

TEST(AsyncWith, ReleasesWhenTheBodyIsCancelledAndTheNextWaiterGetsIt) {
    Journal j;
    aio::Lock lock;
    auto user = [&](std::string name, double d) -> aio::Task<> {
        auto held = co_await aio::async_with(lock);
        j.add(name + " in");
        co_await aio::sleep(d);
        j.add(name + " out");
    };
    auto main = [&]() -> aio::Task<> {
        auto a = aio::create_task(user("a", 10));
        auto b = aio::create_task(user("b", 1));
        co_await aio::sleep(2);
        a.cancel();
        try {
            co_await a;
        } catch (const aio::CancelledError&) {
        }
        co_await b;
    };
    aio::run(main());
    EXPECT_EQ(j.lines, (std::vector<std::string>{"a in@0", "b in@2", "b out@3"}));
    EXPECT_FALSE(lock.locked());
}

TEST(AsyncWith, ReleaseEndsTheBlockEarly) {
    aio::Lock lock;
    bool after_release = true;
    auto main = [&]() -> aio::Task<> {
        auto held = co_await aio::async_with(lock);
        held.release();
        after_release = lock.locked();
    };
    aio::run(main());
    EXPECT_FALSE(after_release);
    EXPECT_FALSE(lock.locked());
}

}  // namespace
